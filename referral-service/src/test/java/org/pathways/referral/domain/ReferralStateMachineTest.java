package org.pathways.referral.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.contracts.vocab.ReferralState.ACCEPTED;
import static org.pathways.contracts.vocab.ReferralState.COMPLETED;
import static org.pathways.contracts.vocab.ReferralState.DECLINED;
import static org.pathways.contracts.vocab.ReferralState.DRAFT;
import static org.pathways.contracts.vocab.ReferralState.ENTERED_IN_ERROR;
import static org.pathways.contracts.vocab.ReferralState.EXPIRED;
import static org.pathways.contracts.vocab.ReferralState.IN_PROGRESS;
import static org.pathways.contracts.vocab.ReferralState.NOT_COMPLETED;
import static org.pathways.contracts.vocab.ReferralState.ON_HOLD;
import static org.pathways.contracts.vocab.ReferralState.SENT;
import static org.pathways.contracts.vocab.ReferralState.WITHDRAWN;
import static org.pathways.referral.domain.ReferralStateMachine.Actor.RECEIVER;
import static org.pathways.referral.domain.ReferralStateMachine.Actor.REFERRER;
import static org.pathways.referral.domain.ReferralStateMachine.Actor.SYSTEM;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.NeedOutcome;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.referral.domain.ReferralStateMachine.Actor;
import org.pathways.referral.domain.ReferralStateMachine.IllegalMoveException;
import org.pathways.referral.domain.ReferralStateMachine.Move;
import org.pathways.referral.domain.ReferralStateMachine.MoveRequirementException;
import org.pathways.referral.domain.ReferralStateMachine.Transition;

