package org.pathways.contracts.vocab;

/**
 * Why a support period is extended (issue 17, item 1; ADR 0073): what SMV caseworkers waited on when 12 (or 6) weeks
 * were not enough. The code is the constant name; never renamed or reused. No free text beside it.
 */
public enum SupportExtensionReason {
    AWAITING_IMMIGRATION_DECISION,
    AWAITING_DDVC_DECISION,
    AWAITING_HOUSING,
    AWAITING_BENEFITS,
    ONGOING_RISK,
    LEGAL_PROCEEDINGS,
    HEALTH,
    OTHER;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static SupportExtensionReason fromCode(String code) {
        return Codes.fromCode(SupportExtensionReason.class, code, SupportExtensionReason::code);
    }
}
