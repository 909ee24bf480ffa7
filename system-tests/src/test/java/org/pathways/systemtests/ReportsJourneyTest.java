package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.register;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.referral.testing.SmallCells;

import io.restassured.path.json.JsonPath;

/**
 * Journey 8, reports: six women, two of them known to two organisations, make 6 unduplicated people and 8
 * engagements in the Coventry partnership's report, with every count under five shown as "&lt;5" and not derivable
 * from the totals — read by the Partnership Connector through the reports API, as JSON and as CSV.
 *
 * <p>A report covers a closed period, and the other journeys write to the same partnership. So this journey waits for
 * a fresh period (90 s in the test stack, ADR 0070) and does all its writing inside it. JUnit runs the journey classes
 * one after another, so nothing else registers a woman or takes up a referral meanwhile; a timer of an earlier journey
 * can at most expire a referral (in the test stack only the Women's Circle's timers run fast, and journey 5 ends its
 * referral there), which moves "people turned away" alone — so that figure is only checked for suppression.
 */
class ReportsJourneyTest {

    static final String CRASAC_COUNSELLING = demoId("service:crasac-counselling");
    static final String CELC_IMMIGRATION = demoId("service:celc-immigration");
    static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** A closed period as the API lists it. */
    record Period(String id, Instant start, Instant end) {
        Duration length() {
            return Duration.between(start, end);
        }

        Period next() {
            Instant s = end;
            return new Period(COMPACT.format(s) + id.substring(id.indexOf('_')), s, s.plus(length()));
        }

        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    private static String reports() {
        return referral("/api/reports/partnerships/" + COVENTRY + "/periods");
    }

