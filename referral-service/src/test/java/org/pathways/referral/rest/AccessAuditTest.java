package org.pathways.referral.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.FWT;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.awaitAuditChained;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.Fixtures.uuid;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class AccessAuditTest {

    @Inject
    AgroalDataSource db;

    @Test
    void herAccessLogListsEveryReadAndChangeWithWhoWhereWhatAndBasis() {
        String caseworker = userId("kairos.caseworker1");
        String coordinator = userId("kairos.coordinator1");
        String id = register("kairos.caseworker1");
        putSection("kairos.caseworker1", id, "STORY", story("told once"));
        putSection("kairos.caseworker1", id, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
        as("kairos.coordinator1").get("/api/subjects/" + id + "/summary/sections/STORY").then().statusCode(200);
        as("kairos.coordinator1").get("/api/subjects/" + id + "/summary/sections/STORY/versions/1").then().statusCode(200);
        as("kairos.coordinator1").get("/api/subjects/" + id + "/summary").then().statusCode(200);
        as("kairos.coordinator1").body("{\"leadWorkerId\":\"" + coordinator + "\"}").put("/api/subjects/" + id + "/lead-worker")
                .then().statusCode(200);
        // Refused and failed attempts change nothing and read nothing: they are not in her log.
        as("crasac.caseworker1").get("/api/subjects/" + id + "/summary").then().statusCode(404);
        as("kairos.caseworker1").get("/api/subjects/" + id + "/summary/sections/GOALS").then().statusCode(404);

        JsonPath log = as("kairos.caseworker2").get("/api/subjects/" + id + "/access-log").then().statusCode(200)
                .body("subjectId", equalTo(id))
                .body("entries.action", contains("SUBJECT_REGISTERED", "SECTION_WRITTEN", "SECTION_WRITTEN", "SECTION_READ",
                        "SECTION_VERSION_READ", "SUMMARY_READ", "LEAD_WORKER_CHANGED"))
                .body("entries.userId", contains(caseworker, caseworker, caseworker, coordinator, coordinator, coordinator, coordinator))
                .body("entries.organisationId", everyItem(equalTo(KAIROS)))
                .body("entries.basis", everyItem(equalTo("OWNER")))
                .body("entries.outcome", everyItem(equalTo("GRANTED")))
                .body("entries.purpose", everyItem(equalTo("CASE_COORDINATION")))
                .body("entries[0].roles", contains("caseworker")).body("entries[3].roles", contains("referral-coordinator"))
                .body("entries[0].categories.size()", equalTo(0))
                .body("entries[1].categories", contains("STORY")).body("entries[2].categories", contains("NEEDS"))
                .body("entries[5].categories", contains("NEEDS", "STORY"))
                .body("nextAfter", nullValue())
                .extract().jsonPath();
        List<Integer> seqs = log.getList("entries.seq");
        for (int i = 1; i < seqs.size(); i++) assertTrue(seqs.get(i) > seqs.get(i - 1), "oldest first");

        // Once chained (ADR 0038: after the commit), each entry names its place in the hash chain, in the same order.
        awaitAuditChained(db);
        List<Integer> chainSeqs = as("kairos.caseworker2").get("/api/subjects/" + id + "/access-log").then().statusCode(200)
                .body("entries.seq", equalTo(seqs)).extract().jsonPath().getList("entries.chainSeq");
        assertEquals(seqs.size(), chainSeqs.size());
        for (int i = 1; i < chainSeqs.size(); i++) assertTrue(chainSeqs.get(i) > chainSeqs.get(i - 1), "chained in entry order");

        // Paging.
        as("kairos.caseworker1").queryParam("limit", 2).get("/api/subjects/" + id + "/access-log").then().statusCode(200)
                .body("entries.size()", equalTo(2)).body("nextAfter", equalTo(seqs.get(1)));
        as("kairos.caseworker1").queryParam("after", seqs.get(1)).queryParam("limit", 10).get("/api/subjects/" + id + "/access-log")
                .then().statusCode(200).body("entries.size()", equalTo(5)).body("entries[0].action", equalTo("SECTION_WRITTEN"));
    }

    @Test
    void theAccessLogIsForHerOrganisationAndItsPrivacyOfficersOnly() {
        String kairosSubject = register("kairos.caseworker1");
        String fwtSubject = register("fwt.caseworker1");
        String path = "/api/subjects/" + fwtSubject + "/access-log";
        for (String user : List.of("fwt.caseworker2", "fwt.coordinator1", "fwt.connector1", "fwt.privacy1", "fwt.privacy2")) {
            as(user).get(path).then().statusCode(200).body("entries.action", hasItem("SUBJECT_REGISTERED"));
        }
        as("fwt.privacy1").get("/api/subjects/" + kairosSubject + "/access-log").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        as("celc.privacy1").get(path).then().statusCode(404);
        as("crasac.caseworker1").get(path).then().statusCode(404);
        as("sbs.caseworker1").get(path).then().statusCode(404);
        as("kairos.caseworker1").get("/api/subjects/" + UUID.randomUUID() + "/access-log").then().statusCode(404);
        anonymous().get(path).then().statusCode(401).contentType(startsWith("application/problem+json"));
        as("wbg.evaluator1").get(path).then().statusCode(403).contentType(startsWith("application/problem+json"));
        as("fwt.admin1").get(path).then().statusCode(403);
        as("fwt.caseworker1").queryParam("limit", 0).get(path).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("limit"));
        as("fwt.caseworker1").queryParam("limit", 5000).get(path).then().statusCode(400);
        as("fwt.caseworker1").queryParam("after", "yesterday").get(path).then().statusCode(400);
        assertEquals(FWT, as("fwt.caseworker1").get("/api/subjects/" + fwtSubject).then().extract().path("organisationId"));
    }

    @Test
    void noAuditNoAction() throws SQLException {
        String id = register("kairos.caseworker1");
        putSection("kairos.caseworker1", id, "STORY", story("v1"));
        // Make the audit refuse section writes for a moment: the write must roll back with its audit row.
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("alter table access_audit add constraint test_refuse_writes check (action <> 'SECTION_WRITTEN') not valid");
        }
        try {
            as("kairos.caseworker1").body(story("v2")).put("/api/subjects/" + id + "/summary/sections/STORY").then()
                    .statusCode(500).contentType(startsWith("application/problem+json"));
        } finally {
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("alter table access_audit drop constraint test_refuse_writes");
            }
        }
        assertEquals(1, count(db, "select count(*) from summary_section where subject_id = ?", uuid(id)), "no audit, no write");
        as("kairos.caseworker1").get("/api/subjects/" + id + "/summary/sections/STORY").then().body("content.text", equalTo("v1"));
    }

    @Test
    void verificationRecomputesTheChain() {
        register("kairos.caseworker1");
        awaitAuditChained(db);
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200)
                .body("valid", equalTo(true)).body("rowsChecked", greaterThan(0))
                .body("firstBrokenSeq", nullValue()).body("reason", nullValue())
                .body("unchainedRows", equalTo(0)).body("oldestUnchainedAt", nullValue());
        as("celc.privacy1").get("/api/audit/verification").then().statusCode(200).body("valid", equalTo(true));
        anonymous().get("/api/audit/verification").then().statusCode(401).contentType(startsWith("application/problem+json"));
        for (String user : List.of("kairos.caseworker1", "kairos.coordinator1", "fwt.connector1", "wbg.evaluator1", "fwt.admin1")) {
            as(user).get("/api/audit/verification").then().statusCode(403).contentType(startsWith("application/problem+json"));
        }
    }

    /**
     * The audit is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE even for the table's owner) and
     * tamper-evident: someone who disables the trigger and edits a row is caught by the hash chain, which names the row.
     */
    @Test
    void editingOneAuditRowInSqlIsRefusedAndIfForcedVerificationNamesTheRow() throws SQLException {
        String id = register("kairos.caseworker1");
        putSection("kairos.caseworker1", id, "STORY", story("x"));
        as("kairos.caseworker1").get("/api/subjects/" + id + "/summary/sections/STORY").then().statusCode(200);
        awaitAuditChained(db);
        long seq;
        UUID rowId;
        String originalActor;
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select seq, id, actor_user_id from access_audit where subject_id = ? and action = 'SECTION_WRITTEN'")) {
            ps.setObject(1, uuid(id));
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
                seq = rs.getLong(1);
                rowId = rs.getObject(2, UUID.class);
                originalActor = rs.getString(3);
            }
        }
        // 1. The trigger refuses every change, even from the owner of the table.
        for (String sql : List.of("update access_audit set actor_user_id = 'someone-else' where seq = " + seq,
                "delete from access_audit where seq = " + seq, "truncate access_audit")) {
            SQLException refused = assertThrows(SQLException.class, () -> execute(sql));
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage());
        }
        assertEquals(originalActor, actorOf(seq));

        // 2. Forced past the trigger (disabled inside one transaction), the edit is caught by the chain.
        String forger = UUID.randomUUID().toString();
        forceUpdateActor(seq, forger);
        try {
            assertEquals(forger, actorOf(seq));
            as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200)
                    .body("valid", equalTo(false))
                    .body("firstBrokenSeq", equalTo((int) seq))
                    .body("firstBrokenId", equalTo(rowId.toString()))
                    .body("reason", equalTo("HASH_MISMATCH"))
                    .body("rowsChecked", equalTo((int) seq - 1));
        } finally {
            forceUpdateActor(seq, originalActor); // put it back so the chain is whole for every other test
        }
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200).body("valid", equalTo(true));
    }

    /** Deleting the newest rows (where no later row points at them) is caught by the chain head. */
    @Test
    void deletingTheLatestAuditRowIsCaughtByTheChainHead() throws SQLException {
        register("kairos.caseworker1");
        awaitAuditChained(db);
        long seq = count(db, "select max(seq) from access_audit");
        String saved;
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select row_to_json(a)::text from access_audit a where seq = " + seq)) {
            assertTrue(rs.next());
            saved = rs.getString(1);
        }
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("alter table access_audit disable trigger access_audit_append_only");
                assertEquals(1, st.executeUpdate("delete from access_audit where seq = " + seq));
                st.execute("alter table access_audit enable trigger access_audit_append_only");
                c.commit();
            } finally {
                c.setAutoCommit(true);
            }
        }
        try {
            as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200)
                    .body("valid", equalTo(false)).body("reason", equalTo("HEAD_MISMATCH"))
                    .body("firstBrokenSeq", equalTo((int) seq)).body("headSeq", equalTo((int) seq));
        } finally {
            // Put the row back exactly as it was (INSERT is what the audit allows).
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "insert into access_audit select * from json_populate_record(null::access_audit, ?::json)")) {
                ps.setString(1, saved);
                assertEquals(1, ps.executeUpdate());
            }
        }
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200).body("valid", equalTo(true));
    }

    private void forceUpdateActor(long seq, String actor) throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement(); PreparedStatement ps = c.prepareStatement(
                    "update access_audit set actor_user_id = ? where seq = ?")) {
                st.execute("alter table access_audit disable trigger access_audit_append_only");
                ps.setString(1, actor);
                ps.setLong(2, seq);
                assertEquals(1, ps.executeUpdate());
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

    private String actorOf(long seq) throws SQLException {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select actor_user_id from access_audit where seq = ?")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
