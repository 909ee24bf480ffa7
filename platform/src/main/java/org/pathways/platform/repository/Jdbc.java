package org.pathways.platform.repository;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.agroal.api.AgroalDataSource;

/**
 * Plain JDBC on the service's datasource. Each call takes a connection from the JTA-enlisted Agroal pool, so it joins
 * the caller's transaction like the outbox and the processed-event table do: state, event and "processed" mark commit
 * together. Failures keep only the SQL state in their message, because PostgreSQL's messages can quote the values
 * (personal data) that a statement carried.
 */
@ApplicationScoped
public class Jdbc {

    @Inject
    AgroalDataSource dataSource;

    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    public interface BatchBinder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Sees one row of a {@link #scan}; false stops the scan. */
    @FunctionalInterface
    public interface RowVisitor {
        boolean visit(ResultSet rs) throws SQLException;
    }

    /** Binds {@code values} in order with {@code setObject} (UUIDs, strings, numbers, dates; null as SQL null). */
    public static Binder params(Object... values) {
        return ps -> {
            for (int i = 0; i < values.length; i++) ps.setObject(i + 1, values[i]);
        };
    }

    /** Runs one insert, update or delete; returns the number of rows it changed. */
    public int update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("database update failed (" + e.getSQLState() + ")", e);
        }
    }

    /** Runs the statement once per row as one JDBC batch; nothing at all for no rows. */
    public <T> void batch(String sql, List<T> rows, BatchBinder<T> binder) {
        if (rows.isEmpty()) return;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("database batch failed (" + e.getSQLState() + ")", e);
        }
    }

    /**
     * Takes a transaction-scoped advisory lock in the caller's transaction ({@link AdvisoryLock}); false, at once, if
     * another transaction holds it. Released when the caller's transaction ends.
     */
    public boolean tryAdvisoryLock(long key) {
        try (Connection c = dataSource.getConnection()) {
            return AdvisoryLock.tryForTransaction(c, key);
        } catch (SQLException e) {
            throw new IllegalStateException("advisory lock failed (" + e.getSQLState() + ")", e);
        }
    }

    /**
     * Runs {@code work} while holding an advisory lock on a connection of its own, outside the caller's transaction
     * ({@link AdvisoryLock#whileHolding}); empty, without running it, if another replica holds the lock. For a job or an
     * operator's action that must run once across replicas; its failure is the caller's to answer.
     */
    public <T> Optional<T> whileHolding(long key, AdvisoryLock.Work<T> work) throws SQLException {
        return AdvisoryLock.whileHolding(dataSource, key, work);
    }

    /** Every row of the result, mapped in order. */
    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database query failed (" + e.getSQLState() + ")", e);
        }
    }

    /**
     * The first row of the result, mapped; empty when there is none (or it maps to null). Only that row is read: for a
     * lookup by key, an aggregate ({@code count(*)}, {@code exists}) or a statement's {@code returning} values.
     */
    public <T> Optional<T> one(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(mapper.map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database query failed (" + e.getSQLState() + ")", e);
        }
    }

    /**
     * Hands the rows to {@code visitor} one at a time, never holding the whole result, until it returns false. Inside a
     * transaction, a fetch size set by the binder ({@code ps.setFetchSize}) makes PostgreSQL send the rows in chunks.
     */
    public void scan(String sql, Binder binder, RowVisitor visitor) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!visitor.visit(rs)) return;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("database query failed (" + e.getSQLState() + ")", e);
        }
    }

    /**
     * For repositories that manage their own connection and statement: wraps a failure with the SQL state only.
     *
     * @param what what was being done, e.g. "reading timers"
     */
    public static IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("database error while " + what + " (SQLState " + e.getSQLState() + ")", e);
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    public static OffsetDateTime time(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class);
    }

    /** A {@code timestamptz} column as an instant; null stays null. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** An instant as a {@code timestamptz} parameter (the driver takes OffsetDateTime, not Instant). */
    public static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, utc(instant));
    }

    public static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
