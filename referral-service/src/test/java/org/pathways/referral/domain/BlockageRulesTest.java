package org.pathways.referral.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathways.referral.domain.Blockage.Outcome;
import org.pathways.referral.domain.Blockage.Status;

/** The blockage log's review rule (ADR 0071), on plain values. */
class BlockageRulesTest {

    @Test
    void anItemIsReviewedThenResolvedOrClosedWithAnOutcome() {
        assertTrue(Blockage.change(Status.OPEN, Status.UNDER_REVIEW, null).isEmpty());
        assertTrue(Blockage.change(Status.OPEN, Status.CLOSED, Outcome.DUPLICATE).isEmpty());
        assertTrue(Blockage.change(Status.UNDER_REVIEW, Status.RESOLVED, Outcome.CAPACITY_ADDED).isEmpty());
        assertTrue(Blockage.change(Status.UNDER_REVIEW, Status.CLOSED, Outcome.NO_CHANGE_NEEDED).isEmpty());
        assertTrue(Blockage.change(Status.UNDER_REVIEW, Status.OPEN, null).isEmpty());
    }

    @Test
    void illegalMovesAndMissingOrStrayOutcomesAreRefused() {
        assertEquals("illegal-transition", Blockage.change(Status.OPEN, Status.RESOLVED, Outcome.OTHER).orElseThrow().slug());
        assertEquals("illegal-transition", Blockage.change(Status.OPEN, Status.OPEN, null).orElseThrow().slug());
        for (Status end : new Status[] { Status.RESOLVED, Status.CLOSED }) {
            for (Status to : Status.values()) {
                assertEquals(409, Blockage.change(end, to, Outcome.OTHER).orElseThrow().status(), end + " is final");
            }
        }
        Blockage.Refusal missing = Blockage.change(Status.UNDER_REVIEW, Status.RESOLVED, null).orElseThrow();
        assertEquals(422, missing.status());
        assertEquals("outcome", missing.field());
        assertEquals("outcome-not-allowed", Blockage.change(Status.OPEN, Status.UNDER_REVIEW, Outcome.OTHER).orElseThrow().slug());
    }
}
