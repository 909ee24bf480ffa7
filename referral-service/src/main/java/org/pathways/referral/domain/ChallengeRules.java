package org.pathways.referral.domain;

import java.util.Optional;
import java.util.Set;

import org.pathways.contracts.vocab.ChallengeOutcome;
import org.pathways.contracts.vocab.ChallengeReason;
import org.pathways.contracts.vocab.ReferralState;

/**
 * When a referrer may escalate a referral herself or ask for a decline to be reviewed, and how the receiver answers
 * (issue 16 item 5, ADR 0055). Pure functions on plain values, unit-tested in ChallengeRulesTest; the service maps a
 * {@link Refusal} to its problem.
 */
public final class ChallengeRules {

    private ChallengeRules() {
    }

    /** Why a request is refused: HTTP status, problem slug, the field at fault (or null) and a message without values. */
    public record Refusal(int status, String slug, String field, String message) {
    }

    /** An escalation pushes a referral that is still open: waiting for an answer, accepted, on the list or in progress. */
    static final Set<ReferralState> ESCALATABLE = Set.of(ReferralState.SENT, ReferralState.ACCEPTED, ReferralState.ON_HOLD,
            ReferralState.IN_PROGRESS);

    /** The reasons that fit each kind (OTHER fits both). */
    static final Set<ChallengeReason> ESCALATION_REASONS = Set.of(ChallengeReason.NO_ANSWER, ChallengeReason.NO_FIRST_CONTACT,
            ChallengeReason.WAITING_TOO_LONG, ChallengeReason.RISK_INCREASED, ChallengeReason.OTHER);
    static final Set<ChallengeReason> REVIEW_REASONS = Set.of(ChallengeReason.DECLINE_REASON_DISPUTED,
            ChallengeReason.ELIGIBILITY_MISREAD, ChallengeReason.NEED_IN_SCOPE, ChallengeReason.OTHER);

    /**
     * May the referring side raise a challenge of this kind now?
     *
     * @param referrer          whether the caller is on the referring side (an internal referral's organisation is)
     * @param openEscalation    whether an escalation of the referral is still unanswered
     * @param reviewAlreadyAsked whether a review of this decline was asked before (once per referral)
     */
    public static Optional<Refusal> raise(Challenge.Kind kind, ChallengeReason reason, ReferralState state, boolean referrer,
            boolean openEscalation, boolean reviewAlreadyAsked) {
        if (!referrer) return Optional.of(new Refusal(403, "forbidden", null, "Only the referring organisation escalates a "
                + "referral or asks for a decline to be reviewed."));
        if (kind == Challenge.Kind.ESCALATION) {
            if (!ESCALATION_REASONS.contains(reason)) {
                return Optional.of(new Refusal(422, "reason-not-for-escalation", "reasonCode", "must be one of " + sorted(ESCALATION_REASONS)));
            }
            if (!ESCALATABLE.contains(state)) {
                return Optional.of(new Refusal(409, "referral-ended", null, "The referral is " + state
                        + ": only an open referral (SENT, ACCEPTED, ON_HOLD, IN_PROGRESS) is escalated."));
            }
            if (openEscalation) {
                return Optional.of(new Refusal(409, "already-escalated", null, "The referral's escalation is waiting for an answer."));
            }
        } else {
            if (!REVIEW_REASONS.contains(reason)) {
                return Optional.of(new Refusal(422, "reason-not-for-review", "reasonCode", "must be one of " + sorted(REVIEW_REASONS)));
            }
            if (state != ReferralState.DECLINED) {
                return Optional.of(new Refusal(409, "not-declined", null, "The referral is " + state
                        + ": only a DECLINED referral's decline can be reviewed."));
            }
            if (reviewAlreadyAsked) {
                return Optional.of(new Refusal(409, "review-already-requested", null, "A review of this decline was asked already."));
            }
        }
        return Optional.empty();
    }

    /** May the receiving side answer this challenge with this outcome? */
    public static Optional<Refusal> answer(Challenge c, ChallengeOutcome outcome, boolean receiver) {
        if (!receiver) return Optional.of(new Refusal(403, "forbidden", null, "Only the receiving organisation answers."));
        if (!c.open()) return Optional.of(new Refusal(409, "already-answered", null, "It was answered already (" + c.outcome() + ")."));
        boolean review = c.kind() == Challenge.Kind.DECLINE_REVIEW;
        if (outcome.answersDeclineReview() != review) {
            return Optional.of(new Refusal(422, "outcome-not-for-kind", "outcome", review
                    ? "a decline review is answered DECLINE_UPHELD or DECLINE_OVERTURNED"
                    : "an escalation is answered ACTIONED or CANNOT_ACT_NOW"));
        }
        return Optional.empty();
    }

    private static java.util.List<String> sorted(Set<ChallengeReason> s) {
        return s.stream().map(ChallengeReason::code).sorted().toList();
    }
}
