package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pathways.referral.domain.report.DisclosureControl;
import org.pathways.referral.domain.report.PublishedTable;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The open reporting period's figures as an evaluator reads them (issue 17, item 7; ADR 0075:
 * {@code GET /api/reports/partnerships/{id}/provisional}), for the programme journeys. The test stack's periods last
 * 90 seconds (ADR 0070) and every partnership uses them there, so a journey waits for a period that starts after its
 * set-up and writes its counted data inside it; nothing else writes meanwhile (JUnit runs the classes one at a time).
 *
 * <p>The expected published form of a table is computed from the counts the journey put in with referral-service's
 * disclosure rule ({@link DisclosureControl}, a pure function from its jar); the services are still reached only
 * over HTTP.
 */
final class ProvisionalFigures {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** A reporting period as the report names it. */
    record Period(String id, Instant start, Instant end) {
        boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }

        static Period of(JsonPath report) {
            return new Period(report.getString("period.id"), Instant.parse(report.getString("period.start")),
                    Instant.parse(report.getString("period.end")));
        }
    }

    private ProvisionalFigures() {
    }

    static String path(String partnership) {
        return JourneySupport.referral("/api/reports/partnerships/" + partnership + "/provisional");
    }

    static JsonPath read(String reader, String partnership) {
        return Journey.as(reader).get(path(partnership)).then().statusCode(200).extract().jsonPath();
    }

    /**
     * Waits for the first reporting period that starts from now on and returns it once it has begun: it holds only what
     * is written from then on.
     */
    static Period freshPeriod(String reader, String partnership) {
        Period current = Period.of(read(reader, partnership));
        Duration length = Duration.between(current.start(), current.end());
        assertTrue(length.compareTo(Duration.ofMinutes(10)) < 0, "the test stack uses short reporting periods: " + current.id());
        await().atMost(length.plusSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> !Instant.now().isBefore(current.end().plusMillis(300)));
        Period fresh = Period.of(read(reader, partnership));
        assertEquals(current.end(), fresh.start(), "the period after " + current.id());
        return fresh;
    }

    /** The provisional figures of {@code period}, which must still be open: the journey's writes fitted in it. */
    static JsonPath of(String reader, String partnership, Period period) {
        assertTrue(period.contains(Instant.now()), "the journey's writes did not fit in one reporting period (" + period.id()
                + "); the machine is very slow");
        JsonPath r = read(reader, partnership);
        assertTrue(r.getBoolean("provisional"));
        assertEquals(period.id(), r.getString("period.id"), "read after the period closed; the machine is very slow");
        return r;
    }

    static String csv(String reader, String partnership) {
        return Journey.as(reader).accept("text/csv").get(path(partnership) + "/csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();
    }

    /**
     * The table as the report publishes it equals what the disclosure rule publishes for these counts (row label ->
     * column label -> count; every other cell 0) over the report's own labels. The labels named must be there.
     */
    static PublishedTable assertTable(JsonPath report, String table, Map<String, Map<String, Long>> counts, boolean rowTotals) {
        String t = "tables." + table + ".";
        List<String> rows = report.getList(t + "rowLabels");
        List<String> columns = report.getList(t + "columnLabels");
        long[][] cells = new long[rows.size()][columns.size()];
        counts.forEach((row, byColumn) -> byColumn.forEach((column, n) -> {
            assertTrue(rows.contains(row), table + " has no row " + row + ": " + rows);
            assertTrue(columns.contains(column), table + " has no column " + column + ": " + columns);
            cells[rows.indexOf(row)][columns.indexOf(column)] = n;
        }));
        PublishedTable expected = DisclosureControl.publish(rows, columns, cells, rowTotals, true);
        assertEquals(expected.cells(), report.getList(t + "cells"), table + " cells");
        assertEquals(expected.rowTotals(), report.getList(t + "rowTotals"), table + " row totals");
        assertEquals(expected.columnTotals(), report.getList(t + "columnTotals"), table + " column totals");
        assertEquals(expected.total(), report.getString(t + "total"), table + " total");
        return expected;
    }

    /**
     * A published entry is consistent with the true count under the rule: the count itself (five or more), "*" (five
     * or more, hidden) or "&lt;5" (under five, zero included).
     */
    static void assertShownAs(long actual, String published, String what) {
        boolean ok = actual < DisclosureControl.THRESHOLD ? published.equals(DisclosureControl.SMALL)
                : published.equals(Long.toString(actual)) || published.equals(DisclosureControl.HIDDEN);
        assertTrue(ok, what + ": " + actual + " published as " + published);
    }

    /** No count under five anywhere in a report's CSV (sums of money and SWEMWBS scores are not counts). */
    static void assertNoCountUnderFive(String csv) {
        assertTrue(csv.startsWith("section,row,column,value\r\n"));
        for (String line : csv.split("\r\n")) {
            String[] f = line.split(",", -1);
            if (f[0].equals("section") || f[0].equals("period") || f[0].equals("name") || f[2].equals("median") || f[2].equals("p90")
                    || f[2].equals("mean")) continue; // times and a SWEMWBS mean are not counts (ADR 0074)
            String v = f[f.length - 1];
            if (f[0].equals("costsByServicePounds")) {
                // Sums of money, not counts (ADR 0065): shown only where the count behind them is, otherwise "x".
                assertTrue(v.equals("x") || v.matches("\\d+(\\.\\d{2})?"), "a cost sum not a sum or x: " + line);
                continue;
            }
            assertTrue(v.equals("<5") || v.equals("*") || (v.matches("\\d+") && Integer.parseInt(v) >= 5),
                    "a count under five was published: " + line);
        }
    }

    /**
     * The report identifies nobody: none of her ids (subject, referral, support period, user) nor her words is in it, as
     * JSON or CSV, and every id it carries is the partnership's, a member organisation's or a service the open directory
     * feed lists.
     */
    static void assertIdentifiesNobody(JsonPath report, String json, String csv, Collection<String> hers) {
        for (String s : hers) {
            assertFalse(json.contains(s), "the report carries something of hers");
            assertFalse(csv.contains(s), "the CSV report carries something of hers");
        }
        Set<String> known = new HashSet<>(report.getList("organisations.organisationId"));
        known.add(report.getString("partnershipId"));
        Matcher m = UUID.matcher(json + csv);
        Set<String> services = new HashSet<>();
        while (m.find()) {
            if (!known.contains(m.group())) services.add(m.group());
        }
        for (String id : services) {
            // The open feed (no token): a service is public; a person, a referral or a user is not in it.
            RestAssured.given().get(Journey.url("directory", "/services/" + id)).then().statusCode(200);
        }
        List<Map<String, Object>> organisations = report.getList("organisations");
        organisations.forEach(o -> assertEquals(Set.of("organisationId", "name", "role"), o.keySet(), "an organisation row"));
    }
}
