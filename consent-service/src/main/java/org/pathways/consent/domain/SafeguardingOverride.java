package org.pathways.consent.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.OverrideRefusalReason;
import org.pathways.contracts.vocab.Purpose;

/** Sharing without consent: recorded, justified, and effective only once approved by a second person. */
public record SafeguardingOverride(UUID id, UUID subjectId, UUID partnershipId, UUID organisationId,
                                   OverrideState state, OverrideLegalBasis legalBasis, String justification,
                                   OffsetDateTime validUntil, UUID requestedByUser, OffsetDateTime requestedAt,
                                   UUID approvedByUser, UUID approvedByOrg, OffsetDateTime approvedAt, int version,
                                   List<Recipient> recipients, List<Purpose> purposes,
                                   List<DataCategory> categories, UUID refusedByUser, UUID refusedByOrg,
                                   OffsetDateTime refusedAt, OverrideRefusalReason refusalReason) {
}
