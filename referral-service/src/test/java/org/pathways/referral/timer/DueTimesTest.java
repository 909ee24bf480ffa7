package org.pathways.referral.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Pure tests of when each timer falls due. */
class DueTimesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DueTimes CALENDAR = new DueTimes(WorkingDayCalendar.uk(), Optional.empty(), LONDON, LocalTime.of(9, 0));
    private static final DueTimes SECONDS = new DueTimes(WorkingDayCalendar.uk(), Optional.of(Duration.ofSeconds(2)), LONDON,
            LocalTime.of(9, 0));

    @Test
    void aSentReferralIsRemindedBeforeEscalatedAtAndExpiredAfterItsTargetInWorkingDays() {
        // Thursday 17 April 2025, 10:00 BST (09:00 UTC); England and Wales: Good Friday and Easter Monday skipped.
        Instant sent = Instant.parse("2025-04-17T09:00:00Z");
        Map<TimerKind, Instant> due = CALENDAR.forSent(sent, 3, 1, 10, "england-and-wales");
        assertEquals(Instant.parse("2025-04-23T09:00:00Z"), due.get(TimerKind.REMIND));   // 2 working days: Tue 22, Wed 23
        assertEquals(Instant.parse("2025-04-24T09:00:00Z"), due.get(TimerKind.ESCALATE)); // 3: Thu 24
        assertEquals(Instant.parse("2025-05-06T09:00:00Z"), due.get(TimerKind.EXPIRE));   // 10: Tue 6 May (Mon 5 a holiday)
        // Scotland works on Easter Monday: each one a day sooner.
        assertEquals(Instant.parse("2025-04-23T09:00:00Z"), CALENDAR.forSent(sent, 3, 1, 10, "scotland").get(TimerKind.ESCALATE));
    }

    @Test
    void noReminderWhenNoneIsAskedOrItWouldNotComeBeforeTheTargetAndExpiryAlwaysAfterTheTarget() {
        Instant sent = Instant.parse("2025-06-02T09:00:00Z");
        Map<TimerKind, Instant> refuge = SECONDS.forSent(sent, 1, 0, 5, "england-and-wales");
        assertFalse(refuge.containsKey(TimerKind.REMIND));
        assertEquals(sent.plusSeconds(2), refuge.get(TimerKind.ESCALATE));
        assertEquals(sent.plusSeconds(10), refuge.get(TimerKind.EXPIRE));
        assertFalse(SECONDS.forSent(sent, 2, 2, 5, null).containsKey(TimerKind.REMIND));
        // Expiry at or before the target is moved one working day after it, so escalation comes first.
        assertEquals(sent.plusSeconds(8), SECONDS.forSent(sent, 3, 1, 2, null).get(TimerKind.EXPIRE));
        // No target from the directory: no timers.
        assertTrue(SECONDS.forSent(sent, null, 1, 5, null).isEmpty());
        // An unknown division counts as England and Wales.
        assertEquals(CALENDAR.forSent(sent, 3, 1, 10, "england-and-wales"), CALENDAR.forSent(sent, 3, 1, 10, "atlantis"));
    }

    @Test
    void aReviewDateIsRemindedAtNineInLondon() {
        assertEquals(Instant.parse("2026-07-01T08:00:00Z"), CALENDAR.reviewAt(LocalDate.of(2026, 7, 1)));  // BST
        assertEquals(Instant.parse("2026-12-01T09:00:00Z"), CALENDAR.reviewAt(LocalDate.of(2026, 12, 1))); // GMT
    }
}
