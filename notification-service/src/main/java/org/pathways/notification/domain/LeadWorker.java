package org.pathways.notification.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Her lead worker at the organisation that registered her, as last heard from referral-service (ADR 0049):
 * {@code version} is the subject's version (registration 0, each handover one more), {@code changedAt} when it took
 * effect. {@code userId} is null once she is erased.
 */
public record LeadWorker(UUID subjectId, UUID organisationId, UUID userId, long version, OffsetDateTime changedAt) {

    /** Whether her case was handed over (at her registering organisation) after {@code since}; null counts as before. */
    public boolean handedOverAfter(UUID organisation, OffsetDateTime since) {
        return userId != null && version > 0 && organisationId.equals(organisation)
                && (since == null || changedAt.isAfter(since));
    }
}
