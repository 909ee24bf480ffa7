package org.pathways.systemtests;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.BSWA;
import static org.pathways.systemtests.JourneySupport.MWNUK;
import static org.pathways.systemtests.JourneySupport.MWNUK_NETWORK;
import static org.pathways.systemtests.JourneySupport.assertNoEventOrNoticeCarries;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.recordConsentIn;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.send;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue 16's MWNUK journey (ADRs 0053, 0054, 0056): a woman calls MWNUK's helpline; the helpline worker escalates her
 * complex case to MWNUK's own caseworker service (an internal referral: three needs or more); its SPOC accepts her onto
 * the waiting list, supported informally meanwhile, and assigns her to a caseworker, who refers her on to Birmingham &
 * Solihull Women's Aid under the MWNUK casework network's agreement with her consent; BSWA takes her up and completes
 * with an outcome per need and one need back to MWNUK, which sees the outcome. Each person sees it where they would
 * (inbox, queue, waiting list, caseload, history, pathway) and the others do not (404/403); her words go into no event
 * and no notice.
 */
class MwnukHelplineToBswaJourneyTest {

    static final String MWNUK_CASEWORK = demoId("service:mwnuk-casework");
    static final String BSWA_SMV = demoId("service:bswa-smv");
    static final String HELPLINE = "mwnuk.caseworker1";
    static final String CASEWORKER = "mwnuk.caseworker2";
    static final String MWNUK_SPOC = "mwnuk.coordinator1";
    static final String BSWA_SPOC = "bswa.coordinator1";
    static final List<String> THREE_NEEDS = List.of("domestic-abuse", "forced-marriage", "legal-immigration");

