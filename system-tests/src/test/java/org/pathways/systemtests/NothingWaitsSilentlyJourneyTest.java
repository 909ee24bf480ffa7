package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.FWT;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.inbox;
import static org.pathways.systemtests.JourneySupport.needs;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.send;
import static org.pathways.systemtests.JourneySupport.state;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Journey 5, nothing waits silently: a referral nobody answers reminds the receiving SPOC, then escalates to the
 * referrer and the Partnership Connector, then EXPIRES and comes back to the referrer, who re-routes it.
 *
 * <p>Durations: in the test stack only CRASAC's Women's Circle runs its timers on 20-second working days (the launcher's
 * test block, ADR 0070); every other service keeps real UK working days, so no other journey meets a reminder. Here
 * CRASAC's admin sets the Circle's response target to 2 working days, reminder 1 day before, expiry after 3, through
 * the directory's admin API, so the reminder comes after about 20 s, the escalation after 40 s and the expiry after 60 s.
 */
class NothingWaitsSilentlyJourneyTest {

    static final String WOMENS_CIRCLE = demoId("service:crasac-circle");
    static final String FWT_KEYWORK = demoId("service:fwt-keywork");
    static final List<String> SHARED = List.of("NEEDS");

    @Test
    void anUnansweredReferralIsRemindedEscalatedExpiredAndReRouted() {
        Journey j = new Journey("5 Nothing waits silently");
        Instant start = Instant.now().minusSeconds(5);

        j.step("CRASAC's admin sets the Women's Circle's single point of contact and response target", () -> {
            Journey.as("crasac.admin1").body(Map.of("username", "crasac.coordinator1", "mailbox", "circle@crasac.example.org"))
                    .put(Journey.url("directory", "/api/services/" + WOMENS_CIRCLE + "/spoc")).then().statusCode(200);
            // Bad input first: the reminder must come before the target.
            Journey.as("crasac.admin1").body(Map.of("workingDays", 2, "remindBeforeWorkingDays", 2, "expireAfterWorkingDays", 3,
                    "nation", "ENGLAND_AND_WALES")).put(Journey.url("directory", "/api/services/" + WOMENS_CIRCLE + "/response-target"))
                    .then().statusCode(422);
            Journey.as("crasac.admin1").body(Map.of("workingDays", 2, "remindBeforeWorkingDays", 1, "expireAfterWorkingDays", 3,
                    "nation", "ENGLAND_AND_WALES")).put(Journey.url("directory", "/api/services/" + WOMENS_CIRCLE + "/response-target"))
                    .then().statusCode(200).body("responseTarget.workingDays", equalTo(2))
                    .body("responseTarget.remindBeforeWorkingDays", equalTo(1)).body("responseTarget.expireAfterWorkingDays", equalTo(3));
        });

        String subject = j.step("Kairos records her need for peer support and her consent", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            putSection("kairos.caseworker1", s, "NEEDS", needs("peer-support-groups"));
            recordConsent("kairos.caseworker1", s, List.of(CRASAC, FWT), List.of("REFERRAL"), SHARED);
            return s;
        });

        String first = j.step("Kairos refers her to the Women's Circle; its SPOC is told", () -> {
            String id = send("kairos.caseworker1", referralBody(subject, WOMENS_CIRCLE, List.of("peer-support-groups"), SHARED))
                    .statusCode(201).body("state", equalTo("SENT")).extract().path("id");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !inbox("crasac.coordinator1", id, "REFERRAL_SENT", start).isEmpty());
            return id;
        });

        j.step("Nobody answers; a referral still waiting cannot be re-routed yet", () -> {
            Map<String, Object> body = referralBody(subject, FWT_KEYWORK, List.of("peer-support-groups"), SHARED);
            body.put("replacesReferralId", first);
            send("kairos.caseworker1", body).statusCode(422).body("errors[0].field", equalTo("replacesReferralId"));
        });

        Instant reminded = j.step("Before the target the SPOC is reminded", () -> {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> !inbox("crasac.coordinator1", first, "REFERRAL_REMINDER", start).isEmpty());
            assertEquals("SENT", state("kairos.caseworker1", first));
            return createdAt(inbox("crasac.coordinator1", first, "REFERRAL_REMINDER", start).get(0));
        });

        Instant escalated = j.step("When the target passes, the referrer and the Partnership Connector are told", () -> {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> !inbox("kairos.caseworker1", first, "REFERRAL_ESCALATED", start).isEmpty()
                            && !inbox("fwt.connector1", first, "REFERRAL_ESCALATED", start).isEmpty());
            return createdAt(inbox("kairos.caseworker1", first, "REFERRAL_ESCALATED", start).get(0));
        });

        Instant expired = j.step("At the second limit the referral EXPIRES and returns to the referrer", () -> {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> "EXPIRED".equals(state("kairos.caseworker1", first)));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !inbox("kairos.caseworker1", first, "REFERRAL_EXPIRED", start).isEmpty()
                            && !inbox("fwt.connector1", first, "REFERRAL_EXPIRED", start).isEmpty());
            // The system made the move: history row without a user.
            Journey.as("kairos.caseworker1").get(referral("/api/referrals/" + first + "/history")).then().statusCode(200)
                    .body("to", hasItem("EXPIRED")).body("find { it.to == 'EXPIRED' }.actor", equalTo("SYSTEM"))
                    .body("find { it.to == 'EXPIRED' }.from", equalTo("SENT"));
            // Nobody at CRASAC can answer it any more.
            JourneySupport.move("crasac.coordinator1", first, 2, Map.of("target", "ACCEPTED")).statusCode(409)
                    .body("type", equalTo("https://pathways.example/problems/illegal-transition"));
            return createdAt(inbox("kairos.caseworker1", first, "REFERRAL_EXPIRED", start).get(0));
        });

        j.step("Each came in its turn: reminder, escalation, expiry, each once", () -> {
            assertTrue(reminded.isBefore(escalated) && escalated.isBefore(expired), reminded + " < " + escalated + " < " + expired);
            // One entry per person (and per mailbox), never repeated by a later poll.
            assertEquals(1, inbox("kairos.caseworker1", first, "REFERRAL_ESCALATED", start).size());
            assertEquals(1, inbox("kairos.caseworker1", first, "REFERRAL_EXPIRED", start).size());
        });

        j.step("Kairos re-routes her to FWT's key work and wellbeing service, on the same pathway", () -> {
            Map<String, Object> body = referralBody(subject, FWT_KEYWORK, List.of("peer-support-groups"), SHARED);
            body.put("replacesReferralId", first);
            String rerouted = send("kairos.caseworker1", body).statusCode(201).body("state", equalTo("SENT"))
                    .body("replacesReferralId", equalTo(first)).extract().path("id");
            Journey.as("kairos.caseworker1").get(referral("/api/pathways/" + first)).then().statusCode(200)
                    .body("steps.referral.id", equalTo(List.of(first, rerouted)))
                    .body("steps.relation", equalTo(List.of("START", "REROUTE"))).body("steps[1].follows", equalTo(first));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !inbox("fwt.coordinator1", rerouted, "REFERRAL_SENT", start).isEmpty());
        });
    }

    private static Instant createdAt(Map<String, Object> item) {
        return OffsetDateTime.parse((String) item.get("createdAt")).toInstant();
    }
}
