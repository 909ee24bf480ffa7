package org.pathways.contracts.vocab;

/**
 * Where she stands with one need, on the scale the Coventry Women's Partnership evaluation used (issue 17, item 6;
 * ADR 0066). The code is the constant name; never renamed or reused.
 */
public enum CoventryNeedScale {
    DOES_NOT_NEED,
    WANTS_HELP_DOES_NOT_KNOW_HOW,
    WANTS_HELP_KNOWS_WHERE,
    GETTING_HELP,
    MET;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static CoventryNeedScale fromCode(String code) {
        return Codes.fromCode(CoventryNeedScale.class, code, CoventryNeedScale::code);
    }
}
