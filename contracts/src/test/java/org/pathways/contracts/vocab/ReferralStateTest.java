package org.pathways.contracts.vocab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferralStateTest {

    /** docs/domain.md lifecycle table, "from" column, written out independently of the production code. */
    private static final Map<ReferralState, Set<ReferralState>> FROM = new EnumMap<>(ReferralState.class);

    static {
        FROM.put(DRAFT, EnumSet.noneOf(ReferralState.class)); // (new)
        FROM.put(SENT, EnumSet.of(DRAFT));
        FROM.put(ACCEPTED, EnumSet.of(SENT));
        FROM.put(DECLINED, EnumSet.of(SENT));
        FROM.put(WITHDRAWN, EnumSet.of(SENT, ACCEPTED, ON_HOLD, IN_PROGRESS));
        FROM.put(ON_HOLD, EnumSet.of(SENT, ACCEPTED, IN_PROGRESS)); // SENT: accepted onto the waiting list (issue 16, ADR 0054)
        FROM.put(IN_PROGRESS, EnumSet.of(ACCEPTED, ON_HOLD));
        FROM.put(COMPLETED, EnumSet.of(ACCEPTED, IN_PROGRESS, ON_HOLD));
        FROM.put(NOT_COMPLETED, EnumSet.of(ACCEPTED, IN_PROGRESS, ON_HOLD));
        FROM.put(EXPIRED, EnumSet.of(SENT));
        FROM.put(ENTERED_IN_ERROR, EnumSet.of(DRAFT, SENT, ACCEPTED, DECLINED, WITHDRAWN, ON_HOLD, IN_PROGRESS,
                COMPLETED, NOT_COMPLETED, EXPIRED)); // "any"
    }

    @Test
    void everyPairMatchesTheLifecycleTable() {
        for (ReferralState from : ReferralState.values()) {
            for (ReferralState to : ReferralState.values()) {
                boolean expected = FROM.get(to).contains(from);
                assertEquals(expected, from.canMoveTo(to), from + " -> " + to);
                assertEquals(expected, from.allowedTargets().contains(to), from + " -> " + to);
            }
        }
        for (ReferralState s : ReferralState.values()) {
            assertEquals(FROM.get(s), s.allowedSources(), "sources of " + s);
        }
    }

    @Test
    void examplesFromTheTable() {
        assertTrue(SENT.canMoveTo(ACCEPTED));
        assertTrue(SENT.canMoveTo(EXPIRED));
        assertTrue(ON_HOLD.canMoveTo(IN_PROGRESS));
        assertFalse(DRAFT.canMoveTo(COMPLETED));
        assertFalse(DRAFT.canMoveTo(ACCEPTED));
        assertFalse(SENT.canMoveTo(COMPLETED), "a referral must be accepted before it completes");
        assertTrue(SENT.canMoveTo(ON_HOLD)); // accepted onto the waiting list in one move (issue 16)
        assertFalse(DECLINED.canMoveTo(SENT), "re-routing makes a new referral, not a transition");
        assertFalse(ACCEPTED.canMoveTo(null));
        assertEquals(EnumSet.of(ACCEPTED, DECLINED, WITHDRAWN, ON_HOLD, EXPIRED, ENTERED_IN_ERROR), SENT.allowedTargets());
    }

    @Test
    void enteredInErrorIsReachableFromEveryOtherStateAndLeadsNowhere() {
        for (ReferralState s : ReferralState.values()) {
            if (s != ENTERED_IN_ERROR) {
                assertTrue(s.canMoveTo(ENTERED_IN_ERROR), s + " -> ENTERED_IN_ERROR");
            }
        }
        assertTrue(ENTERED_IN_ERROR.allowedTargets().isEmpty());
        assertFalse(ENTERED_IN_ERROR.canMoveTo(ENTERED_IN_ERROR));
    }

    @Test
    void terminalStatesOnlyAllowCorrection() {
        Set<ReferralState> terminal = EnumSet.of(DECLINED, WITHDRAWN, COMPLETED, NOT_COMPLETED, EXPIRED,
                ENTERED_IN_ERROR);
        for (ReferralState s : ReferralState.values()) {
            assertEquals(terminal.contains(s), s.isTerminal(), s + " terminal");
            if (s.isTerminal() && s != ENTERED_IN_ERROR) {
                assertEquals(Set.of(ENTERED_IN_ERROR), s.allowedTargets(), s + " targets");
            }
        }
        for (ReferralState s : ReferralState.values()) {
            assertFalse(s.canMoveTo(DRAFT), "nothing returns to DRAFT");
        }
    }

    @Test
    void fhirTaskStatusesFollowTheTable() {
        Map<ReferralState, String> fhir = new EnumMap<>(ReferralState.class);
        fhir.put(DRAFT, "draft");
        fhir.put(SENT, "requested");
        fhir.put(ACCEPTED, "accepted");
        fhir.put(DECLINED, "rejected");
        fhir.put(WITHDRAWN, "cancelled");
        fhir.put(ON_HOLD, "on-hold");
        fhir.put(IN_PROGRESS, "in-progress");
        fhir.put(COMPLETED, "completed");
        fhir.put(NOT_COMPLETED, "failed");
        fhir.put(EXPIRED, "cancelled");
        fhir.put(ENTERED_IN_ERROR, "entered-in-error");
        for (ReferralState s : ReferralState.values()) {
            assertEquals(fhir.get(s), s.fhirStatus(), s.name());
        }
    }

    @Test
    void setsAreUnmodifiable() {
        assertThrows(UnsupportedOperationException.class, () -> SENT.allowedTargets().add(DRAFT));
        assertThrows(UnsupportedOperationException.class, () -> SENT.allowedSources().clear());
    }

    @Test
    void codesRoundTrip() {
        for (ReferralState s : ReferralState.values()) {
            assertEquals(s.name(), s.code());
            assertSame(s, ReferralState.fromCode(s.code()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferralState.fromCode("requested"));
        assertTrue(e.getMessage().contains("IN_PROGRESS"), e.getMessage());
    }
}