/** Every row of docs/domain.md's lifecycle table, written out here independently of the code under test. */
class ReferralStateMachineTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Set<String> NEEDS = Set.of("legal-immigration", "counselling");
    private static final Map<String, NeedOutcome> ALL_MET = Map.of("legal-immigration", NeedOutcome.NEED_MET,
            "counselling", NeedOutcome.PARTLY_MET);

    /** "target: who; from" — the table, copied by hand. */
    private static final String[] TABLE = {
            "SENT: REFERRER; DRAFT",
            "ACCEPTED: RECEIVER; SENT",
            "DECLINED: RECEIVER; SENT",
            "WITHDRAWN: REFERRER RECEIVER; SENT ACCEPTED ON_HOLD IN_PROGRESS",
            "ON_HOLD: RECEIVER; SENT ACCEPTED IN_PROGRESS", // SENT: onto the waiting list in one move (issue 16, ADR 0054)
            "IN_PROGRESS: RECEIVER; ACCEPTED ON_HOLD",
            "COMPLETED: RECEIVER; ACCEPTED IN_PROGRESS ON_HOLD",
            "NOT_COMPLETED: RECEIVER; ACCEPTED IN_PROGRESS ON_HOLD",
            "EXPIRED: SYSTEM; SENT",
            "ENTERED_IN_ERROR: REFERRER; DRAFT SENT ACCEPTED DECLINED WITHDRAWN ON_HOLD IN_PROGRESS COMPLETED NOT_COMPLETED EXPIRED",
    };

    private static Set<String> legalTriples() {
        Set<String> legal = new HashSet<>();
        for (String row : TABLE) {
            String target = row.substring(0, row.indexOf(':'));
            String[] parts = row.substring(row.indexOf(':') + 1).split(";");
            for (String who : parts[0].trim().split(" ")) {
                for (String from : parts[1].trim().split(" ")) legal.add(from + ">" + target + ">" + who);
            }
        }
        return legal;
    }

    /** A move carrying exactly what its target needs. */
    private static Move complete(ReferralState target) {
        Move m = Move.to(target);
        return switch (target) {
            case DECLINED, WITHDRAWN, NOT_COMPLETED -> m.because(ReasonCode.NO_CAPACITY);
            case ON_HOLD -> m.reviewOn(TODAY.plusDays(14));
            case COMPLETED -> m.withOutcomes(ALL_MET, List.of("employment-skills"));
            default -> m;
        };
    }

    @Test
    void everyStateTargetAndActorIsAllowedExactlyAsTheTableSays() {
        Set<String> legal = legalTriples();
        int allowed = 0;
        for (ReferralState from : ReferralState.values()) {
            for (ReferralState to : ReferralState.values()) {
                for (Actor actor : Actor.values()) {
                    String triple = from + ">" + to + ">" + actor;
                    if (legal.contains(triple)) {
                        Transition t = ReferralStateMachine.move(from, actor, complete(to), NEEDS, TODAY);
                        assertEquals(from, t.from());
                        assertEquals(to, t.to());
                        assertEquals(actor, t.actor());
                        allowed++;
                    } else {
                        IllegalMoveException e = assertThrows(IllegalMoveException.class,
                                () -> ReferralStateMachine.move(from, actor, complete(to), NEEDS, TODAY), triple);
                        assertEquals(ReferralStateMachine.allowedMoves(from, actor), e.allowed(), triple);
                        assertEquals(from, e.from());
                        assertEquals(to, e.to());
                    }
                }
            }
        }
        assertEquals(legal.size(), allowed);
        assertEquals(1 + 1 + 1 + 8 + 3 + 2 + 3 + 3 + 1 + 10, allowed, "rows of the table, counted by hand"); // ON_HOLD: + SENT (issue 16)
    }

    @Test
    void anIllegalMoveListsTheMovesThisActorMayMake() {
        IllegalMoveException e = assertThrows(IllegalMoveException.class,
                () -> ReferralStateMachine.move(SENT, RECEIVER, Move.to(COMPLETED).withOutcomes(ALL_MET, null), NEEDS, TODAY));
        assertEquals(List.of(ACCEPTED, DECLINED, WITHDRAWN, ON_HOLD), e.allowed());
        assertEquals(List.of(WITHDRAWN, ENTERED_IN_ERROR), ReferralStateMachine.allowedMoves(SENT, REFERRER));
        assertEquals(List.of(EXPIRED), ReferralStateMachine.allowedMoves(SENT, SYSTEM));
        assertEquals(List.of(WITHDRAWN, ON_HOLD, IN_PROGRESS, COMPLETED, NOT_COMPLETED),
                ReferralStateMachine.allowedMoves(ACCEPTED, RECEIVER));
        assertEquals(List.of(ENTERED_IN_ERROR), ReferralStateMachine.allowedMoves(COMPLETED, REFERRER));
        assertEquals(List.of(), ReferralStateMachine.allowedMoves(COMPLETED, RECEIVER), "terminal for the receiver");
        assertEquals(List.of(), ReferralStateMachine.allowedMoves(ENTERED_IN_ERROR, REFERRER));
        // A receiver may not send the referrer's draft, and nobody may resume a terminal referral.
        assertThrows(IllegalMoveException.class, () -> ReferralStateMachine.move(DRAFT, RECEIVER, Move.to(SENT), NEEDS, TODAY));
        assertThrows(IllegalMoveException.class, () -> ReferralStateMachine.move(DECLINED, RECEIVER, Move.to(ACCEPTED), NEEDS, TODAY));
        assertThrows(IllegalMoveException.class, () -> ReferralStateMachine.move(EXPIRED, REFERRER, Move.to(SENT), NEEDS, TODAY));
    }

    @Test
    void onlyTheReferrerCreatesADraft() {
        assertEquals(DRAFT, ReferralStateMachine.create(REFERRER));
        assertThrows(IllegalMoveException.class, () -> ReferralStateMachine.create(RECEIVER));
        assertThrows(IllegalMoveException.class, () -> ReferralStateMachine.create(SYSTEM));
    }

    @Test
    void declineWithdrawAndNotCompletedNeedAReason() {
        for (ReferralState to : EnumSet.of(DECLINED, WITHDRAWN, NOT_COMPLETED)) {
            ReferralState from = to == DECLINED ? SENT : ACCEPTED;
            MoveRequirementException e = assertThrows(MoveRequirementException.class,
                    () -> ReferralStateMachine.move(from, RECEIVER, Move.to(to), NEEDS, TODAY), to.name());
            assertEquals("reason", e.issues().get(0).field());
            Transition t = ReferralStateMachine.move(from, RECEIVER, Move.to(to).because(ReasonCode.COULD_NOT_CONTACT), NEEDS, TODAY);
            assertEquals(ReasonCode.COULD_NOT_CONTACT, t.reason());
        }
        // The referrer withdraws too, with a reason.
        assertThrows(MoveRequirementException.class, () -> ReferralStateMachine.move(IN_PROGRESS, REFERRER, Move.to(WITHDRAWN), NEEDS, TODAY));
        assertEquals(WITHDRAWN, ReferralStateMachine.move(IN_PROGRESS, REFERRER, Move.to(WITHDRAWN).because(ReasonCode.PERSON_DECLINED),
                NEEDS, TODAY).to());
        // Moves without a required reason may still carry one.
        assertEquals(ReasonCode.DUPLICATE, ReferralStateMachine.move(SENT, REFERRER, Move.to(ENTERED_IN_ERROR).because(ReasonCode.DUPLICATE),
                NEEDS, TODAY).reason());
    }

    @Test
    void onHoldNeedsAFutureReviewDateAndOnlyOnHoldTakesOne() {
        assertEquals("reviewDate", assertThrows(MoveRequirementException.class,
                () -> ReferralStateMachine.move(ACCEPTED, RECEIVER, Move.to(ON_HOLD), NEEDS, TODAY)).issues().get(0).field());
        assertThrows(MoveRequirementException.class,
                () -> ReferralStateMachine.move(ACCEPTED, RECEIVER, Move.to(ON_HOLD).reviewOn(TODAY), NEEDS, TODAY));
        assertThrows(MoveRequirementException.class,
                () -> ReferralStateMachine.move(IN_PROGRESS, RECEIVER, Move.to(ON_HOLD).reviewOn(TODAY.minusDays(1)), NEEDS, TODAY));
        assertEquals(TODAY.plusDays(1), ReferralStateMachine.move(IN_PROGRESS, RECEIVER, Move.to(ON_HOLD).reviewOn(TODAY.plusDays(1)),
                NEEDS, TODAY).reviewDate());
        assertThrows(MoveRequirementException.class,
                () -> ReferralStateMachine.move(SENT, RECEIVER, Move.to(ACCEPTED).reviewOn(TODAY.plusDays(3)), NEEDS, TODAY));
    }

    @Test
    void completingNeedsAnOutcomeForEveryNeedAndNoOthers() {
        MoveRequirementException missing = assertThrows(MoveRequirementException.class,
                () -> ReferralStateMachine.move(IN_PROGRESS, RECEIVER, Move.to(COMPLETED), NEEDS, TODAY));
        assertEquals(List.of("outcomes.counselling", "outcomes.legal-immigration"),
                missing.issues().stream().map(ReferralStateMachine.Issue::field).toList());
        MoveRequirementException partial = assertThrows(MoveRequirementException.class, () -> ReferralStateMachine.move(IN_PROGRESS,
                RECEIVER, Move.to(COMPLETED).withOutcomes(Map.of("counselling", NeedOutcome.NEED_MET), null), NEEDS, TODAY));
        assertEquals(List.of("outcomes.legal-immigration"), partial.issues().stream().map(ReferralStateMachine.Issue::field).toList());
        java.util.HashMap<String, NeedOutcome> extra = new java.util.HashMap<>(ALL_MET);
        extra.put("fgm", NeedOutcome.NOT_MET);
        assertThrows(MoveRequirementException.class, () -> ReferralStateMachine.move(ON_HOLD, RECEIVER,
                Move.to(COMPLETED).withOutcomes(extra, null), NEEDS, TODAY));
        assertThrows(MoveRequirementException.class, () -> ReferralStateMachine.move(ACCEPTED, RECEIVER,
                Move.to(COMPLETED).withOutcomes(ALL_MET, List.of("not-a-need")), NEEDS, TODAY));
        assertThrows(MoveRequirementException.class, () -> ReferralStateMachine.move(ACCEPTED, RECEIVER,
                Move.to(COMPLETED).withOutcomes(Map.of(), null), Set.of(), TODAY), "a referral without needs cannot be completed");

        Transition done = ReferralStateMachine.move(ACCEPTED, RECEIVER,
                Move.to(COMPLETED).withOutcomes(ALL_MET, List.of("employment-skills", "welfare-benefits")), NEEDS, TODAY);
        assertEquals(ALL_MET, done.outcomes());
        assertEquals(List.of("employment-skills", "welfare-benefits"), done.onwardNeeds());
        assertTrue(ReferralStateMachine.move(ACCEPTED, RECEIVER, Move.to(COMPLETED).withOutcomes(ALL_MET, null), NEEDS, TODAY)
                .onwardNeeds().isEmpty(), "onward needs are optional");
        // Outcomes belong to COMPLETED only.
        assertThrows(MoveRequirementException.class, () -> ReferralStateMachine.move(ACCEPTED, RECEIVER,
                Move.to(NOT_COMPLETED).because(ReasonCode.DISENGAGED).withOutcomes(ALL_MET, null), NEEDS, TODAY));
        assertNull(ReferralStateMachine.move(ACCEPTED, RECEIVER, Move.to(IN_PROGRESS), NEEDS, TODAY).outcomes());
    }

    @Test
    void theRulesCoverEveryStateAndMatchTheVocabulary() {
        for (ReferralState s : ReferralState.values()) {
            assertTrue(ReferralStateMachine.ruleFor(s) != null, s.name());
        }
        assertEquals(EnumSet.of(SYSTEM), ReferralStateMachine.ruleFor(EXPIRED).actors());
        assertEquals(EnumSet.of(REFERRER, RECEIVER), ReferralStateMachine.ruleFor(WITHDRAWN).actors());
    }

    // ------------------------------------------------------------------ internal referrals (issue 16, ADR 0053)

    @Test
    void onAnInternalReferralTheMoveDecidesTheSide() {
        assertEquals(RECEIVER, ReferralStateMachine.internalActor(ACCEPTED));
        assertEquals(RECEIVER, ReferralStateMachine.internalActor(DECLINED));
        assertEquals(RECEIVER, ReferralStateMachine.internalActor(ON_HOLD));
        assertEquals(RECEIVER, ReferralStateMachine.internalActor(IN_PROGRESS));
        assertEquals(RECEIVER, ReferralStateMachine.internalActor(COMPLETED));
        assertEquals(RECEIVER, ReferralStateMachine.internalActor(NOT_COMPLETED));
        assertEquals(REFERRER, ReferralStateMachine.internalActor(WITHDRAWN)); // both may: the referrer's withdrawal
        assertEquals(REFERRER, ReferralStateMachine.internalActor(ENTERED_IN_ERROR));
        assertEquals(REFERRER, ReferralStateMachine.internalActor(SENT));

        Transition accepted = ReferralStateMachine.moveInternal(SENT, Move.to(ACCEPTED), NEEDS, TODAY);
        assertEquals(RECEIVER, accepted.actor());
        Transition withdrawn = ReferralStateMachine.moveInternal(ACCEPTED, Move.to(WITHDRAWN).because(ReasonCode.PERSON_DECLINED), NEEDS, TODAY);
        assertEquals(REFERRER, withdrawn.actor());
    }

    @Test
    void anInternalReferralKeepsTheRequirementsAndRefusesTheSystemsMoves() {
        MoveRequirementException missing = assertThrows(MoveRequirementException.class,
                () -> ReferralStateMachine.moveInternal(SENT, Move.to(DECLINED), NEEDS, TODAY));
        assertEquals("reason", missing.issues().get(0).field());
        IllegalMoveException expired = assertThrows(IllegalMoveException.class,
                () -> ReferralStateMachine.moveInternal(SENT, Move.to(EXPIRED), NEEDS, TODAY));
        // Both sides' moves from SENT are offered, since the organisation holds both.
        assertEquals(List.of(ACCEPTED, DECLINED, WITHDRAWN, ON_HOLD, ENTERED_IN_ERROR), expired.allowed());
        assertThrows(IllegalMoveException.class, () -> ReferralStateMachine.moveInternal(COMPLETED, Move.to(ACCEPTED), NEEDS, TODAY));
    }
}
