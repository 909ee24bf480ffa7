package org.pathways.platform.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

/**
 * A few numbers read from the service's database for gauges on {@code /q/metrics} (ADR 0078): read at most once per
 * {@code maxAge} whatever the number of gauges and scrapes, and NaN while the database does not answer (a gauge must
 * never fail a scrape). One row, numeric columns. Register its gauges with {@code strongReference(true)}: Micrometer
 * holds a gauge's object weakly, and nothing else holds this one (it would be collected and the gauge read NaN).
 */
public final class CachedQuery {

    private static final Logger LOG = Logger.getLogger(CachedQuery.class);

    private final DataSource dataSource;
    private final String sql;
    private final long maxAgeNanos;
    private double[] values;
    private long readAt;
    private boolean warned;

    public CachedQuery(DataSource dataSource, String sql, int columns, Duration maxAge) {
        this.dataSource = dataSource;
        this.sql = sql;
        this.maxAgeNanos = maxAge.toNanos();
        this.values = new double[columns];
        java.util.Arrays.fill(values, Double.NaN);
        this.readAt = System.nanoTime() - maxAgeNanos - 1;
    }

    /** Column {@code i} (0-based) of the last read. */
    public synchronized double get(int i) {
        if (System.nanoTime() - readAt > maxAgeNanos) refresh();
        return values[i];
    }

    private void refresh() {
        double[] next = new double[values.length];
        java.util.Arrays.fill(next, Double.NaN);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                for (int i = 0; i < next.length; i++) {
                    double v = rs.getDouble(i + 1);
                    next[i] = rs.wasNull() ? 0 : v;
                }
            }
            warned = false;
        } catch (Exception e) {
            if (!warned) LOG.warnf("metrics: could not read from the database (%s); gauges show NaN", e.getClass().getSimpleName());
            warned = true;
        }
        values = next;
        readAt = System.nanoTime();
    }
}
