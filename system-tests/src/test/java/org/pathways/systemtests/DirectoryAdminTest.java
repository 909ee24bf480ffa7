package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

/**
 * Issue 15 screen 7, directory admin (ADR 0090), in a real browser with JavaScript off: SBS's organisation admin opens
 * "Your services" from the navigation, changes a service's capacity in one click (and to a waiting list with its wait),
 * sets its single point of contact and mailbox and its response target; directory-service's 400 field detail (a bad
 * mailbox, a target of 0 days) is shown at the input and in the error summary, and changes nothing. A caseworker has no
 * such screen (403, not in her navigation). The service is one this test creates (API), so no demo service changes.
 * axe on each; screenshots 80-….
 */
class DirectoryAdminTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    static Map<String, Object> service(String id) {
        return Journey.as("sbs.admin1").get(Journey.url("directory", "/api/services/" + id)).then().statusCode(200)
                .extract().jsonPath().getMap("$");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> part(String id, String key) {
        Object o = service(id).get(key);
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @Test
    void theOrganisationAdminChangesCapacityContactAndTargetAndSeesTheDirectorysRefusalsAtTheInputs() {
        Journey j = new Journey("dashboard: directory admin");
        String id = j.step("SBS's admin creates a service for this test (API)", () ->
                Journey.as("sbs.admin1").body(Map.of("name", "Dashboard admin test " + UUID.randomUUID().toString().substring(0, 8),
                                "description", "A service only the directory admin test uses.", "needCodes", List.of("domestic-abuse"),
                                "areas", List.of("Directory admin test area")))
                        .post(Journey.url("directory", "/api/services")).then().statusCode(201).extract().<String>path("id"));
        String section = "section[data-service='" + id + "']";
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("she opens 'Your services' from the navigation: the new service with its forms", () -> {
                signIn(page, "sbs.admin1");
                page.navigate(dashboard("/directory"));
                page.click("#navigation >> text=Your services");
                expect(page, documents, section, "directory-admin");
                assertEquals("Your services – Pathways", page.title());
                screenshot(page, "80-directory-admin");
                assertAccessible(page, "Your services");
            });
            j.step("capacity in one click: No capacity, then a waiting list of 6 weeks", () -> {
                page.click("#capacity-NO_CAPACITY-" + id);
                expect(page, documents, section + " .govuk-notification-banner--success", "directory-capacity");
                assertEquals("NO_CAPACITY", part(id, "capacity").get("status"));
                assertEquals("NO_CAPACITY", page.getAttribute(section + " [data-capacity]", "data-capacity"));
                page.fill("#waitWeeks-" + id, "6");
                page.click("#capacity-WAITLIST-" + id);
                expect(page, documents, section + " [data-capacity='WAITLIST']", "directory-waitlist");
                Map<String, Object> capacity = part(id, "capacity");
                assertEquals("WAITLIST", capacity.get("status"));
                assertEquals(6, capacity.get("waitWeeks"));
            });
            j.step("a mailbox the directory refuses: its field detail at the input and in the summary; nothing changes", () -> {
                Map<String, Object> before = part(id, "spoc");
                page.fill("#username-" + id, "sbs.coordinator1");
                page.fill("#mailbox-" + id, "not-a-mailbox");
                page.click("#save-spoc-" + id);
                expect(page, documents, ".govuk-error-summary", "directory-spoc-refused");
                assertEquals("#mailbox-" + id, page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#mailbox-" + id + "-error"));
                assertEquals("not-a-mailbox", page.inputValue("#mailbox-" + id), "what she typed is kept");
                assertEquals(before, part(id, "spoc"), "nothing changed");
                screenshot(page, "81-directory-spoc-refused");
                assertAccessible(page, "Your services (mailbox refused)");
            });
            j.step("she corrects it: the service's own SPOC and mailbox", () -> {
                page.fill("#mailbox-" + id, "referrals@sbs.example.org");
                page.click("#save-spoc-" + id);
                expect(page, documents, section + " .govuk-notification-banner--success", "directory-spoc");
                Map<String, Object> spoc = part(id, "spoc");
                assertEquals("SERVICE", spoc.get("source"));
                assertEquals("sbs.coordinator1", spoc.get("username"));
                assertEquals("referrals@sbs.example.org", spoc.get("mailbox"));
            });
            j.step("a response target of 0 days is refused at its input; 5 days is saved", () -> {
                Object before = part(id, "responseTarget").get("workingDays");
                page.fill("#workingDays-" + id, "0");
                page.fill("#remindBeforeWorkingDays-" + id, "1");
                page.fill("#expireAfterWorkingDays-" + id, "10");
                page.click("#save-target-" + id);
                expect(page, documents, ".govuk-error-summary", "directory-target-refused");
                assertEquals("#workingDays-" + id, page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.isVisible("#workingDays-" + id + "-error"));
                assertEquals(before, part(id, "responseTarget").get("workingDays"), "nothing changed");
                assertAccessible(page, "Your services (target refused)");
                page.fill("#workingDays-" + id, "5");
                page.click("#save-target-" + id);
                expect(page, documents, section + " .govuk-notification-banner--success", "directory-target");
                assertEquals(5, part(id, "responseTarget").get("workingDays"));
                assertNotEquals(0, page.locator(section + " [data-target]").count());
                screenshot(page, "82-directory-target");
            });
        }
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            j.step("a caseworker: no 'Your services' (403, not in her navigation)", () -> {
                signIn(page, "sbs.caseworker1");
                assertEquals(0, page.locator("#navigation >> text=Your services").count());
                assertEquals(403, page.request().get(dashboard("/directory")).status());
            });
        }
    }
}
