package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
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
import static org.pathways.systemtests.JourneySupport.FWT;
import static org.pathways.systemtests.JourneySupport.HAVEN;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.needs;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.send;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15 screen 4's pathway tree (ADR 0090) in a real browser: Kairos refers her to the Partnership Connector, who
 * fans out two children; CRASAC declines one and the Connector re-routes it. Kairos's caseworker (her owning
 * organisation) opens the pathway from the referral page and sees the tree — parent, both children, the re-route under
 * the declined child — with ids, states and names only; an organisation with nothing to do with her gets "not found".
 * axe on the page; screenshot 45-….
 */
class PathwayTreeTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    static final String CONNECTOR_SERVICE = demoId("service:fwt-connector");
    static final String CRASAC_ISVA = demoId("service:crasac-isva");
    static final String HAVEN_OUTREACH = demoId("service:haven-outreach");
    static final List<String> SHARED = List.of("NEEDS");

    private static String child(String parent, String service, String need) {
        return Journey.as("fwt.connector1").body(Map.of("toServiceId", service, "needs", List.of(need), "urgency", "SOON",
                        "sections", SHARED, "personKnows", true))
                .post(referral("/api/referrals/" + parent + "/children")).then().statusCode(201).extract().path("id");
    }

    @Test
    void herOwningOrganisationSeesTheTreeWithTheReRouteUnderTheDeclinedChild() {
        Journey j = new Journey("dashboard: the pathway tree");
        String[] ids = j.step("Kairos -> Connector; two children; CRASAC declines one; the Connector re-routes it (API)", () -> {
            String subject = registerKnownToConsent("kairos.caseworker1");
            putSection("kairos.caseworker1", subject, "NEEDS", needs("legal-immigration", "stalking-harassment"));
            recordConsent("kairos.caseworker1", subject, List.of(FWT, CRASAC, CELC, HAVEN), List.of("REFERRAL", "CASE_COORDINATION"), SHARED);
            String parent = send("kairos.caseworker1", referralBody(subject, CONNECTOR_SERVICE,
                    List.of("legal-immigration", "stalking-harassment"), SHARED)).statusCode(201).extract().path("id");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    move("fwt.connector1", parent, 1, Map.of("target", "ACCEPTED")).statusCode(200));
            String legal = child(parent, CELC_IMMIGRATION, "legal-immigration");
            String isva = child(parent, CRASAC_ISVA, "stalking-harassment");
            move("crasac.coordinator1", isva, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
            Map<String, Object> body = referralBody(subject, HAVEN_OUTREACH, List.of("stalking-harassment"), SHARED);
            body.put("replacesReferralId", isva);
            String rerouted = send("fwt.connector1", body).statusCode(201).extract().path("id");
            return new String[] {subject, parent, legal, isva, rerouted};
        });
        String subject = ids[0], parent = ids[1], legal = ids[2], isva = ids[3], rerouted = ids[4];
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("Kairos's caseworker opens the pathway from her referral: the tree, the re-route under the declined child", () -> {
                signIn(page, "kairos.caseworker1");
                page.navigate(dashboard("/referrals/" + parent));
                expect(page, documents, "#pathway-link", "referral-with-pathway");
                page.click("#pathway-link");
                expect(page, documents, "#pathway", "pathway");
                assertEquals("Pathway – Pathways", page.title());
                assertTrue(page.url().endsWith("/pathways/" + parent), "the pathway id only: " + page.url());
                assertFalse(page.content().contains(subject), "her subject id is not on the page");
                String row = "#pathway tr[data-referral='%s']";
                assertEquals("START", page.getAttribute(row.formatted(parent), "data-relation"));
                assertEquals("0", page.getAttribute(row.formatted(parent), "data-depth"));
                for (String c : List.of(legal, isva)) {
                    assertEquals("CHILD", page.getAttribute(row.formatted(c), "data-relation"), c);
                    assertEquals("1", page.getAttribute(row.formatted(c), "data-depth"), c);
                }
                assertEquals("DECLINED", page.getAttribute(row.formatted(isva), "data-state"));
                assertEquals("REROUTE", page.getAttribute(row.formatted(rerouted), "data-relation"));
                assertEquals("2", page.getAttribute(row.formatted(rerouted), "data-depth"), "under the declined child");
                // Depth first: the re-route follows the declined child directly.
                List<String> order = page.locator("#pathway tr[data-referral]").all().stream()
                        .map(l -> l.getAttribute("data-referral")).toList();
                assertEquals(order.indexOf(isva) + 1, order.indexOf(rerouted), order.toString());
                assertTrue(page.textContent(row.formatted(rerouted)).contains("Coventry Haven"), page.textContent(row.formatted(rerouted)));
                screenshot(page, "45-pathway-tree");
                assertAccessible(page, "Pathway tree");
            });
        }
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            j.step("an organisation with nothing to do with her: not found; a privacy officer: not a casework screen", () -> {
                signIn(page, "sbs.caseworker1");
                assertEquals(404, page.request().get(dashboard("/pathways/" + parent)).status());
                assertEquals(404, page.request().get(dashboard("/pathways/not-an-id")).status());
            });
        }
    }
}
