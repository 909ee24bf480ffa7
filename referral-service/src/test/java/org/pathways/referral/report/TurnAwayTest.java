package org.pathways.referral.report;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.demoId;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.domain.report.ReportingPeriods;
import org.pathways.referral.testing.SmallTables;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue 17, item 4 against the real stack: CRASAC records 21 turn-aways at two of its services (no record of anybody is
 * created), the refusals store nothing, and the closed period's report counts them per service and reason with the 3
 * shown as "&lt;5" and not derivable from the totals.
 */
@QuarkusTest
@TestProfile(ShortReportPeriods.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TurnAwayTest {

    private static final String CRASAC_ISVA = demoId("service:crasac-isva");
    private static final String KAIROS_KEYWORK = demoId("service:kairos-keywork");
    private static final String SBS_SMV = demoId("service:sbs-smv");

    @Inject
    AgroalDataSource db;

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/London")).toString();
    }

    private static String body(String serviceId, String need, String reason, String date) {
        return "{\"serviceId\":\"" + serviceId + "\",\"needCode\":\"" + need + "\",\"reasonCode\":\"" + reason + "\",\"date\":\"" + date + "\"}";
    }

    private static void turnAway(String user, String serviceId, String reason, int times) {
        for (int i = 0; i < times; i++) {
            as(user).body(body(serviceId, "counselling", reason, today())).post("/api/turn-aways").then().statusCode(201)
                    .header("Location", org.hamcrest.Matchers.containsString("/api/turn-aways/")).body("serviceId", equalTo(serviceId))
                    .body("reasonCode", equalTo(reason)).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("subjectId")));
        }
    }

    @Test
    @Order(1)
    void refusalsAndBadInputStoreNothing() {
        long before = count(db, "select count(*) from turn_away");
        anonymous().body(body(CRASAC_COUNSELLING, "counselling", "NO_CAPACITY", today())).post("/api/turn-aways").then().statusCode(401);
        // Evaluators, privacy officers, org admins do not record.
        for (String user : List.of("wbg.evaluator1", "celc.privacy1", "crasac.admin1")) {
            as(user).body(body(CRASAC_COUNSELLING, "counselling", "NO_CAPACITY", today())).post("/api/turn-aways").then()
                    .statusCode(403).contentType(startsWith("application/problem+json"));
        }
        // Kairos cannot say whom CRASAC turned away.
        as("kairos.caseworker1").body(body(CRASAC_COUNSELLING, "counselling", "NO_CAPACITY", today())).post("/api/turn-aways").then()
                .statusCode(403).contentType(startsWith("application/problem+json")).body("type", org.hamcrest.Matchers.endsWith("not-your-service"));
        as("crasac.coordinator1").body(body(UUID.randomUUID().toString(), "counselling", "NO_CAPACITY", today())).post("/api/turn-aways")
                .then().statusCode(422).body("errors.field", hasItem("serviceId"));
        // Bad input: every bad field named.
        as("crasac.coordinator1").body(body(CRASAC_COUNSELLING, "not-a-need", "PERSON_DECLINED",
                LocalDate.now(ZoneId.of("Europe/London")).plusDays(2).toString())).post("/api/turn-aways").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItems("needCode", "reasonCode", "date"));
        as("crasac.coordinator1").body("{\"needCode\":\"counselling\",\"reasonCode\":\"NO_CAPACITY\",\"date\":\"" + today() + "\"}")
                .post("/api/turn-aways").then().statusCode(400).body("errors.field", hasItem("serviceId"));
        // All of it missing: every field named in one answer.
        as("crasac.coordinator1").body("{}").post("/api/turn-aways").then().statusCode(400)
                .body("errors.field", hasItems("serviceId", "needCode", "reasonCode", "date"));
        as("crasac.coordinator1").body(body(CRASAC_COUNSELLING, "counselling", "NO_CAPACITY", "07/12/2026")).post("/api/turn-aways")
                .then().statusCode(400).body("errors.field", hasItem("date"));
        // Nothing about her can be carried in: a subject id or a note is an unknown field.
        for (String extra : List.of("\"subjectId\":\"" + UUID.randomUUID() + "\"", "\"note\":\"she said her name was\"")) {
            as("crasac.coordinator1").body("{" + extra + ",\"serviceId\":\"" + CRASAC_COUNSELLING
                    + "\",\"needCode\":\"counselling\",\"reasonCode\":\"NO_CAPACITY\",\"date\":\"" + today() + "\"}")
                    .post("/api/turn-aways").then().statusCode(400).body("type", org.hamcrest.Matchers.endsWith("unknown-field"));
        }
        assertEquals(before, count(db, "select count(*) from turn_away"), "a refusal stored something");
        // The table has no place for her.
        assertEquals(0, count(db, "select count(*) from information_schema.columns where table_name = 'turn_away' "
                + "and column_name not in ('id', 'organisation_id', 'service_id', 'need_code', 'reason_code', 'turned_away_on', "
                + "'recorded_by', 'recorded_at')"));
    }

    @Test
    @Order(2)
    void turnAwaysAreCountedPerServiceAndReasonWithSmallCellsProtected() throws Exception {
        ReportingPeriods.Period period = ShortReportPeriods.fresh(() -> true);
        long subjects = count(db, "select count(*) from subject");
        turnAway("crasac.coordinator1", CRASAC_COUNSELLING, "NO_CAPACITY", 7);
        turnAway("crasac.caseworker1", CRASAC_COUNSELLING, "OUT_OF_AREA", 3);
        turnAway("crasac.caseworker1", CRASAC_ISVA, "NO_CAPACITY", 6);
        turnAway("crasac.coordinator1", CRASAC_ISVA, "OUT_OF_AREA", 5);
        // Southall Black Sisters is not in the Coventry partnership: not in its report.
        turnAway("sbs.caseworker1", SBS_SMV, "NOT_ELIGIBLE", 2);
        assertTrue(period.contains(Instant.now()), "the test's data did not fit in one reporting period; the machine is too slow");
        assertEquals(subjects, count(db, "select count(*) from subject"), "a turn-away created a record of someone");
        assertEquals(0, count(db, "select count(*) from turn_away where organisation_id = ?", uuid(KAIROS)));

        String reports = "/api/reports/partnerships/" + COVENTRY + "/periods/" + period.id();
        as("fwt.connector1").get(reports).then().statusCode(409);
        // The period's figures: provisional while it is still open (the same computation, ADR 0075), else closed.
        JsonPath report = ShortReportPeriods.figures(period, path -> as("wbg.evaluator1").get("/api/reports/partnerships/" + COVENTRY + path));
        String csvPath = Boolean.TRUE.equals(report.get("provisional")) ? "/api/reports/partnerships/" + COVENTRY + "/provisional" : reports;
        String t = "tables.turnedAwayByService.";
        List<String> rows = report.getList(t + "rowLabels");
        List<String> cols = report.getList(t + "columnLabels");
        assertEquals(List.of(CRASAC_COUNSELLING, CRASAC_ISVA).stream().sorted().toList(), rows);
        assertEquals(List.of("NO_CAPACITY", "OUT_OF_AREA"), cols);
        assertFalse(rows.contains(SBS_SMV));
        assertFalse(rows.contains(KAIROS_KEYWORK));
        List<List<String>> cells = report.getList(t + "cells");
        int counselling = rows.indexOf(CRASAC_COUNSELLING);
        int outOfArea = cols.indexOf("OUT_OF_AREA");
        assertEquals("<5", cells.get(counselling).get(outOfArea), "counselling's 3 out of area is shown as <5");
        assertEquals("21", report.getString(t + "total"));
        // Secondary suppression: a reader who knows the rule cannot work the 3 out from what is published.
        Set<Long> values = SmallTables.possibleValues(cells, report.getList(t + "rowTotals"), report.getList(t + "columnTotals"),
                report.getString(t + "total"), counselling, outOfArea, 21);
        assertTrue(values.size() > 1 && values.contains(3L), "the 3 is pinned down: " + values);

        String csv = as("fwt.connector1").get(csvPath + "/csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("turnedAwayByService,total,total,21\r\n"), csv);
        assertTrue(csv.contains("turnedAwayByService," + CRASAC_COUNSELLING + ",OUT_OF_AREA,<5\r\n"), csv);
    }

}
