package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15's "Must hold", screen 3 (New referral), done entirely in a real browser: Kairos' caseworker registers her,
 * writes her summary one section per form (a refused section shown with GOV.UK's error summary), records her consent
 * (CRASAC may see NEEDS and SAFE_CONTACT, not STORY), opens her discreet receipt, searches the directory (capacity and
 * response target shown), answers "does she know?", sees the send refused in place because her consent does not cover
 * STORY, unticks it and sends; CRASAC's coordinator, on My work in another browser, sees the referral arrive without a
 * reload. No subject id in any URL or title; axe on every new page; screenshots in target/screenshots (10-…).
 */
class NewReferralBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    @Test
    void kairosRefersHerToCrasacInTheBrowserAndCrasacSeesItArriveLive() {
        Journey j = new Journey("dashboard: New referral, Kairos -> CRASAC, entirely in the browser");
        try (BrowserContext kairosCtx = browsers.context(); BrowserContext crasacCtx = browsers.context()) {
            Page crasac = crasacCtx.newPage();
            j.step("CRASAC's coordinator has My work open", () -> {
                signIn(crasac, "crasac.coordinator1");
                crasac.waitForSelector("#queues");
                crasac.evaluate("() => { window.__notReloaded = true; }");
            });

            Page page = kairosCtx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            List<String> titles = new ArrayList<>();
            page.onLoad(p -> titles.add(p.title()));
            AtomicReference<String> subject = new AtomicReference<>();

            j.step("Kairos' caseworker signs in and opens New referral from the navigation", () -> {
                signIn(page, "kairos.caseworker1");
                page.click("#navigation >> text=New referral");
                page.waitForURL(dashboard("/new"));
                assertEquals("New referral – Pathways", page.title());
                screenshot(page, "10-new-referral-start");
                assertAccessible(page, "New referral (start)");
            });

            j.step("an unknown reference is answered in place with an error summary", () -> {
                page.fill("#reference", "00000000-0000-4000-8000-000000000000");
                page.click("#find");
                expect(page, documents, ".govuk-error-summary", "find-unknown");
                assertTrue(page.textContent(".govuk-error-summary").contains("Nobody with this reference"));
                assertAccessible(page, "New referral (unknown reference)");
            });

            j.step("she registers her: her case page, the reference on the page and never in the address", () -> {
                page.click("#register");
                expect(page, documents, "#done-title", "register");
                subject.set(page.textContent("#reference").strip());
                assertTrue(subject.get().matches("[0-9a-f-]{36}"), subject.get());
                assertFalse(page.url().contains(subject.get()), "no subject id in the URL");
                assertEquals("Her case – Pathways", page.title());
                screenshot(page, "11-her-case-new");
                assertAccessible(page, "Her case");
            });

            AtomicReference<String> caseUrl = new AtomicReference<>(page.url().replaceAll("\\?.*", ""));
            j.step("a form post without the CSRF token is refused and registers nobody", () -> {
                Object status = page.evaluate("async () => (await fetch('/new/register', {method: 'POST',"
                        + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'x=1', redirect: 'manual'})).status");
                assertEquals(403, ((Number) status).intValue());
            });

            j.step("her needs, in her words", () -> {
                page.click("[data-section='NEEDS'] a");
                page.waitForSelector("#needs-0-code");
                page.selectOption("#needs-0-code", "counselling");
                page.fill("#needs-0-inHerWords", "I want to talk to someone about what happened — in my own words.");
                screenshot(page, "12-section-needs");
                assertAccessible(page, "Section form (needs)");
                page.click("#save");
                expect(page, documents, "#done-title", "needs");
                assertTrue(page.textContent("[data-section='NEEDS']").contains("version 1"));
            });

            j.step("safe contact: a missing answer is refused by the service and shown at the field", () -> {
                page.click("[data-section='SAFE_CONTACT'] a");
                page.waitForSelector("#doNotContact");
                page.check("#contactViaNamedWorkerOnly-no");
                page.click("#save");
                expect(page, documents, ".govuk-error-summary", "safe-contact-refused");
                assertTrue(page.isVisible("#doNotContact-error"), "the error is shown at the field");
                screenshot(page, "13-section-error");
                assertAccessible(page, "Section form (error)");
                page.check("#doNotContact-no");
                page.check("#safeMethods"); // the first method: a phone call
                page.fill("#instructions", "Weekday mornings only; never leave a message.");
                page.click("#save");
                expect(page, documents, "#done-title", "safe-contact");
            });

            j.step("her story, told once", () -> {
                page.click("[data-section='STORY'] a");
                page.waitForSelector("#text");
                page.fill("#text", "Her account, in her words, told once.");
                page.click("#save");
                expect(page, documents, "#done-title", "story");
            });

            j.step("her consent: CRASAC may see her needs and safe contact, for referral and coordination, six months", () -> {
                page.click("#consent-link");
                page.waitForSelector("input[name=recipient]");
                page.check("input[name=recipient][value='" + CRASAC + "']");
                page.check("input[name=category][value=NEEDS]");
                page.check("input[name=category][value=SAFE_CONTACT]");
                screenshot(page, "14-consent");
                assertAccessible(page, "Her consent");
                page.click("#record-consent");
                expect(page, documents, "#done-title", "consent");
                assertTrue(page.isVisible("[data-consent]"));
            });

            j.step("her discreet receipt, printable", () -> {
                page.click("#receipt-link");
                page.waitForSelector("[data-receipt]");
                assertEquals("Her receipt – Pathways", page.title());
                screenshot(page, "15-receipt");
                assertAccessible(page, "Her receipt");
                page.goBack();
            });

            j.step("the directory search: CRASAC's counselling with its capacity and response target", () -> {
                page.navigate(page.url().replaceAll("\\?.*", "") + "/search");
                page.waitForSelector("#area");
                assertTrue(page.isChecked("input[name=need][value=counselling]"), "her needs are ticked");
                page.fill("#area", "Coventry");
                page.click("#run-search");
                expect(page, documents, "[data-service='" + CRASAC_COUNSELLING + "']", "search");
                String card = page.textContent("[data-service='" + CRASAC_COUNSELLING + "']");
                assertTrue(card.contains("Capacity") && card.contains("Response target"), card);
                assertTrue(page.textContent("[data-service='" + CRASAC_COUNSELLING + "'] [data-target]").contains("working days"));
                screenshot(page, "16-search");
                assertAccessible(page, "Find a service");
            });

            j.step("she chooses it; without an answer to 'does she know?' the send is refused in place", () -> {
                page.click("[data-choose='" + CRASAC_COUNSELLING + "']");
                page.waitForSelector("#send");
                assertTrue(page.textContent("#chosen-service").contains("working days"));
                page.click("#send");
                expect(page, documents, ".govuk-error-summary", "send-unanswered");
                assertTrue(page.textContent(".govuk-error-summary").contains("whether she knows"));
            });

            j.step("she knows; sending STORY too is refused in place: her consent does not cover it", () -> {
                page.check("#personKnows");
                assertTrue(page.isChecked("input[name=sections][value=STORY]"));
                page.click("#send");
                expect(page, documents, ".govuk-error-summary", "send-uncovered");
                String summary = page.textContent(".govuk-error-summary");
                assertTrue(summary.contains("does not cover Story"), summary);
                assertEquals(0, outgoingFor(subject.get()), "nothing was sent");
                screenshot(page, "17-send-refused");
                assertAccessible(page, "Send (refused)");
            });

            AtomicReference<String> referral = new AtomicReference<>();
            j.step("she unticks STORY and sends: the referral page says sent", () -> {
                page.uncheck("input[name=sections][value=STORY]");
                page.click("#send");
                expect(page, documents, "#done-title", "send");
                String path = page.url().replaceAll("^https?://[^/]+", "").replaceAll("\\?.*", "");
                assertTrue(path.matches("/referrals/[0-9a-f-]{36}"), path);
                referral.set(path.substring("/referrals/".length()));
                assertEquals("SENT", state("kairos.caseworker1", referral.get()));
                screenshot(page, "18-sent");
                assertAccessible(page, "Referral (sent)");
            });

            j.step("CRASAC's coordinator sees it arrive without reloading", () -> {
                crasac.waitForSelector("#incoming tr[data-referral='" + referral.get() + "']");
                assertEquals(Boolean.TRUE, crasac.evaluate("() => window.__notReloaded === true"), "not reloaded");
                crasac.click("#incoming tr[data-referral='" + referral.get() + "'] a");
                crasac.waitForSelector("[data-section='NEEDS']");
                assertTrue(crasac.textContent("[data-section='NEEDS']").contains("in my own words"), "her words kept");
                assertFalse(crasac.isVisible("[data-section='STORY']"), "STORY was not shared");
            });

            j.step("her case's address opens nothing in another sign-in", () -> {
                com.microsoft.playwright.Response r = crasac.navigate(caseUrl.get());
                assertNotNull(r);
                assertEquals(404, r.status());
                assertFalse(crasac.content().contains(subject.get()), "nothing of her");
            });

            j.step("no subject id in any address or title the browser saw", () -> {
                List<String> seen;
                synchronized (documents) {
                    seen = new ArrayList<>(documents);
                }
                assertNotNull(subject.get());
                assertTrue(seen.size() > 10, seen.toString());
                for (String d : seen) assertFalse(d.contains(subject.get()), d);
                for (String t : titles) assertFalse(t.contains(subject.get()), t);
            });
        }
    }

    @Test
    void withJavaScriptOffTheFormsStillWork() {
        Journey j = new Journey("dashboard: New referral with JavaScript off");
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("sign in, register her, write her needs and see a refused form's error summary: plain posts and redirects", () -> {
                signIn(page, "kairos.caseworker1");
                page.navigate(dashboard("/new"));
                // dashboard.js marks the body when it runs: with JavaScript off it never does.
                assertFalse(String.valueOf(page.getAttribute("body", "class")).contains("js-enabled"), "no script ran");
                page.click("#register");
                expect(page, documents, "#done-title", "nojs-register");
                page.click("[data-section='STORY'] a");
                page.waitForSelector("#text");
                page.click("#save");
                expect(page, documents, ".govuk-error-summary", "nojs-refused");
                assertTrue(page.isVisible("#text-error"), "the story is required: said at the field");
                page.fill("#text", "Told once, with JavaScript off.");
                page.click("#save");
                expect(page, documents, "#done-title", "nojs-story");
                assertTrue(page.textContent("[data-section='STORY']").contains("version 1"));
            });
        }
    }

    /** Referrals Kairos sent for her, as the API shows them (the refused send must have stored nothing). */
    private static int outgoingFor(String subject) {
        List<?> items = Journey.as("kairos.caseworker1").get(Journey.url("referral", "/api/referrals?direction=outgoing&limit=200"))
                .then().statusCode(200).extract().jsonPath().getList("findAll { it.subjectId == '" + subject + "' }");
        return items == null ? 0 : items.size();
    }
}
