package org.pathways.contracts.vocab;

/**
 * Why a support period ended (issue 17, item 1; ADR 0073). The code is the constant name; never renamed or reused.
 */
public enum SupportEndReason {
    /** What she came for was done. */
    GOALS_MET,
    /** She moved on to other support or an income (the move-on the end-of-support notice plans). */
    MOVED_ON,
    /** She was granted recourse to public funds (leave, DDVC, benefits), so the funded support ends. */
    RECOURSE_TO_PUBLIC_FUNDS,
    /** The period's limit (with its extensions) was reached. */
    LIMIT_REACHED,
    TRANSFERRED,
    DISENGAGED,
    LEFT_AREA,
    OTHER;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static SupportEndReason fromCode(String code) {
        return Codes.fromCode(SupportEndReason.class, code, SupportEndReason::code);
    }
}
