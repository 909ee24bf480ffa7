package org.pathways.platform.rest;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP edge of every service, below JAX-RS, so it covers every answer (Quarkus's own too):
 * <ul>
 * <li>protective headers on every response (ADR 0006): {@code Cache-Control: no-store}, {@code X-Content-Type-Options:
 * nosniff}, {@code Referrer-Policy: no-referrer}, {@code X-Frame-Options: DENY} and a Content-Security-Policy — for
 * HTML pages one that allows no script, no framing and nothing from elsewhere;</li>
 * <li>a request line, headers or a declared body over the limits is answered 414, 431 or 413 with a problem+json
 * body (ADR 0005), checked here rather than by Netty or Quarkus, which answer with an empty body. The Netty limits
 * are set higher ({@code quarkus.http.limits.*}) so these checks see the request first;</li>
 * <li>any other 4xx failure raised below JAX-RS leaves as problem+json too.</li>
 * </ul>
 */
@ApplicationScoped
public class HttpEdge {

    /** Her pages hold only markup and one inline style block: no script, no framing, nothing from elsewhere. */
    public static final String PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Anything that is not a page (JSON, CSV, files) renders nothing and may not be framed. */
    public static final String NON_PAGE_POLICY = "default-src 'none'; frame-ancestors 'none'";
    /** Swagger UI's page needs its own inline script: it gets frame protection only. */
    public static final String SWAGGER_POLICY = "frame-ancestors 'none'";

    private static final int DRAIN_FACTOR = 8;
    private static final int ORDER = -100; // before Quarkus's body-size check (-2) and every application route

    @Inject
    ObjectMapper mapper;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    @ConfigProperty(name = "pathways.http.max-uri-length", defaultValue = "4096")
    int maxUriLength;

    @ConfigProperty(name = "pathways.http.max-header-size", defaultValue = "20K")
    MemorySize maxHeaderSize;

    @ConfigProperty(name = "quarkus.swagger-ui.path", defaultValue = "/q/swagger-ui")
    String swaggerPath;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::edge);
        router.route().order(ORDER).failureHandler(this::failure);
    }

    void edge(RoutingContext ctx) {
        ctx.addHeadersEndHandler(v -> protect(ctx));
        HttpServerRequest request = ctx.request();
        if (request.uri().length() > maxUriLength) {
            problem(ctx, 414, "uri-too-long", "URI Too Long", "The request's URL is longer than " + maxUriLength + " characters.");
            return;
        }
        if (headerSize(request.headers()) > maxHeaderSize.asLongValue()) {
            problem(ctx, 431, "headers-too-large", "Request Header Fields Too Large", "The request's headers are too large.");
            return;
        }
        String length = request.getHeader("Content-Length");
        if (length != null && maxBodySize.isPresent()) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                problem(ctx, 400, "bad-request", "Bad Request", "The Content-Length header is not a number.");
                return;
            }
            long limit = maxBodySize.get().asLongValue();
            if (declared > limit) {
                // The answer goes at once; the body is read and dropped so that the client, still sending, gets to
                // read it (a client that does not wait for 100-continue would otherwise see a reset). A body far
                // beyond the limit is not drained: the connection is closed.
                if (declared > DRAIN_FACTOR * limit) {
                    ctx.response().putHeader("Connection", "close");
                } else {
                    request.handler(chunk -> { });
                    request.resume();
                }
                problem(ctx, 413, "payload-too-large", "Payload Too Large",
                        "The request body is larger than " + limit / 1024 + " KiB.");
                return;
            }
        }
        ctx.next();
    }

    void failure(RoutingContext ctx) {
        int status = ctx.statusCode();
        if (status >= 400 && status < 500 && !ctx.response().headWritten()) {
            String reason = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
            problem(ctx, status, reason.toLowerCase().replaceAll("[^a-z]+", "-"), reason, "The request could not be handled.");
            return;
        }
        ctx.next();
    }

    private void protect(RoutingContext ctx) {
        MultiMap h = ctx.response().headers();
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        String type = h.get("Content-Type");
        String path = ctx.request().path();
        String policy;
        if (path != null && path.startsWith(swaggerPath)) policy = SWAGGER_POLICY;
        else if (type != null && type.toLowerCase().startsWith("text/html")) policy = PAGE_POLICY;
        else policy = NON_PAGE_POLICY;
        h.set("Content-Security-Policy", policy);
    }

    private void problem(RoutingContext ctx, int status, String slug, String title, String detail) {
        String path = ctx.request().path();
        Problem p = Problem.of(status, slug, title, detail);
        if (path != null && path.length() <= 256 && !StrictInput.hasControlCharacter(path)) p = p.withInstance(path);
        String body;
        try {
            body = mapper.writeValueAsString(p);
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + status + "}";
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }

    private static long headerSize(MultiMap headers) {
        long size = 0;
        for (Map.Entry<String, String> e : headers) size += e.getKey().length() + e.getValue().length() + 4;
        return size;
    }
}
