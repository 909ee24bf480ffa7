package org.pathways.platform.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * "One at a time across all replicas" for a background job or an operator's action (ADR 0081): a PostgreSQL advisory
 * lock, transaction-scoped, so it ends with the transaction — and with the process, if it dies while holding it. Each
 * job names its lock by an arbitrary constant, unique within its service's database.
 */
public final class AdvisoryLock {

    /** Work done while holding the lock. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    private AdvisoryLock() {
    }

    /** Takes the lock for {@code c}'s current transaction; false, at once, if another transaction holds it. */
    public static boolean tryForTransaction(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Runs {@code work} while holding the lock in a transaction of its own, on a connection of its own (the work's own
     * statements run in their own transactions); empty, without running it, if another replica holds the lock.
     */
    public static <T> Optional<T> whileHolding(DataSource db, long key, Work<T> work) throws SQLException {
        try (Connection lock = db.getConnection()) {
            lock.setAutoCommit(false);
            try {
                if (!tryForTransaction(lock, key)) return Optional.empty();
                return Optional.of(java.util.Objects.requireNonNull(work.run(), "work result"));
            } finally {
                lock.rollback();
                lock.setAutoCommit(true);
            }
        }
    }
}
