package org.pathways.notification.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.notification.domain.Delivery;
import org.pathways.notification.domain.Subscription;
import org.pathways.notification.messaging.EventTraces;
import org.pathways.platform.repository.Jdbc;
import org.pathways.platform.tracing.TraceContext;

@ApplicationScoped
public class WebhookRepository {

    public record Attempt(int attempt, OffsetDateTime at, Integer statusCode, String error, Integer durationMs) {
    }

    @Inject
    Jdbc jdbc;

    // ---- subscriptions

    public void insert(Subscription s) {
        jdbc.update("""
                insert into webhook_subscription (id, organisation_id, url, secret, event_types, active, created_at, updated_at)
                values (?, ?, ?, ?, ?, true, ?, ?)""", ps -> {
            ps.setObject(1, s.id());
            ps.setObject(2, s.organisationId());
            ps.setString(3, s.url());
            ps.setString(4, s.secret());
            ps.setString(5, String.join(",", s.eventTypes()));
            ps.setObject(6, s.createdAt());
            ps.setObject(7, s.updatedAt());
        });
    }

    public Optional<Subscription> find(UUID id) {
        return jdbc.query("select * from webhook_subscription where id = ?", ps -> ps.setObject(1, id),
                WebhookRepository::subscription).stream().findFirst();
    }

    public List<Subscription> ofOrganisation(UUID org) {
        return jdbc.query("select * from webhook_subscription where organisation_id = ? order by created_at, id",
                ps -> ps.setObject(1, org), WebhookRepository::subscription);
    }

