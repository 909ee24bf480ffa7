package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.state;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import org.pathways.stack.testing.StackInfo;

/**
 * Issue 15, first slice: the dashboard in a real browser (Debian's chromium through Playwright) against the whole
 * stack. Sign-in at Keycloak, My work updated live when a referral arrives, the referral page with her consented
 * sections and contact flags, accepting, "changed since you opened it", another organisation's "not found", CSRF,
 * quick exit, sign-out ending the Keycloak session, and an axe scan of every screen. Screenshots in target/screenshots.
 */
class DashboardBrowserTest {

    private static final String EXIT = BrowserFixture.EXIT;

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    @Test
    void withoutASessionThePageRedirectsToKeycloakAndCarriesTheSafetyHeaders() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(dashboard("/work"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, r.statusCode(), "no session: redirect to sign in");
        String location = r.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(StackInfo.get("keycloak.realm-url") + "/protocol/openid-connect/auth"), location);
        assertTrue(location.contains("client_id=pathways-dashboard"), location);

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(dashboard("/signed-out"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
        assertFalse(page.body().contains("<script>"), "no inline script");
    }

    @Test
    void crasacsSpocSeesAReferralArriveLiveOpensItAndAcceptsIt() {
        Journey j = new Journey("dashboard: a referral from Kairos reaches CRASAC's SPOC in the browser");
        String kairosWorker = userId("kairos.caseworker1");
        String subject = j.step("Kairos registers her and records her summary and consent (API)", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            Map<String, String> sections = new LinkedHashMap<>();
            sections.put("SAFE_CONTACT", "{\"doNotContact\":true,\"contactViaNamedWorkerOnly\":true,\"namedWorkerId\":\""
                    + kairosWorker + "\",\"safeMethods\":[\"VIA_WORKER\"]}");
            sections.put("COMMUNICATION", "{\"preferredLanguage\":\"pa\",\"interpreterNeeded\":true,\"interpreterGender\":\"FEMALE\"}");
            sections.put("NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"I want to talk to someone\",\"status\":\"IDENTIFIED\"}]}");
            sections.put("STORY", "{\"text\":\"Her account, told once.\",\"language\":\"en\"}");
            sections.forEach((c, json) -> writeOnce("kairos.caseworker1", s, c, json));
            recordConsent("kairos.caseworker1", s, Map.of(CRASAC, List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "STORY")));
            return s;
        });

        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("CRASAC's SPOC signs in through Keycloak and sees My work", () -> {
                signIn(page, "crasac.coordinator1");
                assertTrue(page.url().startsWith(dashboard("/work")), page.url());
                assertEquals("My work – Pathways", page.title());
                assertTrue(page.isVisible("text=Exit this page"));
                assertTrue(page.isVisible("#navigation >> text=My work"));
            });
            // A mark on the window: if the page were reloaded it would be gone.
            page.evaluate("() => { window.__notReloaded = true; }");
            page.waitForTimeout(1500); // the live stream is connected and has its first answer

