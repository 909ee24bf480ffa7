package org.pathways.contracts.vocab;

/** Purposes that a consent (or a safeguarding override) names (docs/domain.md, "Consent"). The code is the constant name. */
public enum Purpose {

    REFERRAL,
    CASE_COORDINATION,
    SAFEGUARDING,
    AGGREGATE_REPORTING;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static Purpose fromCode(String code) {
        return Codes.fromCode(Purpose.class, code, Purpose::code);
    }
}
