package org.pathways.platform.rest;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * A JSON body is scanned as tokens before it is read into anything (records, trees, maps alike): a string or key with
 * a control character is refused with a 400 naming the field (ADR 0005). Bodies are bounded (512 KiB), so buffering
 * them once more is cheap.
 */
@Provider
public class StrictJsonStrings implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (!StrictInput.isJson(context.getMediaType())) return context.proceed();
        byte[] body = context.getInputStream().readAllBytes();
        String field = StrictInput.controlCharacterIn(body);
        if (field != null) throw new ProblemException(StrictInput.controlCharacterProblem(field));
        context.setInputStream(new ByteArrayInputStream(body));
        return context.proceed();
    }
}
