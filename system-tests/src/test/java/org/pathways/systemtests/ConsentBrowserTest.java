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
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15, her consent in the browser: Kairos' caseworker opens her case by her Pathways reference, sees her current
 * consent, withdraws part of it (refused first without the confirmation, GOV.UK error summary), is told "changed since
 * you opened it" when a colleague withdrew something meanwhile (consent-service's basedOnVersion rule), withdraws the
 * rest; then, with JavaScript off, requests a safeguarding override (refused first without its answers). Nothing of
 * her in any address or title; axe on every page; screenshots 30-….
 */
class ConsentBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    private static void openHerCase(Page page, List<String> documents, String subject) {
        page.navigate(dashboard("/new"));
        page.fill("#reference", subject);
        page.click("#find");
        expect(page, documents, "#reference", "find-her");
        assertEquals(subject, page.textContent("#reference").strip());
        assertFalse(page.url().contains(subject), "no subject id in the address");
    }

    @Test
    void herConsentIsWithdrawnInPartThenWhollyAndAnOverrideIsRequested() {
        Journey j = new Journey("dashboard: her consent withdrawn, a safeguarding override requested");
        String subject = registerKnownToConsent("kairos.caseworker1");
        String consentId = recordConsent("kairos.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS", "STORY"), CELC, List.of("NEEDS")));
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("her case shows her consent; 'Withdraw her consent' shows what she agreed to now", () -> {
                signIn(page, "kairos.caseworker1");
                openHerCase(page, documents, subject);
                page.click("#withdraw-link");
                expect(page, documents, "#current-consent", "withdraw-page");
                assertEquals("Withdraw her consent – Pathways", page.title());
                assertTrue(page.textContent("#current-consent").contains("Story"));
                screenshot(page, "30-withdraw-consent");
                assertAccessible(page, "Withdraw her consent");
            });
            j.step("without her answers and the confirmation it is refused, each at its field", () -> {
                page.click("#withdraw");
                expect(page, documents, ".govuk-error-summary", "withdraw-unanswered");
                assertTrue(page.isVisible("#scope-error") && page.isVisible("#confirm-error"));
                assertEquals("#scope", page.getAttribute(".govuk-error-summary a", "href"));
                screenshot(page, "31-withdraw-refused");
                assertAccessible(page, "Withdraw her consent (refused)");
            });
            j.step("she withdraws STORY: her case says so, and her consent no longer lists it", () -> {
                page.check("#scope-PARTIAL");
                page.selectOption("#category", "STORY");
                page.check("#confirm");
                page.click("#withdraw");
                expect(page, documents, "#done-title", "withdraw-story");
                assertTrue(page.textContent(".govuk-notification-banner").contains("withdrawn"));
                assertFalse(page.textContent("[data-consent]").contains("Story"), page.textContent("[data-consent]"));
            });
            j.step("a colleague withdraws CELC meanwhile: her whole withdrawal is answered 'changed since you opened it'", () -> {
                page.click("#withdraw-link");
                expect(page, documents, "#withdraw", "withdraw-page-2");
                Journey.as("kairos.caseworker2").body(Map.of("scope", "PARTIAL", "recipient", Map.of("type", "ORGANISATION", "id", CELC),
                        "method", "VERBAL")).post(Journey.url("consent", "/api/consents/" + consentId + "/withdrawals")).then().statusCode(200);
                page.check("#scope");
                page.check("#confirm");
                page.click("#withdraw");
                expect(page, documents, ".govuk-error-summary", "withdraw-stale");
                assertTrue(page.textContent(".govuk-error-summary").contains("changed since you opened"));
                assertFalse(page.textContent("#current-consent").contains("Central England"), "the page shows her consent as it is now");
                screenshot(page, "32-withdraw-changed");
                assertAccessible(page, "Withdraw her consent (changed)");
            });
            j.step("she withdraws all of it: her case shows it withdrawn", () -> {
                page.check("#scope");
                page.check("#confirm");
                page.click("#withdraw");
                expect(page, documents, "#done-title", "withdraw-whole");
                assertTrue(page.textContent("[data-consent]").contains("Withdrawn"), page.textContent("[data-consent]"));
                String state = Journey.as("kairos.caseworker1").get(Journey.url("consent", "/api/consents/" + consentId))
                        .then().statusCode(200).extract().path("state");
                assertEquals("WITHDRAWN", state);
            });
        }
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("JavaScript off: an override request without its answers is refused at the fields", () -> {
                signIn(page, "kairos.caseworker1");
                openHerCase(page, documents, subject);
                page.click("#override-link");
                expect(page, documents, "#request-override", "override-page");
                assertEquals("Request a safeguarding override – Pathways", page.title());
                page.click("#request-override");
                expect(page, documents, ".govuk-error-summary", "override-unanswered");
                assertTrue(page.isVisible("#legalBasis-error") && page.isVisible("#justification-error"));
                screenshot(page, "33-override-refused");
                assertAccessible(page, "Request a safeguarding override (refused)");
            });
            j.step("with its basis, why, CRASAC, her needs and 30 days it is requested; her case lists it", () -> {
                page.check("#legalBasis");
                page.fill("#justification", "Asking her now would alert the person she fears.");
                page.check("input[name=recipient][value='" + CRASAC + "']");
                page.check("input[name=category][value=NEEDS]");
                page.click("#request-override");
                expect(page, documents, "#done-title", "override");
                assertTrue(page.textContent("#overrides").contains("Requested"), page.textContent("#overrides"));
                screenshot(page, "34-override-requested");
                assertAccessible(page, "Her case (override requested)");
            });
        }
    }
}
