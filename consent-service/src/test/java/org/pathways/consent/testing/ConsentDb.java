package org.pathways.consent.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.pathways.stack.testing.StackInfo;

/**
 * Reads consent-service's own database directly (the test stack's PostgreSQL, as consent-service's own login role):
 * what an event left behind, and the access audit. Shared by consent-service's tests and the system tests.
 */
public final class ConsentDb {

    private ConsentDb() {
    }

    /** The first column of the first row (null if there is none). */
    public static Object value(String sql, Object... params) {
        java.util.List<java.util.List<Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).get(0);
    }

    /** Every row, each as its columns in select order. */
    public static java.util.List<java.util.List<Object>> rows(String sql, Object... params) {
        try (Connection conn = connect();
             PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                java.util.List<java.util.List<Object>> out = new java.util.ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    java.util.List<Object> row = new java.util.ArrayList<>();
                    for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(String sql, Object... params) {
        return ((Number) value(sql, params)).longValue();
    }

    /** True once consent-service's referral-events consumer has recorded the event as processed (applied or not). */
    public static boolean processed(String eventId) {
        return count("select count(*) from processed_event where consumer = 'consent-service.referral-events' and event_id = ?",
                eventId) == 1;
    }

    /** consent-service's database with its own role. */
    public static Connection connect() throws SQLException {
        return StackInfo.connect("consent");
    }
}
