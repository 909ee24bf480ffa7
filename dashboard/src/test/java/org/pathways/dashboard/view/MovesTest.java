package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MovesTest {

    private static List<String> targets(String state, Moves.Side side) {
        return Moves.offered(state, side).stream().map(Moves.Move::target).toList();
    }

    @Test
    void theReceiverOfANewReferralMayAcceptDeclineOrWithdraw() {
        assertEquals(List.of("ACCEPTED", "DECLINED", "WITHDRAWN", "ON_HOLD"), targets("SENT", Moves.Side.RECEIVER)); // issue 16: onto the waiting list from SENT
        Moves.Move decline = Moves.offered("SENT", Moves.Side.RECEIVER).get(1);
        assertTrue(decline.needsReason(), "a decline carries a reason code");
    }

    @Test
    void theReferrerMayOnlyWithdrawWhileItIsOpen() {
        assertEquals(List.of("WITHDRAWN"), targets("SENT", Moves.Side.REFERRER));
        assertEquals(List.of("WITHDRAWN"), targets("ACCEPTED", Moves.Side.REFERRER));
        assertEquals(List.of(), targets("DECLINED", Moves.Side.REFERRER));
    }

    @Test
    void anAcceptedReferralCanStartBeHeldWithADateOrClose() {
        assertEquals(List.of("WITHDRAWN", "ON_HOLD", "IN_PROGRESS", "COMPLETED", "NOT_COMPLETED"), targets("ACCEPTED", Moves.Side.RECEIVER));
        assertTrue(Moves.offered("ACCEPTED", Moves.Side.RECEIVER).get(1).needsReviewDate());
    }

    @Test
    void completingRecordsAnOutcomePerNeedAndIsTheReceiversOnly() {
        Moves.Move complete = Moves.offered("IN_PROGRESS", Moves.Side.RECEIVER).stream()
                .filter(m -> m.target().equals("COMPLETED")).findFirst().orElseThrow();
        assertTrue(complete.needsOutcomes(), "a completion carries an outcome per need");
        assertTrue(!complete.needsReason() && !complete.needsReviewDate());
        assertEquals(List.of("WITHDRAWN"), targets("IN_PROGRESS", Moves.Side.REFERRER));
        assertEquals(List.of("Met", "Partly met", "Not met"), Moves.outcomes().stream().map(Moves.Reason::label).toList());
        assertTrue(Moves.needs().stream().anyMatch(n -> n.code().equals("counselling") && n.label().equals("Counselling")));
    }

    @Test
    void anOnHoldReferralResumes() {
        assertEquals("Resume work", Moves.offered("ON_HOLD", Moves.Side.RECEIVER).stream()
                .filter(m -> m.target().equals("IN_PROGRESS")).findFirst().orElseThrow().label());
    }

    @Test
    void nothingIsOfferedOnAnEndedOrUnknownState() {
        assertEquals(List.of(), targets("COMPLETED", Moves.Side.RECEIVER));
        assertEquals(List.of(), targets("NONSENSE", Moves.Side.RECEIVER));
        assertEquals(List.of(), targets(null, Moves.Side.RECEIVER));
    }

    @Test
    void everyReasonCodeIsOfferedWithALabel() {
        assertTrue(Moves.reasons().stream().anyMatch(r -> r.code().equals("NO_CAPACITY") && r.label().equals("No capacity")));
    }
}
