package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.BrowserSupport.assertAccessible;
import static org.pathways.systemtests.BrowserSupport.dashboard;
import static org.pathways.systemtests.BrowserSupport.expect;
import static org.pathways.systemtests.BrowserSupport.screenshot;
import static org.pathways.systemtests.BrowserSupport.signIn;
import static org.pathways.systemtests.JourneySupport.referral;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import io.restassured.path.json.JsonPath;

/**
 * Issue 15, screen 3: every section of her summary has its form. Kairos' caseworker registers her in the browser, sees
 * all twelve sections on her case, writes RISK, CHILDREN and IMMIGRATION (JavaScript on) and GOALS (JavaScript off),
 * reopens each and finds her words as she typed them; a child's age the service refuses (400) is shown at that child's
 * field with her input kept. Each saved section is read back through referral-service's API. HEALTH, HOUSING and MONEY
 * are opened and checked with axe. Nothing of RISK in any title or address. Screenshots target/screenshots/25-….
 */
class SectionFormsBrowserTest {

    @RegisterExtension
    static final BrowserFixture browsers = new BrowserFixture();

    static final String USER = "kairos.caseworker1";
    // Her words: a leading blank line, doubled spaces, trailing spaces, quotes and a dash are kept as typed.
    static final String RISK_NOTES = "\nShe said: \"he will find me\" —  twice.  \nHe has a key to the flat. ";
    static final String CHILD_NOTES = "Asks  for her dad every night";
    static final String AGENCIES = "Children's social care; the school's safeguarding lead";
    static final String IMMIGRATION_STATUS = "Spouse visa – ran out in May, she thinks";
    static final String IMMIGRATION_NOTES = "He kept her passport.  She has a copy of the Home Office letter.";
    static final String GOAL_1 = "A safe home  for me and the children";
    static final String GOAL_2 = "Learn English";

