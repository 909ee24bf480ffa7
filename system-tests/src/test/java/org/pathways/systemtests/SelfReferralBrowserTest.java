package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.screenshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

/**
 * Issue 15 screen 8 (ADR 0089): a woman asks for help herself at {@code /self-referral}, with no login and JavaScript
 * off. A first send with answers missing shows the GOV.UK error summary and keeps what she wrote; the second reaches
 * FWT's Connector queue as a self-referral and the page shows her reference once. Nothing of hers is in the URL or
 * the title; the page is never cached and has the quick exit; axe on both pages. A canary in her words reaches no
 * event (outbox, referral-service) and no notification (any table of notification-service). Screenshots 91–92.
 */
class SelfReferralBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    static final String FWT_CONNECTOR = JourneySupport.demoId("service:fwt-connector");

    @Test
    void aWomanAsksForHelpHerselfWithJavaScriptOffAndItReachesTheConnector() {
        String canary = "CANARY-SELF-" + UUID.randomUUID().toString().substring(0, 8);
        String words = canary + " he checks my phone, I need somewhere safe";
        Journey j = new Journey("dashboard: self-referral");
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> urls = new ArrayList<>();
            page.onFrameNavigated(f -> urls.add(f.url()));
            String[] reference = { null };
            String[] token = { null };

            j.step("she opens Ask for help: no sign-in, never cached, quick exit", () -> {
                Response r = page.navigate(dashboard("/self-referral"));
                assertEquals(200, r.status());
                assertEquals("no-store", r.headers().get("cache-control"));
                assertEquals("Ask for help – Pathways", page.title());
                assertTrue(page.isVisible(".govuk-exit-this-page"), "Exit this page");
                assertEquals(0, page.locator("#navigation a").count(), "no navigation: nobody is signed in");
                screenshot(page, "91-self-referral");
                assertAccessible(page, "Ask for help");
            });

            j.step("sending with answers missing: error summary and field errors, her words kept", () -> {
                page.fill("#inHerWords", words);
                page.click("#self-referral-send");
                page.waitForSelector(".govuk-error-summary");
                String summary = page.textContent(".govuk-error-summary");
                assertTrue(summary.contains("Choose what you would like help with"), summary);
                assertTrue(summary.contains("Choose how we can contact you"), summary);
                assertTrue(summary.contains("Say whether we may leave a message"), summary);
                assertTrue(page.isVisible("#needs-error"));
                assertEquals(words, page.inputValue("#inHerWords"));
                assertEquals("Ask for help – Pathways", page.title());
                assertAccessible(page, "Ask for help (errors)");
            });

            j.step("she answers and sends: the reference is shown once", () -> {
                page.check("#needs"); // the first need (domestic abuse)
                page.check("input[name='needs'][value='housing-homelessness']");
                page.fill("#alias", "Canary" + canary.substring(12));
                page.check("#contactMethods"); // phone call
                page.fill("#phone", "07700 900" + (100 + (int) (Math.random() * 800)));
                page.fill("#safeTimes", "weekday mornings");
                page.check("input[name='messageMayBeLeft'][value='no']");
                token[0] = page.getAttribute("input[name='csrf']", "value");
                page.click("#self-referral-send");
                page.waitForSelector("#self-referral-sent");
                reference[0] = page.textContent("#reference").strip();
                assertTrue(reference[0].matches("SR-[2-9A-Z]{4}-[2-9A-Z]{4}"), reference[0]);
                assertEquals("Request sent – Pathways", page.title());
                screenshot(page, "92-self-referral-sent");
                assertAccessible(page, "Ask for help (sent)");
            });

            j.step("nothing of hers in any address the browser visited", () -> {
                for (String u : urls) {
                    assertFalse(u.contains(canary) || u.contains(reference[0]) || u.contains("07700"), u);
                    assertTrue(u.startsWith(dashboard("/self-referral")), u);
                }
            });

            j.step("the same form posted again is refused (its token was for the cookie before): nothing is sent twice", () -> {
                long before = Db.count("referral", "select count(*) from self_referral");
                com.microsoft.playwright.APIResponse again = page.request().post(dashboard("/self-referral"),
                        com.microsoft.playwright.options.RequestOptions.create().setForm(com.microsoft.playwright.options.FormData.create()
                                .set("csrf", token[0]).set("needs", "domestic-abuse").set("inHerWords", words)
                                .set("contactMethods", "PHONE_CALL").set("phone", "07700 900123").set("messageMayBeLeft", "no")));
                assertEquals(403, again.status());
                assertEquals(before, Db.count("referral", "select count(*) from self_referral"));
            });

            j.step("it is in FWT's Connector queue as a self-referral with her reference", () -> {
                List<List<Object>> rows = Db.rows("referral", "select s.referral_id::text, r.origin, r.state, r.to_service_id::text "
                        + "from self_referral s join referral r on r.id = s.referral_id where s.reference = ?", reference[0]);
                assertEquals(1, rows.size());
                String id = (String) rows.get(0).get(0);
                assertEquals(List.of(id, "SELF", "SENT", FWT_CONNECTOR), rows.get(0));
                List<Map<String, Object>> items = Journey.as("fwt.connector1").queryParam("serviceId", FWT_CONNECTOR)
                        .queryParam("state", "SENT").queryParam("size", 200).get(JourneySupport.referral("/api/queues/incoming"))
                        .then().statusCode(200).extract().jsonPath().getList("items");
                Map<String, Object> item = items.stream().filter(i -> id.equals(i.get("id"))).findFirst()
                        .orElseThrow(() -> new AssertionError("not in the Connector's queue"));
                assertEquals(reference[0], item.get("selfReference"));
                assertEquals("SELF", item.get("origin"));
                String detail = Journey.as("fwt.connector1").get(JourneySupport.referral("/api/referrals/" + id)).then().statusCode(200)
                        .extract().asString();
                assertTrue(detail.contains(canary), "the Connector reads her words");
                // The event went out (positive control), and no event carries the canary.
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Db.count("referral",
                        "select count(*) from outbox_event where message_key = ? and sent_at is not null", id) > 0);
                assertEquals(0, Db.count("referral", "select count(*) from outbox_event where payload like ?", "%" + canary + "%"));
            });

            j.step("fwt.connector1 sees it on My work as a self-referral with her reference", () -> {
                try (BrowserContext connector = browsers.context()) {
                    Page p = connector.newPage();
                    BrowserSupport.signIn(p, "fwt.connector1");
                    p.navigate(dashboard("/work"));
                    p.waitForSelector("text=Self-referral " + reference[0]);
                    assertFalse(p.content().contains(canary), "her words are not on My work");
                    // Her referral's page says she sent it herself, not the Connector's organisation it is filed under.
                    p.click("tr:has-text('Self-referral " + reference[0] + "') a.govuk-link");
                    p.waitForSelector("#sent");
                    assertEquals("Herself: she asked for help (self-referral)",
                            p.locator("#sent .govuk-summary-list__row:has(dt:text-is('From')) dd").innerText().trim());
                    assertAccessible(p, "Referral (self-referral)");
                }
            });

            j.step("the canary is in no notification (no table of notification-service)", () -> {
                List<String> tables = Db.rows("notification", "select table_name from information_schema.tables "
                        + "where table_schema = current_schema() and table_type = 'BASE TABLE'").stream().map(r -> (String) r.get(0)).toList();
                assertFalse(tables.isEmpty());
                List<String> hits = new ArrayList<>();
                for (String t : tables) {
                    if (Db.count("notification", "select count(*) from \"" + t + "\" x where x::text like ?", "%" + canary + "%") > 0) hits.add(t);
                }
                assertEquals(List.of(), hits, "notification tables holding the canary");
            });
        }
    }
}
