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
        assertFalse(SectionForms.hasForm("RISK"), "RISK has no form in this slice");
    }
}
