package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.accessLog;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15, screen 6 in a real browser: a safeguarding override CELC's caseworker requested (API) reaches CELC's privacy
 * officer's "Overrides and alerts" (from her inbox); with JavaScript off she is refused an approval without the
 * confirmation (error summary linked to it), approves it (APPROVED in consent-service, by her), and a second tab's
 * approval is answered with consent-service's refusal ("already been decided"). Her access log, from the override,
 * shows referral-service's and consent-service's entries in plain words with organisation names. FWT's privacy officer
 * (the lead organisation) sees the approval among her alerts. A caseworker opens her access log from her case, has no
 * privacy screens (403). axe on each; screenshots 70-….
 */
class PrivacyBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    private static final String CELC_NAME = "Central England Law Centre";

    /** Reloads until the selector shows (the inbox is filled from Kafka events), at most a minute. */
    static void reloadUntil(Page page, String selector) {
        long end = System.currentTimeMillis() + 60_000;
        while (page.locator(selector).count() == 0) {
            if (System.currentTimeMillis() > end) {
                screenshot(page, "failed-reload-" + selector.replaceAll("\\W", ""));
                fail("not shown within a minute: " + selector);
            }
            page.waitForTimeout(1000);
            page.reload();
        }
    }

    @Test
    void thePrivacyOfficerApprovesAnOverrideAndReadsHerAccessLog() {
        Journey j = new Journey("dashboard: overrides, alerts and her access log");
        String[] ids = j.step("CELC's caseworker registers her, writes NEEDS and requests an override for CRASAC (API)", () -> {
            String subject = registerKnownToConsent("celc.caseworker1");
            writeOnce("celc.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"sexual-violence\",\"status\":\"IDENTIFIED\"}]}");
            Map<String, Object> request = Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                    "justification", "Serious risk of harm; telling her now would increase it.",
                    "recipients", List.of(Map.of("type", "ORGANISATION", "id", CRASAC)),
                    "purposes", List.of("REFERRAL"), "categories", List.of("NEEDS"),
                    "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString());
            String id = Journey.as("celc.caseworker1").body(request).post(Journey.url("consent", "/api/subjects/" + subject + "/overrides"))
                    .then().statusCode(201).extract().path("id");
            return new String[] {subject, id};
        });
        String subject = ids[0];
        String overrideId = ids[1];
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("CELC's privacy officer opens 'Overrides and alerts': the request awaits a decision", () -> {
                signIn(page, "celc.privacy1");
                page.click("#navigation >> text=Overrides and alerts");
                expect(page, documents, "h1", "privacy");
                assertEquals("Overrides and alerts – Pathways", page.title());
                reloadUntil(page, "#pending tr[data-override='" + overrideId + "']");
                assertTrue(page.textContent("#pending tr[data-override='" + overrideId + "']").contains(CELC_NAME));
                screenshot(page, "70-privacy-pending");
                assertAccessible(page, "Overrides and alerts");
            });
            j.step("JavaScript off: approving without the confirmation is refused at the field", () -> {
                page.click("#pending tr[data-override='" + overrideId + "'] a");
                expect(page, documents, "#approve-form", "privacy-override");
                assertTrue(page.url().endsWith("/privacy/overrides/" + overrideId), "an override id only: " + page.url());
                assertFalse(page.content().contains(subject), "her subject id is not on the page");
                page.click("#approve");
                expect(page, documents, ".govuk-error-summary", "privacy-confirm");
                assertEquals("#confirm", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#confirm-error"));
                assertEquals("REQUESTED", Journey.as("celc.privacy1").get(Journey.url("consent", "/api/overrides/" + overrideId)).then()
                        .statusCode(200).extract().path("state"));
                screenshot(page, "71-privacy-confirm-missing");
                assertAccessible(page, "Override (confirmation missing)");
            });
            Page second = ctx.newPage();
            second.navigate(dashboard("/privacy/overrides/" + overrideId));
            j.step("she confirms and approves: APPROVED in consent-service, by her", () -> {
                page.check("#confirm");
                page.click("#approve");
                expect(page, documents, ".govuk-notification-banner--success", "privacy-approved");
                assertEquals("Approved", page.textContent("#override-state").strip());
                Map<String, Object> o = Journey.as("celc.privacy1").get(Journey.url("consent", "/api/overrides/" + overrideId)).then()
                        .statusCode(200).extract().jsonPath().getMap("$");
                assertEquals("APPROVED", o.get("state"));
                assertEquals(userId("celc.privacy1"), ((Map<?, ?>) o.get("approvedBy")).get("userId"));
                assertEquals(0, page.locator("#approve-form").count(), "decided: no form");
                screenshot(page, "72-privacy-approved");
            });
            j.step("the page opened before: its approval is answered with consent-service's refusal", () -> {
                second.check("#confirm");
                second.click("#approve");
                second.waitForSelector(".govuk-error-summary");
                assertTrue(second.textContent(".govuk-error-summary").contains("already been decided"),
                        second.textContent(".govuk-error-summary"));
                assertAccessible(second, "Override (already decided)");
            });
            j.step("her access log from the override: both services' entries in plain words, with organisation names", () -> {
                page.click("#access-log-link");
                expect(page, documents, "#record-log", "access-log");
                assertEquals("Her access log – Pathways", page.title());
                assertFalse(page.url().contains(subject), "no subject id in the address");
                assertEquals(accessLog("celc.privacy1", subject).size(), page.locator("#record-log tr[data-entry]").count(),
                        "one row per entry of referral-service's log");
                String record = page.textContent("#record-log");
                assertTrue(record.contains("Wrote a section of her summary: Needs"), record);
                assertTrue(record.contains("A caseworker, " + CELC_NAME), record);
                String consent = page.textContent("#consent-log");
                assertTrue(consent.contains("Read a request to share without her consent"), consent);
                assertTrue(consent.contains("A privacy officer, " + CELC_NAME), consent);
                screenshot(page, "73-access-log");
                assertAccessible(page, "Her access log");
            });
        }
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            j.step("FWT's privacy officer (the lead organisation) sees the approval among her alerts", () -> {
                signIn(page, "fwt.privacy1");
                page.navigate(dashboard("/privacy"));
                reloadUntil(page, "#alerts [data-alert='CONSENT_OVERRIDE_APPROVED'][data-override='" + overrideId + "']");
                screenshot(page, "74-privacy-alerts");
                assertAccessible(page, "Overrides and alerts (alerts)");
            });
        }
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("a caseworker: no privacy screens (403); her access log from her case; another's reference is 404", () -> {
                String kairosWoman = JourneySupport.register("kairos.caseworker1");
                signIn(page, "kairos.caseworker1");
                assertEquals(0, page.locator("#navigation >> text=Overrides and alerts").count());
                assertEquals(403, page.request().get(dashboard("/privacy")).status());
                assertEquals(403, page.request().get(dashboard("/privacy/overrides/" + overrideId)).status());
                page.navigate(dashboard("/new"));
                page.fill("#reference", kairosWoman);
                page.click("#find");
                expect(page, documents, "#access-log-link", "case");
                page.click("#access-log-link");
                expect(page, documents, "#record-log", "access-log-kairos");
                assertTrue(page.textContent("#record-log").contains("Registered her"));
                assertTrue(page.textContent("#record-log").contains("A caseworker, Kairos Women Working Together"));
                assertEquals(0, page.locator("#consent-log").count(), "consent-service's log is for privacy officers");
                assertEquals(404, page.request().get(dashboard("/access-log/not-a-reference")).status());
            });
        }
    }

    /** ADR 0090: the second person's "no" with a reason code; without a reason, the GOV.UK error at the radios. */
    @Test
    void thePrivacyOfficerRefusesAnOverrideWithAReason() {
        Journey j = new Journey("dashboard: refusing a request to share without consent");
        String overrideId = j.step("CELC's caseworker registers her and requests an override for CRASAC (API)", () -> {
            String subject = registerKnownToConsent("celc.caseworker1");
            Map<String, Object> request = Map.of("partnershipId", COVENTRY, "legalBasis", "PREVENTION_DETECTION_OF_CRIME",
                    "justification", "Police asked; she could be asked first.",
                    "recipients", List.of(Map.of("type", "ORGANISATION", "id", CRASAC)),
                    "purposes", List.of("REFERRAL"), "categories", List.of("NEEDS"),
                    "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString());
            return Journey.as("celc.caseworker1").body(request).post(Journey.url("consent", "/api/subjects/" + subject + "/overrides"))
                    .then().statusCode(201).extract().<String>path("id");
        });
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("JavaScript off: refusing without a reason is refused at the radios, nothing changes", () -> {
                signIn(page, "celc.privacy1");
                page.navigate(dashboard("/privacy/overrides/" + overrideId));
                expect(page, documents, "#refuse-form", "privacy-override-refuse");
                page.click("#refuse");
                expect(page, documents, ".govuk-error-summary", "privacy-refuse-no-reason");
                assertEquals("#reasonCode-NOT_PROPORTIONATE", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#reasonCode-error"));
                assertEquals("REQUESTED", Journey.as("celc.privacy1").get(Journey.url("consent", "/api/overrides/" + overrideId)).then()
                        .statusCode(200).extract().path("state"));
                screenshot(page, "75-privacy-refuse-no-reason");
                assertAccessible(page, "Override (refusal reason missing)");
            });
            j.step("she picks a reason and refuses: REFUSED in consent-service, by her, with the code", () -> {
                page.check("#reasonCode-CONSENT_OBTAINABLE");
                page.click("#refuse");
                expect(page, documents, ".govuk-notification-banner--success", "privacy-refused");
                assertTrue(page.url().endsWith("/privacy/overrides/" + overrideId + "?done=refused"), page.url());
                assertEquals("Refused", page.textContent("#override-state").strip());
                assertTrue(page.textContent("#override-refused").contains("Her consent can be asked for safely"));
                Map<String, Object> o = Journey.as("celc.privacy1").get(Journey.url("consent", "/api/overrides/" + overrideId)).then()
                        .statusCode(200).extract().jsonPath().getMap("$");
                assertEquals("REFUSED", o.get("state"));
                assertEquals("CONSENT_OBTAINABLE", o.get("refusalReason"));
                assertEquals(userId("celc.privacy1"), ((Map<?, ?>) o.get("refusedBy")).get("userId"));
                assertEquals(0, page.locator("#refuse-form").count(), "decided: no form");
                assertEquals(0, page.locator("#approve-form").count(), "decided: no form");
                screenshot(page, "76-privacy-refused");
                assertAccessible(page, "Override (refused)");
            });
        }
    }
}
