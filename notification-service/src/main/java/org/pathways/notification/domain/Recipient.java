package org.pathways.notification.domain;

import java.util.UUID;

/** Who a notification is for: a user (Keycloak user id) or an organisation's mailbox (organisation id). */
public record Recipient(Kind kind, UUID id) {

    public enum Kind { USER, ORG }

    public static Recipient user(UUID id) {
        return new Recipient(Kind.USER, id);
    }

    public static Recipient mailbox(UUID organisationId) {
        return new Recipient(Kind.ORG, organisationId);
    }
}
