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
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.state;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 16 item 9 and issue 15's screens (ADR 0091) in a real browser: Kairos' caseworker registers her, writes her
 * needs and safe contact, records her consent for Coventry's MARAC coordinator (a statutory partner, in no partnership),
 * finds the statutory partners from her case and sends a MARAC referral on the statutory form — first refused at the
 * criterion (visible high risk with a medium DASH level: nothing sent), then sent; the MARAC coordinator sees it on My
 * work marked as a MARAC referral and opens it, with the DASH level, the criterion and her safe contact times. axe on
 * every new page; no subject id in any address or title; screenshots in target/screenshots (93-…).
 */
class MaracReferralBrowserTest {

    static final String MARAC_ORG = "5e1f0000-0000-4000-8000-00000000000f";
    static final String MARAC_SERVICE = demoId("service:coventry-marac-referrals");

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    @Test
    void kairosSendsAMaracReferralInTheBrowserAndTheCoordinatorSeesItMarked() {
        Journey j = new Journey("dashboard: a MARAC referral, Kairos -> Coventry MARAC coordinator, in the browser");
        AtomicReference<String> subject = new AtomicReference<>();
        AtomicReference<String> referral = new AtomicReference<>();
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            List<String> titles = new ArrayList<>();
            page.onLoad(p -> titles.add(p.title()));

            j.step("Kairos' caseworker registers her and writes her needs and safe contact", () -> {
                signIn(page, "kairos.caseworker1");
                page.navigate(dashboard("/new"));
                page.click("#register");
                expect(page, documents, "#done-title", "marac-register");
                subject.set(page.textContent("#reference").strip());
                page.click("[data-section='NEEDS'] a");
                page.waitForSelector("#needs-0-code");
                page.selectOption("#needs-0-code", "domestic-abuse");
                page.fill("#needs-0-inHerWords", "He said he would kill me if I left.");
                page.click("#save");
                expect(page, documents, "#done-title", "marac-needs");
                page.click("[data-section='SAFE_CONTACT'] a");
                page.waitForSelector("#doNotContact");
                page.check("#doNotContact-no");
                page.check("#contactViaNamedWorkerOnly-no");
                page.check("#safeMethods");
                page.fill("#instructions", "Only through the Kairos hub.");
                page.click("#save");
                expect(page, documents, "#done-title", "marac-safe-contact");
            });

            j.step("her consent in Coventry: the MARAC coordinator, a statutory partner, may see her needs, risk and safe contact", () -> {
                page.navigate(page.url().replaceAll("\\?.*", "") + "/consent?partnership=" + COVENTRY);
                page.waitForSelector("input[name=recipient][value='" + MARAC_ORG + "']");
                assertTrue(page.textContent("label[for='" + page.getAttribute("input[name=recipient][value='" + MARAC_ORG + "']", "id") + "']")
                        .contains("MARAC coordinator"));
                page.check("input[name=recipient][value='" + MARAC_ORG + "']");
                page.check("input[name=category][value=NEEDS]");
                page.check("input[name=category][value=RISK]");
                page.check("input[name=category][value=SAFE_CONTACT]");
                page.click("#record-consent");
                expect(page, documents, "#done-title", "marac-consent");
            });

            j.step("from her case: 'Refer her to MARAC, the police or a SARC' lists the statutory partners", () -> {
                page.click("#statutory-link");
                expect(page, documents, "[data-service='" + MARAC_SERVICE + "']", "marac-statutory-list");
                assertEquals("MARAC", page.getAttribute("[data-service='" + MARAC_SERVICE + "'] [data-statutory]", "data-statutory"));
                assertTrue(page.locator("[data-statutory='POLICE']").count() >= 1, "the police domestic abuse unit is listed");
                assertTrue(page.locator("[data-statutory='SARC']").count() >= 1, "the SARC is listed");
                screenshot(page, "93-statutory-partners");
                assertAccessible(page, "Statutory partners");
            });

            j.step("choosing the MARAC coordinator opens the statutory form: MARAC fixed by its role", () -> {
                page.click("[data-choose='" + MARAC_SERVICE + "']");
                expect(page, documents, "#send", "marac-send-form");
                assertEquals("MARAC referral", page.textContent("#statutory-kind").strip());
                assertTrue(page.isVisible("#dashLevel") && page.isVisible("#criterion") && page.isVisible("#safeContactTimes"));
                screenshot(page, "94-marac-send-form");
                assertAccessible(page, "Send a MARAC referral");
            });

            j.step("visible high risk with a medium DASH level: refused at the criterion, input kept, nothing sent", () -> {
                if (page.locator("input[name=partnershipId]").count() > 0) page.check("input[name=partnershipId][value='" + COVENTRY + "']");
                page.check("#personKnows"); // yes: she knows, so she is aware
                page.check("input[name=urgency][value=URGENT]");
                page.check("input[name=dashLevel][value=MEDIUM]");
                page.check("input[name=criterion][value=VISIBLE_HIGH_RISK]");
                page.fill("#safeContactTimes", "Weekdays 10:00–12:00 at the Kairos hub");
                page.click("#send");
                expect(page, documents, ".govuk-error-summary", "marac-refused");
                assertEquals("#criterion", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#criterion-error"), "said at the criterion");
                assertTrue(page.textContent("#criterion-error").contains("Visible high risk needs a high DASH risk level"));
                assertTrue(page.isChecked("input[name=dashLevel][value=MEDIUM]"), "her answers kept");
                assertEquals("Weekdays 10:00–12:00 at the Kairos hub", page.inputValue("#safeContactTimes"));
                assertEquals(0, outgoingFor(subject.get()), "nothing was sent");
                screenshot(page, "95-marac-refused");
                assertAccessible(page, "Send a MARAC referral (refused)");
            });

            j.step("on professional judgement it is sent: the referral page says MARAC referral with its details", () -> {
                page.check("input[name=criterion][value=PROFESSIONAL_JUDGEMENT]");
                page.click("#send");
                expect(page, documents, "#done-title", "marac-sent");
                String path = page.url().replaceAll("^https?://[^/]+", "").replaceAll("\\?.*", "");
                assertTrue(path.matches("/referrals/[0-9a-f-]{36}"), path);
                referral.set(path.substring("/referrals/".length()));
                assertEquals("SENT", state("kairos.caseworker1", referral.get()));
                assertEquals("MARAC referral", page.textContent("#statutory-kind").strip());
                assertTrue(page.textContent("[data-marac='dashLevel']").contains("Medium"));
                assertTrue(page.textContent("[data-marac='criterion']").contains("Professional judgement"));
                screenshot(page, "96-marac-sent");
                assertAccessible(page, "MARAC referral (sent)");
            });

            j.step("no subject id in any address or title the browser saw", () -> {
                List<String> seen;
                synchronized (documents) {
                    seen = new ArrayList<>(documents);
                }
                assertNotNull(subject.get());
                for (String d : seen) assertFalse(d.contains(subject.get()), d);
                for (String t : titles) assertFalse(t.contains(subject.get()) || t.contains("MARAC"), t);
            });
        }

        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("the MARAC coordinator sees it on My work marked as a MARAC referral and opens it", () -> {
                signIn(page, "marac.coordinator1");
                page.navigate(dashboard("/work"));
                String row = "#incoming tr[data-referral='" + referral.get() + "']";
                expect(page, documents, row, "marac-incoming");
                assertTrue(page.textContent(row).contains("Kairos Women Working Together (MARAC referral)"), page.textContent(row));
                screenshot(page, "97-marac-my-work");
                assertAccessible(page, "My work (MARAC coordinator)");
                page.click(row + " a");
                expect(page, documents, "#statutory-kind", "marac-opened");
                assertEquals("MARAC referral", page.textContent("#statutory-kind").strip());
                assertTrue(page.textContent("[data-marac='dashLevel']").contains("Medium"), "the DASH level is shown");
                assertTrue(page.textContent("[data-marac='criterion']").contains("Professional judgement"));
                assertTrue(page.textContent("[data-marac='aware']").contains("Yes"));
                assertTrue(page.textContent("[data-marac='safeContactTimes']").contains("Weekdays 10:00–12:00 at the Kairos hub"));
                assertEquals(0, page.locator("#statutory-withheld").count(), "nothing withheld while her consent covers it");
                screenshot(page, "98-marac-received");
                assertAccessible(page, "MARAC referral (received)");
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
