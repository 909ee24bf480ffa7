package org.pathways.referral;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Shared test helpers: demo organisations, authenticated requests, a registered subject, direct SQL for checks. */
public final class Fixtures {

    public static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    public static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    public static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";

    private Fixtures() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON);
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON);
    }

    public static String userId(String user) {
        return as(user).get("/api/me").then().statusCode(200).extract().path("userId");
    }

    /** Registers a subject as {@code user} and returns its id. */
    public static String register(String user) {
        return as(user).body("{}").post("/api/subjects").then().statusCode(201).extract().path("id");
    }

    public static String story(String text) {
        return "{\"text\":\"" + text + "\",\"language\":\"en\"}";
    }

    public static void putSection(String user, String subjectId, String category, String json) {
        as(user).body(json).put("/api/subjects/" + subjectId + "/summary/sections/" + category).then().statusCode(200);
    }

    public static long count(DataSource ds, String sql, Object... params) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Waits until the audit chainer has chained every committed audit row (ADR 0038: rows are chained after their
     * commit, normally within a second), so a verification afterwards covers everything written before it.
     */
    public static void awaitAuditChained(DataSource ds) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> count(ds, "select count(*) from access_audit where seq is null") == 0);
    }

    /** Every table of referral-service's database whose rows, as text, contain {@code needle} (leak checks). */
    public static List<String> tablesContaining(DataSource ds, String needle) {
        List<String> hits = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String t : tables) {
                try (PreparedStatement ps = c.prepareStatement("select count(*) from \"" + t + "\" x where x::text like ?")) {
                    ps.setString(1, "%" + needle + "%");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) hits.add(t);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hits;
    }

    public static UUID uuid(String s) {
        return UUID.fromString(s);
    }

    public static Map<String, Object> none() {
        return Map.of();
    }
}
