package org.pathways.directory.domain;

import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A single point of contact: a Keycloak user id, or (when ids are not known, e.g. demo data loaded before Keycloak
 * generated them) the Keycloak username, and/or an organisation mailbox. See ADR 0011. Embedded in both
 * {@link DirectoryService} and {@link Organisation} (the fallback), in the same {@code spoc_*} columns of each table;
 * Hibernate loads it as null when all three are null, so "no SPOC" is simply {@code spoc == null}.
 */
@Embeddable
public class Spoc {

    @Column(name = "spoc_user_id")
    public UUID userId;
    @Column(name = "spoc_username")
    public String username;
    @Column(name = "spoc_mailbox")
    public String mailbox;

    protected Spoc() {
        // for Hibernate
    }

    private Spoc(UUID userId, String username, String mailbox) {
        this.userId = userId;
        this.username = username;
        this.mailbox = mailbox;
    }

    /** A SPOC, or null when none of the parts is given (blank parts count as absent). */
    public static Spoc of(UUID userId, String username, String mailbox) {
        String u = blank(username) ? null : username.trim();
        String m = blank(mailbox) ? null : mailbox.trim();
        return userId == null && u == null && m == null ? null : new Spoc(userId, u, m);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spoc other && Objects.equals(userId, other.userId) && Objects.equals(username, other.username)
                && Objects.equals(mailbox, other.mailbox);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, username, mailbox);
    }
}
