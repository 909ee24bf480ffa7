package org.pathways.notification.repository;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** Stream tickets by hash; taking one deletes it (single use), and expired ones are purged as they are met. */
@ApplicationScoped
public class TicketRepository {

    public record Ticket(UUID userId, UUID organisationId, boolean mailbox) {
    }

    @Inject
    Jdbc jdbc;

    public void insert(String hash, Ticket t, OffsetDateTime expiresAt) {
        jdbc.update("insert into stream_ticket (ticket_hash, user_id, organisation_id, mailbox, expires_at) values (?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, hash);
            ps.setObject(2, t.userId());
            ps.setObject(3, t.organisationId());
            ps.setBoolean(4, t.mailbox());
            ps.setObject(5, expiresAt);
        });
    }

    public Optional<Ticket> take(String hash) {
        jdbc.update("delete from stream_ticket where expires_at < now() - interval '1 hour'", ps -> { });
        return jdbc.query("delete from stream_ticket where ticket_hash = ? returning user_id, organisation_id, mailbox, expires_at > now() as valid",
                ps -> ps.setString(1, hash),
                rs -> rs.getBoolean("valid") ? new Ticket(Jdbc.uuid(rs, "user_id"), Jdbc.uuid(rs, "organisation_id"), rs.getBoolean("mailbox")) : null)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }
}