    @Test
    void sixWomenTwoKnownTwiceAreSixPeopleAndEightEngagementsWithSmallCellsSuppressed() {
        Journey j = new Journey("8 Reports");
        // Letters only: the identity hash keeps letters, so this makes the names of this run its own.
        String run = letters(6);

        Period period = j.step("Wait for a fresh reporting period, so that it holds this journey's data only", () -> {
            List<Map<String, Object>> closed = Journey.as("fwt.connector1").get(reports()).then().statusCode(200).extract()
                    .jsonPath().getList("$");
            assertTrue(!closed.isEmpty(), "the test stack's reporting periods started in the past");
            Map<String, Object> newest = closed.get(0);
            Period last = new Period((String) newest.get("id"), Instant.parse((String) newest.get("start")),
                    Instant.parse((String) newest.get("end")));
            assertTrue(last.length().compareTo(Duration.ofMinutes(10)) < 0, "the test stack uses short periods: " + last.id());
            // The current period may already hold another journey's writes: start at the beginning of the next one.
            Period ours = last.next().next();
            await().atMost(last.length().multipliedBy(2).plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !Instant.now().isBefore(ours.start().plusMillis(300)));
            return ours;
        });

        Map<String, String> subjects = j.step("Kairos, CRASAC and CELC register the women they know, each with her identity", () -> {
            // Kairos knows Aisha, Beth and Chloe; CRASAC knows Dana, Erin and (registered again, written differently) Aisha;
            // CELC knows Fatima and Beth.
            String aisha = registerKnownToConsent("kairos.caseworker1");
            identity("kairos.caseworker1", aisha, "Aisha Khan " + run, "1990-03-14");
            String beth = register("kairos.caseworker1");
            identity("kairos.caseworker1", beth, "Beth Jones " + run, "1985-07-01");
            String chloe = registerKnownToConsent("kairos.caseworker1");
            identity("kairos.caseworker1", chloe, "Chloe Smith " + run, "1999-12-31");
            String dana = register("crasac.caseworker1");
            identity("crasac.caseworker1", dana, "Dana Ward " + run, "1970-01-20");
            String erin = register("crasac.caseworker1");
            identity("crasac.caseworker1", erin, "Erin Moss " + run, "2001-05-05");
            String aishaAgain = register("crasac.caseworker1");
            identity("crasac.caseworker1", aishaAgain, run.toUpperCase() + " KHAN, aisha", "1990-03-14");
            String fatima = register("celc.caseworker1");
            identity("celc.caseworker1", fatima, "Fatima Begum " + run, "1992-09-09");
            String bethAgain = register("celc.caseworker1");
            identity("celc.caseworker1", bethAgain, "Beth  Jones " + run, "1985-07-01");
            return Map.of("aisha", aisha, "chloe", chloe);
        });

        j.step("Kairos refers Aisha to CRASAC (taken up and completed) and Chloe to CELC (declined for capacity)", () -> {
            String aisha = subjects.get("aisha");
            String chloe = subjects.get("chloe");
            recordConsent("kairos.caseworker1", aisha, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
            putSection("kairos.caseworker1", aisha, "NEEDS", JourneySupport.needs("counselling"));
            String toCrasac = sent("kairos.caseworker1", referralBody(aisha, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
            move("crasac.coordinator1", toCrasac, 1, Map.of("target", "ACCEPTED")).statusCode(200);
            move("crasac.caseworker1", toCrasac, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
            move("crasac.caseworker1", toCrasac, 3, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET")))
                    .statusCode(200);
            recordConsent("kairos.caseworker1", chloe, List.of(CELC), List.of("REFERRAL"), List.of("NEEDS"));
            putSection("kairos.caseworker1", chloe, "NEEDS", JourneySupport.needs("legal-immigration"));
            String toCelc = sent("kairos.caseworker1", referralBody(chloe, CELC_IMMIGRATION, List.of("legal-immigration"), List.of("NEEDS")));
            move("celc.coordinator1", toCelc, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
            assertTrue(period.contains(Instant.now()), "the journey's writes did not fit in one reporting period (" + period.id()
                    + "); the machine is very slow or the period too short");
        });

        j.step("While the period is open there is no report of it", () ->
                Journey.as("fwt.connector1").get(reports() + "/" + period.id()).then().statusCode(409)
                        .contentType(startsWith("application/problem+json")));

        JsonPath report = j.step("When it has closed, the Connector reads 6 people, 8 engagements, small cells as <5", () -> {
            await().atMost(period.length().plusSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Journey.as("fwt.connector1").get(reports()).then().statusCode(200).extract().jsonPath()
                            .getList("id").contains(period.id()));
            JsonPath r = Journey.as("fwt.connector1").get(reports() + "/" + period.id()).then().statusCode(200).extract().jsonPath();
            assertEquals(period.id(), r.getString("period.id"));
            assertEquals("6", r.getString("people.unduplicated"));
            assertEquals("8", r.getString("people.engagements"));
            assertEquals("<5", r.getString("people.turnedAway"));
            List<String> rows = r.getList("tables.engagements.rowLabels");
            List<String> cells = new ArrayList<>();
            r.getList("tables.engagements.cells", List.class).forEach(row -> cells.add(String.valueOf(row.get(0))));
            assertEquals("<5", cells.get(rows.indexOf(KAIROS)), "Kairos's 3 is shown as <5");
            assertEquals("<5", cells.get(rows.indexOf(CRASAC)), "CRASAC's 3 is shown as <5");
            assertEquals("<5", cells.get(rows.indexOf(CELC)), "CELC's 2 is shown as <5");
            assertEquals("8", r.getString("tables.engagements.total"));
            // A reader's view: every "<5" is 0..4 and together they make the total; Kairos's cell is not pinned down.
            assertTrue(SmallCells.possibleValues(cells, rows.indexOf(KAIROS), 8).size() > 1, "Kairos's count can be worked out: " + cells);
            List<String> matrixRows = r.getList("tables.pathwayMatrix.rowLabels");
            List<String> matrixCols = r.getList("tables.pathwayMatrix.columnLabels");
            assertEquals("<5", r.getString("tables.pathwayMatrix.cells[" + matrixRows.indexOf(KAIROS) + "][" + matrixCols.indexOf(CRASAC) + "]"));
            assertTrue(r.getList("tables.declineReasons.columnLabels").contains("NO_CAPACITY"));
            return r;
        });

        j.step("The same report as CSV: the same figures, and no published count under five anywhere", () -> {
            String csv = Journey.as("fwt.connector1").accept("text/csv").get(reports() + "/" + period.id() + "/csv").then()
                    .statusCode(200).contentType(startsWith("text/csv")).extract().asString();
            assertTrue(csv.contains("people,unduplicated,,6\r\n"));
            assertTrue(csv.contains("people,engagements,,8\r\n"));
            assertTrue(csv.contains("engagements," + KAIROS + ",engagements,<5\r\n"));
            ProvisionalFigures.assertNoCountUnderFive(csv);
        });

        j.step("Stored once: an evaluator later reads exactly the same report; other readers are refused", () -> {
            String again = Journey.as("wbg.evaluator1").get(reports() + "/" + period.id()).then().statusCode(200).extract().asString();
            assertEquals(report.prettify(), JsonPath.from(again).prettify());
            Journey.as("fwt.connector1").get(reports()).then().statusCode(200)
                    .body("find { it.id == '" + period.id() + "' }.stored", equalTo(true)).body("id", hasItem(period.id()));
            Journey.as("kairos.caseworker1").get(reports() + "/" + period.id()).then().statusCode(403);
            Journey.as("fwt.connector1").get(referral("/api/reports/partnerships/" + demoId("partnership:mwnuk-casework") + "/periods"))
                    .then().statusCode(404);
            Journey.as("fwt.connector1").get(reports() + "/not-a-period").then().statusCode(400)
                    .body("errors[0].field", equalTo("periodId"));
        });
    }

    private static void identity(String user, String subject, String name, String dateOfBirth) {
        putSection(user, subject, "IDENTITY", "{\"name\":\"" + name + "\",\"dateOfBirth\":\"" + dateOfBirth + "\"}");
    }

    private static String letters(int n) {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.append((char) ('a' + random.nextInt(26)));
        return sb.toString();
    }
}