    /** Active subscriptions of these organisations that want this event type. */
    public List<Subscription> matching(Collection<UUID> orgs, String eventType) {
        if (orgs.isEmpty()) return List.of();
        return jdbc.query("select * from webhook_subscription where active and organisation_id = any (?)"
                + " and (',' || event_types || ',') like ('%,' || ? || ',%') order by id", ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("uuid", orgs.toArray()));
                    ps.setString(2, eventType);
                }, WebhookRepository::subscription);
    }

    public void update(UUID id, String url, List<String> types, boolean active) {
        jdbc.update("""
                update webhook_subscription set url = ?, event_types = ?, active = ?,
                    disabled_reason = case when ? then null else coalesce(disabled_reason, 'BY_ADMIN') end,
                    updated_at = now(), version = version + 1 where id = ?""", ps -> {
            ps.setString(1, url);
            ps.setString(2, String.join(",", types));
            ps.setBoolean(3, active);
            ps.setBoolean(4, active);
            ps.setObject(5, id);
        });
    }

    /** Returns true when this call disabled it (so the admins are told once). */
    public boolean disable(UUID id, String reason) {
        return jdbc.update("update webhook_subscription set active = false, disabled_reason = ?, updated_at = now(),"
                + " version = version + 1 where id = ? and active", ps -> {
                    ps.setString(1, reason);
                    ps.setObject(2, id);
                }) == 1;
    }

    public void delete(UUID id) {
        jdbc.update("delete from webhook_subscription where id = ?", ps -> ps.setObject(1, id));
    }

    // ---- deliveries

    public void enqueue(UUID subscriptionId, String eventId, String eventType, String orderKey, String payload,
            OffsetDateTime giveUpAt) {
        jdbc.update("""
                insert into webhook_delivery (id, subscription_id, event_id, event_type, order_key, payload, give_up_at,
                                              trace_parent, trace_state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (subscription_id, event_id) do nothing""", ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, subscriptionId);
            ps.setString(3, eventId);
            ps.setString(4, eventType);
            ps.setString(5, orderKey);
            ps.setString(6, payload);
            ps.setObject(7, giveUpAt);
            // The event's trace: the worker sends the delivery in it (ADR 0077).
            TraceContext trace = EventTraces.of(eventId);
            ps.setString(8, trace == null ? null : trace.traceparent());
            ps.setString(9, trace == null ? null : trace.tracestate());
        });
    }

    /**
     * Due deliveries of active subscriptions that are first in line for their referral: no earlier delivery of the same
     * subscription and order key is still undelivered. Claimed under a lease: locked while claimed (two workers never
     * take the same one) and, in the same transaction, made due again only after {@code lease}, so the attempt runs
     * outside any transaction and a worker that dies mid-attempt leaves the row to be retried when the lease ends. The
     * row stays PENDING meanwhile, which keeps the referral's later deliveries behind it.
     */
    public List<Delivery> claimDue(int limit, java.time.Duration lease) {
        List<Delivery> due = jdbc.query("""
                select d.* from webhook_delivery d join webhook_subscription s on s.id = d.subscription_id
                where d.status = 'PENDING' and d.next_attempt_at <= now() and s.active
                  and not exists (select 1 from webhook_delivery e where e.subscription_id = d.subscription_id
                                  and e.order_key = d.order_key and e.seq < d.seq and e.status <> 'DELIVERED')
                order by d.seq limit ? for update of d skip locked""", ps -> ps.setInt(1, limit), WebhookRepository::delivery);
        if (!due.isEmpty()) {
            jdbc.update("update webhook_delivery set next_attempt_at = now() + ? * interval '1 millisecond' where id = any (?)", ps -> {
                ps.setLong(1, lease.toMillis());
                ps.setArray(2, ps.getConnection().createArrayOf("uuid", due.stream().map(Delivery::id).toArray()));
            });
        }
        return due;
    }

    public void recordAttempt(UUID deliveryId, int attempt, Integer status, String error, int durationMs) {
        // The delivery may have been deleted (with its subscription) while the attempt was in flight.
        jdbc.update("insert into webhook_attempt (delivery_id, attempt, status_code, error, duration_ms)"
                + " select ?, ?, ?, ?, ? where exists (select 1 from webhook_delivery where id = ?) on conflict do nothing", ps -> {
                    ps.setObject(1, deliveryId);
                    ps.setInt(2, attempt);
                    ps.setObject(3, status);
                    ps.setString(4, error);
                    ps.setInt(5, durationMs);
                    ps.setObject(6, deliveryId);
                });
    }

    public void delivered(UUID id, int status) {
        jdbc.update("update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, delivered_at = now(),"
                + " last_status = ?, last_error = null where id = ?", ps -> {
                    ps.setInt(1, status);
                    ps.setObject(2, id);
                });
    }

    public void failedAttempt(UUID id, Integer status, String error, OffsetDateTime next, boolean giveUp) {
        jdbc.update("update webhook_delivery set attempts = attempts + 1, last_status = ?, last_error = ?,"
                + " next_attempt_at = ?, status = ? where id = ? and status = 'PENDING'", ps -> {
                    ps.setObject(1, status);
                    ps.setString(2, error);
                    ps.setObject(3, next);
                    ps.setString(4, giveUp ? "FAILED" : "PENDING");
                    ps.setObject(5, id);
                });
    }

    /** Manual redelivery (or re-enabling): back in the queue now, with a fresh retry window. */
    public int requeue(UUID subscriptionId, UUID deliveryId, OffsetDateTime giveUpAt) {
        return jdbc.update("update webhook_delivery set status = 'PENDING', next_attempt_at = now(), give_up_at = ?"
                + " where subscription_id = ? and (cast(? as uuid) is null and status = 'FAILED' or id = ?)", ps -> {
                    ps.setObject(1, giveUpAt);
                    ps.setObject(2, subscriptionId);
                    ps.setObject(3, deliveryId);
                    ps.setObject(4, deliveryId);
                });
    }

    public List<Delivery> deliveries(UUID subscriptionId, int offset, int limit) {
        return jdbc.query("select * from webhook_delivery where subscription_id = ? order by seq desc limit ? offset ?", ps -> {
            ps.setObject(1, subscriptionId);
            ps.setInt(2, limit);
            ps.setInt(3, offset);
        }, WebhookRepository::delivery);
    }

    public Optional<Delivery> delivery(UUID subscriptionId, UUID id) {
        return jdbc.query("select * from webhook_delivery where subscription_id = ? and id = ?", ps -> {
            ps.setObject(1, subscriptionId);
            ps.setObject(2, id);
        }, WebhookRepository::delivery).stream().findFirst();
    }

    public List<Attempt> attempts(UUID deliveryId) {
        return jdbc.query("select * from webhook_attempt where delivery_id = ? order by attempt", ps -> ps.setObject(1, deliveryId),
                rs -> new Attempt(rs.getInt("attempt"), Jdbc.time(rs, "at"), (Integer) rs.getObject("status_code"),
                        rs.getString("error"), (Integer) rs.getObject("duration_ms")));
    }

    static Subscription subscription(ResultSet rs) throws SQLException {
        return new Subscription(Jdbc.uuid(rs, "id"), Jdbc.uuid(rs, "organisation_id"), rs.getString("url"),
                rs.getString("secret"), Arrays.asList(rs.getString("event_types").split(",")), rs.getBoolean("active"),
                rs.getString("disabled_reason"), Jdbc.time(rs, "created_at"), Jdbc.time(rs, "updated_at"), rs.getInt("version"));
    }

    static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(Jdbc.uuid(rs, "id"), rs.getLong("seq"), Jdbc.uuid(rs, "subscription_id"), rs.getString("event_id"),
                rs.getString("event_type"), rs.getString("order_key"), rs.getString("payload"), rs.getString("status"),
                rs.getInt("attempts"), Jdbc.time(rs, "created_at"), Jdbc.time(rs, "next_attempt_at"),
                Jdbc.time(rs, "give_up_at"), Jdbc.time(rs, "delivered_at"), (Integer) rs.getObject("last_status"),
                rs.getString("last_error"), rs.getString("trace_parent"), rs.getString("trace_state"));
    }
}
