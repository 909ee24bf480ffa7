package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.connectorView;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15, screen 4 (Connector board) in a real browser: FWT's Partnership Connector sees every referral in flight in
 * Coventry by state, with the connector API's counts (in flight, overdue); a referral between two other organisations
 * is shown as metadata without a link and moves group when it is accepted; "only overdue" (JavaScript off, a plain GET
 * form) leaves only overdue ones. A caseworker has no board. axe on each; screenshots 40-….
 */
class BoardBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    private static final List<String> IN_FLIGHT = List.of("SENT", "ACCEPTED", "ON_HOLD", "IN_PROGRESS");

    @Test
    void theConnectorSeesThePartnershipsReferralsInFlightByStateWithTheApisCounts() {
        Journey j = new Journey("dashboard: the Connector board");
        String referral = j.step("Kairos sends a referral to CRASAC (API)", () -> {
            String subject = registerKnownToConsent("kairos.caseworker1");
            writeOnce("kairos.caseworker1", subject, "NEEDS",
                    "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"Someone to talk to\",\"status\":\"IDENTIFIED\"}]}");
            recordConsent("kairos.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS")));
            return sent("kairos.caseworker1", referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
        });
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("FWT's Connector opens the board from the navigation: the referral is new, without a link (not hers)", () -> {
                signIn(page, "fwt.connector1");
                page.click("#navigation >> text=Connector board");
                expect(page, documents, "#board-summary", "board");
                assertEquals("Connector board – Pathways", page.title());
                String row = "table[data-group='SENT'] tr[data-referral='" + referral + "']";
                assertTrue(page.isVisible(row), "in the New group");
                assertEquals(0, page.locator(row + " a").count(), "another organisations' referral: metadata only, no link");
                assertTrue(page.textContent(row).contains("Counselling"));
                screenshot(page, "40-connector-board");
                assertAccessible(page, "Connector board");
            });
            j.step("the counts are the connector API's: in flight, and overdue", () -> {
                List<Map<String, Object>> api = connectorView("fwt.connector1", Map.of("state", IN_FLIGHT));
                List<Map<String, Object>> overdue = connectorView("fwt.connector1", Map.of("state", IN_FLIGHT, "overdue", true));
                assertEquals("In flight: " + api.size(), page.textContent("#summary-heading").strip());
                assertEquals(overdue.size(), page.locator("tr[data-overdue]").count());
                for (String s : IN_FLIGHT) {
                    long n = api.stream().filter(i -> s.equals(i.get("state"))).count();
                    assertTrue(page.textContent("[data-count='" + s + "'] dd").strip().startsWith(String.valueOf(n)), s);
                }
            });
            j.step("CRASAC accepts it (API): on the next look it is in the Accepted group", () -> {
                move("crasac.coordinator1", referral, 1, Map.of("target", "ACCEPTED")).statusCode(200);
                page.reload();
                expect(page, documents, "table[data-group='ACCEPTED'] tr[data-referral='" + referral + "']", "board-accepted");
                assertFalse(page.isVisible("table[data-group='SENT'] tr[data-referral='" + referral + "']"));
            });
        }
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("JavaScript off: 'Only overdue referrals' leaves only overdue ones (a plain GET form, ids only in the address)", () -> {
                signIn(page, "fwt.connector1");
                page.navigate(dashboard("/board"));
                page.check("#overdue");
                page.click("#apply-filters");
                expect(page, documents, "#board-summary", "board-overdue");
                assertTrue(page.url().contains("overdue=yes"), page.url());
                assertFalse(page.isVisible("tr[data-referral='" + referral + "']"), "not overdue: left out");
                assertEquals(page.locator("tr[data-referral]").count(), page.locator("tr[data-overdue]").count());
                screenshot(page, "41-connector-board-overdue");
                assertAccessible(page, "Connector board (overdue only)");
            });
        }
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            j.step("a caseworker has no board: not in her navigation, and the address answers 403", () -> {
                signIn(page, "kairos.caseworker1");
                assertEquals(0, page.locator("#navigation >> text=Connector board").count());
                assertEquals(403, page.request().get(dashboard("/board")).status());
            });
        }
    }
}
