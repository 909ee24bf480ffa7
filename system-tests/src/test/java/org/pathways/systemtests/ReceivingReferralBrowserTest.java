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
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.state;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15, screen 2 (Referral), the receiving side in a real browser: CRASAC's caseworker claims a referral, accepts
 * it, is refused a hold without a review date (GOV.UK error summary linking to the field), holds it with one, resumes,
 * is refused a completion without an outcome, completes it with an outcome and an onward need, and reads it all in the
 * history. With JavaScript off, CRASAC's coordinator declines another one (refused first without a reason code) and
 * Kairos' caseworker sees the decline and its reason on her Referral page and re-routes it (search, choose, send: the new
 * referral's replacesReferralId is the declined one). axe on every state; screenshots 20-….
 */
class ReceivingReferralBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    /** Kairos registers her, writes her needs, records her consent for CRASAC and sends (all through the API). */
    private static String referralToCrasac() {
        String subject = registerKnownToConsent("kairos.caseworker1");
        writeOnce("kairos.caseworker1", subject, "NEEDS",
                "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"Someone to talk to\",\"status\":\"IDENTIFIED\"}]}");
        recordConsent("kairos.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS")));
        return sent("kairos.caseworker1", referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
    }

    private static String subjectOf(String referral) {
        return Journey.as("kairos.caseworker1").get(Journey.url("referral", "/api/referrals/" + referral)).then().statusCode(200)
                .extract().path("subjectId");
    }

    @Test
    void crasacClaimsAcceptsHoldsResumesAndCompletesWithAnOutcome() {
        Journey j = new Journey("dashboard: the receiving side of a referral, claim to completion");
        String referral = j.step("Kairos sends a referral to CRASAC (API)", ReceivingReferralBrowserTest::referralToCrasac);
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("CRASAC's caseworker opens it and claims it", () -> {
                signIn(page, "crasac.caseworker1");
                page.navigate(dashboard("/referrals/" + referral));
                page.click("#claim");
                expect(page, documents, "#claimed", "claim");
                assertTrue(page.textContent("#done-title").contains("Done"));
                assertFalse(page.isVisible("#claim"), "claimed: no second claim button");
                screenshot(page, "20-referral-claimed");
                assertAccessible(page, "Referral (claimed)");
            });
            j.step("she accepts it", () -> {
                page.click("button[data-move='ACCEPTED']");
                expect(page, documents, "#done-title", "accept");
                assertEquals("Accepted", page.textContent("#state").trim());
            });
            j.step("a hold without a review date is refused by the service: the error summary links to the field", () -> {
                page.click("button[data-move='ON_HOLD']");
                expect(page, documents, ".govuk-error-summary", "hold-refused");
                assertEquals("#ON_HOLD-reviewDate", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#ON_HOLD-reviewDate-error"), "the message at the field");
                assertEquals("Accepted", page.textContent("#state").trim(), "nothing changed");
                screenshot(page, "21-hold-refused");
                assertAccessible(page, "Referral (hold refused)");
            });
            String review = LocalDate.now().plusDays(14).toString();
            j.step("with a review date it is on hold; then she resumes work", () -> {
                page.fill("#ON_HOLD-reviewDate", review);
                page.click("button[data-move='ON_HOLD']");
                expect(page, documents, "#done-title", "hold");
                assertEquals("On hold", page.textContent("#state").trim());
                assertTrue(page.textContent("tr[data-history='ON_HOLD']").contains("review on " + review));
                page.click("button[data-move='IN_PROGRESS']");
                expect(page, documents, "#done-title", "resume");
                assertEquals("In progress", page.textContent("#state").trim());
            });
            j.step("completing without an outcome for her need is refused at the need", () -> {
                page.click("button[data-move='COMPLETED']");
                expect(page, documents, ".govuk-error-summary", "complete-refused");
                assertEquals("#COMPLETED-outcome-counselling", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#COMPLETED-outcome-counselling-error"));
                assertEquals("IN_PROGRESS", state("kairos.caseworker1", referral), "nothing changed");
                screenshot(page, "22-complete-refused");
                assertAccessible(page, "Referral (completion refused)");
            });
            j.step("she completes it: counselling met, money and debt as an onward need; the history says so", () -> {
                page.check("#COMPLETED-outcome-counselling");
                page.click("form:has(button[data-move='COMPLETED']) .govuk-details__summary");
                page.check("input[name=onwardNeeds][value='money-debt']");
                page.click("button[data-move='COMPLETED']");
                expect(page, documents, "#done-title", "complete");
                assertEquals("Completed", page.textContent("#state").trim());
                assertEquals("COMPLETED", state("kairos.caseworker1", referral));
                String row = page.textContent("tr[data-history='COMPLETED']");
                assertTrue(row.contains("Counselling: Met"), row);
                assertTrue(row.contains("Onward needs: Money and debt"), row);
                for (String s : List.of("ACCEPTED", "ON_HOLD", "IN_PROGRESS")) assertTrue(page.isVisible("tr[data-history='" + s + "']"), s);
                assertFalse(page.isVisible("#claim"), "an ended referral is not claimed");
                screenshot(page, "23-referral-completed");
                assertAccessible(page, "Referral (completed)");
            });
        }
    }

    @Test
    void withJavaScriptOffCrasacDeclinesWithAReasonAndKairosSeesItAndReRoutes() {
        Journey j = new Journey("dashboard: a decline with a reason code, JavaScript off, seen by the referrer");
        String referral = j.step("Kairos sends a referral to CRASAC (API)", ReceivingReferralBrowserTest::referralToCrasac);
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("CRASAC's coordinator declines without a reason: refused, the summary links to the reasons", () -> {
                signIn(page, "crasac.coordinator1");
                page.navigate(dashboard("/referrals/" + referral));
                page.click("button[data-move='DECLINED']");
                expect(page, documents, ".govuk-error-summary", "decline-refused");
                assertEquals("#DECLINED-reason", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#DECLINED-reason"), "the link leads to the first reason");
                assertEquals("SENT", state("kairos.caseworker1", referral));
                assertAccessible(page, "Referral (decline refused)");
            });
            j.step("with 'No capacity' it is declined", () -> {
                page.check("form:has(button[data-move='DECLINED']) input[name=reason][value=NO_CAPACITY]");
                page.click("button[data-move='DECLINED']");
                expect(page, documents, "#done-title", "decline");
                assertEquals("Declined", page.textContent("#state").trim());
                assertEquals("DECLINED", state("kairos.caseworker1", referral));
            });
        }
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("Kairos' caseworker sees the decline and its reason on her Referral page", () -> {
                signIn(page, "kairos.caseworker1");
                page.navigate(dashboard("/referrals/" + referral));
                assertEquals("Declined", page.textContent("#state").trim());
                assertTrue(page.textContent("tr[data-history='DECLINED']").contains("No capacity"));
                assertTrue(page.isVisible("#reroute"), "the referrer may find her another service");
                screenshot(page, "24-declined-seen-by-referrer");
                assertAccessible(page, "Referral (declined, referrer)");
            });
            j.step("she re-routes it: search, choose, send; the new referral replaces the declined one", () -> {
                page.click("#reroute");
                expect(page, documents, "#rerouting", "reroute-search");
                assertFalse(page.url().contains(subjectOf(referral)), "her case reference is sealed, never her id");
                page.fill("#area", "Coventry");
                page.click("#run-search");
                expect(page, documents, "[data-choose='" + CRASAC_COUNSELLING + "']", "reroute-results");
                page.click("[data-choose='" + CRASAC_COUNSELLING + "']");
                expect(page, documents, "#send", "reroute-send");
                assertTrue(page.isVisible("#rerouting"));
                page.check("#personKnows");
                page.click("#send");
                expect(page, documents, "#done-title", "reroute-sent");
                String path = page.url().replaceAll("^https?://[^/]+", "").replaceAll("\\?.*", "");
                String rerouted = path.substring("/referrals/".length());
                assertEquals(referral, Journey.as("kairos.caseworker1").get(Journey.url("referral", "/api/referrals/" + rerouted))
                        .then().statusCode(200).extract().path("replacesReferralId"));
                assertAccessible(page, "Referral (re-routed, sent)");
            });
        }
    }
}
