package org.pathways.dashboard.security;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.quarkus.qute.Template;
import io.quarkus.qute.Location;

/**
 * Every state-changing request (anything but GET, HEAD, OPTIONS) must carry the session's CSRF token, as the form field
 * {@code csrf} (plain forms, JavaScript off) or the {@code X-CSRF-Token} header (htmx requests). Otherwise 403 and
 * nothing is called. quarkus-rest-csrf is not served for 3.34.1 (ADR 0051).
 */
public class CsrfFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Csrf csrf;

    @Inject
    @Location("error.html")
    Template error;

    @ServerRequestFilter
    @WithFormRead
    public Optional<Response> check(ContainerRequestContext ctx) {
        if (SAFE.contains(ctx.getMethod())) return Optional.empty();
        String presented = ctx.getHeaderString(Csrf.HEADER);
        if (presented == null && ctx instanceof ResteasyReactiveContainerRequestContext rr) {
            Object v = ((ResteasyReactiveRequestContext) rr.getServerRequestContext()).getFormParameter(Csrf.FIELD, true, false);
            presented = v == null ? null : v.toString();
        }
        if (csrf.valid(presented)) return Optional.empty();
        return Optional.of(Response.status(Response.Status.FORBIDDEN).type("text/html;charset=UTF-8")
                .entity(error.data("heading", "This form has expired").data("message",
                        "Go back, reload the page and try again.").data("status", 403).render()).build());
    }
}
