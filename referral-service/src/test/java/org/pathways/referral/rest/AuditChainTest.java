package org.pathways.referral.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.awaitAuditChained;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.uuid;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.repository.AuditRepository;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * ADR 0038: audit rows are written unchained in the request's transaction and chained after the commit by one chainer.
 * Against the real database: many concurrent writers still end in one linear, gapless, verifying chain; a stalled
 * chainer is visible (verification and metrics) while her access log already shows the rows; and tampering with a
 * chained row is caught.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class AuditChainTest {

    @Inject
    AgroalDataSource db;

    @Test
    void manyConcurrentAuditedWritesAllEndChainedLinearAndVerifying() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (int i = 0; i < 8; i++) subjects.add(register(i % 2 == 0 ? "kairos.caseworker1" : "kairos.coordinator1"));
        // 16 threads, each writing and reading sections of the eight subjects: 240 audited transactions at once.
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> done = new ArrayList<>();
        try {
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < 15; k++) {
                        String subject = subjects.get((thread + k) % subjects.size());
                        String user = thread % 2 == 0 ? "kairos.caseworker1" : "kairos.caseworker2";
                        if (k % 3 == 0) {
                            as(user).body(story("t" + thread + "k" + k)).put("/api/subjects/" + subject + "/summary/sections/STORY")
                                    .then().statusCode(200);
                        } else {
                            as(user).get("/api/subjects/" + subject + "/summary").then().statusCode(200);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get(5, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
        long ours = rowsOf(subjects, "");
        assertEquals(8 + 16 * 15, ours, "every audited action wrote exactly one row");

        awaitAuditChained(db);
        assertEquals(ours, rowsOf(subjects, " and seq is not null and prev_hash is not null and hash is not null"), "all chained");
        // Linear and gapless over the whole table: seq 1..head, each row pointing at the one before, the head at the last.
        long head = count(db, "select last_seq from audit_chain_head");
        assertEquals(head, count(db, "select count(*) from access_audit where seq is not null"));
        assertEquals(head, count(db, "select count(distinct seq) from access_audit where seq between 1 and ?", head));
        assertEquals(head, count(db, "select count(distinct prev_hash) from access_audit where seq is not null"), "no fork");
        assertEquals(0, count(db, "select count(*) from access_audit a join access_audit b on b.seq = a.seq + 1 where b.prev_hash <> a.hash"));
        assertEquals(1, count(db, "select count(*) from access_audit a join audit_chain_head h on h.last_seq = a.seq and h.last_hash = a.hash"));
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200)
                .body("valid", equalTo(true)).body("reason", nullValue())
                .body("rowsChecked", equalTo((int) head)).body("headSeq", equalTo((int) head))
                .body("unchainedRows", equalTo(0)).body("oldestUnchainedAt", nullValue()).body("oldestUnchainedAgeSeconds", nullValue());
    }

    /**
     * With the chainer held off (its advisory lock taken here, as another instance's chainer would hold it), her access
     * log still shows the new row at once, without a chain position; verification and the gauges report the backlog and
     * its age; the unchained row cannot be edited either. Released, the row is chained.
     */
    @Test
    void aStalledChainerShowsItsBacklogWhileTheAccessLogIsCurrent() throws Exception {
        awaitAuditChained(db);
        String subject;
        long entry;
        try (Connection lock = db.getConnection()) {
            try (Statement st = lock.createStatement()) {
                st.execute("select pg_advisory_lock(" + AuditRepository.CHAIN_LOCK + ")");
            }
            try {
                subject = register("kairos.caseworker1");
                JsonPath log = as("kairos.caseworker1").get("/api/subjects/" + subject + "/access-log").then().statusCode(200)
                        .body("entries.action", equalTo(List.of("SUBJECT_REGISTERED")))
                        .body("entries[0].chainSeq", nullValue()).extract().jsonPath();
                entry = log.getLong("entries[0].seq");
                assertEquals(1, count(db, "select count(*) from access_audit where entry_no = ? and seq is null", entry));

                as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200)
                        .body("valid", equalTo(true)).body("unchainedRows", greaterThanOrEqualTo(1))
                        .body("oldestUnchainedAt", notNullValue());
                // The age keeps growing while nothing is chained: what an operator watches.
                await().atMost(Duration.ofSeconds(30)).until(() -> as("fwt.privacy1").get("/api/audit/verification").then()
                        .extract().jsonPath().getDouble("oldestUnchainedAgeSeconds") >= 1.0);
                await().atMost(Duration.ofSeconds(30)).until(() -> gauge("pathways_audit_unchained_rows") >= 1
                        && gauge("pathways_audit_unchained_oldest_age_seconds") >= 1.0);

                // Unchained is not editable: only the chainer's one move (setting seq, prev_hash and hash) is allowed.
                for (String sql : List.of("update access_audit set actor_user_id = 'someone-else' where entry_no = " + entry,
                        "update access_audit set seq = -1, prev_hash = repeat('0', 64), hash = repeat('0', 64), outcome = 'DENIED' where entry_no = " + entry,
                        "delete from access_audit where entry_no = " + entry)) {
                    SQLException refused = assertThrows(SQLException.class, () -> execute(sql));
                    assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
                }
            } finally {
                try (Statement st = lock.createStatement()) {
                    st.execute("select pg_advisory_unlock(" + AuditRepository.CHAIN_LOCK + ")");
                }
            }
        }
        awaitAuditChained(db);
        Object chainSeq = as("kairos.caseworker1").get("/api/subjects/" + subject + "/access-log").then().statusCode(200)
                .extract().path("entries[0].chainSeq");
        assertNotNull(chainSeq);
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200)
                .body("valid", equalTo(true)).body("unchainedRows", equalTo(0));
        // Chained, the row is frozen: not even the chain columns may change again.
        SQLException refused = assertThrows(SQLException.class,
                () -> execute("update access_audit set hash = repeat('0', 64) where entry_no = " + entry));
        assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
    }

    /**
     * Tampering with a chained row, forced past the trigger: an edit is caught at the row (HASH_MISMATCH); an edit
     * that also recomputes the row's own hash is caught at the next row (PREVIOUS_HASH_MISMATCH).
     */
    @Test
    void tamperingWithAChainedRowIsDetected() throws SQLException {
        String subject = register("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "STORY", story("one"));
        as("kairos.caseworker1").get("/api/subjects/" + subject + "/summary").then().statusCode(200);
        awaitAuditChained(db);
        AuditRecord row = chainedRow(subject, "SECTION_WRITTEN");
        long seq = row.seq();

        force("update access_audit set outcome = 'DENIED' where seq = " + seq);
        try {
            as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200)
                    .body("valid", equalTo(false)).body("reason", equalTo("HASH_MISMATCH"))
                    .body("firstBrokenSeq", equalTo((int) seq)).body("firstBrokenId", equalTo(row.id().toString()));
        } finally {
            force("update access_audit set outcome = 'GRANTED' where seq = " + seq);
        }

        // A careful forger rehashes the edited row: the row itself then checks out, the next one no longer points at it.
        AuditRecord forged = new AuditRecord(row.entryNo(), null, row.id(), row.occurredAt(), row.actorUserId(),
                row.actorOrganisationId(), row.actorRoles(), row.purpose(), row.subjectId(), row.categories(), row.action(),
                row.basis(), row.basisRef(), "DENIED", null, null).chained(seq, row.prevHash());
        force("update access_audit set outcome = 'DENIED', hash = '" + forged.hash() + "' where seq = " + seq);
        try {
            as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200)
                    .body("valid", equalTo(false)).body("reason", equalTo("PREVIOUS_HASH_MISMATCH"))
                    .body("firstBrokenSeq", equalTo((int) seq + 1));
        } finally {
            force("update access_audit set outcome = 'GRANTED', hash = '" + row.hash() + "' where seq = " + seq);
        }
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200).body("valid", equalTo(true));
    }

    private long rowsOf(List<String> subjects, String condition) {
        long n = 0;
        for (String s : subjects) n += count(db, "select count(*) from access_audit where subject_id = ?" + condition, uuid(s));
        return n;
    }

    private AuditRecord chainedRow(String subject, String action) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select entry_no, seq, id, occurred_at, actor_user_id, actor_organisation_id, actor_roles, purpose, categories, "
                        + "basis, basis_ref, outcome, prev_hash, hash from access_audit where subject_id = ? and action = ?")) {
            ps.setObject(1, uuid(subject));
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                return new AuditRecord(rs.getLong(1), rs.getLong(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), rs.getString(5), rs.getObject(6, UUID.class),
                        rs.getString(7), rs.getString(8), uuid(subject), rs.getString(9), action, rs.getString(10), rs.getString(11),
                        rs.getString(12), rs.getString(13), rs.getString(14));
            }
        }
    }

    /** Runs one statement with the append-only trigger disabled inside its transaction (what an intruder would do). */
    private void force(String sql) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("alter table access_audit disable trigger access_audit_append_only");
                assertEquals(1, st.executeUpdate(sql));
                st.execute("alter table access_audit enable trigger access_audit_append_only");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private static double gauge(String name) {
        String body = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        for (String line : body.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError(name + " not in /q/metrics");
    }
}
