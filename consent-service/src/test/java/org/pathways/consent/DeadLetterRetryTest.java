package org.pathways.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.consent.testing.ReferralServiceEvents.KAIROS;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventTypes;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.pathways.consent.testing.ConsentDb;
import org.pathways.consent.testing.ReferralServiceEvents;

/**
 * A well-formed event that cannot be applied (its table is unavailable: renamed away for the outage, on the real
 * database) is retried with backoff; a short outage never reaches the dead-letter topic, a long one parks the event
 * there, and a replay applies it once the database is back.
 */
@QuarkusTest
@QuarkusTestResource(value = StackWithDirectory.class, initArgs = @ResourceArg(name = "service", value = "consent"))
class DeadLetterRetryTest {

    private static final String DLQ = "referral.events.dlq";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    private void sql(String statement) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void outage() {
        sql("alter table subject rename to subject_outage");
    }

    private void recovered() {
        sql("alter table subject_outage rename to subject");
    }

    private static String publishRegistration() {
        String subject = UUID.randomUUID().toString();
        ObjectNode d = new ObjectMapper().createObjectNode();
        d.put("subjectId", subject);
        d.put("organisationId", KAIROS);
        d.put("occurredAt", "2026-11-22T10:00:00Z");
        ReferralServiceEvents.publish(EventTypes.SUBJECT_REGISTERED, subject, d);
        return subject;
    }

    /**
     * Her registration was applied: consent-service has her row. (Asked through {@code GET /api/subjects/{id}/consents}
     * before ADR 0008; that request asks referral-service where the caller stands, and it does not run here.)
     */
    private static boolean applied(String subject) {
        return ConsentDb.count("select count(*) from subject where id = ?", UUID.fromString(subject)) == 1;
    }

    private double retries() {
        return metrics.counter("pathways_consent_referral_events_retries_total").count();
    }

    private static List<ConsumerRecord<String, byte[]>> parked(String subject) {
        return TopicReader.readToEnd(DLQ).stream().filter(r -> subject.equals(r.key())).toList();
    }

    @Test
    void aShortOutageIsRetriedAndNeverReachesTheDeadLetterTopic() {
        String subject;
        double retriedBefore = retries();
        outage();
        try {
            subject = publishRegistration();
            // The outage ends as soon as an attempt has failed and been scheduled for a retry: well inside the retry
            // budget (%test: 6 attempts, 0.2 s doubling to at most 1 s, about 3.4 s).
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> retries() > retriedBefore);
        } finally {
            recovered();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> applied(subject));
        assertTrue(parked(subject).isEmpty(), "a retried event is not parked");
    }

    @Test
    void aLongOutageParksTheEventAndAReplayAppliesIt() {
        String subject;
        outage();
        try {
            subject = publishRegistration();
            await().atMost(Duration.ofSeconds(30)).until(() -> !parked(subject).isEmpty());
        } finally {
            recovered();
        }
        ConsumerRecord<String, byte[]> record = parked(subject).get(0);
        assertEquals("processing-failed",
                new String(record.headers().lastHeader("pathways-dlq-reason").value(), StandardCharsets.UTF_8));
        assertFalse(applied(subject), "not applied yet");

        String replay = "/internal/dead-letters/referral-events/replay";
        given().post(replay).then().statusCode(401);
        given().auth().oauth2(Tokens.forUser("fwt.privacy1")).post(replay).then().statusCode(403);
        given().auth().oauth2(Tokens.forClient("referral-service")).post(replay).then().statusCode(200)
                .body("failed", equalTo(0)).body("complete", equalTo(true));
        assertTrue(applied(subject), "applied by the replay");
        // Everything parked so far was replayed: a second replay has nothing left to apply.
        given().auth().oauth2(Tokens.forClient("referral-service")).post(replay).then().statusCode(200)
                .body("applied", equalTo(0)).body("failed", equalTo(0));
    }

    /** One replay at a time across replicas (ADR 0081): while another instance replays, a replay here answers 409. */
    @Test
    void aReplayWhileAnotherInstanceReplaysIsRefused() throws SQLException {
        String replay = "/internal/dead-letters/referral-events/replay";
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var ps = other.prepareStatement("select pg_advisory_xact_lock(?)")) {
                ps.setLong(1, org.pathways.consent.messaging.DeadLetterReplay.LOCK);
                ps.execute();
            }
            given().auth().oauth2(Tokens.forClient("referral-service")).post(replay).then().statusCode(409)
                    .contentType(org.hamcrest.Matchers.startsWith("application/problem+json")).body("type", org.hamcrest.Matchers.endsWith("replay-in-progress"));
            other.rollback();
        }
        given().auth().oauth2(Tokens.forClient("referral-service")).post(replay).then().statusCode(200);
    }
}
