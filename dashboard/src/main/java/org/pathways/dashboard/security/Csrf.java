package org.pathways.dashboard.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/** The current session's CSRF token, for templates ({@code {inject:page.csrf}}), the filter and form methods. */
@ApplicationScoped
public class Csrf {

    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";

    private final CsrfTokens tokens;

    @Inject
    CurrentUser user;

    @Inject
    @Location("error.html")
    Template error;

    @Inject
    Csrf(@ConfigProperty(name = "pathways.dashboard.csrf-secret") String secret) {
        this.tokens = new CsrfTokens(secret);
    }

    public String token() {
        return tokens.tokenFor(user.userId(), user.sessionId());
    }

    public boolean valid(String presented) {
        return tokens.matches(presented, user.userId(), user.sessionId());
    }

    /** For a {@link CsrfForm} method: null when the form's token is right, else the 403 page to answer with. */
    public Response refusal(String presented) {
        return valid(presented) ? null : refused();
    }

    Response refused() {
        return Response.status(Response.Status.FORBIDDEN).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(error.data("heading", "This form has expired").data("message",
                        "Go back, reload the page and try again.").data("status", 403).render()).build();
    }
}
