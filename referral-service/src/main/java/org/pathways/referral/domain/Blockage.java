package org.pathways.referral.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One item of the partnership's system blockage log (issue 16 item 6, ADR 0071): what blocked a referral or a need,
 * by code, and its review. Ids and codes only - no subject, no referral id.
 */
public record Blockage(UUID id, UUID partnershipId, Source source, String reasonCode, UUID serviceId, UUID organisationId,
        List<String> needCodes, UUID raisedOrganisationId, Instant raisedAt, Status status, String ownerUserId, Outcome outcome,
        long version, Instant updatedAt, String updatedBy) {

    public enum Source { DECLINED, NOT_COMPLETED, NO_SERVICE_FOUND, ESCALATED, DECLINE_CHALLENGED }

    public enum Status { OPEN, UNDER_REVIEW, RESOLVED, CLOSED }

    /** What the review found; reported back to the organisation that raised it. */
    public enum Outcome {
        /** The service or the partnership changed how it works (a criterion, a pathway, a form). */
        PROCESS_CHANGED,
        /** Capacity was added or moved. */
        CAPACITY_ADDED,
        /** A gap no member fills: taken to commissioners or the board. */
        SERVICE_GAP_ESCALATED,
        /** The decision was right: nothing to change. */
        NO_CHANGE_NEEDED,
        /** Already logged under another item. */
        DUPLICATE,
        OTHER
    }

    /** A refused status change: HTTP status, problem slug, field (or null), message. */
    public record Refusal(int status, String slug, String field, String message) {
    }

    /**
     * Whether the item may move to {@code to} with {@code outcome}: OPEN -> UNDER_REVIEW or CLOSED; UNDER_REVIEW ->
     * RESOLVED or CLOSED (back to OPEN allowed, to hand it on); RESOLVED and CLOSED are final. RESOLVED and CLOSED need an
     * outcome, the others take none.
     */
    public static Optional<Refusal> change(Status from, Status to, Outcome outcome) {
        boolean allowed = switch (from) {
            case OPEN -> to == Status.UNDER_REVIEW || to == Status.CLOSED;
            case UNDER_REVIEW -> to == Status.RESOLVED || to == Status.CLOSED || to == Status.OPEN;
            case RESOLVED, CLOSED -> false;
        };
        if (!allowed) return Optional.of(new Refusal(409, "illegal-transition", "status", "A " + from + " item cannot move to " + to + "."));
        boolean ends = to == Status.RESOLVED || to == Status.CLOSED;
        if (ends && outcome == null) return Optional.of(new Refusal(422, "outcome-required", "outcome", "Say what the review found."));
        if (!ends && outcome != null) return Optional.of(new Refusal(422, "outcome-not-allowed", "outcome",
                "An outcome is recorded when the item is resolved or closed."));
        return Optional.empty();
    }
}
