package org.pathways.contracts.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VocabularyTest {

    private static <E extends Enum<E>> List<String> names(E[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    @Test
    void dataCategoriesAreTheSummarySectionsInOrder() {
        assertEquals(List.of("IDENTITY", "SAFE_CONTACT", "COMMUNICATION", "NEEDS", "RISK", "CHILDREN", "IMMIGRATION",
                "HEALTH", "HOUSING", "MONEY", "STORY", "GOALS"), names(DataCategory.values()));
        for (DataCategory c : DataCategory.values()) {
            assertFalse(c.description().isBlank(), c.name());
            assertFalse(c.description().contains("\n"), c + " description is one line");
            assertSame(c, DataCategory.fromCode(c.code()));
        }
    }

    @Test
    void triageIsNeedsCommunicationAndSafeContactAndUnmodifiable() {
        Set<DataCategory> triage = DataCategory.triage();
        assertEquals(EnumSet.of(DataCategory.NEEDS, DataCategory.COMMUNICATION, DataCategory.SAFE_CONTACT), triage);
        assertFalse(triage.contains(DataCategory.RISK), "risk is never a triage section");
        assertThrows(UnsupportedOperationException.class, () -> triage.add(DataCategory.STORY));
        assertThrows(UnsupportedOperationException.class, () -> triage.remove(DataCategory.NEEDS));
    }

    @Test
    void purposesReasonsAndOutcomes() {
        assertEquals(List.of("REFERRAL", "CASE_COORDINATION", "SAFEGUARDING", "AGGREGATE_REPORTING"),
                names(Purpose.values()));
        assertEquals(List.of("NO_CAPACITY", "NOT_ELIGIBLE", "OUT_OF_AREA", "NEED_NOT_IN_SCOPE", "RISK_NOT_MANAGEABLE",
                "PERSON_DECLINED", "COULD_NOT_CONTACT", "DISENGAGED", "DUPLICATE", "REFERRED_ELSEWHERE", "OTHER"),
                names(ReasonCode.values()));
        assertEquals(List.of("NEED_MET", "PARTLY_MET", "NOT_MET"), names(NeedOutcome.values()));
        assertSame(Purpose.SAFEGUARDING, Purpose.fromCode("SAFEGUARDING"));
        assertSame(ReasonCode.DISENGAGED, ReasonCode.fromCode("DISENGAGED"));
        assertSame(NeedOutcome.PARTLY_MET, NeedOutcome.fromCode("PARTLY_MET"));
    }

    @Test
    void fromCodeRejectsUnknownCodesListingTheValidOnes() {
        IllegalArgumentException reason = assertThrows(IllegalArgumentException.class,
                () -> ReasonCode.fromCode("NO_IDEA"));
        assertTrue(reason.getMessage().contains("NO_CAPACITY, NOT_ELIGIBLE"), reason.getMessage());
        assertFalse(reason.getMessage().contains("NO_IDEA"), "the input is not echoed");
        IllegalArgumentException purpose = assertThrows(IllegalArgumentException.class,
                () -> Purpose.fromCode("referral"));
        assertTrue(purpose.getMessage().contains("AGGREGATE_REPORTING"), purpose.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DataCategory.fromCode(""));
        assertThrows(IllegalArgumentException.class, () -> NeedOutcome.fromCode(null));
    }

    @Test
    void rolesAreTheRealmRoles() throws IllegalAccessException {
        assertEquals("caseworker", Roles.CASEWORKER);
        assertEquals("referral-coordinator", Roles.REFERRAL_COORDINATOR);
        assertEquals("connector", Roles.CONNECTOR);
        assertEquals("org-admin", Roles.ORG_ADMIN);
        assertEquals("partnership-admin", Roles.PARTNERSHIP_ADMIN);
        assertEquals("privacy-officer", Roles.PRIVACY_OFFICER);
        assertEquals("evaluator", Roles.EVALUATOR);
        assertEquals("internal-service", Roles.INTERNAL_SERVICE);
        assertEquals("org", Roles.ORG_CLAIM);

        Set<String> constants = new HashSet<>();
        for (Field f : Roles.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && f.getType() == String.class
                    && !f.getName().equals("ORG_CLAIM")) {
                constants.add((String) f.get(null));
            }
        }
        assertEquals(constants, Roles.all());
        assertEquals(8, Roles.all().size());
        assertFalse(Roles.all().contains(Roles.ORG_CLAIM));
    }
}
