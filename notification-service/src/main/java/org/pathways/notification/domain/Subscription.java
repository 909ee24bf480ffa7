package org.pathways.notification.domain;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A partner system's webhook subscription. The secret is shown once, at creation, and never again. */
public record Subscription(UUID id, UUID organisationId, String url, String secret, List<String> eventTypes,
        boolean active, String disabledReason, OffsetDateTime createdAt, OffsetDateTime updatedAt, int version) {
}
