package org.pathways.referral.timer;

import static org.pathways.platform.repository.Jdbc.failure;
import static org.pathways.platform.repository.Jdbc.instant;
import static org.pathways.platform.repository.Jdbc.utc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/** The {@code referral_timer} table, on the JTA-enlisted datasource (callers bring the transaction). */
@ApplicationScoped
public class TimerRepository {

    /** One stored timer. */
    public record Timer(UUID id, UUID referralId, TimerKind kind, long referralVersion, Instant dueAt, Instant scheduledAt,
            Instant firedAt, Instant cancelledAt) {
    }

    @Inject
    AgroalDataSource dataSource;

    public void insert(UUID referralId, TimerKind kind, long referralVersion, Instant dueAt, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into referral_timer (id, referral_id, kind, referral_version, "
                     + "due_at, scheduled_at) values (?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, referralId);
            ps.setString(3, kind.name());
            ps.setLong(4, referralVersion);
            ps.setObject(5, utc(dueAt));
            ps.setObject(6, utc(now));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("scheduling a timer", e);
        }
    }

    /** Cancels every open timer of a referral scheduled before {@code version} (the referral moved on). */
    public int cancelOpenBefore(UUID referralId, long version, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update referral_timer set cancelled_at = ? where referral_id = ? "
                     + "and referral_version < ? and fired_at is null and cancelled_at is null")) {
            ps.setObject(1, utc(now));
            ps.setObject(2, referralId);
            ps.setLong(3, version);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("cancelling timers", e);
        }
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
        try (Connection c = dataSource.getConnection();
             PreparedStatement ref = c.prepareStatement("select r.id from referral r join (select t.referral_id, min(t.due_at) as due "
                     + "from referral_timer t where t.fired_at is null and t.cancelled_at is null and t.due_at <= ? "
                     + "group by t.referral_id order by due limit 100) d on d.referral_id = r.id "
                     + "order by d.due, r.id limit 1 for update of r skip locked");
             PreparedStatement timer = c.prepareStatement("select t.* from referral_timer t where t.referral_id = ? "
                     + "and t.fired_at is null and t.cancelled_at is null and t.due_at <= ? order by t.due_at, t.id limit 1 for update")) {
            ref.setObject(1, utc(now));
            UUID referral;
            try (ResultSet rs = ref.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                referral = rs.getObject(1, UUID.class);
            }
            timer.setObject(1, referral);
            timer.setObject(2, utc(now));
            try (ResultSet rs = timer.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("claiming a due timer", e);
        }
    }

    /** Marks a claimed timer fired; false if it was not open any more (it never is: the row is locked). */
    public boolean markFired(UUID id, Instant now) {
        return mark("fired_at", id, now);
    }

    /** Moves an open timer's due time (after a failed attempt). */
    public void postpone(UUID id, Instant dueAt) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update referral_timer set due_at = ? where id = ? "
                     + "and fired_at is null and cancelled_at is null")) {
            ps.setObject(1, utc(dueAt));
            ps.setObject(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("postponing a timer", e);
        }
    }

    public boolean markCancelled(UUID id, Instant now) {
        return mark("cancelled_at", id, now);
    }

    private boolean mark(String column, UUID id, Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("update referral_timer set " + column + " = ? where id = ? "
                     + "and fired_at is null and cancelled_at is null")) {
            ps.setObject(1, utc(now));
            ps.setObject(2, id);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("marking a timer", e);
        }
    }

    /** Every timer of a referral, in scheduling order (for tests and the referral's own views). */
    public List<Timer> forReferral(UUID referralId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select * from referral_timer where referral_id = ? "
                     + "order by referral_version, due_at, kind")) {
            ps.setObject(1, referralId);
            List<Timer> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure("reading timers", e);
        }
    }

    private static Timer map(ResultSet rs) throws SQLException {
        return new Timer(rs.getObject("id", UUID.class), rs.getObject("referral_id", UUID.class),
                TimerKind.valueOf(rs.getString("kind")), rs.getLong("referral_version"), instant(rs, "due_at"),
                instant(rs, "scheduled_at"), instant(rs, "fired_at"), instant(rs, "cancelled_at"));
    }
}
