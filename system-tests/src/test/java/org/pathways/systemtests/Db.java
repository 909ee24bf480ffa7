package org.pathways.systemtests;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.pathways.stack.testing.StackInfo;

/**
 * Reads a service's own database on the test stack's PostgreSQL, as that service's login role (the launcher's local
 * password "&lt;database&gt;-local"): what the fault and replica tests check was left behind (referrals, timers, outbox rows).
 */
final class Db {

    private Db() {
    }

    static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + StackInfo.get("postgres.host") + ":"
                + StackInfo.get("postgres.port") + "/" + database, database, database + "-local");
    }

    /** Every row, each as its columns in select order. A {@code java.util.List} parameter is passed as a uuid array. */
    static List<List<Object>> rows(String database, String sql, Object... params) {
        try (Connection conn = connect(database); PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof List<?> list) {
                    ps.setArray(i + 1, conn.createArrayOf("uuid", list.stream().map(o -> java.util.UUID.fromString(o.toString())).toArray()));
                } else {
                    ps.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Object>> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) row.add(rs.getObject(i));
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(database + ": " + e.getMessage(), e);
        }
    }

    static long count(String database, String sql, Object... params) {
        List<List<Object>> rows = rows(database, sql, params);
        return rows.isEmpty() || rows.get(0).get(0) == null ? 0 : ((Number) rows.get(0).get(0)).longValue();
    }
}
