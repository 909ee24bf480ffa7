package org.pathways.consent.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A person as consent-service knows her: an opaque id from referral-service and the organisation that registered her. */
public record Subject(UUID id, UUID registeredByOrg, OffsetDateTime registeredAt, OffsetDateTime erasedAt) {

    public boolean erased() {
        return erasedAt != null;
    }
}
