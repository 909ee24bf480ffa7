package org.pathways.systemtests;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.assertNoEventOrNoticeCarries;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.inbox;
import static org.pathways.systemtests.JourneySupport.move;
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
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue 16's Changing Futures-style journey, on the Coventry demo organisations: a team around her (a joint lead worker
 * and a partner's ISVA on her consent), a refusal challenged and logged as a system blockage that the partnership
 * reviews, and a handover after which the answers follow the new lead worker (ADRs 0069, 0071, 0049). Each step is
 * checked where its person would see it (caseload, inbox, blockage log, raised items, history) and refused to those who
 * must not see it; her words go into no event and no notice.
 */
class TeamBlockageHandoverJourneyTest {

    @Test
    void aTeamARefusalChallengedAndLoggedAndAHandover() {
        Journey j = new Journey("Issue 16 team, blockage, handover");
        String canary = "Kanarie" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Instant start = Instant.now().minusSeconds(5);
        String joint = userId("kairos.caseworker2");
        String isva = userId("crasac.caseworker1");

        String subject = j.step("Kairos registers her, writes her needs and records her consent for CRASAC (referral, case coordination)", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            putSection("kairos.caseworker1", s, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"" + canary
                    + "\",\"status\":\"IDENTIFIED\"}]}");
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
            Journey.as("kairos.caseworker2").get(referral("/api/caseload")).then().statusCode(200)
                    .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("JOINT_LEAD_WORKER"));
            Journey.as("kairos.caseworker1").get(referral("/api/subjects/" + subject + "/team")).then().statusCode(200)
                    .body("members.userId", containsInAnyOrder(joint, isva));
            // The team list is her registering organisation's record: the ISVA finds her on her caseload, not the list;
            // an organisation not on her team finds neither.
            Journey.as("crasac.caseworker1").get(referral("/api/subjects/" + subject + "/team")).then().statusCode(404);
            Journey.as("haven.coordinator1").get(referral("/api/subjects/" + subject + "/team")).then().statusCode(404);
            Journey.as("haven.caseworker1").get(referral("/api/caseload")).then().statusCode(200)
                    .body("people.subjectId", not(hasItem(subject)));
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
            // The receiving service's SPOC and the Partnership Connector are asked; a second request is refused.
            awaitInbox("crasac.coordinator1", id, "REFERRAL_DECLINE_REVIEW_REQUESTED", start);
            awaitInbox("fwt.connector1", id, "REFERRAL_DECLINE_REVIEW_REQUESTED", start);
            Journey.as("kairos.caseworker1").body(Map.of("reasonCode", "NEED_IN_SCOPE"))
                    .post(referral("/api/referrals/" + id + "/decline-reviews")).then().statusCode(409);
            List<Map<String, Object>> raised = Journey.as("kairos.caseworker1").get(referral("/api/blockages/raised")).then().statusCode(200)
                    .extract().jsonPath().getList("$");
            List<Map<String, Object>> mine = raised.stream().filter(i -> !Instant.parse((String) i.get("raisedAt")).isBefore(start)
                    && CRASAC_COUNSELLING.equals(i.get("serviceId"))).toList();
            assertTrue(mine.stream().anyMatch(i -> "DECLINED".equals(i.get("source")) && "NOT_ELIGIBLE".equals(i.get("reasonCode"))), mine.toString());
            assertTrue(mine.stream().anyMatch(i -> "DECLINE_CHALLENGED".equals(i.get("source"))), mine.toString());
            assertTrue(mine.stream().noneMatch(i -> i.containsKey("subjectId") || i.containsKey("referralId")));
            Journey.as("fwt.connector1").queryParam("partnershipId", COVENTRY).get(referral("/api/blockages/board")).then().statusCode(200)
                    .body("by.source.DECLINE_CHALLENGED", org.hamcrest.Matchers.greaterThanOrEqualTo(1));
            // The Connector finds the challenged decline in the partnership's log; it names neither her nor the referral.
            String challenged = (String) mine.stream().filter(i -> "DECLINE_CHALLENGED".equals(i.get("source"))).findFirst()
                    .orElseThrow().get("id");
            List<Map<String, Object>> log = Journey.as("fwt.connector1").queryParam("partnershipId", COVENTRY)
                    .queryParam("source", "DECLINE_CHALLENGED").queryParam("serviceId", CRASAC_COUNSELLING).queryParam("size", 200)
                    .get(referral("/api/blockages")).then().statusCode(200).extract().jsonPath().getList("items");
            Map<String, Object> item = log.stream().filter(i -> challenged.equals(i.get("id"))).findFirst().orElseThrow();
            assertEquals("OPEN", item.get("status"));
            assertEquals(KAIROS, item.get("raisedOrganisationId"));
            assertTrue(!item.containsKey("subjectId") && !item.containsKey("referralId"), item.keySet().toString());
            assertTrue(log.stream().noneMatch(i -> i.toString().contains(subject) || i.toString().contains(id)));
            // The log is the partnership's: a caseworker has none (403), a partnership admin of another partnership 404.
            Journey.as("kairos.caseworker1").queryParam("partnershipId", COVENTRY).get(referral("/api/blockages")).then().statusCode(403);
            Journey.as("sbs.partnership-admin1").queryParam("partnershipId", COVENTRY).get(referral("/api/blockages")).then().statusCode(404);
        });

        j.step("FWT's partnership admin reviews the decline's item and resolves it; Kairos reads the outcome", () -> {
            String item = (String) Journey.as("kairos.caseworker1").get(referral("/api/blockages/raised")).then().statusCode(200)
                    .extract().jsonPath().getList("$", Map.class).stream()
                    .filter(i -> "DECLINED".equals(i.get("source")) && CRASAC_COUNSELLING.equals(i.get("serviceId"))
                            && !Instant.parse((String) i.get("raisedAt")).isBefore(start))
                    .findFirst().orElseThrow().get("id");
            // Only a partnership admin of a member organisation reviews: the Connector 403, another partnership's admin 404.
            Journey.as("fwt.connector1").body(Map.of("status", "UNDER_REVIEW")).post(referral("/api/blockages/" + item + "/status"))
                    .then().statusCode(403);
            Journey.as("sbs.partnership-admin1").body(Map.of("status", "UNDER_REVIEW")).post(referral("/api/blockages/" + item + "/status"))
                    .then().statusCode(404);
            Journey.as("fwt.partnership-admin1").body(Map.of("status", "UNDER_REVIEW")).post(referral("/api/blockages/" + item + "/status"))
                    .then().statusCode(200).body("ownerUserId", equalTo(userId("fwt.partnership-admin1")));
            Journey.as("kairos.caseworker1").get(referral("/api/blockages/raised")).then().statusCode(200)
                    .body("find { it.id == '" + item + "' }.status", equalTo("UNDER_REVIEW"));
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
            // The previous lead worker is on neither her team nor her caseload any more.
            Journey.as("kairos.caseworker1").get(referral("/api/caseload")).then().statusCode(200)
                    .body("people.subjectId", not(hasItem(subject)));
            Journey.as("kairos.caseworker1").get(referral("/api/subjects/" + subject)).then().statusCode(200)
                    .body("leadWorkerId", equalTo(joint));
        });

        j.step("CRASAC answers the review: the answer goes to her new lead worker, not to the worker who sent it", () -> {
            String challenge = Journey.as("crasac.coordinator1").get(referral("/api/referrals/" + id + "/challenges")).then().statusCode(200)
                    .extract().path("[0].id");
            Journey.as("crasac.coordinator1").body(Map.of("outcome", "DECLINE_UPHELD"))
                    .post(referral("/api/referrals/" + id + "/challenges/" + challenge + "/answer")).then().statusCode(200);
            awaitInbox("kairos.caseworker2", id, "REFERRAL_DECLINE_REVIEW_ANSWERED", start);
            assertEquals(List.of(), inbox("kairos.caseworker1", id, "REFERRAL_DECLINE_REVIEW_ANSWERED", start));
            // Answered once; the answer is the receiving organisation's to give, and in the history for both.
            Journey.as("crasac.coordinator1").body(Map.of("outcome", "DECLINE_OVERTURNED"))
                    .post(referral("/api/referrals/" + id + "/challenges/" + challenge + "/answer")).then().statusCode(409);
            Journey.as("kairos.caseworker2").get(referral("/api/referrals/" + id + "/history")).then().statusCode(200)
                    .body("event", hasItems("DECLINE_REVIEW_REQUESTED", "DECLINE_REVIEW_ANSWERED"))
                    .body("find { it.event == 'DECLINE_REVIEW_ANSWERED' }.challengeOutcome", equalTo("DECLINE_UPHELD"));
        });

        j.step("No notice of the team, the decline, the review or the answer carries her words", () ->
                assertNoEventOrNoticeCarries(canary, Set.of(id), List.of("kairos.caseworker1", "kairos.caseworker2", "crasac.caseworker1",
                        "crasac.coordinator1", "fwt.connector1"), start));
    }
}
