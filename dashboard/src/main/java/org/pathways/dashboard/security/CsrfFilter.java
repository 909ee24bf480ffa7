package org.pathways.dashboard.security;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every state-changing request (anything but GET, HEAD, OPTIONS) must carry the session's CSRF token (ADR 0051):
 * htmx requests in the {@code X-CSRF-Token} header, checked here; plain forms (JavaScript off) in the field
 * {@code csrf}, checked by the resource method, which must be marked {@link CsrfForm}. Anything else: 403 before any
 * resource method runs. quarkus-rest-csrf is not served for 3.34.1.
 */
public class CsrfFilter {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    Csrf csrf;

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext ctx, ResourceInfo resource) {
        if (SAFE.contains(ctx.getMethod())) return Optional.empty();
        String header = ctx.getHeaderString(Csrf.HEADER);
        if (header != null) return csrf.valid(header) ? Optional.empty() : Optional.of(csrf.refused());
        boolean formChecksItself = resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(CsrfForm.class);
        return formChecksItself ? Optional.empty() : Optional.of(csrf.refused());
    }
}
