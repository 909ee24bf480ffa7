package org.pathways.referral.domain;

import java.time.Instant;
import java.util.UUID;

/** A request to erase one person's data: PENDING until a privacy officer approves (COMPLETED) or rejects it. */
public record ErasureRequest(UUID id, UUID subjectId, UUID organisationId, ErasureReason reason, String state,
        String requestedBy, Instant requestedAt, String decidedBy, Instant decidedAt) {

    public static final String PENDING = "PENDING";
    public static final String COMPLETED = "COMPLETED";
    public static final String REJECTED = "REJECTED";
}
