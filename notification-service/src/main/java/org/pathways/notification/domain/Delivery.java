package org.pathways.notification.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One event for one subscription; delivered in {@code seq} order per {@code orderKey} (the referral id). {@code traceParent},
 * {@code traceState}: the W3C trace context of the event that caused it, which its sending continues (ADR 0077); null
 * outside a trace.
 */
public record Delivery(UUID id, long seq, UUID subscriptionId, String eventId, String eventType, String orderKey,
        String payload, String status, int attempts, OffsetDateTime createdAt, OffsetDateTime nextAttemptAt,
        OffsetDateTime giveUpAt, OffsetDateTime deliveredAt, Integer lastStatus, String lastError,
        String traceParent, String traceState) {
}
