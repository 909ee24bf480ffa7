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
        assertEquals(List.of("WITHDRAWN", "ON_HOLD", "IN_PROGRESS", "NOT_COMPLETED"), targets("ACCEPTED", Moves.Side.RECEIVER));
        assertTrue(Moves.offered("ACCEPTED", Moves.Side.RECEIVER).get(1).needsReviewDate());
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
