package org.pathways.contracts.vocab;

/**
 * Eligibility facts (issue 17, item 2; ADR 0063): who a directory service can support, and the same facts about her in
 * her IMMIGRATION section. Published in the open feed as HSDS 3.0 {@code attribute}s with {@code link_type}
 * "eligibility" from the Pathways eligibility taxonomy. {@link #code()} is the stable kebab-case term; codes are never
 * renamed or reused.
 *
 * <p>Not need codes: the need codes {@code nrpf} and {@code ddvc} stay what they were (help with those, e.g. legal
 * advice on an application), and a search by them finds what it found before.
 */
public enum EligibilityCode {

    /** She has no recourse to public funds; a service with this fact can support women with NRPF. */
    NRPF("nrpf", "No recourse to public funds (NRPF)"),
    /** She is eligible for the Migrant Victims of Domestic Abuse Concession (formerly the DDVC). */
    DDVC_ELIGIBLE("ddvc-eligible", "Eligible for the Migrant Victims of Domestic Abuse Concession (DDVC)");

    private final String code;
    private final String label;

    EligibilityCode(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static EligibilityCode fromCode(String code) {
        return Codes.fromCode(EligibilityCode.class, code, EligibilityCode::code);
    }
}
