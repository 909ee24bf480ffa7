package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatutoryTest {

    @Test
    void theRoleFixesTheKind() {
        assertEquals("MARAC", Statutory.kindFor("MARAC_COORDINATOR"));
        assertEquals("POLICE", Statutory.kindFor("POLICE_DA_UNIT"));
        assertEquals("SARC", Statutory.kindFor("SARC"));
        assertNull(Statutory.kindFor(null));
    }

    @Test
    void kindsAndCriteriaInWords() {
        assertEquals("MARAC referral", Statutory.kindLabel("MARAC"));
        assertEquals("Police referral", Statutory.kindLabel("POLICE"));
        assertEquals("SARC referral", Statutory.kindLabel("SARC"));
        assertNull(Statutory.kindLabel(null));
        assertEquals("Visible high risk", Statutory.criterionLabel("VISIBLE_HIGH_RISK"));
        assertEquals("Professional judgement", Statutory.criterionLabel("PROFESSIONAL_JUDGEMENT"));
        assertEquals("Potential escalation", Statutory.criterionLabel("POTENTIAL_ESCALATION"));
        assertEquals("High", Statutory.dashLabel("HIGH"));
        assertTrue(Statutory.withheldWhy("RISK", true).contains("ended"));
        assertTrue(Statutory.withheldWhy("SAFE_CONTACT", false).contains("safe contact"));
    }
}