            String referral = j.step("Kairos sends her referral to CRASAC (API)", () -> sent("kairos.caseworker1",
                    referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"),
                            List.of("SAFE_CONTACT", "COMMUNICATION", "NEEDS", "STORY"))));

            j.step("it appears in CRASAC's queue without a reload (server-sent events), marked new", () -> {
                page.waitForSelector("#incoming tr[data-referral='" + referral + "']");
                assertEquals(Boolean.TRUE, page.evaluate("() => window.__notReloaded === true"), "the page was not reloaded");
                assertTrue(page.textContent("#incoming tr[data-referral='" + referral + "']").contains("New"));
                assertFalse(page.url().contains(subject), "no subject id in the URL");
                screenshot(page, "01-my-work");
                assertAccessible(page, "My work");
            });

            j.step("she opens it: what was sent, the flags, the triage sections and STORY withheld until she accepts", () -> {
                page.click("#incoming tr[data-referral='" + referral + "'] a");
                page.waitForURL(dashboard("/referrals/" + referral));
                assertEquals("Referral – Pathways", page.title());
                assertTrue(page.isVisible("#flag-do-not-contact"));
                assertTrue(page.isVisible("#flag-named-worker"));
                assertTrue(page.isVisible("[data-section='SAFE_CONTACT']"));
                assertTrue(page.isVisible("[data-section='COMMUNICATION']"));
                assertTrue(page.textContent("[data-section='NEEDS']").contains("I want to talk to someone"), "her words kept");
                assertTrue(page.isVisible("[data-withheld='STORY']"));
                assertEquals("New", page.textContent("#state").trim());
                screenshot(page, "02-referral-new");
                assertAccessible(page, "Referral (new)");
            });

            j.step("a form post without the CSRF token is refused and changes nothing", () -> {
                // From the page itself (same origin, her session cookie goes with it), but without the form's token.
                Object status = page.evaluate("async (id) => (await fetch('/referrals/' + id + '/moves', {method: 'POST',"
                        + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'target=ACCEPTED&version=1',"
                        + " redirect: 'manual'})).status", referral);
                assertEquals(403, ((Number) status).intValue());
                assertEquals("SENT", state("kairos.caseworker1", referral));
            });

            j.step("she accepts; the page shows ACCEPTED and now her story", () -> {
                page.click("button[data-move='ACCEPTED']");
                BrowserSupport.expect(page, documents, "#done-title", "accept");
                assertEquals("Accepted", page.textContent("#state").trim());
                assertTrue(page.isVisible("[data-section='STORY']"));
                assertFalse(page.isVisible("[data-withheld='STORY']"));
                assertEquals("ACCEPTED", state("kairos.caseworker1", referral));
                screenshot(page, "03-referral-accepted");
                assertAccessible(page, "Referral (accepted)");
            });

            j.step("a colleague moves it meanwhile: her next move is answered 'changed since you opened it'", () -> {
                move("crasac.caseworker1", referral, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
                page.click("button[data-move='IN_PROGRESS']");
                BrowserSupport.expect(page, documents, ".govuk-error-summary", "stale-move");
                assertTrue(page.textContent(".govuk-error-summary").contains("changed since you opened it"));
                assertEquals("In progress", page.textContent("#state").trim(), "the page shows the referral as it is now");
                screenshot(page, "04-referral-changed");
                assertAccessible(page, "Referral (changed since opened)");
            });

            j.step("quick exit: Shift pressed three times leaves for the neutral site", () -> {
                page.navigate(dashboard("/work"));
                page.waitForSelector(".govuk-exit-this-page__button");
                page.waitForFunction("() => document.body.dataset.dashboardReady === 'true'");
                page.keyboard().press("Shift");
                page.keyboard().press("Shift");
                page.keyboard().press("Shift");
                page.waitForURL(url -> url.startsWith(EXIT));
            });

            j.step("sign-out ends the Keycloak session too: the next visit asks for the password again", () -> {
                page.navigate(dashboard("/work"));
                page.click("text=Sign out");
                page.waitForURL(url -> url.startsWith(dashboard("/signed-out")));
                screenshot(page, "05-signed-out");
                assertAccessible(page, "Signed out");
                page.navigate(dashboard("/work"));
                page.waitForURL(url -> url.startsWith(StackInfo.get("keycloak.url")));
                assertTrue(page.isVisible("#password"), "Keycloak asks for the password: its session has ended");
            });

            try (BrowserContext other = browsers.context()) {
                Page sbs = other.newPage();
                j.step("another organisation's SPOC opening the referral's address gets 'not found'", () -> {
                    signIn(sbs, "sbs.coordinator1");
                    Response r = sbs.navigate(dashboard("/referrals/" + referral));
                    assertNotNull(r);
                    assertEquals(404, r.status());
                    assertTrue(sbs.textContent("h1").contains("Page not found"));
                    assertFalse(sbs.content().contains(subject), "nothing of her");
                    screenshot(sbs, "06-not-found");
                    assertAccessible(sbs, "Not found");
                });
                j.step("the exit button works too", () -> {
                    sbs.navigate(dashboard("/work"));
                    sbs.waitForFunction("() => document.body.dataset.dashboardReady === 'true'");
                    sbs.click(".govuk-exit-this-page__button");
                    sbs.waitForURL(url -> url.startsWith(EXIT));
                });
            }
        }
    }
}
