package org.pathways.systemtests;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.needs;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 9 (ADR 0091): a Kairos caseworker refers a woman at high risk to Coventry's MARAC coordinator — a
 * statutory partner outside the partnership agreement — with her consent, naming the Coventry partnership; the
 * coordinator sees the referral with its DASH level and her safe contact times, and accepts it.
 */
class MaracReferralJourneyTest {

    static final String WORKER = "kairos.caseworker1";
    static final String COORDINATOR = "marac.coordinator1";
    static final String MARAC_ORG = "5e1f0000-0000-4000-8000-00000000000f";
    static final String MARAC_SERVICE = demoId("service:coventry-marac-referrals");

    @Test
    void aHighRiskWomanIsReferredToMaracWithHerConsentAndTheCoordinatorSeesIt() {
        Journey j = new Journey("MARAC referral to a statutory partner");

        j.step("the directory shows the MARAC coordinator as a statutory partner", () ->
                as(WORKER).get(Journey.url("directory", "/api/services/" + MARAC_SERVICE)).then().statusCode(200)
                        .body("organisation.kind", equalTo("STATUTORY")).body("organisation.statutoryRole", equalTo("MARAC_COORDINATOR")));

        String subject = j.step("Kairos registers her, records her needs and her consent for the MARAC coordinator", () -> {
            String id = registerKnownToConsent(WORKER);
            putSection(WORKER, id, "NEEDS", needs("domestic-abuse"));
            recordConsent(WORKER, id, List.of(MARAC_ORG), List.of("REFERRAL"), List.of("NEEDS", "RISK", "SAFE_CONTACT"));
            return id;
        });

        String referralId = j.step("the caseworker sends a MARAC referral (DASH HIGH, visible high risk), naming Coventry", () -> {
            Map<String, Object> body = new HashMap<>();
            body.put("subjectId", subject);
            body.put("toServiceId", MARAC_SERVICE);
            body.put("needs", List.of("domestic-abuse"));
            body.put("urgency", "URGENT");
            body.put("sections", List.of("NEEDS", "RISK", "SAFE_CONTACT"));
            body.put("personKnows", true);
            body.put("kind", "MARAC");
            body.put("partnershipId", COVENTRY);
            body.put("marac", Map.of("dashLevel", "HIGH", "criterion", "VISIBLE_HIGH_RISK", "sheIsAware", true,
                    "safeContactTimes", "Weekdays 10:00-12:00 at the Kairos hub"));
            return as(WORKER).body(body).post(referral("/api/referrals")).then().statusCode(201)
                    .body("statutory.kind", equalTo("MARAC")).body("partnershipId", equalTo(COVENTRY))
                    .body("state", equalTo("SENT")).extract().<String>path("id");
        });

        j.step("the coordinator finds it among her incoming referrals and reads DASH level and contact times", () -> {
            as(COORDINATOR).get(referral("/api/referrals?direction=incoming")).then().statusCode(200).body("id", hasItem(referralId));
            // The work queue says its kind (ADR 0091), and nothing of her risk.
            as(COORDINATOR).get(referral("/api/queues/incoming?size=200")).then().statusCode(200)
                    .body("items.find { it.id == '" + referralId + "' }.kind", equalTo("MARAC"))
                    .body("items.find { it.id == '" + referralId + "' }.dashLevel", nullValue());
            as(COORDINATOR).get(referral("/api/referrals/" + referralId)).then().statusCode(200)
                    .body("statutory.dashLevel", equalTo("HIGH")).body("statutory.criterion", equalTo("VISIBLE_HIGH_RISK"))
                    .body("statutory.safeContactTimes", equalTo("Weekdays 10:00-12:00 at the Kairos hub"))
                    .body("statutory.withheld", nullValue());
        });

        j.step("the coordinator accepts it for the next MARAC", () ->
                as(COORDINATOR).header("If-Match", "\"1\"").body(Map.of("target", "ACCEPTED"))
                        .post(referral("/api/referrals/" + referralId + "/transitions")).then().statusCode(200)
                        .body("state", equalTo("ACCEPTED")));
    }
}
