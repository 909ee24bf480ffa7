package org.pathways.notification.domain;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One inbox entry: ids, a kind, a state and a reason code; the text is built from these only. */
public record Notification(UUID id, Recipient recipient, String kind, String eventId, String eventType,
        String aggregateId, UUID referralId, String state, String reasonCode, OffsetDateTime createdAt,
        OffsetDateTime readAt) {
}
