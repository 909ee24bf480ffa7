package org.pathways.systemtests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.pathways.stack.testing.StackInfo;

/**
 * Every table of the four services' databases as a row count and a digest of its rows (each service's own role reads
 * its own database): taken before and after something that must change nothing, the two are compared table by table.
 * Tables written by the clock rather than by requests are left out, each for the reason given.
 */
final class DatabaseSnapshot {

    private static final List<String> DATABASES = List.of("directory", "consent", "referral", "notification");
    /** database.table -> why the clock, not a request, may write it while a test runs. */
    private static final Map<String, String> CLOCK_WRITTEN = Map.of(
            "referral.report_snapshot", "a reporting period closes every 90 s in the test stack and is snapshotted",
            "referral.retention_run", "the retention job logs its run 60 s after start and hourly (seen when the walk ran first)",
            "referral.flyway_schema_history", "never written after start; left out as bookkeeping",
            "directory.flyway_schema_history", "never written after start; left out as bookkeeping",
            "consent.flyway_schema_history", "never written after start; left out as bookkeeping",
            "notification.flyway_schema_history", "never written after start; left out as bookkeeping");

    private final Map<String, String> tables;

    private DatabaseSnapshot(Map<String, String> tables) {
        this.tables = tables;
    }

    static DatabaseSnapshot take() {
        Map<String, String> out = new TreeMap<>();
        for (String db : DATABASES) {
            try (Connection c = StackInfo.connect(db)) {
                for (String table : tables(c)) {
                    if (CLOCK_WRITTEN.containsKey(db + "." + table)) continue;
                    out.put(db + "." + table, digest(c, table));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read " + db + " (" + e.getSQLState() + ")", e);
            }
        }
        return new DatabaseSnapshot(out);
    }

    /**
     * A snapshot once the databases are quiet: two snapshots {@code gap} apart that are equal (what earlier steps set
     * off in the background — outbox relay, consumers, audit chaining — has finished). Gives up after {@code within}.
     */
    static DatabaseSnapshot quiet(Duration gap, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        DatabaseSnapshot before = take();
        while (true) {
            Thread.sleep(gap.toMillis());
            DatabaseSnapshot now = take();
            if (now.tables.equals(before.tables)) return now;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the databases did not settle; still changing: " + before.changedIn(now));
            }
            before = now;
        }
    }

    int tableCount() {
        return tables.size();
    }

    /** The tables whose rows differ between this snapshot and {@code later} (added or removed tables included). */
    List<String> changedIn(DatabaseSnapshot later) {
        List<String> changed = new ArrayList<>();
        Set<String> all = new java.util.TreeSet<>(tables.keySet());
        all.addAll(later.tables.keySet());
        for (String t : all) {
            if (!Objects.equals(tables.get(t), later.tables.get(t))) changed.add(t);
        }
        return changed;
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select table_name from information_schema.tables "
                + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.add(rs.getString(1));
        }
        return out;
    }

    /** Row count and an md5 of every row as text, in a fixed order: equal digests, equal contents. */
    private static String digest(Connection c, String table) throws SQLException {
        // The table name comes from information_schema, quoted as an identifier.
        String sql = "select count(*), md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from \""
                + table.replace("\"", "\"\"") + "\" t";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + ":" + rs.getString(2);
        }
    }
}
