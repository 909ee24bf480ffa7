package org.pathways.consent.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A consent record: one subject, one partnership; its content lives in its versions. */
public record Consent(UUID id, UUID subjectId, UUID partnershipId, int currentVersion, OffsetDateTime createdAt) {
}
