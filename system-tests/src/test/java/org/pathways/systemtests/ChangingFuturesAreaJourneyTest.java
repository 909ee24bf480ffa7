package org.pathways.systemtests;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.needs;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.recordConsentIn;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.send;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.userId;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 10: the Changing Futures-style demo area works as its people would try it, from the demo data alone - the
 * programme hub's admin sets the navigators' caseload (7-12), a navigator finds the area's agencies in the directory,
 * records her consent in the area's partnership, names a recovery worker and her paired navigator as the team around her,
 * and refers her to the recovery service (three or more needs for the navigators' own service); the recovery service's
 * SPOC takes it up and the team hears of it. Nothing of Coventry's is needed.
 */
class ChangingFuturesAreaJourneyTest {

    static final String CF_HUB = "5e1f0000-0000-4000-8000-000000000011";
    static final String CF_RECOVERY = "5e1f0000-0000-4000-8000-000000000012";
    static final String CF_WOMENS_CENTRE = "5e1f0000-0000-4000-8000-000000000014";
    static final String PARTNERSHIP = demoId("partnership:changing-futures-stoke");
    static final String NAVIGATORS = demoId("service:cf-navigators");
    static final String RECOVERY = demoId("service:cf-recovery");

    @Test
    void aNavigatorWorksWithHerTeamAcrossTheArea() {
        Journey j = new Journey("Issue 16 Changing Futures demo area");
        Instant start = Instant.now().minusSeconds(5);

        j.step("the area's partnership: the hub leads four agencies under one current agreement", () -> {
            Journey.as("cf.navigator1").get(Journey.url("directory", "/api/partnerships/" + PARTNERSHIP)).then().statusCode(200)
                    .body("leadOrganisationId", equalTo(CF_HUB))
                    .body("members.organisationId", hasItems(CF_HUB, CF_RECOVERY, CF_WOMENS_CENTRE));
            // A navigator searching the area by need finds its agencies; Coventry's are not in Stoke-on-Trent.
            Journey.as("cf.navigator1").queryParam("need", "substance-use").queryParam("area", "Stoke-on-Trent")
                    .queryParam("per_page", 100).get(Journey.url("directory", "/api/search")).then().statusCode(200)
                    .body("contents.id", hasItem(RECOVERY)).body("contents.id", not(hasItem(demoId("service:fwt-keywork"))));
        });

        j.step("the hub's admin sets the navigators' caseload to 7-12", () -> {
            Journey.as("cf.admin1").body(Map.of("minimum", 7, "maximum", 12)).put(referral("/api/caseload/limit")).then().statusCode(200);
            Journey.as("cf.navigator1").get(referral("/api/caseload")).then().statusCode(200)
                    .body("limit.minimum", equalTo(7)).body("limit.maximum", equalTo(12));
        });

        String subject = j.step("a navigator registers her, her needs and her consent in the area's partnership", () -> {
            String s = registerKnownToConsent("cf.navigator1");
            putSection("cf.navigator1", s, "NEEDS", needs("substance-use", "housing-homelessness", "mental-health"));
            recordConsentIn(PARTNERSHIP, "cf.navigator1", s, List.of(CF_RECOVERY), List.of("REFERRAL", "CASE_COORDINATION"),
                    List.of("NEEDS"));
            return s;
        });

        j.step("the team around her: her paired navigator and the recovery service's worker", () -> {
            Journey.as("cf.navigator1").body(Map.of("userId", userId("cf.navigator2"), "role", "JOINT_LEAD_WORKER"))
                    .post(referral("/api/subjects/" + subject + "/team/members")).then().statusCode(201);
            Journey.as("cf.navigator1").body(Map.of("userId", userId("recovery.caseworker1"), "organisationId", CF_RECOVERY,
                    "role", "SUBSTANCE_USE_WORKER")).post(referral("/api/subjects/" + subject + "/team/members")).then().statusCode(201)
                    .body("basis", equalTo("CONSENT"));
            Journey.as("cf.navigator2").get(referral("/api/caseload")).then().statusCode(200)
                    .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("JOINT_LEAD_WORKER"));
        });

        j.step("the navigators' own service takes three or more needs only; the recovery service is referred to", () -> {
            // A referral to the navigators with one need is refused at the field (multiple disadvantage: three or more).
            send("cf.navigator1", referralBody(subject, NAVIGATORS, List.of("substance-use"), List.of("NEEDS"))).statusCode(422)
                    .body("errors.field", hasItem("needs"));
            String r = sent("cf.navigator1", referralBody(subject, RECOVERY, List.of("substance-use"), List.of("NEEDS")));
            Journey.as("recovery.coordinator1").queryParam("serviceId", RECOVERY).queryParam("size", 200)
                    .get(referral("/api/queues/incoming")).then().statusCode(200).body("items.id", hasItem(r));
            move("recovery.coordinator1", r, 1, Map.of("target", "ACCEPTED")).statusCode(200);
            awaitInbox("cf.navigator1", r, "REFERRAL_ACCEPTED", start);
            awaitInbox("cf.navigator2", r, "TEAM_REFERRAL_MOVED", start);
            // Her navigator's caseload counts her against the 7-12 the hub set (under it while she holds fewer than 7).
            Map<String, Object> caseload = Journey.as("cf.navigator1").get(referral("/api/caseload")).then().statusCode(200)
                    .body("people.find { it.subjectId == '" + subject + "' }.openReferrals", equalTo(1))
                    .extract().jsonPath().getMap("$");
            assertEquals(((Number) caseload.get("size")).intValue() < 7, caseload.get("underLimit"));
        });
    }
}
