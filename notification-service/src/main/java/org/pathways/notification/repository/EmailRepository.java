package org.pathways.notification.repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.notification.messaging.EventTraces;
import org.pathways.platform.repository.Jdbc;
import org.pathways.platform.tracing.TraceContext;

/** E-mail opt-in per user and the e-mail queue (sent after commit by {@code EmailWorker}). */
@ApplicationScoped
public class EmailRepository {

    /**
     * For a user ({@code userId}) or an organisation's mailbox ({@code organisationId}); exactly one is set. The trace
     * context is that of the event that caused it (null outside a trace).
     */
    public record Pending(long id, UUID notificationId, UUID userId, UUID organisationId, int attempts, String traceParent,
            String traceState) {
    }

    @Inject
    Jdbc jdbc;

    public boolean optedIn(UUID userId) {
        return !jdbc.query("select 1 from email_preference where user_id = ? and enabled", ps -> ps.setObject(1, userId),
                rs -> 1).isEmpty();
    }

    public void setPreference(UUID userId, boolean enabled) {
        jdbc.update("""
                insert into email_preference (user_id, enabled) values (?, ?)
                on conflict (user_id) do update set enabled = excluded.enabled, updated_at = now()""", ps -> {
            ps.setObject(1, userId);
            ps.setBoolean(2, enabled);
        });
    }

    /** An e-mail to the user, sent in the trace of the event being applied ({@code eventId}; ADR 0077). */
    public void enqueue(UUID notificationId, UUID userId, String eventId) {
        insert("user_id", notificationId, userId, eventId);
    }

    /** An e-mail to the organisation's mailbox; its address is looked up in the directory when it goes. */
    public void enqueueMailbox(UUID notificationId, UUID organisationId, String eventId) {
        insert("organisation_id", notificationId, organisationId, eventId);
    }

    private void insert(String recipientColumn, UUID notificationId, UUID recipient, String eventId) {
        TraceContext trace = EventTraces.of(eventId);
        jdbc.update("insert into email_outbox (notification_id, " + recipientColumn + ", trace_parent, trace_state) values (?, ?, ?, ?)",
                ps -> {
                    ps.setObject(1, notificationId);
                    ps.setObject(2, recipient);
                    ps.setString(3, trace == null ? null : trace.traceparent());
                    ps.setString(4, trace == null ? null : trace.tracestate());
                });
    }

    /** Claims due e-mails (skip locked: several instances never send the same one at once). */
    public List<Pending> claimDue(int limit) {
        return jdbc.query("""
                select id, notification_id, user_id, organisation_id, attempts, trace_parent, trace_state from email_outbox
                where status = 'PENDING' and next_attempt_at <= now() order by id limit ? for update skip locked""",
                ps -> ps.setInt(1, limit), EmailRepository::pending);
    }

    /**
     * Serialises the e-mails of one event across replicas (ADR 0049, 0081): false if another replica is deciding them right
     * now. Two replicas could otherwise each send one of an event's e-mails to the same address (a SPOC whose address is
     * also the mailbox's), neither seeing the other's uncommitted SENT. Held to the end of the caller's transaction.
     */
    public boolean tryLockEventOf(UUID notificationId) {
        List<String> event = jdbc.query("select event_id from notification where id = ?", ps -> ps.setObject(1, notificationId),
                rs -> rs.getString(1));
        return event.isEmpty() || jdbc.tryAdvisoryLock(eventLockKey(event.get(0)));
    }

    /** The advisory lock naming one event's e-mails (a collision only makes two events wait for each other). */
    public static long eventLockKey(String eventId) {
        return UUID.nameUUIDFromBytes(("pathways-email-event:" + eventId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .getMostSignificantBits();
    }

    /** The e-mails already sent for the same event as this notification (to send each address one e-mail per event). */
    public List<Pending> sentForSameEvent(UUID notificationId, long exceptId) {
        return jdbc.query("""
                select o.id, o.notification_id, o.user_id, o.organisation_id, o.attempts, o.trace_parent, o.trace_state
                from email_outbox o
                join notification n on n.id = o.notification_id
                where n.event_id = (select event_id from notification where id = ?) and o.status = 'SENT' and o.id <> ?""",
                ps -> {
                    ps.setObject(1, notificationId);
                    ps.setLong(2, exceptId);
                }, EmailRepository::pending);
    }

    private static Pending pending(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Pending(rs.getLong("id"), Jdbc.uuid(rs, "notification_id"), Jdbc.uuid(rs, "user_id"),
                Jdbc.uuid(rs, "organisation_id"), rs.getInt("attempts"), rs.getString("trace_parent"), rs.getString("trace_state"));
    }

    public void finish(long id, String status) {
        jdbc.update("update email_outbox set status = ?, sent_at = now(), attempts = attempts + 1 where id = ?", ps -> {
            ps.setString(1, status);
            ps.setLong(2, id);
        });
    }

    public void retryLater(long id, OffsetDateTime at) {
        jdbc.update("update email_outbox set attempts = attempts + 1, next_attempt_at = ? where id = ?", ps -> {
            ps.setObject(1, at);
            ps.setLong(2, id);
        });
    }
}
