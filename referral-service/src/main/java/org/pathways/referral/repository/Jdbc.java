package org.pathways.referral.repository;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Small JDBC helpers shared by the repositories (they all run on the JTA-enlisted Agroal datasource). */
final class Jdbc {

    private Jdbc() {
    }

    static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        ps.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static IllegalStateException failure(String what, SQLException e) {
        // SQL messages can quote values: keep only the SQL state in the message.
        return new IllegalStateException("database error while " + what + " (SQLState " + e.getSQLState() + ")", e);
    }
}
