package org.pathways.platform.rest;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Strict input before any handler runs (ADR 0005), for every operation of every service:
 * <ul>
 * <li>no C0 control character (NUL and the like; tab, CR and LF are allowed) in a query parameter, a path parameter, a
 * header value or any string (or key) of a JSON body: 400 naming the parameter, header or JSON field. PostgreSQL text
 * cannot hold NUL (it was a 500), and no free text about her needs the others;</li>
 * <li>an operation that takes a body takes JSON: a body without a Content-Type, or of another one, is 415.</li>
 * </ul>
 * Problems name what was wrong, never the value sent. JSON bodies are scanned by {@link StrictJsonStrings}.
 */
public class StrictInput {

    private static final JsonFactory SCANNER = new JsonFactory();
    private static final Map<Method, Boolean> TAKES_BODY = new ConcurrentHashMap<>();

    /** True if the text holds a C0 control character other than tab, CR and LF. */
    public static boolean hasControlCharacter(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
        }
        return false;
    }

    @ServerRequestFilter
    public Response checkRequest(ContainerRequestContext request, ResourceInfo resource) {
        String where = controlCharacterIn(request);
        if (where != null) {
            return ProblemMappers.respond(controlCharacterProblem(where), request.getUriInfo());
        }
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method != null && takesBody(method) && hasBody(request) && !isJson(request.getMediaType())) {
            return ProblemMappers.respond(Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                    request.getMediaType() == null ? "The request has a body but no Content-Type: send application/json."
                            : "Send JSON (application/json)."), request.getUriInfo());
        }
        return null;
    }

    static Problem controlCharacterProblem(String where) {
        return Problem.of(400, "control-character", "Invalid characters",
                "A value holds a control character (such as NUL); nothing was changed.")
                .withErrors(List.of(new Problem.FieldError(where, "must not contain control characters")));
    }

    private static String controlCharacterIn(ContainerRequestContext request) {
        MultivaluedMap<String, String> query;
        try {
            query = request.getUriInfo().getQueryParameters();
        } catch (IllegalArgumentException e) {
            return "(query)"; // undecodable percent-encoding
        }
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (hasControlCharacter(e.getKey())) return "(query parameter name)";
            for (String v : e.getValue()) if (hasControlCharacter(v)) return e.getKey();
        }
        for (Map.Entry<String, List<String>> e : request.getUriInfo().getPathParameters().entrySet()) {
            for (String v : e.getValue()) if (hasControlCharacter(v)) return e.getKey();
        }
        for (Map.Entry<String, List<String>> e : request.getHeaders().entrySet()) {
            for (String v : e.getValue()) if (v != null && hasControlCharacter(v)) return e.getKey();
        }
        return null;
    }

    /** The JSON path of the first string or key holding a control character, or null (also for JSON that is not). */
    static String controlCharacterIn(byte[] body) {
        try (JsonParser p = SCANNER.createParser(body)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && hasControlCharacter(p.currentName())) {
                    String parent = path(p.getParsingContext().getParent());
                    return parent.isEmpty() ? "(a field name)" : parent + ".(a field name)";
                }
                if (t == JsonToken.VALUE_STRING && hasControlCharacter(p.getText())) {
                    String path = path(p.getParsingContext());
                    return path.isEmpty() ? "(body)" : path;
                }
            }
        } catch (JsonProcessingException e) {
            return null; // not JSON: the real reader says so, as malformed JSON
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Dotted names with [index] for arrays, as the problem mappers name fields. */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject()) parts.push("." + (c.getCurrentName() == null ? "?" : c.getCurrentName()));
            else if (c.inArray()) parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    private static boolean hasBody(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                return Long.parseLong(length.trim()) > 0;
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return request.getHeaderString("Transfer-Encoding") != null;
    }

    static boolean isJson(MediaType type) {
        return type != null && ("application".equals(type.getType()) || "*".equals(type.getType()))
                && ("json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json"));
    }

    /** A parameter that is none of path, query, header, cookie, form, bean or context is the body. */
    private static boolean takesBody(Method method) {
        return TAKES_BODY.computeIfAbsent(method, m -> {
            for (Parameter p : m.getParameters()) {
                if (!isInjected(p)) return true;
            }
            return false;
        });
    }

    private static boolean isInjected(Parameter p) {
        for (Annotation a : p.getAnnotations()) {
            String name = a.annotationType().getName();
            if (name.startsWith("jakarta.ws.rs.") && !name.equals("jakarta.ws.rs.Encoded")) return true;
            if (name.startsWith("org.jboss.resteasy.reactive.Rest")) return true;
        }
        String type = p.getType().getName();
        return type.startsWith("jakarta.ws.rs.") || type.startsWith("io.vertx.") || type.startsWith("org.jboss.resteasy.reactive.")
                || type.startsWith("io.quarkus.") || type.startsWith("java.security.Principal");
    }
}