    final String canary = "Kanarie" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Test
    void helplineToCaseworkerServiceToBswaAndBack() {
        Journey j = new Journey("Issue 16 MWNUK helpline, caseworker service, BSWA and back");
        Instant start = Instant.now().minusSeconds(5);

        String subject = j.step("The helpline worker registers her and writes her three needs and her story in her words", () -> {
            String s = registerKnownToConsent(HELPLINE);
            writeOnce(HELPLINE, s, "NEEDS", "{\"needs\":[" + String.join(",", THREE_NEEDS.stream()
                    .map(n -> "{\"code\":\"" + n + "\",\"inHerWords\":\"" + canary + "-" + n + "\",\"status\":\"IDENTIFIED\"}").toList()) + "]}");
            writeOnce(HELPLINE, s, "STORY", "{\"text\":\"" + canary + "-story\",\"language\":\"ur\",\"recordedWithInterpreter\":false}");
            return s;
        });

        String internal = j.step("The helpline escalates her to MWNUK's caseworker service: two needs refused, three sent internally", () -> {
            send(HELPLINE, referralBody(subject, MWNUK_CASEWORK, THREE_NEEDS.subList(0, 2), List.of("NEEDS", "STORY"))).statusCode(422)
                    .contentType("application/problem+json").body("type", equalTo("https://pathways.example/problems/too-few-needs"))
                    .body("errors[0].field", equalTo("needs"));
            Map<String, Object> body = referralBody(subject, MWNUK_CASEWORK, THREE_NEEDS, List.of("NEEDS", "STORY"));
            body.put("note", canary + "-note");
            return send(HELPLINE, body).statusCode(201).body("internal", equalTo(true)).body("fromOrganisationId", equalTo(MWNUK))
                    .body("toOrganisationId", equalTo(MWNUK)).body("partnershipId", equalTo(MWNUK_NETWORK)).extract().path("id");
        });

        j.step("The caseworker service's SPOC is told and finds it in the service's queue; BSWA knows nothing of it (404)", () -> {
            awaitInbox(MWNUK_SPOC, internal, "REFERRAL_SENT", start);
            Journey.as(MWNUK_SPOC).queryParam("serviceId", MWNUK_CASEWORK).queryParam("size", 200).get(referral("/api/queues/incoming"))
                    .then().statusCode(200).body("items.id", hasItem(internal));
            Journey.as(BSWA_SPOC).get(referral("/api/referrals/" + internal)).then().statusCode(404);
            Journey.as(BSWA_SPOC).get(referral("/api/subjects/" + subject + "/summary")).then().statusCode(404);
            Journey.as("bswa.caseworker1").get(referral("/api/subjects/" + subject)).then().statusCode(404);
        });

        LocalDate review = LocalDate.now(ZoneId.of("Europe/London")).plusWeeks(3);
        j.step("The SPOC accepts her onto the waiting list (review in three weeks) and records that MWNUK supports her meanwhile", () -> {
            move(MWNUK_SPOC, internal, 1, Map.of("target", "ON_HOLD", "reviewDate", review.toString())).statusCode(200)
                    .body("state", equalTo("ON_HOLD"));
            Journey.as(MWNUK_SPOC).body(Map.of("held", true)).put(referral("/api/referrals/" + internal + "/informal-support"))
                    .then().statusCode(200).body("held", equalTo(true));
            Journey.as(MWNUK_SPOC).queryParam("serviceId", MWNUK_CASEWORK).get(referral("/api/queues/waiting-list")).then().statusCode(200)
                    .body("services[0].items.find { it.referralId == '" + internal + "' }.heldInformally", equalTo(true))
                    .body("services[0].items.find { it.referralId == '" + internal + "' }.reviewDate", equalTo(review.toString()));
            // The helpline worker referred her: she sees the move in the history, but the waiting list is the receiving side's work.
            Journey.as(HELPLINE).get(referral("/api/referrals/" + internal + "/history")).then().statusCode(200)
                    .body("findAll { it.event == 'MOVED' }.to", equalTo(List.of("SENT", "ON_HOLD")));
        });

        j.step("The SPOC assigns her to a caseworker, who finds her on her caseload and makes first contact", () -> {
            String worker = userId(CASEWORKER);
            Journey.as(MWNUK_SPOC).header("If-Match", "\"2\"").body(Map.of("userId", worker))
                    .post(referral("/api/referrals/" + internal + "/claim")).then().statusCode(200).body("assignedTo", equalTo(worker));
            Journey.as(CASEWORKER).queryParam("assignedTo", "me").queryParam("size", 200).get(referral("/api/queues/incoming")).then()
                    .statusCode(200).body("items.id", hasItem(internal));
            Journey.as(CASEWORKER).get(referral("/api/caseload")).then().statusCode(200)
                    .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("ASSIGNED"))
                    .body("people.find { it.subjectId == '" + subject + "' }.openReferrals", equalTo(1));
            move(CASEWORKER, internal, 2, Map.of("target", "IN_PROGRESS")).statusCode(200).body("state", equalTo("IN_PROGRESS"));
        });

        String toBswa = j.step("The caseworker refers her to BSWA: refused until she consents, then sent on the same pathway", () -> {
            Map<String, Object> body = referralBody(subject, BSWA_SMV, List.of("domestic-abuse", "legal-immigration"), List.of("NEEDS", "STORY"));
            body.put("pathwayId", internal);
            body.put("note", canary + "-note-bswa");
            send(CASEWORKER, body).statusCode(422).body("type", equalTo("https://pathways.example/problems/consent-not-covering"))
                    .body("errors.field", hasItem("sections"));
            recordConsentIn(MWNUK_NETWORK, CASEWORKER, subject, List.of(BSWA), List.of("REFERRAL", "CASE_COORDINATION"), List.of("NEEDS", "STORY"));
            return send(CASEWORKER, body).statusCode(201).body("internal", equalTo(false)).body("toOrganisationId", equalTo(BSWA))
                    .body("partnershipId", equalTo(MWNUK_NETWORK)).extract().path("id");
        });

