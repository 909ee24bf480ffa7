package org.pathways.platform.security;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who is calling: the user (or partner system, or one of our services), their organisation from the token's
 * {@code org} claim, and their roles. Partnership membership is not in the token: it comes from the directory.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** The subject of the token: a Keycloak user id (or a service account's). */
    public String userId() {
        return jwt.getSubject();
    }

    public Optional<UUID> organisationId() {
        Object org = jwt.getClaim(Roles.ORG_CLAIM);
        if (org == null) return Optional.empty();
        try {
            return Optional.of(UUID.fromString(org.toString()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The caller's organisation; 403 for a token without one (deny by default). */
    public UUID requireOrganisation() {
        return organisationId().orElseThrow(() -> ProblemException.forbidden("Your account is not linked to an organisation."));
    }

    public Set<String> roles() {
        return new TreeSet<>(identity.getRoles());
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public boolean isInternalService() {
        return identity.hasRole(Roles.INTERNAL_SERVICE);
    }
}
