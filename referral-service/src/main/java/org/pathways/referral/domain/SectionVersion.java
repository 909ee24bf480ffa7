package org.pathways.referral.domain;

import java.time.Instant;
import java.util.UUID;

import org.pathways.contracts.vocab.DataCategory;

/** One stored version of one case-summary section (content still encrypted). */
public record SectionVersion(UUID subjectId, DataCategory category, int version, byte[] ciphertext, String authorId,
        UUID authorOrganisationId, Instant createdAt) {
}
