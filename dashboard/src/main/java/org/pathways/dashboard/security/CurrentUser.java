package org.pathways.dashboard.security;

import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.pathways.contracts.vocab.Roles;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is signed in, as the tokens say: roles (realm roles of the access token), organisation ({@code org} claim) and
 * the Keycloak session. Only what the navigation and the CSRF token need; the services decide everything else.
 */
@RequestScoped
public class CurrentUser {

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    public boolean signedIn() {
        return !identity.isAnonymous();
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public String organisationId() {
        Object org = idToken.getClaim(Roles.ORG_CLAIM);
        return org == null ? "" : org.toString();
    }

    public String userId() {
        return idToken.getSubject();
    }

    /** The staff member's login name (not about her: shown in the header). */
    public String username() {
        String u = idToken.getClaim("preferred_username");
        return u == null ? "" : u;
    }

    /** Keycloak's session id: stable across token refreshes, new at every sign-in (the CSRF token is bound to it). */
    public String sessionId() {
        Object sid = idToken.getClaim("sid");
        return sid == null ? "" : sid.toString();
    }
}
