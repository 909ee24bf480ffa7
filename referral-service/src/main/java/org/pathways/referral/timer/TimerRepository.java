package org.pathways.referral.timer;

import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.platform.repository.Jdbc;

/** The {@code referral_timer} table, on the JTA-enlisted datasource (callers bring the transaction). */
@ApplicationScoped
public class TimerRepository {

    /** One stored timer. */
    public record Timer(UUID id, UUID referralId, TimerKind kind, long referralVersion, Instant dueAt, Instant scheduledAt,
            Instant firedAt, Instant cancelledAt) {
    }

    @Inject
    Jdbc jdbc;

    public void insert(UUID referralId, TimerKind kind, long referralVersion, Instant dueAt, Instant now) {
        jdbc.update("insert into referral_timer (id, referral_id, kind, referral_version, "
                + "due_at, scheduled_at) values (?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setObject(1, UUID.randomUUID());
                    ps.setObject(2, referralId);
                    ps.setString(3, kind.name());
                    ps.setLong(4, referralVersion);
                    ps.setObject(5, utc(dueAt));
                    ps.setObject(6, utc(now));
                });
    }

    /** Cancels every open timer of a referral scheduled before {@code version} (the referral moved on). */
    public int cancelOpenBefore(UUID referralId, long version, Instant now) {
        return jdbc.update("update referral_timer set cancelled_at = ? where referral_id = ? "
                + "and referral_version < ? and fired_at is null and cancelled_at is null", ps -> {
                    ps.setObject(1, utc(now));
                    ps.setObject(2, referralId);
                    ps.setLong(3, version);
                });
    }

    /**
     * Claims the earliest due open timer, locking it and its referral without waiting: rows another poller (or a user's
     * move) holds are skipped, so two instances never claim the same timer and a poller never waits on a lock (no
     * deadlock with a move, which locks the referral first). Empty when nothing is due and free.
     */
    public Optional<Timer> claimDue(Instant now) {
        // Referral first, then its earliest due timer: every path that touches a referral's timers (a move, the
        // pollers) locks the referral row first, so two pollers never deadlock. Locking timer and referral in one
        // skip-locked join did not keep that order: a skipped pair could leave its timer row locked by a poller busy
        // elsewhere, and an expiry cancelling that timer then deadlocked with it (a failed attempt waits retry-delay).
        // Both statements run on the caller's transaction's connection, so the referral's lock holds for the second.
        Optional<UUID> referral = jdbc.one("select r.id from referral r join (select t.referral_id, min(t.due_at) as due "
                + "from referral_timer t where t.fired_at is null and t.cancelled_at is null and t.due_at <= ? "
                + "group by t.referral_id order by due limit 100) d on d.referral_id = r.id "
                + "order by d.due, r.id limit 1 for update of r skip locked", ps -> ps.setObject(1, utc(now)),
                rs -> rs.getObject(1, UUID.class));
        if (referral.isEmpty()) return Optional.empty();
        return jdbc.one("select t.* from referral_timer t where t.referral_id = ? "
                + "and t.fired_at is null and t.cancelled_at is null and t.due_at <= ? order by t.due_at, t.id limit 1 for update", ps -> {
                    ps.setObject(1, referral.get());
                    ps.setObject(2, utc(now));
                }, TimerRepository::map);
    }

    /** Marks a claimed timer fired; false if it was not open any more (it never is: the row is locked). */
    public boolean markFired(UUID id, Instant now) {
        return mark("fired_at", id, now);
    }

    /** Moves an open timer's due time (after a failed attempt). */
    public void postpone(UUID id, Instant dueAt) {
        jdbc.update("update referral_timer set due_at = ? where id = ? and fired_at is null and cancelled_at is null", ps -> {
            ps.setObject(1, utc(dueAt));
            ps.setObject(2, id);
        });
    }

    public boolean markCancelled(UUID id, Instant now) {
        return mark("cancelled_at", id, now);
    }

    private boolean mark(String column, UUID id, Instant now) {
        return jdbc.update("update referral_timer set " + column + " = ? where id = ? "
                + "and fired_at is null and cancelled_at is null", ps -> {
                    ps.setObject(1, utc(now));
                    ps.setObject(2, id);
                }) == 1;
    }

    /** Every timer of a referral, in scheduling order (for tests and the referral's own views). */
    public List<Timer> forReferral(UUID referralId) {
        return jdbc.query("select * from referral_timer where referral_id = ? order by referral_version, due_at, kind",
                ps -> ps.setObject(1, referralId), TimerRepository::map);
    }

    private static Timer map(ResultSet rs) throws SQLException {
        return new Timer(rs.getObject("id", UUID.class), rs.getObject("referral_id", UUID.class),
                TimerKind.valueOf(rs.getString("kind")), rs.getLong("referral_version"), instant(rs, "due_at"),
                instant(rs, "scheduled_at"), instant(rs, "fired_at"), instant(rs, "cancelled_at"));
    }
}
