package org.pathways.referral.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.ChallengeOutcome;
import org.pathways.contracts.vocab.ChallengeReason;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.referral.domain.Challenge.Kind;

/** The rules of escalations and decline reviews (issue 16 item 5, ADR 0055), on plain values. */
class ChallengeRulesTest {

    private static String slug(Kind k, ChallengeReason r, ReferralState s, boolean referrer, boolean open, boolean asked) {
        return ChallengeRules.raise(k, r, s, referrer, open, asked).map(ChallengeRules.Refusal::slug).orElse("ok");
    }

    @Test
    void aReferrerEscalatesAnOpenReferralOnceAtATime() {
        for (ReferralState s : ReferralState.values()) {
            boolean open = s == ReferralState.SENT || s == ReferralState.ACCEPTED || s == ReferralState.ON_HOLD
                    || s == ReferralState.IN_PROGRESS;
            assertEquals(open ? "ok" : "referral-ended", slug(Kind.ESCALATION, ChallengeReason.NO_ANSWER, s, true, false, false), s.name());
        }
        assertEquals("already-escalated", slug(Kind.ESCALATION, ChallengeReason.NO_ANSWER, ReferralState.SENT, true, true, false));
        assertEquals("forbidden", slug(Kind.ESCALATION, ChallengeReason.NO_ANSWER, ReferralState.SENT, false, false, false));
        assertEquals("reason-not-for-escalation",
                slug(Kind.ESCALATION, ChallengeReason.ELIGIBILITY_MISREAD, ReferralState.SENT, true, false, false));
        assertEquals(403, ChallengeRules.raise(Kind.ESCALATION, ChallengeReason.OTHER, ReferralState.SENT, false, false, false)
                .orElseThrow().status());
    }

    @Test
    void aReviewIsAskedOfADeclineOnlyAndOnlyOnce() {
        for (ReferralState s : ReferralState.values()) {
            assertEquals(s == ReferralState.DECLINED ? "ok" : "not-declined",
                    slug(Kind.DECLINE_REVIEW, ChallengeReason.NEED_IN_SCOPE, s, true, false, false), s.name());
        }
        assertEquals("review-already-requested",
                slug(Kind.DECLINE_REVIEW, ChallengeReason.NEED_IN_SCOPE, ReferralState.DECLINED, true, false, true));
        assertEquals("reason-not-for-review",
                slug(Kind.DECLINE_REVIEW, ChallengeReason.NO_ANSWER, ReferralState.DECLINED, true, false, false));
        assertEquals("ok", slug(Kind.DECLINE_REVIEW, ChallengeReason.OTHER, ReferralState.DECLINED, true, true, false));
    }

    @Test
    void theReceiverAnswersOnceWithAnOutcomeOfTheRightKind() {
        Challenge esc = new Challenge(UUID.randomUUID(), UUID.randomUUID(), Kind.ESCALATION, ChallengeReason.NO_ANSWER, 1,
                ReferralState.SENT, Instant.now(), "u", UUID.randomUUID(), null, null, null, null);
        Challenge review = new Challenge(UUID.randomUUID(), UUID.randomUUID(), Kind.DECLINE_REVIEW, ChallengeReason.NEED_IN_SCOPE, 2,
                ReferralState.DECLINED, Instant.now(), "u", UUID.randomUUID(), null, null, null, null);
        assertTrue(ChallengeRules.answer(esc, ChallengeOutcome.ACTIONED, true).isEmpty());
        assertTrue(ChallengeRules.answer(review, ChallengeOutcome.DECLINE_OVERTURNED, true).isEmpty());
        assertEquals("outcome-not-for-kind", ChallengeRules.answer(esc, ChallengeOutcome.DECLINE_UPHELD, true).orElseThrow().slug());
        assertEquals("outcome", ChallengeRules.answer(review, ChallengeOutcome.CANNOT_ACT_NOW, true).orElseThrow().field());
        assertEquals("forbidden", ChallengeRules.answer(esc, ChallengeOutcome.ACTIONED, false).orElseThrow().slug());
        Challenge answered = esc.answered(ChallengeOutcome.ACTIONED, "v", UUID.randomUUID(), Instant.now());
        assertEquals("already-answered", ChallengeRules.answer(answered, ChallengeOutcome.ACTIONED, true).orElseThrow().slug());
    }
}
