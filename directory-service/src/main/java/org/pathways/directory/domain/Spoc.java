package org.pathways.directory.domain;

import java.util.UUID;

/**
 * A single point of contact: a Keycloak user id, or (when ids are not known, e.g. demo data loaded before Keycloak
 * generated them) the Keycloak username, and/or an organisation mailbox. See ADR 0011.
 */
public record Spoc(UUID userId, String username, String mailbox) {

    public static Spoc of(UUID userId, String username, String mailbox) {
        return userId == null && blank(username) && blank(mailbox) ? null : new Spoc(userId, username, mailbox);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
