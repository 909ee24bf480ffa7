package org.pathways.contracts.vocab;

/** Outcome recorded per need when a referral is COMPLETED. The code is the constant name. */
public enum NeedOutcome {

    NEED_MET,
    PARTLY_MET,
    NOT_MET;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static NeedOutcome fromCode(String code) {
        return Codes.fromCode(NeedOutcome.class, code, NeedOutcome::code);
    }
}
