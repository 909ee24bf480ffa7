package org.pathways.contracts.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class NeedCodeTest {

    /**
     * docs/domain.md "Needs taxonomy", transcribed term by term: code -> parent code (null for top-level). Bracketed terms
     * are children of the term before the bracket; multi-word children become kebab-case.
     */
    private static final Map<String, String> DOMAIN_TAXONOMY = new LinkedHashMap<>();

    static {
        top("domestic-abuse", "coercive-control", "tech-abuse", "financial-abuse");
        top("sexual-violence");
        top("honour-based-violence");
        top("forced-marriage");
        top("fgm");
        top("trafficking-exploitation");
        top("sex-work-support");
        top("stalking-harassment");
        top("refuge-safe-accommodation");
        top("housing-homelessness");
        top("eviction");
        top("mental-health");
        top("counselling");
        top("physical-health");
        top("substance-use");
        top("disability");
        top("money-debt");
        top("welfare-benefits");
        top("hardship-emergency-support");
        top("legal-family", "divorce", "child-arrangements", "protection-orders");
        top("legal-immigration", "nrpf", "ddvc", "dvilr", "asylum");
        top("legal-housing");
        top("legal-benefits");
        top("employment-skills");
        top("education-training");
        top("english-language");
        top("children-family-support");
        top("parenting");
        top("isolation");
        top("confidence-wellbeing");
        top("peer-support-groups");
        top("interpreting");
        top("lgbtq-support");
        top("complaints-about-public-services");
    }

    private static void top(String code, String... children) {
        DOMAIN_TAXONOMY.put(code, null);
        for (String child : children) {
            DOMAIN_TAXONOMY.put(child, code);
        }
    }

    @Test
    void everyDomainTermIsPresentWithItsParent() {
        for (Map.Entry<String, String> term : DOMAIN_TAXONOMY.entrySet()) {
            NeedCode need = NeedCode.fromCode(term.getKey());
            String expectedParent = term.getValue();
            if (expectedParent == null) {
                assertNull(need.parent(), term.getKey() + " should be top-level");
                assertTrue(need.isTopLevel());
            } else {
                assertNotNull(need.parent(), term.getKey() + " should have a parent");
                assertEquals(expectedParent, need.parent().code(), "parent of " + term.getKey());
            }
        }
    }

    @Test
    void containsNoTermsOutsideTheDomainTaxonomy() {
        Set<String> codes = Arrays.stream(NeedCode.values()).map(NeedCode::code).collect(Collectors.toSet());
        assertEquals(DOMAIN_TAXONOMY.keySet(), codes);
        assertEquals(44, NeedCode.values().length);
    }

    @Test
    void theBracketedChildrenAreChildren() {
        assertSame(NeedCode.DOMESTIC_ABUSE, NeedCode.fromCode("coercive-control").parent());
        assertSame(NeedCode.LEGAL_IMMIGRATION, NeedCode.fromCode("nrpf").parent());
        assertSame(NeedCode.LEGAL_FAMILY, NeedCode.fromCode("divorce").parent());
        assertEquals(List.of(NeedCode.NRPF, NeedCode.DDVC, NeedCode.DVILR, NeedCode.ASYLUM),
                NeedCode.LEGAL_IMMIGRATION.children());
        assertEquals(List.of(NeedCode.COERCIVE_CONTROL, NeedCode.TECH_ABUSE, NeedCode.FINANCIAL_ABUSE),
                NeedCode.DOMESTIC_ABUSE.children());
        assertEquals(List.of(NeedCode.DIVORCE, NeedCode.CHILD_ARRANGEMENTS, NeedCode.PROTECTION_ORDERS),
                NeedCode.LEGAL_FAMILY.children());
        assertTrue(NeedCode.SEXUAL_VIOLENCE.children().isEmpty());
    }

    @Test
    void parentsExistAreTopLevelAndAreDeclaredBeforeTheirChildren() {
        for (NeedCode need : NeedCode.values()) {
            NeedCode parent = need.parent();
            if (parent != null) {
                assertTrue(parent.isTopLevel(), need + ": the taxonomy has two levels");
                assertTrue(parent.ordinal() < need.ordinal(), need + " is declared before its parent");
                assertEquals(parent, need.parentCode().orElseThrow());
            } else {
                assertTrue(need.parentCode().isEmpty());
            }
        }
    }

    @Test
    void codesAreUniqueKebabCaseAndLabelsPresent() {
        Set<String> seen = new HashSet<>();
        for (NeedCode need : NeedCode.values()) {
            assertTrue(need.code().matches("[a-z]+(-[a-z]+)*"), need.code());
            assertTrue(seen.add(need.code()), "duplicate code " + need.code());
            assertFalse(need.label().isBlank(), need + " has no label");
            assertSame(need, NeedCode.fromCode(need.code()));
        }
    }

    @Test
    void unknownCodeIsRejectedNamingTheValidCodesButNotTheInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NeedCode.fromCode("Jane Doe"));
        assertTrue(e.getMessage().contains("domestic-abuse"), e.getMessage());
        assertTrue(e.getMessage().contains("complaints-about-public-services"), e.getMessage());
        assertFalse(e.getMessage().contains("Jane Doe"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NeedCode.fromCode(null));
        assertThrows(IllegalArgumentException.class, () -> NeedCode.fromCode("DOMESTIC-ABUSE"), "codes are exact");
    }
}
