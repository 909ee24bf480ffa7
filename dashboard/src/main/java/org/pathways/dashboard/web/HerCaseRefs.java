package org.pathways.dashboard.web;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.dashboard.security.CaseRefs;
import org.pathways.dashboard.security.CurrentUser;

/** Her case reference in this sign-in's URLs ({@link CaseRefs}, ADR 0052): sealed for, and opened only by, the signed-in user. */
@ApplicationScoped
public class HerCaseRefs {

    @Inject
    CurrentUser user;

    private final CaseRefs refs;

    @Inject
    HerCaseRefs(@ConfigProperty(name = "pathways.dashboard.case-ref-secret") String secret) {
        this.refs = new CaseRefs(secret);
    }

    /** Her subject id, or empty for a reference that is not this user's in this sign-in (the page answers 404). */
    Optional<String> open(String ref) {
        return refs.open(ref, user.userId(), user.sessionId()).map(UUID::toString);
    }

    String seal(String subjectId) {
        return seal(UUID.fromString(subjectId));
    }

    String seal(UUID subjectId) {
        return refs.seal(subjectId, user.userId(), user.sessionId());
    }
}