        j.step("BSWA's SPOC is told, triages her NEEDS (her story waits for acceptance) and accepts; others see nothing", () -> {
            awaitInbox(BSWA_SPOC, toBswa, "REFERRAL_SENT", start);
            Journey.as(BSWA_SPOC).queryParam("size", 200).get(referral("/api/queues/incoming")).then().statusCode(200)
                    .body("items.id", hasItem(toBswa));
            Journey.as(BSWA_SPOC).get(referral("/api/referrals/" + toBswa + "/summary")).then().statusCode(200)
                    .body("sections.category", equalTo(List.of("NEEDS")))
                    .body("withheld.find { it.category == 'STORY' }.reason", equalTo("AWAITING_ACCEPTANCE"));
            // Not on the referral: Southall Black Sisters (BSWA's SMV lead) and a Coventry organisation; the sender reads
            // her record, not her summary through the referral.
            Journey.as("sbs.coordinator1").get(referral("/api/referrals/" + toBswa)).then().statusCode(404);
            Journey.as("kairos.caseworker1").get(referral("/api/referrals/" + toBswa)).then().statusCode(404);
            Journey.as(CASEWORKER).get(referral("/api/referrals/" + toBswa + "/summary")).then().statusCode(403);
            move(BSWA_SPOC, toBswa, 1, Map.of("target", "ACCEPTED")).statusCode(200);
            Journey.as(BSWA_SPOC).get(referral("/api/referrals/" + toBswa + "/summary")).then().statusCode(200)
                    .body("sections.category", hasItem("STORY")).body("withheld.category", not(hasItem("STORY")));
            awaitInbox(CASEWORKER, toBswa, "REFERRAL_ACCEPTED", start);
        });

        j.step("BSWA supports her and completes: an outcome per need, and housing back to MWNUK as an onward need", () -> {
            move("bswa.caseworker1", toBswa, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
            move("bswa.caseworker1", toBswa, 3, Map.of("target", "COMPLETED",
                    "outcomes", Map.of("domestic-abuse", "NEED_MET", "legal-immigration", "PARTLY_MET"),
                    "onwardNeeds", List.of("housing-homelessness"))).statusCode(200).body("state", equalTo("COMPLETED"));
            // Her data stays with BSWA no longer.
            Journey.as(BSWA_SPOC).get(referral("/api/referrals/" + toBswa + "/summary")).then().statusCode(403);
        });

        j.step("MWNUK's caseworker is told and reads the outcome, and the onward need on her pathway", () -> {
            awaitInbox(CASEWORKER, toBswa, "REFERRAL_COMPLETED", start);
            List<Map<String, Object>> history = Journey.as(CASEWORKER).get(referral("/api/referrals/" + toBswa + "/history")).then()
                    .statusCode(200).extract().jsonPath().getList("findAll { it.event == 'MOVED' }");
            Map<String, Object> last = history.get(history.size() - 1);
            assertEquals("COMPLETED", last.get("to"));
            assertEquals(Map.of("domestic-abuse", "NEED_MET", "legal-immigration", "PARTLY_MET"), last.get("outcomes"));
            assertEquals(List.of("housing-homelessness"), last.get("onwardNeeds"));
            Journey.as(CASEWORKER).get(referral("/api/pathways/" + internal)).then().statusCode(200)
                    .body("steps.referral.id", equalTo(List.of(internal, toBswa)))
                    .body("proposals.find { it.afterReferralId == '" + toBswa + "' }.needs", equalTo(List.of("housing-homelessness")))
                    .body("proposals.find { it.afterReferralId == '" + toBswa + "' }.proposedByOrganisationId", equalTo(BSWA));
            // BSWA is on the pathway too, but only its own step is its to see without her consent for case coordination.
            Journey.as("sbs.coordinator1").get(referral("/api/pathways/" + internal)).then().statusCode(404);
        });

        j.step("No event and no notice carries her words", () -> {
            assertNoEventOrNoticeCarries(canary, Set.of(internal, toBswa), List.of(MWNUK_SPOC, CASEWORKER, BSWA_SPOC), start);
            assertTrue(Journey.as(HELPLINE).get(referral("/api/subjects/" + subject + "/summary/sections/STORY")).then().statusCode(200)
                    .extract().asString().contains(canary + "-story"), "positive control: MWNUK reads her story back");
        });
    }
}
