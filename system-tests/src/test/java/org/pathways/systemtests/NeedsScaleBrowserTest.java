package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.referral;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.restassured.path.json.JsonPath;

/**
 * Defect (issue 15 against issue 17's NEEDS {@code scale}, ADR 0066): saving her NEEDS section from the dashboard's
 * form dropped where she stands on the Coventry scale. Now the form shows it and a save keeps it (JavaScript off).
 */
class NeedsScaleBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    @Test
    void savingHerNeedsFromTheFormKeepsTheCoventryScale() {
        Journey j = new Journey("dashboard: NEEDS keeps the Coventry scale");
        String subject = j.step("Kairos registers her; her NEEDS says counselling is met, MET on the Coventry scale (API)", () -> {
            String s = JourneySupport.register("kairos.caseworker1");
            JourneySupport.writeOnce("kairos.caseworker1", s, "NEEDS",
                    "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"Someone to talk to\",\"status\":\"MET\",\"scale\":\"MET\"}]}");
            return s;
        });
        try (BrowserContext ctx = browsers.context(false)) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            j.step("she opens NEEDS in the dashboard: the scale is shown; saving it keeps the scale (version 2)", () -> {
                signIn(page, "kairos.caseworker1");
                page.navigate(dashboard("/new"));
                page.fill("#reference", subject);
                page.click("#find");
                expect(page, documents, "[data-section='NEEDS'] a", "case");
                page.click("[data-section='NEEDS'] a");
                expect(page, documents, "#needs-0-scale", "needs-form");
                assertEquals("MET", page.inputValue("#needs-0-scale"));
                page.click("#save");
                expect(page, documents, ".govuk-notification-banner", "needs-saved");
                JsonPath section = Journey.as("kairos.caseworker1").get(referral("/api/subjects/" + subject + "/summary/sections/NEEDS"))
                        .then().statusCode(200).extract().jsonPath();
                assertEquals(2, section.getInt("version"));
                assertEquals("MET", section.getString("content.needs[0].scale"));
                assertEquals("Someone to talk to", section.getString("content.needs[0].inHerWords"));
            });
        }
    }
}
