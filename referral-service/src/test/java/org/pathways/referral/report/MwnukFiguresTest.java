package org.pathways.referral.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.putSection;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.domain.report.DisclosureControl;
import org.pathways.referral.domain.report.PublishedTable;
import org.pathways.referral.domain.report.ReportingPeriods;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Issue 17, item 7 — MWNUK's figures in a partnership's report, against the real stack: six women Kairos refers to
 * CRASAC's counselling join its waiting list, CRASAC supports two of them meanwhile ("held informally"), and Kairos
 * records that each came back by the helpline and two also at a drop-in. The period's report (provisional while the
 * period is still open: the same computation, ADR 0075) publishes exactly what the disclosure rule publishes for those
 * counts (the 2s as "&lt;5", and whatever would give them away hidden),
 * counts the six women once each, and the CSV carries the same tables. By referral source (ADR 0096): the six came
 * from a partner, four with her RISK level HIGH, and the time to a first answer (the waiting list) is shown behind six.
 */
@QuarkusTest
@TestProfile(ShortReportPeriods.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class MwnukFiguresTest {

    private static final int WOMEN = 6;
    private static final int HIGH_RISK = 4;

    private static String today() {
        return LocalDate.now(ZoneId.of("Europe/London")).toString();
    }

    @Test
    void theWaitingListWithThoseHeldInformallyAndRepeatContactsAreCountedWithSmallCellsProtected() {
        // A period of its own (60 s here): nothing an earlier test wrote is in it.
        ReportingPeriods.Period period = ShortReportPeriods.fresh(() -> false);
        List<String> women = new ArrayList<>();
        for (int i = 0; i < WOMEN; i++) {
            String her = registeredAndKnownToConsent("kairos.caseworker1");
            if (i < HIGH_RISK) putSection("kairos.caseworker1", her, "RISK", "{\"level\":\"HIGH\",\"assessmentTool\":\"DASH\"}");
            recordConsent("kairos.caseworker1", her, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
            String id = send("kairos.caseworker1", referral(her, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                    .statusCode(201).extract().path("id");
            move("crasac.coordinator1", id, 1, Map.of("target", "ON_HOLD", "reviewDate",
                    LocalDate.now(ZoneId.of("Europe/London")).plusDays(14).toString())).statusCode(200);
            if (i < 2) {
                as("crasac.coordinator1").body(Map.of("held", true)).put("/api/referrals/" + id + "/informal-support").then().statusCode(200);
            }
            as("kairos.caseworker1").body(Map.of("contactedOn", today(), "channel", "HELPLINE")).post("/api/subjects/" + her + "/contacts")
                    .then().statusCode(201);
            if (i < 2) {
                as("kairos.caseworker1").body(Map.of("contactedOn", today(), "channel", "DROP_IN")).post("/api/subjects/" + her + "/contacts")
                        .then().statusCode(201);
            }
            women.add(her);
        }
        assertTrue(period.contains(Instant.now()), "the test's data did not fit in one reporting period; the machine is too slow");

        String partnership = "/api/reports/partnerships/" + COVENTRY;
        JsonPath report = ShortReportPeriods.figures(period, path -> as("wbg.evaluator1").get(partnership + path));
        String reports = partnership + (Boolean.TRUE.equals(report.get("provisional")) ? "/provisional" : "/periods/" + period.id());

        assertPublished(report, "waitingListByService", List.of(CRASAC_COUNSELLING), List.of("joined", "held-informally"),
                new long[][] {{WOMEN, 2}}, false);
        assertPublished(report, "repeatContactsByOrganisation", List.of(KAIROS), List.of("DROP_IN", "HELPLINE"),
                new long[][] {{2, WOMEN}}, true);
        assertEquals(String.valueOf(WOMEN), report.getString("people.withRepeatContacts"), "each woman counted once");
        assertEquals("<5", report.getString("tables.waitingListByService.cells[0][1]"), "two held informally: <5");

        // By referral source (ADR 0096): all six came from a partner (Kairos), four with her RISK level HIGH, two with none.
        List<String> orgs = report.getList("tables.referralsBySource.rowLabels");
        long[][] bySource = new long[orgs.size()][3];
        bySource[orgs.indexOf(CRASAC)][2] = WOMEN;
        assertPublished(report, "referralsBySource", orgs, List.of("SELF", "INTERNAL", "PARTNER"), bySource, true);
        assertPublished(report, "riskBySource", List.of("STANDARD", "MEDIUM", "HIGH", "NOT_RECORDED"), List.of("SELF", "INTERNAL", "PARTNER"),
                new long[][] {{0, 0, 0}, {0, 0, 0}, {0, 0, HIGH_RISK}, {0, 0, WOMEN - HIGH_RISK}}, true);
        // Each went onto the waiting list from SENT: a first answer, timed; five or more, so the median is shown.
        assertEquals(List.of("SELF", "INTERNAL", "PARTNER"), report.getList("timeToAnswerHoursBySource.source"));
        assertEquals(String.valueOf(WOMEN), report.getString("timeToAnswerHoursBySource[2].referrals"));
        assertTrue(report.get("timeToAnswerHoursBySource[2].median") != null, "median behind six answers");
        assertEquals("<5", report.getString("timeToAnswerHoursBySource[0].referrals"));
        assertTrue(report.get("timeToAnswerHoursBySource[0].median") == null, "no median behind fewer than five");

        String csv = as("wbg.evaluator1").get(reports + "/csv").then().statusCode(200).extract().asString();
        assertTrue(csv.contains("riskBySource,HIGH,PARTNER," + report.getString("tables.riskBySource.cells[2][2]") + "\r\n"), csv);
        assertTrue(csv.contains("timeToAnswerHoursBySource,PARTNER,referrals," + WOMEN + "\r\n"), csv);
        assertTrue(csv.contains("waitingListByService," + CRASAC_COUNSELLING + ",joined," + report.getString("tables.waitingListByService.cells[0][0]")
                + "\r\n"), csv);
        assertTrue(csv.contains("people,withRepeatContacts,," + WOMEN + "\r\n"), csv);
        for (String her : women) assertTrue(!csv.contains(her) && !report.prettify().contains(her), "nothing of hers in the report");
    }

    /** The table as the report publishes it equals what the disclosure rule publishes for these counts. */
    private static void assertPublished(JsonPath report, String table, List<String> rows, List<String> columns, long[][] counts,
            boolean rowTotals) {
        String t = "tables." + table + ".";
        assertEquals(rows, report.getList(t + "rowLabels"), table + " rows");
        assertEquals(columns, report.getList(t + "columnLabels"), table + " columns");
        PublishedTable expected = DisclosureControl.publish(rows, columns, counts, rowTotals, true);
        assertEquals(expected.cells(), report.getList(t + "cells"), table + " cells");
        assertEquals(expected.rowTotals(), report.getList(t + "rowTotals"), table + " row totals");
        assertEquals(expected.columnTotals(), report.getList(t + "columnTotals"), table + " column totals");
        assertEquals(expected.total(), report.getString(t + "total"), table + " total");
    }
}
