package org.pathways.contracts.vocab;

/**
 * What a cost line of a service provided was for (issue 17, item 3: the SMV funder's categories; ADR 0065). The code is
 * the constant name; never renamed or reused.
 */
public enum CostCategory {
    COUNSELLING,
    SUPPORT_GROUPS,
    GROUP_WORK,
    ADVOCACY_CASEWORK,
    LEGAL_SIGNPOSTING,
    ACCOMMODATION,
    SUBSISTENCE,
    OTHER;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static CostCategory fromCode(String code) {
        return Codes.fromCode(CostCategory.class, code, CostCategory::code);
    }
}
