package org.pathways.dashboard.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The current session's CSRF token, for templates ({@code {inject:csrf.token}}) and the filter. */
@ApplicationScoped
public class Csrf {

    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";

    private final CsrfTokens tokens;

    @Inject
    CurrentUser user;

    @Inject
    Csrf(@ConfigProperty(name = "pathways.dashboard.csrf-secret") String secret) {
        this.tokens = new CsrfTokens(secret);
    }

    public String token() {
        return tokens.tokenFor(user.userId(), user.sessionId());
    }

    boolean valid(String presented) {
        return tokens.matches(presented, user.userId(), user.sessionId());
    }
}
