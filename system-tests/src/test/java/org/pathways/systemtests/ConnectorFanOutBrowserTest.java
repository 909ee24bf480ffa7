package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.CELC_IMMIGRATION;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.FWT;
import static org.pathways.systemtests.JourneySupport.HAVEN;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.needs;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15, screen 4 in a real browser, JavaScript off (ADR 0093): FWT's Partnership Connector takes up a referral with
 * two needs to her Connector service, opens "Split by need" from the board, is refused for a section CELC may not see
 * (nothing sent, her choices kept), then splits it into two child referrals (CRASAC counselling, CELC immigration):
 * the banner lists them, the board and her pathway show them; CELC declines one, it appears in the board's "Declined or
 * expired" section, and she re-routes it from there to Coventry Haven. axe on each new page; screenshots 93-….
 */
class ConnectorFanOutBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    static final String CONNECTOR_SERVICE = demoId("service:fwt-connector");
    static final String HAVEN_OUTREACH = demoId("service:haven-outreach");

    @Test
    void theConnectorSplitsAReferralByNeedOnTheBoardAndReRoutesTheDeclinedChild() {
        Journey j = new Journey("dashboard: a Connector fan-out");
        String subject = j.step("Kairos records her two needs and her story; her consent: CELC may see her needs only (API)", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            putSection("kairos.caseworker1", s, "NEEDS", needs("counselling", "legal-immigration"));
            putSection("kairos.caseworker1", s, "STORY", "{\"text\":\"Told once, to Kairos.\",\"language\":\"en\"}");
            Map<String, List<String>> consent = new LinkedHashMap<>();
            consent.put(FWT, List.of("NEEDS", "STORY"));
            consent.put(CRASAC, List.of("NEEDS", "STORY"));
            consent.put(CELC, List.of("NEEDS"));
            consent.put(HAVEN, List.of("NEEDS", "STORY"));
            recordConsent("kairos.caseworker1", s, consent);
            return s;
        });
        String parent = j.step("Kairos refers her to the Partnership Connector with both needs (API)", () ->
                sent("kairos.caseworker1", referralBody(subject, CONNECTOR_SERVICE, List.of("counselling", "legal-immigration"),
                        List.of("NEEDS", "STORY"))));

        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("the Connector takes it up on its Referral page: 'Split into referrals for each need' is offered", () -> {
                signIn(page, "fwt.connector1");
                page.navigate(dashboard("/board"));
                expect(page, documents, "table[data-group='SENT'] tr[data-referral='" + parent + "']", "board-new");
                assertEquals(0, page.locator("[data-split='" + parent + "']").count(), "not taken up: nothing to split yet");
                page.click("table[data-group='SENT'] tr[data-referral='" + parent + "'] a[href='/referrals/" + parent + "']");
                expect(page, documents, "[data-move='ACCEPTED']", "referral-new");
                assertEquals(0, page.locator("#split-link").count());
                page.click("[data-move='ACCEPTED']");
                expect(page, documents, "#split-link", "referral-accepted");
                assertEquals("Accepted", page.textContent("#state").strip());
                screenshot(page, "93-connector-referral-split-offered");
                assertAccessible(page, "Referral (taken up by the Connector, split offered)");
            });
            j.step("the board offers 'Split by need' on it; the journey lists services per need with capacity and response target", () -> {
                page.navigate(dashboard("/board"));
                String row = "table[data-group='ACCEPTED'] tr[data-referral='" + parent + "']";
                expect(page, documents, row + " [data-split='" + parent + "']", "board-split-link");
                page.click(row + " [data-split='" + parent + "']");
                expect(page, documents, "#split-send", "split");
                assertEquals("Split into referrals for each need – Pathways", page.title());
                assertEquals(dashboard("/referrals/" + parent + "/split"), page.url(), "only the referral's id in the address");
                assertTrue(page.isVisible("[data-need='counselling'] input[value='" + CRASAC_COUNSELLING + "']"));
                assertTrue(page.isVisible("[data-need='legal-immigration'] input[value='" + CELC_IMMIGRATION + "']"));
                assertEquals(0, page.locator("input[value='" + CONNECTOR_SERVICE + "']").count(), "not her own service");
                String hint = "[data-need='counselling'] [data-service='" + CRASAC_COUNSELLING + "']";
                assertFalse(page.textContent(hint + " [data-capacity]").isBlank(), "capacity shown");
                assertTrue(page.textContent(hint + " [data-target]").matches("(?s).*(working days|No response target).*"), "response target shown");
                assertTrue(page.isChecked("input[name='sections'][value='STORY']"), "the parent's sections, ticked");
                screenshot(page, "94-connector-split");
                assertAccessible(page, "Split into referrals for each need");
            });
            j.step("nothing chosen: the error summary; STORY for CELC: consent refuses it at the sections, nothing sent, her choices kept", () -> {
                page.click("#split-send");
                expect(page, documents, ".govuk-error-summary a[href='#service-counselling']", "split-nothing-chosen");
                page.check("[data-need='legal-immigration'] input[value='" + CELC_IMMIGRATION + "']");
                page.fill("#note", "Please call before 3pm.");
                page.click("#split-send");
                expect(page, documents, ".govuk-error-summary a[href='#sections']", "split-refused");
                assertTrue(page.textContent(".govuk-error-summary").contains("Story"), page.textContent(".govuk-error-summary"));
                assertTrue(page.isChecked("[data-need='legal-immigration'] input[value='" + CELC_IMMIGRATION + "']"), "her choice kept");
                assertEquals("Please call before 3pm.", page.inputValue("#note"));
                assertEquals(0, page.locator("#split-sent").count(), "nothing was sent");
                assertEquals(0, JourneySupport.connectorView("fwt.connector1", Map.of("organisationId", CELC, "state", "SENT")).stream()
                        .filter(i -> parent.equals(i.get("parentReferralId"))).count());
                screenshot(page, "95-connector-split-refused");
                assertAccessible(page, "Split into referrals for each need (refused)");
            });
            String[] children = j.step("she shares her needs only and sends: two children, listed in the banner on the parent", () -> {
                page.uncheck("input[name='sections'][value='STORY']");
                page.check("[data-need='counselling'] input[value='" + CRASAC_COUNSELLING + "']");
                page.click("#split-send");
                expect(page, documents, "#split-children", "split-sent");
                assertTrue(page.url().startsWith(dashboard("/referrals/" + parent + "?done=SPLIT")), page.url());
                assertEquals(2, page.locator("#split-children li").count());
                List<Map<String, Object>> kids = JourneySupport.connectorView("fwt.connector1", Map.of("organisationId", FWT, "state", "SENT"))
                        .stream().filter(i -> parent.equals(i.get("parentReferralId"))).toList();
                assertEquals(2, kids.size());
                String counselling = null;
                String immigration = null;
                for (Map<String, Object> k : kids) {
                    assertTrue(page.isVisible("#split-children [data-child='" + k.get("id") + "']"));
                    if (CRASAC_COUNSELLING.equals(k.get("toServiceId"))) counselling = (String) k.get("id");
                    if (CELC_IMMIGRATION.equals(k.get("toServiceId"))) immigration = (String) k.get("id");
                }
                assertEquals(List.of("legal-immigration"), kids.stream().filter(k -> CELC_IMMIGRATION.equals(k.get("toServiceId")))
                        .findFirst().orElseThrow().get("needs"));
                screenshot(page, "96-connector-split-done");
                assertAccessible(page, "Referral (split: children listed)");
                return new String[] { counselling, immigration };
            });
            String counselling = children[0];
            String immigration = children[1];
            j.step("the board shows both children as part of a split, and her pathway shows them under the parent", () -> {
                page.navigate(dashboard("/board"));
                for (String c : children) {
                    String row = "table[data-group='SENT'] tr[data-referral='" + c + "']";
                    expect(page, documents, row, "board-children");
                    assertTrue(page.textContent(row).contains("Part of a split referral"));
                }
                page.navigate(dashboard("/pathways/" + parent));
                expect(page, documents, "tr[data-referral='" + parent + "'][data-relation='START']", "pathway");
                assertTrue(page.isVisible("tr[data-referral='" + counselling + "'][data-relation='CHILD']"));
                assertTrue(page.isVisible("tr[data-referral='" + immigration + "'][data-relation='CHILD']"));
                screenshot(page, "97-connector-pathway-split");
                assertAccessible(page, "Her pathway (split)");
            });
            j.step("CELC declines the immigration child (API): it appears in the board's declined section", () -> {
                move("celc.coordinator1", immigration, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
                page.navigate(dashboard("/board"));
                expect(page, documents, "#declined tr[data-declined='" + immigration + "']", "board-declined");
                assertTrue(page.textContent("#declined tr[data-declined='" + immigration + "']").contains("Part of a split referral"));
                assertEquals(0, page.locator("#declined tr[data-declined='" + counselling + "']").count(), "still open: not there");
                screenshot(page, "98-connector-board-declined");
                assertAccessible(page, "Connector board (declined or expired)");
            });
            j.step("she re-routes it from the board to Coventry Haven: the new referral replaces it, and it leaves the section", () -> {
                page.click("[data-reroute='" + immigration + "']");
                expect(page, documents, "#rerouting", "reroute-search");
                assertFalse(page.url().contains(subject), "her case reference is sealed, never her id");
                assertTrue(page.isChecked("input[name='need'][value='legal-immigration']"), "the declined referral's need");
                page.check("input[name='need'][value='domestic-abuse']");
                page.fill("#area", "Coventry");
                page.click("#run-search");
                expect(page, documents, "[data-choose='" + HAVEN_OUTREACH + "']", "reroute-results");
                screenshot(page, "99-connector-reroute-search");
                page.click("[data-choose='" + HAVEN_OUTREACH + "']");
                expect(page, documents, "#send", "reroute-send");
                assertTrue(page.isChecked("input[name='needs'][value='legal-immigration']"));
                assertTrue(page.isChecked("input[name='sections'][value='NEEDS']"), "what the declined referral shared");
                page.check("#personKnows");
                page.click("#send");
                expect(page, documents, "#done-title", "reroute-sent");
                String rerouted = page.url().replaceAll("^https?://[^/]+", "").replaceAll("\\?.*", "").substring("/referrals/".length());
                assertEquals(immigration, Journey.as("fwt.connector1").get(Journey.url("referral", "/api/referrals/" + rerouted))
                        .then().statusCode(200).extract().path("replacesReferralId"));
                page.navigate(dashboard("/board"));
                expect(page, documents, "tr[data-referral='" + rerouted + "']", "board-rerouted");
                assertTrue(page.textContent("tr[data-referral='" + rerouted + "']").contains("Re-routed after a decline"));
                assertEquals(0, page.locator("#declined tr[data-declined='" + immigration + "']").count(), "re-routed: no longer listed");
                page.navigate(dashboard("/pathways/" + parent));
                expect(page, documents, "tr[data-referral='" + rerouted + "'][data-relation='REROUTE']", "pathway-rerouted");
            });
        }
    }
}
