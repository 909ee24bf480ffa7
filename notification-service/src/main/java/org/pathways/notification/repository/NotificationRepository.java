package org.pathways.notification.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.notification.domain.Notification;
import org.pathways.notification.domain.Recipient;
import org.pathways.platform.repository.Jdbc;

@ApplicationScoped
public class NotificationRepository {

    @Inject
    Jdbc jdbc;

    /** Inserts unless this recipient already has this event (a duplicate delivery); returns whether it inserted. */
    public boolean insert(Notification n) {
        return jdbc.update("""
                insert into notification (id, recipient_kind, recipient_id, kind, event_id, event_type, aggregate_id,
                    referral_id, state, reason_code, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", ps -> {
            ps.setObject(1, n.id());
            ps.setString(2, n.recipient().kind().name());
            ps.setObject(3, n.recipient().id());
            ps.setString(4, n.kind());
            ps.setString(5, n.eventId());
            ps.setString(6, n.eventType());
            ps.setString(7, n.aggregateId());
            ps.setObject(8, n.referralId());
            ps.setString(9, n.state());
            ps.setString(10, n.reasonCode());
            ps.setObject(11, n.createdAt());
        }) == 1;
    }

    /** The boxes a caller reads: her own, and her organisation's mailbox when she may (orgId non-null). */
    private static String where(UUID orgId) {
        return orgId == null ? "(recipient_kind = 'USER' and recipient_id = ?)"
                : "((recipient_kind = 'USER' and recipient_id = ?) or (recipient_kind = 'ORG' and recipient_id = ?))";
    }

    private static int bind(java.sql.PreparedStatement ps, UUID userId, UUID orgId) throws SQLException {
        ps.setObject(1, userId);
        if (orgId == null) return 2;
        ps.setObject(2, orgId);
        return 3;
    }

    /**
     * Her boxes as listed and counted: each event once (ADR 0049). A mailbox entry is left out where she has her own
     * entry for the same event (the SPOC who also reads the mailbox); the mailbox entry stays for everyone else.
     */
    private static String listed(UUID orgId) {
        return orgId == null ? where(null)
                : "((recipient_kind = 'USER' and recipient_id = ?) or (recipient_kind = 'ORG' and recipient_id = ? and not exists ("
                        + "select 1 from notification mine where mine.event_id = notification.event_id"
                        + " and mine.recipient_kind = 'USER' and mine.recipient_id = ?)))";
    }

    private static int bindListed(java.sql.PreparedStatement ps, UUID userId, UUID orgId) throws SQLException {
        int i = bind(ps, userId, orgId);
        if (orgId == null) return i;
        ps.setObject(i, userId);
        return i + 1;
    }

    public List<Notification> page(UUID userId, UUID orgId, boolean unreadOnly, int offset, int limit) {
        return jdbc.query("select * from notification where " + listed(orgId) + (unreadOnly ? " and read_at is null" : "")
                + " order by created_at desc, id limit ? offset ?", ps -> {
                    int i = bindListed(ps, userId, orgId);
                    ps.setInt(i, limit);
                    ps.setInt(i + 1, offset);
                }, NotificationRepository::map);
    }

    public long count(UUID userId, UUID orgId, boolean unreadOnly) {
        return jdbc.query("select count(*) from notification where " + listed(orgId) + (unreadOnly ? " and read_at is null" : ""),
                ps -> bindListed(ps, userId, orgId), rs -> rs.getLong(1)).get(0);
    }

    public Optional<Notification> findVisible(UUID id, UUID userId, UUID orgId) {
        return jdbc.query("select * from notification where id = ? and " + where(orgId), ps -> {
            ps.setObject(1, id);
            ps.setObject(2, userId);
            if (orgId != null) ps.setObject(3, orgId);
        }, NotificationRepository::map).stream().findFirst();
    }

    public Optional<Notification> find(UUID id) {
        return jdbc.query("select * from notification where id = ?", ps -> ps.setObject(1, id), NotificationRepository::map)
                .stream().findFirst();
    }

    public void markRead(UUID id, OffsetDateTime at) {
        jdbc.update("update notification set read_at = coalesce(read_at, ?) where id = ?", ps -> {
            ps.setObject(1, at);
            ps.setObject(2, id);
        });
    }

    public List<Notification> byEvent(String eventId) {
        return jdbc.query("select * from notification where event_id = ? order by recipient_kind, recipient_id",
                ps -> ps.setString(1, eventId), NotificationRepository::map);
    }

    static Notification map(ResultSet rs) throws SQLException {
        return new Notification(Jdbc.uuid(rs, "id"),
                new Recipient(Recipient.Kind.valueOf(rs.getString("recipient_kind")), Jdbc.uuid(rs, "recipient_id")),
                rs.getString("kind"), rs.getString("event_id"), rs.getString("event_type"), rs.getString("aggregate_id"),
                Jdbc.uuid(rs, "referral_id"), rs.getString("state"), rs.getString("reason_code"),
                Jdbc.time(rs, "created_at"), Jdbc.time(rs, "read_at"));
    }
}
