package org.pathways.contracts.vocab;

/**
 * How the receiving organisation answered an escalation or a request to review a decline (issue 16 item 5, ADR 0055).
 * ACTIONED and CANNOT_ACT_NOW answer an escalation; DECLINE_UPHELD and DECLINE_OVERTURNED a decline review (an
 * overturned decline is sent again by the referrer, re-routed to the same service). The code is the constant name.
 */
public enum ChallengeOutcome {

    ACTIONED(false),
    CANNOT_ACT_NOW(false),
    DECLINE_UPHELD(true),
    DECLINE_OVERTURNED(true);

    private final boolean declineReview;

    ChallengeOutcome(boolean declineReview) {
        this.declineReview = declineReview;
    }

    /** Whether this answers a decline review (else an escalation). */
    public boolean answersDeclineReview() {
        return declineReview;
    }

    public String code() {
        return name();
    }

    public static ChallengeOutcome fromCode(String code) {
        return Codes.fromCode(ChallengeOutcome.class, code, ChallengeOutcome::code);
    }
}
