package org.pathways.referral.domain;

import java.time.Instant;
import java.util.UUID;

/** A person known to the partnership: an opaque random id, owned by one organisation, with a lead worker. */
public record Subject(UUID id, UUID organisationId, String leadWorkerId, boolean restricted, long version,
        String registeredBy, Instant registeredAt, Instant updatedAt) {
}
