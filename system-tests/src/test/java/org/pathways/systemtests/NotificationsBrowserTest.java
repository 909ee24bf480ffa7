package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15, screen 1's notifications: a referral Kairos sends (API) gives CRASAC's single point of contact a
 * notification on My work, which appears without a reload (the live stream now watches her inbox too) and links to the
 * referral; with JavaScript off she marks it read (notification-service's {@code readAt} is set). axe; screenshot 90.
 */
class NotificationsBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    @Test
    void aNewReferralsNotificationArrivesOnMyWorkAndIsMarkedRead() {
        Journey j = new Journey("dashboard: notifications on My work");
        Instant since = Instant.now();
        String[] notification = new String[1];
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("CRASAC's coordinator has My work open", () -> {
                signIn(page, "crasac.coordinator1");
                expect(page, documents, "#notifications-heading", "work");
            });
            String referral = j.step("Kairos sends a referral to CRASAC (API)", () -> {
                String subject = registerKnownToConsent("kairos.caseworker1");
                writeOnce("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
                recordConsent("kairos.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS")));
                return sent("kairos.caseworker1", referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
            });
            Map<String, Object> entry = awaitInbox("crasac.coordinator1", referral, "REFERRAL_SENT", since);
            String id = String.valueOf(entry.get("id"));
            notification[0] = id;
            j.step("its notification appears on My work without a reload, unread, linking to the referral", () -> {
                page.waitForSelector("[data-notification='" + id + "'][data-unread]");
                assertEquals("/referrals/" + referral, page.getAttribute("[data-notification='" + id + "'] a", "href"));
                screenshot(page, "90-work-notifications");
                assertAccessible(page, "My work (notifications)");
            });
        }
        String id = notification[0];
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("JavaScript off: she marks it read; notification-service records it", () -> {
                signIn(page, "crasac.coordinator1");
                expect(page, documents, "[data-notification='" + id + "'][data-unread]", "work-unread");
                page.click("[data-notification='" + id + "'] [data-mark-read]");
                expect(page, documents, "[data-notification='" + id + "']:not([data-unread])", "work-read");
                List<Map<String, Object>> items = Journey.as("crasac.coordinator1").queryParam("size", 100)
                        .get(Journey.url("notification", "/api/inbox")).then().statusCode(200).extract().jsonPath().getList("items");
                Map<String, Object> read = items.stream().filter(i -> id.equals(i.get("id"))).findFirst().orElseThrow();
                assertNotNull(read.get("readAt"));
                assertTrue(page.url().contains("/work"), page.url());
            });
        }
    }
}
