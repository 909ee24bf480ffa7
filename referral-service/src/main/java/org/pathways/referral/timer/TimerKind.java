package org.pathways.referral.timer;

import java.util.Set;

import org.pathways.contracts.vocab.ReferralState;

/** What a timer does when it fires, and the state the referral must still be in for it to fire. */
public enum TimerKind {
    /** Before the response target: the receiving single point of contact is reminded. */
    REMIND(ReferralState.SENT),
    /** The response target passed: the referrer and the Connector are told. */
    ESCALATE(ReferralState.SENT),
    /** Still unanswered at the expiry limit: the system moves SENT -> EXPIRED and it returns to the referrer. */
    EXPIRE(ReferralState.SENT),
    /** An ON_HOLD referral's review date has come. */
    ON_HOLD_REVIEW(ReferralState.ON_HOLD),
    /** An ACCEPTED referral has had no first contact (IN_PROGRESS) for the configured time. */
    NO_FIRST_CONTACT(ReferralState.ACCEPTED);

    private final ReferralState state;

    TimerKind(ReferralState state) {
        this.state = state;
    }

    /** The state the referral must be in (at the scheduling version) for the timer to fire. */
    public ReferralState state() {
        return state;
    }

    /** Kinds that mark when something is due (used to sort the work queues). */
    public static final Set<TimerKind> DUE_MARKERS = Set.of(ESCALATE, ON_HOLD_REVIEW, NO_FIRST_CONTACT);

    /** Kinds that, once fired, leave the referral overdue until it moves on. */
    public static final Set<TimerKind> REMINDERS = Set.of(REMIND, ON_HOLD_REVIEW, NO_FIRST_CONTACT);
}
