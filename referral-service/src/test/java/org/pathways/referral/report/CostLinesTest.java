package org.pathways.referral.report;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.domain.report.ReportingPeriods;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue 17, item 3 (ADR 0065) against the real stack: CRASAC, which took up Kairos's referral, records what it
 * provided; the sender, other organisations, a referral never accepted and bad input are refused and store nothing;
 * the closed period's report counts the lines per service and category and shows sums only behind shown counts.
 */
@QuarkusTest
@TestProfile(ShortReportPeriods.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class CostLinesTest {

    @Inject
    AgroalDataSource db;

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/London")).toString();
    }

    private static Map<String, Object> line(String category, long pence, String day) {
        return Map.of("category", category, "amountPence", pence, "providedOn", day);
    }

    @Test
    void theProviderRecordsCostsAndTheReportSumsThemBehindShownCounts() throws Exception {
        ReportingPeriods.Period period = ShortReportPeriods.fresh(() -> true);
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(org.pathways.referral.Fixtures.CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        String taken = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        String waiting = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        String costs = "/api/referrals/" + taken + "/costs";

        // Not yet accepted: nothing was provided.
        as("crasac.coordinator1").body(line("COUNSELLING", 6000, today())).post("/api/referrals/" + waiting + "/costs").then()
                .statusCode(409).body("type", org.hamcrest.Matchers.endsWith("not-taken-up"));
        move("crasac.coordinator1", taken, 1, Map.of("target", "ACCEPTED")).statusCode(200);

        // Refusals and bad input store nothing.
        as("kairos.caseworker1").body(line("COUNSELLING", 6000, today())).post(costs).then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        as("celc.caseworker1").body(line("COUNSELLING", 6000, today())).post(costs).then().statusCode(404);
        as("wbg.evaluator1").body(line("COUNSELLING", 6000, today())).post(costs).then().statusCode(403);
        as("crasac.coordinator1").body(Map.of("category", "TAXI", "amountPence", -1, "providedOn",
                LocalDate.now(ZoneId.of("Europe/London")).plusDays(3).toString())).post(costs).then().statusCode(400)
                .body("errors.field", hasItems("category", "amountPence", "providedOn"));
        as("crasac.coordinator1").body("{\"category\":\"OTHER\",\"amountPence\":100,\"providedOn\":\"" + today()
                + "\",\"note\":\"for her taxi home\"}").post(costs).then().statusCode(400)
                .body("type", org.hamcrest.Matchers.endsWith("unknown-field"));
        assertEquals(0, count(db, "select count(*) from referral_cost where referral_id = ?", uuid(taken)));

        for (int i = 0; i < 5; i++) {
            as("crasac.caseworker1").body(line("SUBSISTENCE", 5000, today())).post(costs).then().statusCode(201)
                    .body("category", equalTo("SUBSISTENCE")).body("serviceId", equalTo(CRASAC_COUNSELLING));
        }
        as("crasac.coordinator1").body(line("COUNSELLING", 6025, today())).post(costs).then().statusCode(201);
        as("crasac.coordinator1").body(line("COUNSELLING", 6000, today())).post(costs).then().statusCode(201);
        as("crasac.caseworker1").get(costs).then().statusCode(200).body("size()", equalTo(7));
        as("kairos.caseworker1").get(costs).then().statusCode(403);
        as("celc.caseworker1").get(costs).then().statusCode(404);
        assertTrue(period.contains(Instant.now()), "the test's data did not fit in one reporting period; the machine is too slow");

        // The period's figures: provisional while it is still open (the same computation, ADR 0075), else closed.
        JsonPath report = ShortReportPeriods.figures(period, path -> as("wbg.evaluator1").get("/api/reports/partnerships/" + COVENTRY + path));
        String t = "tables.costLinesByService.";
        assertEquals(List.of(CRASAC_COUNSELLING), report.getList(t + "rowLabels"));
        assertEquals(List.of("COUNSELLING", "SUBSISTENCE"), report.getList(t + "columnLabels"));
        // 2 counselling lines are "<5"; the 5 subsistence lines beside them are hidden so the 2 cannot be worked out.
        assertEquals(List.of(List.of("<5", "*")), report.getList(t + "cells"));
        assertEquals("7", report.getString(t + "total"));
        String m = "tables.costsByServicePounds.";
        assertEquals(List.of(List.of("x", "x")), report.getList(m + "cells"));
        assertEquals("370.25", report.getString(m + "total"), "the total is shown, behind seven lines");
    }

}