    @Test
    void sheWritesEverySectionInTheBrowserAndHerWordsAreKept() {
        Journey j = new Journey("dashboard: every section of her summary has its form");
        AtomicReference<String> subject = new AtomicReference<>();
        List<String> titles = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        try (BrowserContext ctx = browsers.context()) {
            Page page = ctx.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            page.onLoad(p -> {
                titles.add(p.title());
                urls.add(p.url());
            });

            j.step("she registers her: her case lists all twelve sections", () -> {
                signIn(page, USER);
                page.navigate(dashboard("/new"));
                page.click("#register");
                expect(page, documents, "#done-title", "register");
                subject.set(page.textContent("#reference").strip());
                assertEquals(12, page.locator("#sections [data-section]").count());
                for (String c : List.of("IDENTITY", "SAFE_CONTACT", "COMMUNICATION", "NEEDS", "RISK", "CHILDREN", "IMMIGRATION",
                        "HEALTH", "HOUSING", "MONEY", "STORY", "GOALS")) {
                    assertTrue(page.isVisible("[data-section='" + c + "'] a"), c);
                }
                assertFalse(page.textContent("main").contains("Not in the dashboard yet"));
            });
            String caseUrl = page.url().replaceAll("\\?.*", "");

            j.step("RISK: level, assessment, MARAC, safeguarding concerns and notes", () -> {
                page.click("[data-section='RISK'] a");
                expect(page, documents, "#level", "risk-form");
                page.check("#level-HIGH");
                page.fill("#assessmentTool", "DASH RIC");
                page.fill("#assessedOn", "2025-11-02");
                page.check("#maracInvolved");
                page.fill("#safeguardingFlags", "Threats to kill\nHe has a key");
                page.fill("#notes", RISK_NOTES);
                screenshot(page, "25-section-risk");
                assertAccessible(page, "Section form (risk)");
                page.click("#save");
                expect(page, documents, "#done-title", "risk-saved");
                assertTrue(page.textContent("[data-section='RISK']").contains("version 1"));
            });

            j.step("CHILDREN: a child's age the service refuses is shown at that child's field, her input kept", () -> {
                page.click("[data-section='CHILDREN'] a");
                expect(page, documents, "#children-0-ageYears", "children-form");
                page.fill("#children-0-ageYears", "4");
                page.fill("#children-0-livesWith", "with her");
                page.fill("#children-0-notes", CHILD_NOTES);
                // Row 2 (the second row left blank): blank rows are left out, so this is the service's children[1].
                page.fill("#children-2-ageYears", "30");
                page.fill("#children-2-livesWith", "her mother, in Leicester");
                page.fill("#agenciesInvolved", AGENCIES);
                screenshot(page, "25-section-children");
                assertAccessible(page, "Section form (children)");
                page.click("#save");
                expect(page, documents, ".govuk-error-summary", "children-refused");
                assertEquals("#children-1-ageYears", page.getAttribute(".govuk-error-summary a", "href"));
                assertTrue(page.textContent(".govuk-error-summary").contains("Child 2: age in years"),
                        page.textContent(".govuk-error-summary"));
                assertTrue(page.isVisible("#children-1-ageYears-error"), "the error is shown at the field");
                assertEquals("30", page.inputValue("#children-1-ageYears"), "her input kept");
                assertEquals("her mother, in Leicester", page.inputValue("#children-1-livesWith"));
                assertEquals(CHILD_NOTES, page.inputValue("#children-0-notes"));
                assertEquals(AGENCIES, page.inputValue("#agenciesInvolved"));
                screenshot(page, "25-section-error");
                assertAccessible(page, "Section form (children, refused)");
                page.fill("#children-1-ageYears", "12");
                page.click("#save");
                expect(page, documents, "#done-title", "children-saved");
            });

            j.step("IMMIGRATION: her facts and the three monitoring records", () -> {
                page.click("[data-section='IMMIGRATION'] a");
                expect(page, documents, "#onEntryToUk-status", "immigration-form");
                assertEquals(3, page.locator("fieldset[data-group]").count(), "the three records as groups");
                page.fill("#status", IMMIGRATION_STATUS);
                page.check("#noRecourseToPublicFunds");
                page.check("#ddvcEligible");
                page.check("#applicationsInProgress"); // DDVC
                page.selectOption("#onEntryToUk-status", "LIMITED_LEAVE");
                page.selectOption("#onEntryToUk-visa", "SPOUSE_OR_PARTNER");
                page.selectOption("#onEnteringSupport-status", "NO_LEAVE");
                page.selectOption("#onEnteringSupport-statusSheBelieves", "UNKNOWN");
                page.check("#confirmedBy-HOME_OFFICE_LETTER");
                page.selectOption("#routeOfEntry", "WITH_VISA");
                page.fill("#notes", IMMIGRATION_NOTES);
                screenshot(page, "25-section-immigration");
                assertAccessible(page, "Section form (immigration)");
                page.click("#save");
                expect(page, documents, "#done-title", "immigration-saved");
            });

            for (String c : List.of("HEALTH", "HOUSING", "MONEY")) {
                j.step(c + ": the form opens, every field labelled, axe clean", () -> {
                    page.navigate(caseUrl);
                    page.click("[data-section='" + c + "'] a");
                    expect(page, documents, "#save", c.toLowerCase() + "-form");
                    screenshot(page, "25-section-" + c.toLowerCase());
                    assertAccessible(page, "Section form (" + c.toLowerCase() + ")");
                });
            }

            j.step("she reopens RISK, CHILDREN and IMMIGRATION: the saved version, her words as typed", () -> {
                page.navigate(caseUrl + "/sections/RISK");
                expect(page, documents, "#notes", "risk-reopened");
                assertTrue(page.isChecked("#level-HIGH"));
                assertTrue(page.isChecked("#maracInvolved"));
                assertEquals("2025-11-02", page.inputValue("#assessedOn"));
                assertEquals("Threats to kill\nHe has a key", page.inputValue("#safeguardingFlags"));
                assertEquals(RISK_NOTES, page.inputValue("#notes"), "her words, leading blank line and spaces kept");
                assertEquals("1", page.inputValue("input[name=version]"));

                page.navigate(caseUrl + "/sections/CHILDREN");
                expect(page, documents, "#children-0-ageYears", "children-reopened");
                assertEquals("4", page.inputValue("#children-0-ageYears"));
                assertEquals(CHILD_NOTES, page.inputValue("#children-0-notes"));
                assertEquals("12", page.inputValue("#children-1-ageYears"));
                assertEquals("her mother, in Leicester", page.inputValue("#children-1-livesWith"));
                assertEquals("", page.inputValue("#children-2-ageYears"), "a blank row to add another child");
                assertEquals(AGENCIES, page.inputValue("#agenciesInvolved"));

                page.navigate(caseUrl + "/sections/IMMIGRATION");
                expect(page, documents, "#status", "immigration-reopened");
                assertEquals(IMMIGRATION_STATUS, page.inputValue("#status"));
                assertEquals("LIMITED_LEAVE", page.inputValue("#onEntryToUk-status"));
                assertEquals("SPOUSE_OR_PARTNER", page.inputValue("#onEntryToUk-visa"));
                assertEquals("UNKNOWN", page.inputValue("#onEnteringSupport-statusSheBelieves"));
                assertEquals("", page.inputValue("#onLeavingSupport-status"));
                assertTrue(page.isChecked("#confirmedBy-HOME_OFFICE_LETTER"));
                assertTrue(page.isChecked("#noRecourseToPublicFunds"));
                assertEquals(IMMIGRATION_NOTES, page.inputValue("#notes"));
            });
        }

        try (BrowserContext off = browsers.context(false)) {
            Page page = off.newPage();
            List<String> documents = BrowserSupport.recordDocuments(page);
            page.onLoad(p -> {
                titles.add(p.title());
                urls.add(p.url());
            });
            j.step("GOALS, with JavaScript off: two goals, one with a date; reopened as typed", () -> {
                signIn(page, USER);
                page.navigate(dashboard("/new"));
                page.fill("#reference", subject.get());
                page.click("#find");
                expect(page, documents, "[data-section='GOALS'] a", "case-js-off");
                page.click("[data-section='GOALS'] a");
                expect(page, documents, "#goals-0-goal", "goals-form");
                page.fill("#goals-0-goal", GOAL_1);
                page.fill("#goals-0-by", "2027-06-30");
                page.fill("#goals-1-goal", GOAL_2);
                screenshot(page, "25-section-goals");
                assertAccessible(page, "Section form (goals)");
                page.click("#save");
                expect(page, documents, "#done-title", "goals-saved");
                page.click("[data-section='GOALS'] a");
                expect(page, documents, "#goals-0-goal", "goals-reopened");
                assertEquals(GOAL_1, page.inputValue("#goals-0-goal"));
                assertEquals("2027-06-30", page.inputValue("#goals-0-by"));
                assertEquals(GOAL_2, page.inputValue("#goals-1-goal"));
                assertEquals("", page.inputValue("#goals-2-goal"), "a blank row to add another goal");
            });
        }

        j.step("referral-service holds what she typed (the API, read as the caseworker)", () -> {
            JsonPath risk = section(subject.get(), "RISK");
            assertEquals(1, risk.getInt("version"));
            assertEquals("HIGH", risk.getString("content.level"));
            assertEquals("DASH RIC", risk.getString("content.assessmentTool"));
            assertEquals("2025-11-02", risk.getString("content.assessedOn"));
            assertTrue(risk.getBoolean("content.maracInvolved"));
            assertEquals(List.of("Threats to kill", "He has a key"), risk.getList("content.safeguardingFlags"));
            // A form posts a textarea's line breaks as CRLF (HTML); everything else is as she typed it.
            assertEquals(RISK_NOTES, risk.getString("content.notes").replace("\r\n", "\n"));

            JsonPath children = section(subject.get(), "CHILDREN");
            assertEquals(List.of(Map.of("ageYears", 4, "livesWith", "with her", "notes", CHILD_NOTES),
                    Map.of("ageYears", 12, "livesWith", "her mother, in Leicester")),
                    children.getList("content.children", Map.class).stream().map(SectionFormsBrowserTest::present).toList());
            assertEquals(AGENCIES, children.getString("content.agenciesInvolved"));
            assertEquals(1, children.getInt("version"), "the refused save wrote nothing");

            JsonPath imm = section(subject.get(), "IMMIGRATION");
            assertEquals(IMMIGRATION_STATUS, imm.getString("content.status"));
            assertTrue(imm.getBoolean("content.noRecourseToPublicFunds"));
            assertTrue(imm.getBoolean("content.ddvcEligible"));
            assertEquals(List.of("DDVC"), imm.getList("content.applicationsInProgress"));
            assertEquals(Map.of("status", "LIMITED_LEAVE", "visa", "SPOUSE_OR_PARTNER"), present(imm.getMap("content.onEntryToUk")));
            assertEquals(Map.of("status", "NO_LEAVE", "statusSheBelieves", "UNKNOWN"), present(imm.getMap("content.onEnteringSupport")));
            assertNull(imm.getMap("content").get("onLeavingSupport"), "no record invented");
            assertEquals(List.of("HOME_OFFICE_LETTER"), imm.getList("content.confirmedBy"));
            assertEquals("WITH_VISA", imm.getString("content.routeOfEntry"));
            assertEquals(IMMIGRATION_NOTES, imm.getString("content.notes"));

            JsonPath goals = section(subject.get(), "GOALS");
            assertEquals(List.of(Map.of("goal", GOAL_1, "by", "2027-06-30"), Map.of("goal", GOAL_2)), 
                    goals.getList("content.goals", Map.class).stream().map(SectionFormsBrowserTest::present).toList());
        });

        j.step("nothing of her, nor of her risk, in any page title or address", () -> {
            assertFalse(titles.isEmpty());
            for (String t : titles) {
                assertFalse(t.contains(subject.get()) || t.contains("HIGH") || t.contains("DASH") || t.contains("key"), t);
            }
            for (String u : urls) {
                if (!u.startsWith(dashboard("/"))) continue; // the sign-in pages
                assertFalse(u.contains(subject.get()) || u.contains("HIGH") || u.contains("DASH") || u.contains("level"), u);
            }
        });
    }

    /** The fields recorded (a nested record's unrecorded fields come back as null). */
    private static Map<Object, Object> present(Map<?, ?> m) {
        Map<Object, Object> out = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v != null) out.put(k, v);
        });
        return out;
    }

    private static JsonPath section(String subject, String category) {
        return Journey.as(USER).get(referral("/api/subjects/" + subject + "/summary/sections/" + category)).then().statusCode(200)
                .extract().jsonPath();
    }
}
