package org.pathways.contracts.vocab;

/**
 * Why a referrer escalates a referral herself or asks for a decline to be reviewed (issue 16 item 5, ADR 0055): fixed
 * codes, like {@link ReasonCode}, because they feed the partnership's record of system blockages. Free text never
 * travels with them. The code is the constant name.
 */
public enum ChallengeReason {

    /** Escalation: no answer yet, and she cannot wait for the timers. */
    NO_ANSWER,
    /** Escalation: accepted, but nobody has contacted her. */
    NO_FIRST_CONTACT,
    /** Escalation: on the waiting list too long for her situation. */
    WAITING_TOO_LONG,
    /** Escalation: her risk has increased since the referral was sent. */
    RISK_INCREASED,
    /** Decline review: the decline's reason does not fit what was referred. */
    DECLINE_REASON_DISPUTED,
    /** Decline review: she meets the service's eligibility as published. */
    ELIGIBILITY_MISREAD,
    /** Decline review: the need is one the service lists. */
    NEED_IN_SCOPE,
    OTHER;

    public String code() {
        return name();
    }

    /** @throws IllegalArgumentException if {@code code} is unknown; the message lists the valid codes */
    public static ChallengeReason fromCode(String code) {
        return Codes.fromCode(ChallengeReason.class, code, ChallengeReason::code);
    }
}
