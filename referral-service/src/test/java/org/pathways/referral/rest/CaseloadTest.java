package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.referral.Fixtures;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Issue 16, item 2 (ADR 0056): my caseload and my organisation's limit, on the real stack. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class CaseloadTest {

    @Test
    void aWorkerSeesThePeopleSheLeadsAndHoldsWithTheirReferralsAndHerLimit() {
        // Kairos: caseworker1 registers her (lead worker by default) and refers her to CRASAC.
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        String referralId = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");

        as("kairos.caseworker1").get("/api/caseload").then().statusCode(200)
                .body("people.subjectId", hasItem(subject))
                .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("LEAD_WORKER"))
                .body("people.find { it.subjectId == '" + subject + "' }.openReferrals", equalTo(1))
                .body("people.find { it.subjectId == '" + subject + "' }.overdueReferrals", equalTo(0))
                .body("people.find { it.subjectId == '" + subject + "' }.lastActivityAt", notNullValue());
        // Not a colleague's, and never another organisation's by lead worker.
        as("kairos.caseworker2").get("/api/caseload").then().statusCode(200).body("people.subjectId", not(hasItem(subject)));
        as("crasac.caseworker1").get("/api/caseload").then().statusCode(200).body("people.subjectId", not(hasItem(subject)));

        // CRASAC's worker claims the referral: she holds her too (ASSIGNED), without learning Kairos's restriction flag.
        as("crasac.caseworker1").body(Map.of()).post("/api/referrals/" + referralId + "/claim").then().statusCode(200);
        as("crasac.caseworker1").get("/api/caseload").then().statusCode(200)
                .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("ASSIGNED"))
                .body("people.find { it.subjectId == '" + subject + "' }.openReferrals", equalTo(1));

        // The organisation sets a limit; her size is shown against it.
        as("kairos.admin1").body(Map.of("minimum", 0, "maximum", 1)).put("/api/caseload/limit").then().statusCode(200)
                .body("maximum", equalTo(1));
        String other = Fixtures.register("kairos.caseworker1");
        as("kairos.caseworker1").get("/api/caseload").then().statusCode(200).body("limit.maximum", equalTo(1))
                .body("overLimit", equalTo(true)).body("people.subjectId", hasItem(other));
        as("kairos.admin1").body(Map.of("minimum", 7, "maximum", 12)).put("/api/caseload/limit").then().statusCode(200);
    }

    @Test
    void onlyAnOrganisationAdminSetsTheLimitAndBadInputIsRefused() {
        as("kairos.caseworker1").body(Map.of("maximum", 10)).put("/api/caseload/limit").then().statusCode(403);
        as("kairos.admin1").body(Map.of()).put("/api/caseload/limit").then().statusCode(400).body("errors.field", hasItem("maximum"));
        as("kairos.admin1").body(Map.of("maximum", 0)).put("/api/caseload/limit").then().statusCode(400);
        as("kairos.admin1").body(Map.of("minimum", 9, "maximum", 5)).put("/api/caseload/limit").then().statusCode(400)
                .body("errors[0].field", equalTo("minimum"));
        as("kairos.admin1").body(Map.of("maximum", 5, "extra", 1)).put("/api/caseload/limit").then().statusCode(400);
        as("kairos.admin1").get("/api/caseload").then().statusCode(403);
    }
}
