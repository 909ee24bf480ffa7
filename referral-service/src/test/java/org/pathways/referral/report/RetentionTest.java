package org.pathways.referral.report;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.awaitAuditChained;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.uuid;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The retention job erases a record past its retention period, as an erasure would, and reports what it did. */
@QuarkusTest
@TestProfile(ShortRetention.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class RetentionTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aRecordPastRetentionIsErasedAndTheRunIsReported() {
        String canary = "CANARY-RETENTION-" + UUID.randomUUID();
        String subject = register("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "STORY", "{\"text\":\"" + canary + "\",\"language\":\"en\"}");
        as("kairos.caseworker1").get("/api/subjects/" + subject + "/summary/sections/STORY").then().statusCode(200)
                .body("content.text", equalTo(canary));

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                count(db, "select count(*) from subject where id = ? and erased_at is not null", uuid(subject)) == 1);

        as("kairos.caseworker1").get("/api/subjects/" + subject + "/summary/sections/STORY").then().statusCode(404);
        assertEquals(0, count(db, "select count(*) from subject_key where subject_id = ?", uuid(subject)));
        assertEquals(0, count(db, "select count(*) from summary_section where subject_id = ?", uuid(subject)));
        assertEquals(1, count(db, "select count(*) from erasure_request where subject_id = ? and reason_code = 'RETENTION' "
                + "and state = 'COMPLETED' and requested_by = 'system'", uuid(subject)));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'SUBJECT_ERASED' "
                + "and actor_user_id = 'system'", uuid(subject)));
        assertTrue(count(db, "select count(*) from outbox_event where message_key = ? and event_type = 'pathways.subject.erased'", subject) >= 1);

        as("fwt.privacy1").get("/api/retention/runs").then().statusCode(200)
                .body("dataClass", hasItem("inactive-subject")).body("action", hasItem("ERASED"));
        as("kairos.caseworker1").get("/api/retention/runs").then().statusCode(403);
        anonymous().get("/api/retention/runs").then().statusCode(401);
        awaitAuditChained(db);
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200).body("valid", equalTo(true))
                .body("unchainedRows", equalTo(0));
    }

    @Inject
    org.pathways.referral.service.RetentionJob job;

    /**
     * With several replicas a pass runs once (ADR 0081): while another replica holds the retention lock no pass runs
     * here — neither the scheduled ones nor one asked for — and passes resume when it lets go.
     */
    @Test
    void noPassRunsWhileAnotherReplicaHoldsTheRetentionLock() throws Exception {
        String runs = "select count(*) from retention_run";
        try (java.sql.Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            try (var ps = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                // Waits for a pass in flight to finish: from here on none is running and none can start.
                ps.setLong(1, org.pathways.referral.service.RetentionJob.LOCK);
                ps.execute();
            }
            long held = count(db, runs);
            assertEquals(false, job.runOnce());
            // The job is scheduled every 2 s in this profile: five passes' worth of time, and none recorded a run.
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15)).until(() -> count(db, runs) == held);
            other.rollback();
            assertEquals(true, job.runOnce());
            assertTrue(count(db, runs) > held);
        }
    }
}
