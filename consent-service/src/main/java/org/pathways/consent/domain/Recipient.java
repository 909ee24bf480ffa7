package org.pathways.consent.domain;

import java.util.UUID;

/** One named recipient of a provision or override. */
public record Recipient(RecipientType type, UUID id) {
}
