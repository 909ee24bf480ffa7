package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16, item 6 (ADR 0071): declines, challenged declines and "no service found" become items of the partnership's
 * blockage log (codes and ids only); a partnership admin reviews them; the raiser reads the outcome; the board counts.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class BlockageLogTest {

    @Inject
    AgroalDataSource db;

    private static List<Map<String, Object>> raisedSince(String user, Instant since) {
        List<Map<String, Object>> items = as(user).get("/api/blockages/raised").then().statusCode(200).extract().jsonPath().getList("$");
        return items.stream().filter(i -> !Instant.parse((String) i.get("raisedAt")).isBefore(since)).toList();
    }

    @Test
    void refusalsBecomeItemsThePartnershipReviewsAndTheRaiserHearsTheOutcome() {
        Instant start = Instant.now().minusMillis(5);
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        String id = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("crasac.coordinator1", id, 1, Map.of("target", "DECLINED", "reason", "NOT_ELIGIBLE")).statusCode(200);
        as("kairos.caseworker1").body(Map.of("reasonCode", "ELIGIBILITY_MISREAD")).post("/api/referrals/" + id + "/decline-reviews").then()
                .statusCode(201);
        as("kairos.caseworker1").body(Map.of("needCode", "fgm")).post("/api/subjects/" + subject + "/no-service-found").then().statusCode(201);

        List<Map<String, Object>> mine = raisedSince("kairos.caseworker1", start);
        assertEquals(3, mine.size(), mine.toString());
        Map<String, Object> declined = mine.stream().filter(i -> "DECLINED".equals(i.get("source"))).findFirst().orElseThrow();
        assertEquals("NOT_ELIGIBLE", declined.get("reasonCode"));
        assertEquals(CRASAC_COUNSELLING, declined.get("serviceId"));
        assertEquals(CRASAC, declined.get("organisationId"));
        assertEquals(KAIROS, declined.get("raisedOrganisationId"));
        assertEquals(COVENTRY, declined.get("partnershipId"));
        assertEquals(List.of("counselling"), declined.get("needCodes"));
        assertEquals("OPEN", declined.get("status"));
        assertTrue(mine.stream().anyMatch(i -> "DECLINE_CHALLENGED".equals(i.get("source")) && "ELIGIBILITY_MISREAD".equals(i.get("reasonCode"))));
        assertTrue(mine.stream().anyMatch(i -> "NO_SERVICE_FOUND".equals(i.get("source")) && List.of("fgm").equals(i.get("needCodes"))));
        // Ids and codes only: nothing of her, not even her id, and no referral id.
        assertEquals(0, count(db, "select count(*) from information_schema.columns where table_name = 'blockage' "
                + "and column_name in ('subject_id', 'referral_id')"));
        // CRASAC (the decliner) does not see it as its own raised item; the partnership sees all three, "no service found" included.
        assertTrue(raisedSince("crasac.coordinator1", start).isEmpty());
        String item = (String) declined.get("id");
        as("fwt.partnership-admin1").queryParam("partnershipId", COVENTRY).queryParam("source", "NO_SERVICE_FOUND").get("/api/blockages")
                .then().statusCode(200).body("items.id", hasItem(mine.stream().filter(i -> "NO_SERVICE_FOUND".equals(i.get("source")))
                        .findFirst().orElseThrow().get("id")));
        as("fwt.connector1").queryParam("partnershipId", COVENTRY).queryParam("serviceId", CRASAC_COUNSELLING).get("/api/blockages")
                .then().statusCode(200).body("items.id", hasItem(item));
        as("fwt.connector1").queryParam("partnershipId", COVENTRY).get("/api/blockages/board").then().statusCode(200)
                .body("total", greaterThanOrEqualTo(3)).body("by.source.DECLINED", greaterThanOrEqualTo(1))
                .body("by.reason.NOT_ELIGIBLE", greaterThanOrEqualTo(1)).body("by.reason.ELIGIBILITY_MISREAD", greaterThanOrEqualTo(1))
                .body("by.service.'" + CRASAC_COUNSELLING + "'", greaterThanOrEqualTo(2)).body("by.status.OPEN", greaterThanOrEqualTo(3));

        // The review: a partnership admin takes it, resolves it with an outcome; the raiser reads the outcome.
        String admin = userId("fwt.partnership-admin1");
        as("fwt.connector1").body(Map.of("status", "UNDER_REVIEW")).post("/api/blockages/" + item + "/status").then().statusCode(403);
        as("fwt.partnership-admin1").body(Map.of("status", "RESOLVED", "outcome", "PROCESS_CHANGED")).post("/api/blockages/" + item + "/status")
                .then().statusCode(409).body("errors[0].field", equalTo("status"));
        as("fwt.partnership-admin1").header("If-Match", "\"1\"").body(Map.of("status", "UNDER_REVIEW")).post("/api/blockages/" + item + "/status")
                .then().statusCode(200).body("ownerUserId", equalTo(admin)).body("version", equalTo(2));
        as("fwt.partnership-admin1").header("If-Match", "\"1\"").body(Map.of("status", "RESOLVED", "outcome", "PROCESS_CHANGED"))
                .post("/api/blockages/" + item + "/status").then().statusCode(412);
        as("fwt.partnership-admin1").body(Map.of("status", "RESOLVED")).post("/api/blockages/" + item + "/status").then().statusCode(422)
                .body("errors[0].field", equalTo("outcome"));
        as("fwt.partnership-admin1").body(Map.of("status", "RESOLVED", "outcome", "PROCESS_CHANGED")).post("/api/blockages/" + item + "/status")
                .then().statusCode(200).body("status", equalTo("RESOLVED"));
        as("fwt.partnership-admin1").body(Map.of("status", "CLOSED", "outcome", "OTHER")).post("/api/blockages/" + item + "/status")
                .then().statusCode(409);
        Map<String, Object> reported = raisedSince("kairos.caseworker1", start).stream().filter(i -> item.equals(i.get("id"))).findFirst()
                .orElseThrow();
        assertEquals("RESOLVED", reported.get("status"));
        assertEquals("PROCESS_CHANGED", reported.get("outcome"));
    }

    @Test
    void outsidersAndBadInputAreRefused() {
        as("kairos.caseworker1").queryParam("partnershipId", COVENTRY).get("/api/blockages").then().statusCode(403);
        as("wbg.evaluator1").queryParam("partnershipId", COVENTRY).get("/api/blockages/board").then().statusCode(403);
        as("fwt.partnership-admin1").queryParam("partnershipId", UUID.randomUUID().toString()).get("/api/blockages").then().statusCode(404);
        as("fwt.partnership-admin1").get("/api/blockages").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("partnershipId"));
        as("fwt.partnership-admin1").queryParam("partnershipId", "coventry").get("/api/blockages").then().statusCode(400)
                .body("errors[0].field", equalTo("partnershipId"));
        as("fwt.partnership-admin1").queryParam("partnershipId", COVENTRY).queryParam("status", "STUCK").get("/api/blockages").then()
                .statusCode(400).body("errors[0].field", equalTo("status"));
        as("fwt.partnership-admin1").queryParam("partnershipId", COVENTRY).queryParam("from", "last-year").get("/api/blockages/board")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        as("fwt.partnership-admin1").queryParam("partnershipId", COVENTRY).queryParam("from", "2026-12-31").queryParam("to", "2026-01-01")
                .get("/api/blockages/board").then().statusCode(400).body("errors[0].field", equalTo("from"));
        as("fwt.partnership-admin1").body(Map.of()).post("/api/blockages/" + UUID.randomUUID() + "/status").then().statusCode(400)
                .body("errors.field", hasItem("status"));
        as("fwt.partnership-admin1").body(Map.of("status", "CLOSED", "outcome", "MAGIC")).post("/api/blockages/" + UUID.randomUUID() + "/status")
                .then().statusCode(400);
        as("fwt.partnership-admin1").body(Map.of("status", "CLOSED", "outcome", "OTHER")).post("/api/blockages/" + UUID.randomUUID() + "/status")
                .then().statusCode(404);
    }
}
