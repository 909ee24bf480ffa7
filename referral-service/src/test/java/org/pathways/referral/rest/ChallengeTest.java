package org.pathways.referral.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16, item 5 (ADR 0055): a referrer escalates a referral herself and asks for a decline to be reviewed; the
 * receiving organisation answers; both are in the history and told through the outbox (codes only) - real stack.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class ChallengeTest {

    @Inject
    AgroalDataSource db;

    private String sentToCrasac() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        return send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
    }

    private static boolean eventFor(String id, String type, String contains) {
        return TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .map(r -> id.equals(r.key()) ? new String(r.value(), StandardCharsets.UTF_8) : "")
                .anyMatch(v -> v.contains(type) && v.contains(contains));
    }

    @Test
    void aReferrerEscalatesAnUnansweredReferralAndTheReceiverAnswers() {
        String id = sentToCrasac();
        // Bad input and the wrong side change nothing.
        as("kairos.caseworker1").body(Map.of()).post("/api/referrals/" + id + "/escalations").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("reasonCode"));
        as("kairos.caseworker1").body(Map.of("reasonCode", "BORED")).post("/api/referrals/" + id + "/escalations").then()
                .statusCode(400);
        as("kairos.caseworker1").body(Map.of("reasonCode", "NO_ANSWER", "note", "x")).post("/api/referrals/" + id + "/escalations")
                .then().statusCode(400);
        as("kairos.caseworker1").body(Map.of("reasonCode", "NEED_IN_SCOPE")).post("/api/referrals/" + id + "/escalations").then()
                .statusCode(422).body("errors[0].field", equalTo("reasonCode"));
        as("crasac.coordinator1").body(Map.of("reasonCode", "NO_ANSWER")).post("/api/referrals/" + id + "/escalations").then()
                .statusCode(403);
        as("celc.coordinator1").body(Map.of("reasonCode", "NO_ANSWER")).post("/api/referrals/" + id + "/escalations").then()
                .statusCode(404);
        assertEquals(0, count(db, "select count(*) from referral_challenge where referral_id = ?", uuid(id)));

        String challenge = as("kairos.caseworker1").body(Map.of("reasonCode", "NO_ANSWER")).post("/api/referrals/" + id + "/escalations")
                .then().statusCode(201).body("kind", equalTo("ESCALATION")).body("reasonCode", equalTo("NO_ANSWER"))
                .body("referralState", equalTo("SENT")).extract().path("id");
        as("kairos.caseworker1").body(Map.of("reasonCode", "RISK_INCREASED")).post("/api/referrals/" + id + "/escalations").then()
                .statusCode(409).body("type", equalTo("https://pathways.example/problems/already-escalated"));
        await().atMost(Duration.ofSeconds(30)).until(() -> eventFor(id, "pathways.referral.challenge-raised", "\"reasonCode\":\"NO_ANSWER\""));

        // The receiver answers (the referrer cannot; an outcome of the other kind is refused), once.
        as("kairos.caseworker1").body(Map.of("outcome", "ACTIONED"))
                .post("/api/referrals/" + id + "/challenges/" + challenge + "/answer").then().statusCode(403);
        as("crasac.coordinator1").body(Map.of("outcome", "DECLINE_UPHELD"))
                .post("/api/referrals/" + id + "/challenges/" + challenge + "/answer").then().statusCode(422)
                .body("errors[0].field", equalTo("outcome"));
        as("crasac.coordinator1").body(Map.of("outcome", "ACTIONED"))
                .post("/api/referrals/" + id + "/challenges/" + challenge + "/answer").then().statusCode(200)
                .body("outcome", equalTo("ACTIONED"));
        as("crasac.coordinator1").body(Map.of("outcome", "ACTIONED"))
                .post("/api/referrals/" + id + "/challenges/" + challenge + "/answer").then().statusCode(409);
        as("crasac.coordinator1").body(Map.of("outcome", "ACTIONED"))
                .post("/api/referrals/" + id + "/challenges/" + java.util.UUID.randomUUID() + "/answer").then().statusCode(404);
        await().atMost(Duration.ofSeconds(30)).until(() -> eventFor(id, "pathways.referral.challenge-answered", "\"outcome\":\"ACTIONED\""));

        // Both sides see it in the history and the list; the referral did not move.
        as("kairos.caseworker1").get("/api/referrals/" + id + "/history").then().statusCode(200)
                .body("event", contains("MOVED", "ESCALATED", "ESCALATION_ANSWERED"))
                .body("challengeReason[1]", equalTo("NO_ANSWER")).body("challengeOutcome[2]", equalTo("ACTIONED"));
        as("crasac.caseworker1").get("/api/referrals/" + id + "/challenges").then().statusCode(200).body("$", hasSize(1));
        as("kairos.caseworker1").get("/api/referrals/" + id).then().statusCode(200).body("state", equalTo("SENT")).body("version", equalTo(1));
        // A second escalation is possible once the first was answered.
        as("kairos.caseworker1").body(Map.of("reasonCode", "RISK_INCREASED")).post("/api/referrals/" + id + "/escalations").then()
                .statusCode(201);
        // No free text in any of these events.
        assertFalse(TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream().map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .filter(v -> v.contains("challenge-")).anyMatch(v -> v.contains("\"note\"")));
    }

    @Test
    void aReferrerAsksForADeclineToBeReviewedOnce() {
        String id = sentToCrasac();
        as("kairos.caseworker1").body(Map.of("reasonCode", "NEED_IN_SCOPE")).post("/api/referrals/" + id + "/decline-reviews").then()
                .statusCode(409).body("type", equalTo("https://pathways.example/problems/not-declined"));
        move("crasac.coordinator1", id, 1, Map.of("target", "DECLINED", "reason", "NEED_NOT_IN_SCOPE")).statusCode(200);
        // An ended referral is not escalated; its decline can be reviewed.
        as("kairos.caseworker1").body(Map.of("reasonCode", "NO_ANSWER")).post("/api/referrals/" + id + "/escalations").then()
                .statusCode(409).body("type", equalTo("https://pathways.example/problems/referral-ended"));
        String review = as("kairos.caseworker1").body(Map.of("reasonCode", "NEED_IN_SCOPE"))
                .post("/api/referrals/" + id + "/decline-reviews").then().statusCode(201).body("kind", equalTo("DECLINE_REVIEW"))
                .extract().path("id");
        as("kairos.caseworker1").body(Map.of("reasonCode", "OTHER")).post("/api/referrals/" + id + "/decline-reviews").then()
                .statusCode(409).body("type", equalTo("https://pathways.example/problems/review-already-requested"));
        await().atMost(Duration.ofSeconds(30)).until(() -> eventFor(id, "pathways.referral.challenge-raised", "\"kind\":\"DECLINE_REVIEW\""));

        as("crasac.coordinator1").body(Map.of("outcome", "DECLINE_OVERTURNED"))
                .post("/api/referrals/" + id + "/challenges/" + review + "/answer").then().statusCode(200);
        as("kairos.caseworker1").get("/api/referrals/" + id + "/history").then().statusCode(200)
                .body("event", contains("MOVED", "MOVED", "DECLINE_REVIEW_REQUESTED", "DECLINE_REVIEW_ANSWERED"))
                .body("challengeOutcome[3]", equalTo("DECLINE_OVERTURNED"));
        // Overturned: she is sent again to the same service, re-routed from the declined referral.
        Map<String, Object> again = referral(as("kairos.caseworker1").get("/api/referrals/" + id).then().extract().path("subjectId"),
                CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"));
        again.put("replacesReferralId", id);
        send("kairos.caseworker1", again).statusCode(201).body("replacesReferralId", equalTo(id));
    }
}
