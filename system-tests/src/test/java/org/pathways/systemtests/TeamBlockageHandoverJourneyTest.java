package org.pathways.systemtests;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.inbox;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.needs;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.userId;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 16's Changing Futures-style journey, on the Coventry demo organisations: a team around her (a joint lead worker
 * and a partner's ISVA on her consent), a refusal challenged and logged as a system blockage that the partnership
 * reviews, and a handover after which the answers follow the new lead worker (ADRs 0069, 0071, 0049).
 */
class TeamBlockageHandoverJourneyTest {

    @Test
    void aTeamARefusalChallengedAndLoggedAndAHandover() {
        Journey j = new Journey("Issue 16 team, blockage, handover");
        Instant start = Instant.now().minusSeconds(5);
        String joint = userId("kairos.caseworker2");
        String isva = userId("crasac.caseworker1");

        String subject = j.step("Kairos registers her, writes her needs and records her consent for CRASAC (referral, case coordination)", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            putSection("kairos.caseworker1", s, "NEEDS", needs("counselling"));
            recordConsent("kairos.caseworker1", s, List.of(CRASAC), List.of("REFERRAL", "CASE_COORDINATION"), List.of("NEEDS"));
            return s;
        });

        j.step("Kairos names the team around her: a joint lead worker and CRASAC's ISVA", () -> {
            Journey.as("kairos.caseworker1").body(Map.of("userId", joint, "role", "JOINT_LEAD_WORKER"))
                    .post(referral("/api/subjects/" + subject + "/team/members")).then().statusCode(201).body("basis", equalTo("OWNER"));
            Journey.as("kairos.caseworker1").body(Map.of("userId", isva, "organisationId", CRASAC, "role", "ISVA"))
                    .post(referral("/api/subjects/" + subject + "/team/members")).then().statusCode(201).body("basis", equalTo("CONSENT"));
            Journey.as("crasac.caseworker1").get(referral("/api/caseload")).then().statusCode(200)
                    .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("TEAM_MEMBER"));
        });

        String id = j.step("Kairos refers her to CRASAC; CRASAC declines (not eligible); the team is told of both moves", () -> {
            String r = sent("kairos.caseworker1", referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
            move("crasac.coordinator1", r, 1, Map.of("target", "DECLINED", "reason", "NOT_ELIGIBLE")).statusCode(200);
            awaitInbox("kairos.caseworker2", r, "TEAM_REFERRAL_MOVED", start);
            awaitInbox("crasac.caseworker1", r, "TEAM_REFERRAL_MOVED", start);
            awaitInbox("kairos.caseworker1", r, "REFERRAL_DECLINED", start);
            return r;
        });

        j.step("Kairos asks for the decline to be reviewed; both are items of the partnership's blockage log, codes only", () -> {
            Journey.as("kairos.caseworker1").body(Map.of("reasonCode", "ELIGIBILITY_MISREAD"))
                    .post(referral("/api/referrals/" + id + "/decline-reviews")).then().statusCode(201);
            List<Map<String, Object>> raised = Journey.as("kairos.caseworker1").get(referral("/api/blockages/raised")).then().statusCode(200)
                    .extract().jsonPath().getList("$");
            List<Map<String, Object>> mine = raised.stream().filter(i -> !Instant.parse((String) i.get("raisedAt")).isBefore(start)
                    && CRASAC_COUNSELLING.equals(i.get("serviceId"))).toList();
            assertTrue(mine.stream().anyMatch(i -> "DECLINED".equals(i.get("source")) && "NOT_ELIGIBLE".equals(i.get("reasonCode"))), mine.toString());
            assertTrue(mine.stream().anyMatch(i -> "DECLINE_CHALLENGED".equals(i.get("source"))), mine.toString());
            assertTrue(mine.stream().noneMatch(i -> i.containsKey("subjectId") || i.containsKey("referralId")));
            Journey.as("fwt.connector1").queryParam("partnershipId", COVENTRY).get(referral("/api/blockages/board")).then().statusCode(200)
                    .body("by.source.DECLINE_CHALLENGED", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
        });

        j.step("FWT's partnership admin reviews the decline's item and resolves it; Kairos reads the outcome", () -> {
            String item = (String) Journey.as("kairos.caseworker1").get(referral("/api/blockages/raised")).then().statusCode(200)
                    .extract().jsonPath().getList("$", Map.class).stream()
                    .filter(i -> "DECLINED".equals(i.get("source")) && CRASAC_COUNSELLING.equals(i.get("serviceId"))
                            && !Instant.parse((String) i.get("raisedAt")).isBefore(start))
                    .findFirst().orElseThrow().get("id");
            Journey.as("fwt.partnership-admin1").body(Map.of("status", "UNDER_REVIEW")).post(referral("/api/blockages/" + item + "/status"))
                    .then().statusCode(200);
            Journey.as("fwt.partnership-admin1").body(Map.of("status", "RESOLVED", "outcome", "PROCESS_CHANGED"))
                    .post(referral("/api/blockages/" + item + "/status")).then().statusCode(200);
            Journey.as("kairos.caseworker1").get(referral("/api/blockages/raised")).then().statusCode(200)
                    .body("find { it.id == '" + item + "' }.outcome", equalTo("PROCESS_CHANGED"));
        });

        j.step("Kairos hands her case over to the joint lead worker", () -> {
            Journey.as("kairos.caseworker1").body(Map.of("leadWorkerId", joint)).put(referral("/api/subjects/" + subject + "/lead-worker"))
                    .then().statusCode(200).body("leadWorkerId", equalTo(joint));
            Journey.as("kairos.caseworker2").get(referral("/api/caseload")).then().statusCode(200)
                    .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("LEAD_WORKER"));
        });

        j.step("CRASAC answers the review: the answer goes to her new lead worker, not to the worker who sent it", () -> {
            String challenge = Journey.as("crasac.coordinator1").get(referral("/api/referrals/" + id + "/challenges")).then().statusCode(200)
                    .extract().path("[0].id");
            Journey.as("crasac.coordinator1").body(Map.of("outcome", "DECLINE_UPHELD"))
                    .post(referral("/api/referrals/" + id + "/challenges/" + challenge + "/answer")).then().statusCode(200);
            awaitInbox("kairos.caseworker2", id, "REFERRAL_DECLINE_REVIEW_ANSWERED", start);
            assertEquals(List.of(), inbox("kairos.caseworker1", id, "REFERRAL_DECLINE_REVIEW_ANSWERED", start));
        });
    }
}
