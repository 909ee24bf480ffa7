package org.pathways.consent.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.pathways.contracts.vocab.DataCategory;

/** A recorded withdrawal: whole, or partial (one recipient and/or one category). */
public record Withdrawal(UUID id, UUID consentId, int fromVersion, Integer resultingVersion, String scope,
                         Recipient recipient, DataCategory category, ObtainedMethod method, UUID withdrawnByUser,
                         UUID withdrawnByOrg, OffsetDateTime withdrawnAt) {
}
