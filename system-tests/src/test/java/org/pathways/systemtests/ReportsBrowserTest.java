package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.assertNavCurrent;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.restassured.path.json.JsonPath;

/**
 * Issue 15, screen 5 (Reports) in a real browser: the Partnership Connector opens Reports from the navigation and
 * reads the newest closed period of her partnership with every figure and every table entry exactly as the reports
 * API published it (suppressed cells as {@code <5} and {@code *}, never recomputed), and downloads the same CSV the
 * API gives. With JavaScript off an evaluator chooses a period with the plain GET form (ids only in the address), and a
 * period the API refuses is shown in the error summary linked to the period field. A caseworker has no Reports (not
 * in her navigation, 403). Charts beside the tables draw exactly the API's counts (Chart.js's own data read back), and
 * none shows without JavaScript. axe on each; screenshots 60-….
 */
class ReportsBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    private static String api(String partnership, String suffix) {
        return referral("/api/reports/partnerships/" + partnership + "/periods" + suffix);
    }

    @Test
    void theConnectorReadsTheApisFiguresAsTablesAndDownloadsItsCsv() {
        Journey j = new Journey("dashboard: Reports");
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            String[] shown = j.step("FWT's Connector opens Reports from the navigation: the newest closed period", () -> {
                signIn(page, "fwt.connector1");
                page.click("#navigation >> text=Reports");
                expect(page, documents, "#report", "reports");
                assertEquals("Reports – Pathways", page.title());
                screenshot(page, "60-reports");
                assertAccessible(page, "Reports");
                return new String[] {page.getAttribute("#report", "data-partnership"), page.getAttribute("#report", "data-period")};
            });
            String partnership = shown[0];
            String period = shown[1];
            j.step("the contents list links to every table's heading; a link takes her to it", () -> {
                assertNavCurrent(page, "reports");
                List<String> targets = page.locator("#contents a").all().stream().map(a -> a.getAttribute("href")).toList();
                List<String> headings = new ArrayList<>(List.of("#figures-heading"));
                page.locator("#report [data-table]").all().forEach(t -> headings.add("#table-" + t.getAttribute("data-table")));
                assertEquals(headings, targets, "one entry per table, in the page's order");
                for (String target : targets) assertEquals(1, page.locator("#report h2" + target).count(), target + " is a heading");
                String last = targets.get(targets.size() - 1);
                page.click("#contents a[href='" + last + "']");
                page.waitForURL(url -> url.endsWith(last));
                assertTrue((Boolean) page.evalOnSelector(last, "h => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight; }"),
                        last + " is in view after following its link");
            });
            j.step("the navigation marks the current page on every screen in it, Turn-aways included", () -> {
                for (String key : List.of("work", "new", "caseload", "waiting", "turn-aways", "board", "reports")) {
                    String href = page.getAttribute("#navigation a[data-nav='" + key + "']", "href");
                    page.click("#navigation a[data-nav='" + key + "']");
                    page.waitForURL(url -> java.net.URI.create(url).getPath().equals(href));
                    page.waitForSelector("#navigation a[data-nav='" + key + "'][aria-current]");
                    assertNavCurrent(page, key);
                }
                screenshot(page, "63-navigation-current");
                page.navigate(dashboard("/reports?partnership=" + partnership + "&period=" + period));
                expect(page, documents, "#report", "reports-again");
            });
            j.step("it is the API's newest closed period, and every figure and table entry is the API's, suppression included", () -> {
                List<Map<String, Object>> periods = Journey.as("fwt.connector1").get(api(partnership, "")).then().statusCode(200)
                        .extract().jsonPath().getList("$");
                assertTrue(periods.stream().anyMatch(p -> period.equals(p.get("id"))), "a listed period: " + period);
                JsonPath report = Journey.as("fwt.connector1").get(api(partnership, "/" + period)).then().statusCode(200).extract().jsonPath();
                for (String figure : List.of("unduplicated", "engagements", "turnedAway")) {
                    assertEquals(report.getString("people." + figure), page.textContent("[data-figure='" + figure + "'] dd").strip(), figure);
                }
                Map<String, Object> tables = report.getMap("tables");
                assertFalse(tables.isEmpty());
                for (String key : tables.keySet()) {
                    List<String> rows = report.getList("tables." + key + ".rowLabels");
                    if (rows.isEmpty()) {
                        assertTrue(page.isVisible("[data-table='" + key + "'][data-empty]"), key + ": shown as empty");
                        continue;
                    }
                    List<List<Object>> cells = report.getList("tables." + key + ".cells");
                    List<Object> rowTotals = Objects.requireNonNullElse(report.getList("tables." + key + ".rowTotals"), List.of());
                    @SuppressWarnings("unchecked")
                    List<List<String>> onPage = (List<List<String>>) page.evalOnSelectorAll(
                            "table[data-table='" + key + "'] tbody tr:not([data-totals])",
                            "rows => rows.map(r => Array.from(r.querySelectorAll('td')).map(c => c.textContent.trim()))");
                    assertEquals(rows.size(), onPage.size(), key + ": one row per row label");
                    for (int r = 0; r < rows.size(); r++) {
                        List<String> expected = new ArrayList<>(cells.get(r).stream().map(String::valueOf).toList());
                        if (!rowTotals.isEmpty()) expected.add(String.valueOf(rowTotals.get(r)));
                        assertEquals(expected, onPage.get(r), key + " row " + r);
                        onPage.get(r).forEach(v -> assertTrue(v.equals("<5") || v.equals("*") || v.equals("x") || v.matches("\\d+(\\.\\d{2})?"),
                                key + ": " + v));
                    }
                }
            });
            String[] withChart = j.step("a period with a charted table: this one, or the next Coventry period after one referral", () -> {
                if (page.locator("canvas[data-chart]").count() > 0) return new String[] {partnership, period};
                // Run on its own, the newest closed period may hold nothing: send one referral and wait for its period to close.
                ProvisionalFigures.Period open = ProvisionalFigures.Period.of(ProvisionalFigures.read("fwt.connector1", JourneySupport.COVENTRY));
                String her = JourneySupport.registerKnownToConsent("kairos.caseworker1");
                JourneySupport.putSection("kairos.caseworker1", her, "NEEDS", JourneySupport.needs("counselling"));
                JourneySupport.recordConsent("kairos.caseworker1", her, List.of(JourneySupport.CRASAC),
                        List.of("REFERRAL"), List.of("NEEDS"));
                JourneySupport.sent("kairos.caseworker1", JourneySupport.referralBody(her, JourneySupport.CRASAC_COUNSELLING,
                        List.of("counselling"), List.of("NEEDS")));
                ProvisionalFigures.Period sentIn = ProvisionalFigures.Period.of(ProvisionalFigures.read("fwt.connector1", JourneySupport.COVENTRY));
                org.awaitility.Awaitility.await().atMost(java.time.Duration.between(open.start(), open.end()).plusSeconds(60))
                        .pollInterval(java.time.Duration.ofSeconds(1))
                        .until(() -> Journey.as("fwt.connector1").get(api(JourneySupport.COVENTRY, "")).then().statusCode(200).extract()
                                .jsonPath().getList("id").contains(sentIn.id()));
                page.navigate(dashboard("/reports?partnership=" + JourneySupport.COVENTRY + "&period=" + sentIn.id()));
                expect(page, documents, "#report canvas[data-chart]", "reports-with-chart");
                return new String[] {JourneySupport.COVENTRY, sentIn.id()};
            });
            j.step("each chart beside a table draws exactly the API's counts of that table; <5 and * are not drawn", () -> {
                JsonPath report = Journey.as("fwt.connector1").get(api(withChart[0], "/" + withChart[1])).then().statusCode(200).extract().jsonPath();
                List<String> charted = page.locator("canvas[data-chart]").all().stream()
                        .map(c -> c.getAttribute("id").substring("chart-".length())).toList();
                assertFalse(charted.isEmpty(), "a charted table");
                page.waitForSelector("#chart-" + charted.get(0) + "[data-chart-ready]");
                for (String key : charted) {
                    assertTrue(page.isVisible("#chart-figure-" + key), key + ": the chart is shown with JavaScript on");
                    @SuppressWarnings("unchecked")
                    List<List<Object>> drawn = (List<List<Object>>) page.evaluate(
                            "k => Chart.getChart(document.getElementById('chart-' + k)).data.datasets.map(d => d.data)", key);
                    List<List<Object>> cells = report.getList("tables." + key + ".cells");
                    List<Object> columns = report.getList("tables." + key + ".columnLabels");
                    assertEquals(columns.size(), drawn.size(), key + ": a bar series per column");
                    for (int c = 0; c < columns.size(); c++) {
                        for (int r = 0; r < cells.size(); r++) {
                            String published = String.valueOf(cells.get(r).get(c));
                            Object bar = drawn.get(c).get(r);
                            if (published.matches("\\d+")) {
                                assertEquals(Long.parseLong(published), ((Number) bar).longValue(), key + " [" + r + "][" + c + "]");
                            } else {
                                assertEquals(null, bar, key + " [" + r + "][" + c + "] is " + published + ": not drawn");
                            }
                        }
                    }
                }
                page.locator("#chart-figure-" + charted.get(0)).scrollIntoViewIfNeeded();
                screenshot(page, "64-reports-chart");
                assertAccessible(page, "Reports (with charts)");
            });
            j.step("the CSV link downloads exactly the API's CSV", () -> {
                String href = page.getAttribute("#csv-download", "href");
                assertEquals("/reports/" + partnership + "/" + period + ".csv", href, "ids only in the link");
                APIResponse csv = page.request().get(dashboard(href));
                assertEquals(200, csv.status());
                assertTrue(csv.headers().get("content-type").startsWith("text/csv"), csv.headers().toString());
                assertTrue(csv.headers().get("content-disposition").startsWith("attachment"), csv.headers().toString());
                String fromApi = Journey.as("fwt.connector1").accept("text/csv").get(api(partnership, "/" + period + "/csv")).then()
                        .statusCode(200).extract().asString();
                assertEquals(fromApi, csv.text());
            });
        }
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("JavaScript off: an evaluator chooses an earlier period with the plain GET form", () -> {
                signIn(page, "wbg.evaluator1");
                assertEquals(1, page.locator("#navigation >> text=Reports").count());
                page.navigate(dashboard("/reports"));
                expect(page, documents, "#report", "reports-evaluator");
                List<String> options = page.locator("#period option").all().stream().map(o -> o.getAttribute("value")).toList();
                String earlier = options.size() > 1 ? options.get(1) : options.get(0);
                page.selectOption("#period", earlier);
                page.click("#show-report");
                expect(page, documents, "#report[data-period='" + earlier + "']", "reports-earlier");
                assertTrue(page.url().contains("period=" + earlier), page.url());
                assertTrue(page.url().matches(".*/reports\\?partnership=[0-9a-f-]{36}&period=[A-Za-z0-9_-]+$"), "ids only: " + page.url());
                // After the page's stylesheets have loaded (they hide the frames): on a busy machine the element can be
                // there before its style is.
                page.waitForLoadState(com.microsoft.playwright.options.LoadState.LOAD);
                assertFalse(page.locator(".dashboard-chart").first().isVisible(), "no empty chart frame without JavaScript: the table is the answer");
                screenshot(page, "61-reports-earlier-period");
                assertAccessible(page, "Reports (earlier period, JavaScript off)");
            });
            j.step("a period the API refuses: its problem in the error summary, linked to the period field", () -> {
                page.navigate(dashboard("/reports?period=not-a-period"));
                expect(page, documents, ".govuk-error-summary", "reports-refused");
                assertEquals("#period", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#period-error"));
                assertFalse(page.isVisible("#report"), "no figures for a refused period");
                screenshot(page, "62-reports-refused");
                assertAccessible(page, "Reports (refused period, JavaScript off)");
            });
        }
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            j.step("a caseworker has no Reports: not in her navigation, 403 at the address and for the CSV", () -> {
                signIn(page, "kairos.caseworker1");
                assertEquals(0, page.locator("#navigation >> text=Reports").count());
                assertEquals(403, page.request().get(dashboard("/reports")).status());
                assertEquals(403, page.request().get(dashboard("/reports/" + JourneySupport.COVENTRY + "/x.csv")).status());
            });
        }
    }
}
