package org.pathways.contracts.vocab;

/**
 * Fixed reason codes for declining, withdrawing and not completing a referral (free text sits beside them but never
 * travels in events). They feed the partnership's record of system blockages. The code is the constant name.
 */
public enum ReasonCode {

    NO_CAPACITY,
    NOT_ELIGIBLE,
    OUT_OF_AREA,
    NEED_NOT_IN_SCOPE,
    RISK_NOT_MANAGEABLE,
    PERSON_DECLINED,
    COULD_NOT_CONTACT,
    DISENGAGED,
    DUPLICATE,
    REFERRED_ELSEWHERE,
    OTHER;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static ReasonCode fromCode(String code) {
        return Codes.fromCode(ReasonCode.class, code, ReasonCode::code);
    }
}
