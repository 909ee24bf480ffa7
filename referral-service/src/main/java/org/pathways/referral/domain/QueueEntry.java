package org.pathways.referral.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.pathways.contracts.vocab.ReferralState;

/**
 * A referral's metadata as work queues, the Connector's view and pathways show it: ids, organisations, service,
 * state, needs codes, dates, what is due and whether it is overdue, who it is assigned to, and a statutory referral's
 * {@code kind} (MARAC, POLICE, SARC; null for an ordinary referral, ADR 0091). Never sections or free text.
 */
public record QueueEntry(UUID id, UUID pathwayId, UUID partnershipId, UUID subjectId, UUID fromOrganisationId,
        UUID toOrganisationId, UUID toServiceId, List<String> needs, String urgency, ReferralState state, long version,
        UUID parentReferralId, UUID replacesReferralId, Instant createdAt, Instant sentAt, Instant updatedAt, Instant dueAt,
        boolean overdue, String assignedTo, String origin, String selfReference, String kind) {
}
