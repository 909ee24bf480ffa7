package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SectionFormsTest {

    @Test
    void needsRowsBecomeTheTypedSectionWithHerWordsAsWrittenAndEmptyRowsLeftOut() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("needs-0-code", List.of("counselling"));
        form.put("needs-0-inHerWords", List.of("  I want to talk —\nin my own words  "));
        form.put("needs-0-status", List.of("IDENTIFIED"));
        form.put("needs-1-code", List.of(""));
        form.put("needs-1-inHerWords", List.of(""));
        form.put("needs-1-status", List.of("IDENTIFIED"));
        Map<String, Object> content = SectionForms.toContent("NEEDS", form, "user-1");
        assertEquals(Map.of("needs", List.of(Map.of("code", "counselling", "inHerWords", "  I want to talk —\nin my own words  ",
                "status", "IDENTIFIED"))), content);
    }

    @Test
    void yesNoBecomeBooleansCheckboxesListsAndTheNamedWorkerIsTheSignedInUser() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("doNotContact", List.of("no"));
        form.put("contactViaNamedWorkerOnly", List.of("yes"));
        form.put("safeMethods", List.of("PHONE_CALL", "SMS"));
        form.put("safeTimes", List.of(""));
        Map<String, Object> content = SectionForms.toContent("SAFE_CONTACT", form, "user-1");
        assertEquals(false, content.get("doNotContact"));
        assertEquals(true, content.get("contactViaNamedWorkerOnly"));
        assertEquals("user-1", content.get("namedWorkerId"));
        assertEquals(List.of("PHONE_CALL", "SMS"), content.get("safeMethods"));
        assertFalse(content.containsKey("safeTimes"), "blank fields are left out");
        assertFalse(content.containsKey("messageMayBeLeft"), "an unanswered yes/no is left out, for the service to name");
    }

    @Test
    void aWrittenSectionFillsItsFormAgain() {
        Map<String, Object> content = Map.of("needs", List.of(Map.of("code", "counselling", "inHerWords", "her words", "status", "REFERRED")));
        Map<String, List<String>> form = SectionForms.toForm("NEEDS", content);
        assertEquals(List.of("counselling"), form.get("needs-0-code"));
        assertEquals(List.of("her words"), form.get("needs-0-inHerWords"));
        assertEquals(List.of("REFERRED"), form.get("needs-0-status"));
        assertEquals(3, SectionForms.needRows(content));
        Map<String, List<String>> identity = SectionForms.toForm("IDENTITY", Map.of("name", "A", "otherNames", List.of("B", "C")));
        assertEquals(List.of("B\nC"), identity.get("otherNames"));
        assertEquals(List.of("B", "C"), SectionForms.toContent("IDENTITY", identity, "u").get("otherNames"));
    }

    @Test
    void savingHerNeedsAgainKeepsWhereSheStandsOnTheCoventryScale() {
        // Issue 17 (ADR 0066) added needs[].scale; a form that did not know it saved her NEEDS without it.
        Map<String, Object> written = Map.of("needs", List.of(
                Map.of("code", "counselling", "inHerWords", "her words", "status", "MET", "scale", "MET"),
                Map.of("code", "housing", "status", "IDENTIFIED")));
        Map<String, List<String>> form = SectionForms.toForm("NEEDS", written);
        assertEquals(List.of("MET"), form.get("needs-0-scale"));
        assertEquals(written, SectionForms.toContent("NEEDS", form, "u"), "saved unchanged, scale kept, none invented");
        assertEquals("needs-1-scale", SectionForms.inputFor("NEEDS", "needs[1].scale", 3));
        assertEquals("Need 2: where she stands", SectionForms.labelFor("NEEDS", "needs-1-scale", 3));
    }

    @Test
    void aFieldTheServiceNamesLeadsToItsInput() {
        assertEquals("needs-0-code", SectionForms.inputFor("NEEDS", "needs[0].code", 3));
        assertEquals("needs-0-code", SectionForms.inputFor("NEEDS", "needs", 3));
        assertEquals("doNotContact", SectionForms.inputFor("SAFE_CONTACT", "doNotContact", 0));
        assertEquals("contactViaNamedWorkerOnly", SectionForms.inputFor("SAFE_CONTACT", "namedWorkerId", 0));
        assertNull(SectionForms.inputFor("STORY", "(body)", 0));
        assertEquals("Her story, in her words", SectionForms.labelFor("STORY", "text", 0));
        assertTrue(SectionForms.hasForm("STORY"));
        assertTrue(SectionForms.hasForm("RISK"));
    }

    // ---- the seven sections added for issue 15: every field, form -> JSON -> form, and a refused field at its input --

    @Test
    void everyCategoryHasAFormAndTheTaskListShowsAllTwelve() {
        assertEquals(12, SectionForms.CATEGORIES.size());
        for (org.pathways.contracts.vocab.DataCategory c : org.pathways.contracts.vocab.DataCategory.values()) {
            assertTrue(SectionForms.hasForm(c.code()), c.code());
            assertFalse(SectionForms.fields(c.code(), 3).isEmpty(), c.code());
            assertFalse(SectionForms.title(c.code()).contains("_"), "a title in words: " + c.code());
        }
    }

    @Test
    void riskRoundTrip() {
        Map<String, Object> risk = new LinkedHashMap<>();
        risk.put("level", "HIGH");
        risk.put("assessmentTool", "DASH RIC");
        risk.put("assessedOn", "2026-03-27");
        risk.put("maracInvolved", true);
        risk.put("safeguardingFlags", List.of("  He has a key ", "Threats to the children"));
        risk.put("notes", "She said: \"he will find me\" —\n  twice.  ");
        assertRoundTrip("RISK", risk);
        assertEquals(List.of("HIGH"), SectionForms.toForm("RISK", risk).get("level"));
        assertEquals("safeguardingFlags", SectionForms.inputFor("RISK", "safeguardingFlags[1].<list element>", 0));
        assertEquals("assessedOn", SectionForms.inputFor("RISK", "assessedOn", 0));
        assertEquals("Date of the assessment", SectionForms.labelFor("RISK", "assessedOn", 0));
    }

    @Test
    void childrenRoundTripWithBlankRowsLeftOutAndANumberAsANumber() {
        Map<String, Object> children = new LinkedHashMap<>();
        children.put("children", List.of(Map.of("ageYears", 7, "livesWith", "with her", "notes", "Asks  for her dad"),
                Map.of("ageYears", 0)));
        children.put("agenciesInvolved", "Children's social care");
        children.put("notes", "in her words\nkept");
        assertRoundTrip("CHILDREN", children);
        Map<String, List<String>> form = SectionForms.toForm("CHILDREN", children);
        assertEquals(List.of("7"), form.get("children-0-ageYears"));
        assertEquals(3, SectionForms.rows("CHILDREN", children), "one blank row to add another, at least three");

        // Rows 0 and 2 filled, row 1 blank: the JSON has two children, and a refused children[1] is the form's second one.
        Map<String, List<String>> posted = new LinkedHashMap<>();
        posted.put("children-0-ageYears", List.of("4"));
        posted.put("children-1-ageYears", List.of(""));
        posted.put("children-1-livesWith", List.of(""));
        posted.put("children-2-ageYears", List.of("thirty"));
        posted.put("children-2-livesWith", List.of("her mother"));
        Map<String, Object> content = SectionForms.toContent("CHILDREN", posted, "u");
        assertEquals(List.of(Map.of("ageYears", 4), Map.of("ageYears", "thirty", "livesWith", "her mother")), content.get("children"),
                "not a whole number: sent as typed for the service to refuse");
        Map<String, List<String>> compact = SectionForms.compact("CHILDREN", posted);
        assertEquals(List.of("thirty"), compact.get("children-1-ageYears"), "her input kept, at the row the service names");
        assertEquals("children-1-ageYears", SectionForms.inputFor("CHILDREN", "content.children[1].ageYears", 3));
        assertEquals("Child 2: age in years", SectionForms.labelFor("CHILDREN", "children-1-ageYears", 3));
        assertEquals("children-0-ageYears", SectionForms.inputFor("CHILDREN", "children", 3));
        assertFalse(SectionForms.toContent("CHILDREN", Map.of("children-0-ageYears", List.of("")), "u").containsKey("children"));
    }

    @Test
    void immigrationRoundTripWithItsThreeMonitoringRecords() {
        Map<String, Object> imm = new LinkedHashMap<>();
        imm.put("status", "Spouse visa, ran out in May");
        imm.put("noRecourseToPublicFunds", true);
        imm.put("ddvcEligible", false);
        imm.put("applicationsInProgress", List.of("DDVC", "OTHER"));
        imm.put("onEntryToUk", Map.of("status", "LIMITED_LEAVE", "visa", "SPOUSE_OR_PARTNER"));
        imm.put("onEnteringSupport", Map.of("status", "NO_LEAVE", "visa", "NONE", "statusSheBelieves", "UNKNOWN",
                "visaSheBelieves", "SPOUSE_OR_PARTNER"));
        imm.put("confirmedBy", List.of("HOME_OFFICE_LETTER"));
        imm.put("routeOfEntry", "WITH_VISA");
        imm.put("notes", "He kept her passport.");
        assertRoundTrip("IMMIGRATION", imm);
        Map<String, List<String>> form = SectionForms.toForm("IMMIGRATION", imm);
        assertEquals(List.of("NO_LEAVE"), form.get("onEnteringSupport-status"));
        assertFalse(SectionForms.toContent("IMMIGRATION", form, "u").containsKey("onLeavingSupport"), "no record invented");
        assertEquals("onEntryToUk-visa", SectionForms.inputFor("IMMIGRATION", "onEntryToUk.visa", 0));
        assertEquals("onLeavingSupport-status", SectionForms.inputFor("IMMIGRATION", "onLeavingSupport", 0));
        assertEquals("When she came to the UK: visa, as confirmed", SectionForms.labelFor("IMMIGRATION", "onEntryToUk-visa", 0));
        // The three records are groups (fieldsets with a legend) in the form.
        List<Inputs.Input> inputs = Inputs.section("IMMIGRATION", 0, form, Map.of());
        assertEquals(3, inputs.stream().filter(Inputs.Input::hasOpens).count());
        assertEquals(3, inputs.stream().filter(Inputs.Input::closes).count());
        assertTrue(inputs.stream().filter(i -> i.id().equals("onEntryToUk-status")).findFirst().orElseThrow().choices().get(1).label()
                .startsWith("Limited leave"), "codes shown as words");
    }

    @Test
    void healthHousingAndMoneyRoundTrip() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("mentalHealth", "Can't sleep.  Panic attacks");
        health.put("physicalHealth", "Back injury");
        health.put("disability", "Partially sighted");
        health.put("substanceUse", "None");
        assertRoundTrip("HEALTH", health);
        assertEquals("mentalHealth", SectionForms.inputFor("HEALTH", "mentalHealth", 0));

        Map<String, Object> housing = new LinkedHashMap<>();
        housing.put("current", "His flat");
        housing.put("safe", false);
        housing.put("refugeNeeded", true);
        housing.put("notes", "Needs ground floor");
        assertRoundTrip("HOUSING", housing);
        assertEquals("safe", SectionForms.inputFor("HOUSING", "safe", 0));

        Map<String, Object> money = new LinkedHashMap<>();
        money.put("income", "None of her own");
        money.put("benefits", "Universal Credit (in his name)");
        money.put("debt", "Loans he took in her name");
        money.put("inHardship", true);
        money.put("notes", "No bank card");
        assertRoundTrip("MONEY", money);
        assertEquals("Debt", SectionForms.labelFor("MONEY", SectionForms.inputFor("MONEY", "debt", 0), 0));
    }

    @Test
    void goalsRoundTripAndAtLeastOneIsAskedOfTheService() {
        Map<String, Object> goals = Map.of("goals", List.of(Map.of("goal", "A safe home  for us", "by", "2026-09-01"),
                Map.of("goal", "Learn English")));
        assertRoundTrip("GOALS", goals);
        assertEquals(Map.of("goals", List.of()), SectionForms.toContent("GOALS", Map.of("goals-0-goal", List.of("")), "u"),
                "none written: the service says at least one");
        assertEquals("goals-0-goal", SectionForms.inputFor("GOALS", "goals", 3));
        assertEquals("goals-1-goal", SectionForms.inputFor("GOALS", "goals[1].goal", 3));
        assertEquals("Goal 2: what she wants to change", SectionForms.labelFor("GOALS", "goals-1-goal", 3));
        // A date alone is kept as a row, so the service names its missing goal at that row.
        Map<String, Object> dateOnly = SectionForms.toContent("GOALS", Map.of("goals-0-by", List.of("2026-01-01")), "u");
        assertEquals(List.of(Map.of("by", "2026-01-01")), dateOnly.get("goals"));
    }

    /** JSON -> form -> JSON gives the same JSON (her words unchanged), and the form -> JSON -> form gives the same form. */
    private static void assertRoundTrip(String category, Map<String, Object> content) {
        Map<String, List<String>> form = SectionForms.toForm(category, content);
        Map<String, Object> back = SectionForms.toContent(category, form, "u");
        assertEquals(content, back, category + ": JSON -> form -> JSON");
        assertEquals(form, SectionForms.toForm(category, back), category + ": form -> JSON -> form");
        for (String id : form.keySet()) {
            assertEquals(id, SectionForms.inputFor(category, id.replace('-', '.'), SectionForms.rows(category, content)).replace('.', '-'),
                    category + ": " + id);
        }
    }
}
