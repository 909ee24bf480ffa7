package org.pathways.referral.report;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.awaitAuditChained;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.CELC;
import static org.pathways.referral.ReferralFixtures.CELC_IMMIGRATION;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.FWT;
import static org.pathways.referral.ReferralFixtures.FWT_EMPLOYMENT;
import static org.pathways.referral.ReferralFixtures.consentUrl;
import static org.pathways.referral.ReferralFixtures.demoId;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.pathways.referral.Fixtures;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pathways.platform.testing.Tokens;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.domain.report.ReportingPeriods;
import org.pathways.referral.testing.SmallCells;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * Issue 6's must-holds against the real stack: six women, two known to two organisations, give 6 unduplicated people
 * against 8 engagements, with a cell of 3 shown as "&lt;5" and not derivable from the totals; then erasure leaves the
 * access log verifying, the closed-period report unchanged and her canary text nowhere.
 */
@QuarkusTest
@TestProfile(ShortReportPeriods.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportsAndErasureTest {

    private static final ReportingPeriods PERIODS = ShortReportPeriods.PERIODS;
    private static final String CANARY = "CANARY-ERASE-" + UUID.randomUUID();
    private static String periodId;
    private static String reportJson;
    private static String erasedSubject;
    private static String erasedReferral;

    @Inject
    AgroalDataSource db;

    private static String reports() {
        return "/api/reports/partnerships/" + COVENTRY + "/periods";
    }

    private static void identity(String user, String subject, String name, String dateOfBirth) {
        putSection(user, subject, "IDENTITY", "{\"name\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth + "\"}");
    }

    @Test
    @Order(1)
    void sixWomenTwoKnownTwiceGiveSixPeopleAndEightEngagements() throws Exception {
        // Start at the beginning of a period so that it holds exactly this test's data. The current period will do only
        // if it is young and nothing has been written in it yet: the test classes before this one share the database,
        // and on a fast machine the last of them may have finished seconds ago, inside this very period.
        ReportingPeriods.Period period = ShortReportPeriods.fresh(() -> !writtenSince(PERIODS.containing(Instant.now()).start()));
        periodId = period.id();

        // Kairos knows Aisha, Beth and Chloe; CRASAC knows Dana, Erin and (registered again, written differently) Aisha;
        // CELC knows Fatima and Beth.
        String aisha = registeredAndKnownToConsent("kairos.caseworker1");
        identity("kairos.caseworker1", aisha, "Aisha Khan", "1990-03-14");
        String beth = register("kairos.caseworker1");
        identity("kairos.caseworker1", beth, "Beth Jones", "1985-07-01");
        String chloe = registeredAndKnownToConsent("kairos.caseworker1");
        identity("kairos.caseworker1", chloe, "Chloe Smith", "1999-12-31");
        String dana = register("crasac.caseworker1");
        identity("crasac.caseworker1", dana, "Dana Ward", "1970-01-20");
        String erin = register("crasac.caseworker1");
        identity("crasac.caseworker1", erin, "Erin Moss", "2001-05-05");
        String aishaAgain = register("crasac.caseworker1");
        identity("crasac.caseworker1", aishaAgain, "KHAN, aisha", "1990-03-14");
        String fatima = registeredAndKnownToConsent("celc.caseworker1");
        identity("celc.caseworker1", fatima, "Fatima Begum", "1992-09-09");
        String bethAgain = register("celc.caseworker1");
        identity("celc.caseworker1", bethAgain, "Beth  Jones", "1985-07-01");

        // Kairos -> CRASAC for Aisha: taken up and completed, need met (CRASAC already knows her: no new engagement).
        recordConsent("kairos.caseworker1", aisha, List.of(CRASAC, CELC), List.of("REFERRAL"), List.of("NEEDS"));
        String toCrasac = send("kairos.caseworker1", referral(aisha, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("crasac.coordinator1", toCrasac, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        move("crasac.caseworker1", toCrasac, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
        move("crasac.caseworker1", toCrasac, 3, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET")))
                .statusCode(200);
        // Kairos -> CELC for Chloe: declined for capacity and not re-routed: she was turned away.
        recordConsent("kairos.caseworker1", chloe, List.of(CELC), List.of("REFERRAL"), List.of("NEEDS"));
        String toCelc = send("kairos.caseworker1", referral(chloe, CELC_IMMIGRATION, List.of("legal-immigration"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("celc.coordinator1", toCelc, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
        assertTrue(period.contains(Instant.now()), "the test's data did not fit in one reporting period; the machine is too slow");

        // Fatima (CELC) will be erased later: her story everywhere, and a referral with a note, in the next period.
        erasedSubject = fatima;

        // An open period is not reported.
        as("fwt.connector1").get(reports() + "/" + periodId).then().statusCode(409)
                .contentType(startsWith("application/problem+json"));
        ShortReportPeriods.awaitReport(() -> as("fwt.connector1").get(reports() + "/" + periodId).statusCode());

        JsonPath report = as("fwt.connector1").get(reports() + "/" + periodId).then().statusCode(200).extract().jsonPath();
        assertEquals("6", report.getString("people.unduplicated"));
        assertEquals("8", report.getString("people.engagements"));
        assertEquals("<5", report.getString("people.turnedAway"));
        List<String> rows = report.getList("tables.engagements.rowLabels");
        List<String> cells = new ArrayList<>();
        report.getList("tables.engagements.cells", List.class).forEach(r -> cells.add((String) r.get(0)));
        assertEquals("<5", cells.get(rows.indexOf(KAIROS)), "Kairos's 3 is shown as <5");
        assertEquals("<5", cells.get(rows.indexOf(CRASAC)));
        assertEquals("8", report.getString("tables.engagements.total"));
        // A reader's view: every "<5" is 0..4 and together they make the total. Kairos's cell is not pinned down.
        assertTrue(SmallCells.possibleValues(cells, rows.indexOf(KAIROS), 8).size() > 1);
        // The pathway matrix and funnel hold the two referrals, as "<5".
        List<String> matrixRows = report.getList("tables.pathwayMatrix.rowLabels");
        List<String> matrixCols = report.getList("tables.pathwayMatrix.columnLabels");
        assertEquals("<5", report.getString("tables.pathwayMatrix.cells[" + matrixRows.indexOf(KAIROS) + "][" + matrixCols.indexOf(CRASAC) + "]"));
        assertEquals(List.of(), report.getList("tables.funnel.rowTotals"));
        assertTrue(report.getList("tables.declineReasons.columnLabels").contains("NO_CAPACITY"));
        // Same numbers every time: stored, not recomputed.
        reportJson = as("wbg.evaluator1").get(reports() + "/" + periodId).then().statusCode(200).extract().asString();
        assertEquals(report.prettify(), JsonPath.from(reportJson).prettify());
        String csv = as("fwt.connector1").get(reports() + "/" + periodId + "/csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
        assertTrue(csv.startsWith("section,row,column,value\r\n"));
        assertTrue(csv.contains("people,unduplicated,,6\r\n"), csv);
        // Rows keep their ids; names says whose they are (issue 17, item 7), in the JSON and as CSV lines.
        Map<String, String> names = report.getMap("names");
        assertEquals("Kairos Women Working Together", names.get(KAIROS));
        assertTrue(names.containsKey(CRASAC) && names.containsKey(CELC_IMMIGRATION), "the organisations and services counted: " + names);
        assertTrue(csv.contains("name," + KAIROS + ",,Kairos Women Working Together\r\n"), csv);
        as("fwt.connector1").get(reports()).then().statusCode(200).body("id", hasItem(periodId));
        assertEquals(1, count(db, "select count(*) from report_snapshot where partnership_id = ? and period_id = ?", uuid(COVENTRY), periodId));
    }

    @Test
    @Order(2)
    void reportsAreForReadersOfMemberOrganisationsOnly() {
        anonymous().get(reports()).then().statusCode(401);
        as("kairos.caseworker1").get(reports()).then().statusCode(403).contentType(startsWith("application/problem+json"));
        as("celc.privacy1").get(reports()).then().statusCode(403);
        // FWT is not a member of the MWNUK casework network: as if it did not exist.
        as("fwt.connector1").get("/api/reports/partnerships/" + demoId("partnership:mwnuk-casework") + "/periods").then().statusCode(404);
        as("fwt.connector1").get("/api/reports/partnerships/" + UUID.randomUUID() + "/periods").then().statusCode(404);
        as("fwt.connector1").get("/api/reports/partnerships/not-a-uuid/periods").then().statusCode(404);
        as("fwt.connector1").get(reports() + "/2026-04-01_P6M").then().statusCode(400)
                .body("errors[0].field", equalTo("periodId"));
        as("fwt.connector1").get(reports() + "/nonsense").then().statusCode(400);
    }

    @Test
    @Order(3)
    void erasureInTwoCallsLeavesNothingOfHerAndChangesNoPublishedFigure() throws Exception {
        String fatima = erasedSubject;
        String[][] all = {
                { "STORY", "{\"text\":\"" + CANARY + "\",\"language\":\"en\"}" },
                { "HEALTH", "{\"mentalHealth\":\"" + CANARY + "\"}" },
                { "GOALS", "{\"goals\":[{\"goal\":\"" + CANARY + "\",\"by\":\"2027-06-01\"}]}" } };
        for (String[] s : all) putSection("celc.caseworker1", fatima, s[0], s[1]);
        recordConsent("celc.caseworker1", fatima, List.of(FWT), List.of("REFERRAL"), List.of("NEEDS"));
        Map<String, Object> body = referral(fatima, FWT_EMPLOYMENT, List.of("employment-skills"), List.of("NEEDS"));
        body.put("note", CANARY);
        body.put("safeContactInstructions", CANARY);
        erasedReferral = send("celc.caseworker1", body).statusCode(201).extract().path("id");
        // Positive control: her organisation reads the canary back.
        as("celc.caseworker1").get("/api/subjects/" + fatima + "/summary/sections/STORY").then().statusCode(200)
                .body("content.text", equalTo(CANARY));
        as("celc.caseworker1").get("/api/referrals/" + erasedReferral).then().statusCode(200).body("note", equalTo(CANARY));

        // Subject access request: the privacy officer of her organisation exports everything, as JSON and a page.
        String export = as("celc.privacy1").get("/api/subjects/" + fatima + "/subject-access-export").then().statusCode(200)
                .extract().asString();
        JsonPath e = JsonPath.from(export);
        assertEquals(fatima, e.getString("subject.id"));
        assertTrue(e.getList("summary.category").contains("STORY"));
        assertTrue(e.getList("summary.category").contains("IDENTITY"));
        assertTrue(e.getList("referrals.id").contains(erasedReferral));
        assertEquals(CANARY, e.getString("referrals.find { it.id == '" + erasedReferral + "' }.note"));
        assertTrue(e.getList("accessLog").size() > 3);
        assertTrue(e.get("consents") != null);
        String page = as("celc.privacy1").accept("text/html").get("/api/subjects/" + fatima + "/subject-access-export/page").then()
                .statusCode(200).contentType(startsWith("text/html")).extract().asString();
        assertTrue(page.contains(CANARY) && page.contains("Who saw or changed her data"));
        as("celc.caseworker1").get("/api/subjects/" + fatima + "/subject-access-export").then().statusCode(403);
        as("fwt.privacy1").get("/api/subjects/" + fatima + "/subject-access-export").then().statusCode(404);
        anonymous().get("/api/subjects/" + fatima + "/subject-access-export").then().statusCode(401);

        // Bad input and the wrong people.
        as("celc.caseworker1").body("{\"reasonCode\":\"BORED\"}").post("/api/subjects/" + fatima + "/erasure-requests").then()
                .statusCode(400).body("errors[0].field", startsWith("reasonCode"));
        as("celc.caseworker1").body("{\"reasonCode\":\"RETENTION\"}").post("/api/subjects/" + fatima + "/erasure-requests").then()
                .statusCode(400);
        as("kairos.caseworker1").body("{\"reasonCode\":\"SUBJECT_REQUEST\"}").post("/api/subjects/" + fatima + "/erasure-requests")
                .then().statusCode(404);
        as("celc.privacy1").body("{\"reasonCode\":\"SUBJECT_REQUEST\"}").post("/api/subjects/" + fatima + "/erasure-requests")
                .then().statusCode(403);
        anonymous().body("{\"reasonCode\":\"SUBJECT_REQUEST\"}").post("/api/subjects/" + fatima + "/erasure-requests").then().statusCode(401);

        String request = as("celc.caseworker1").body("{\"reasonCode\":\"SUBJECT_REQUEST\"}")
                .post("/api/subjects/" + fatima + "/erasure-requests").then().statusCode(201).body("state", equalTo("PENDING"))
                .extract().path("id");
        // Asking again answers with her open request.
        as("celc.caseworker1").body("{\"reasonCode\":\"SUBJECT_REQUEST\"}").post("/api/subjects/" + fatima + "/erasure-requests")
                .then().statusCode(200).body("id", equalTo(request));
        // The requester cannot approve (not a privacy officer); another organisation's privacy officer cannot see it.
        as("celc.caseworker1").post("/api/erasure-requests/" + request + "/approval").then().statusCode(403);
        as("fwt.privacy1").post("/api/erasure-requests/" + request + "/approval").then().statusCode(404);
        as("celc.privacy1").get("/api/erasure-requests?state=PENDING").then().statusCode(200).body("id", hasItem(request));
        as("celc.privacy1").get("/api/erasure-requests?state=MAYBE").then().statusCode(400);
        // Nothing happened yet.
        as("celc.caseworker1").get("/api/subjects/" + fatima + "/summary/sections/STORY").then().statusCode(200);

        as("celc.privacy1").post("/api/erasure-requests/" + request + "/approval").then().statusCode(200)
                .body("state", equalTo("COMPLETED"));
        as("celc.privacy1").post("/api/erasure-requests/" + request + "/approval").then().statusCode(409);

        // No API yields her text.
        as("celc.caseworker1").get("/api/subjects/" + fatima + "/summary/sections/STORY").then().statusCode(404);
        as("celc.caseworker1").get("/api/subjects/" + fatima + "/summary").then().statusCode(404);
        String referralAfter = as("celc.caseworker1").get("/api/referrals/" + erasedReferral).then().extract().asString();
        assertTrue(!referralAfter.contains(CANARY));
        as("celc.caseworker1").get("/api/referrals/" + erasedReferral).then().body("note", nullValue());
        // No database row of referral-service holds it, in any table, and her key and identity hash are gone.
        assertEquals(List.of(), Fixtures.tablesContaining(db, CANARY));
        assertEquals(0, count(db, "select count(*) from subject_key where subject_id = ?", uuid(fatima)));
        assertEquals(0, count(db, "select count(*) from identity_hash where subject_id = ?", uuid(fatima)));
        assertEquals(0, count(db, "select count(*) from summary_section where subject_id = ?", uuid(fatima)));
        // consent-service erased its part (subject.erased over Kafka): she is unknown there now.
        await().atMost(Duration.ofSeconds(60)).until(() -> RestAssured.given().auth().oauth2(Tokens.forUser("celc.caseworker1"))
                .get(consentUrl() + "/api/subjects/" + fatima + "/consents").statusCode() == 404);

        String exportAfter = as("celc.privacy1").get("/api/subjects/" + fatima + "/subject-access-export").then().statusCode(200)
                .body("subject.erased", equalTo(true)).extract().asString();
        assertTrue(!exportAfter.contains(CANARY));

        // The access log still verifies; the closed-period report is unchanged.
        awaitAuditChained(db);
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200).body("valid", equalTo(true))
                .body("unchainedRows", equalTo(0));
        String after = as("fwt.connector1").get(reports() + "/" + periodId).then().statusCode(200).extract().asString();
        assertEquals(JsonPath.from(reportJson).prettify(), JsonPath.from(after).prettify());
    }

    private boolean writtenSince(Instant start) {
        java.sql.Timestamp t = java.sql.Timestamp.from(start);
        return count(db, "select count(*) from subject where registered_at >= ?", t) > 0
                || count(db, "select count(*) from referral_history where occurred_at >= ?", t) > 0;
    }
}
