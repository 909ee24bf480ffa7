package org.pathways.referral.domain.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pathways.platform.rest.Problem;

/** The support period's rules on plain values (issue 17, item 1; ADR 0073). */
class SupportPeriodRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void theDdvcLimitAppliesOnlyWhereSheIsEligibleAndTheServiceHasOne() {
        assertEquals(6, SupportPeriodRules.limitWeeks(12, 6, true));
        assertEquals(12, SupportPeriodRules.limitWeeks(12, 6, false));
        assertEquals(12, SupportPeriodRules.limitWeeks(12, null, true));
        assertNull(SupportPeriodRules.limitWeeks(null, null, true));
    }

    @Test
    void thePlannedEndAddsApprovedExtensionsInWeeks() {
        assertEquals(LocalDate.of(2027, 1, 18), SupportPeriodRules.plannedEnd(TODAY, 6, 0));
        assertEquals(LocalDate.of(2027, 2, 15), SupportPeriodRules.plannedEnd(TODAY, 6, 4));
        assertNull(SupportPeriodRules.plannedEnd(TODAY, null, 4));
    }

    @Test
    void daysCountToTheEndOrToTodayWhileOpen() {
        assertEquals(0, SupportPeriodRules.days(TODAY, TODAY, TODAY.plusDays(9)));
        assertEquals(9, SupportPeriodRules.days(TODAY, null, TODAY.plusDays(9)));
    }

    @Test
    void aStartIsADayFromTheSendToToday() {
        assertTrue(SupportPeriodRules.checkStart(TODAY, TODAY, TODAY).isEmpty());
        assertEquals(List.of("startedOn"), fields(SupportPeriodRules.checkStart(null, TODAY, TODAY)));
        assertEquals(List.of("startedOn"), fields(SupportPeriodRules.checkStart(TODAY.plusDays(1), TODAY, TODAY)));
        assertEquals(List.of("startedOn"), fields(SupportPeriodRules.checkStart(TODAY.minusDays(1), TODAY, TODAY)));
    }

    @Test
    void anExtensionNeedsWeeksInRangeAndAKnownReason() {
        assertTrue(SupportPeriodRules.checkExtension(4, "AWAITING_DDVC_DECISION").isEmpty());
        assertTrue(SupportPeriodRules.checkExtension(26, "OTHER").isEmpty());
        assertEquals(List.of("weeks", "reasonCode"), fields(SupportPeriodRules.checkExtension(0, "because")));
        assertEquals(List.of("weeks", "reasonCode"), fields(SupportPeriodRules.checkExtension(null, null)));
        assertEquals(List.of("weeks"), fields(SupportPeriodRules.checkExtension(27, "HEALTH")));
    }

    @Test
    void anEndIsADayFromTheStartToTodayWithAKnownReason() {
        assertTrue(SupportPeriodRules.checkEnd(TODAY, "MOVED_ON", TODAY, TODAY).isEmpty());
        assertEquals(List.of("endedOn", "reasonCode"), fields(SupportPeriodRules.checkEnd(TODAY.plusDays(1), "DONE", TODAY, TODAY)));
        assertEquals(List.of("endedOn"), fields(SupportPeriodRules.checkEnd(TODAY.minusDays(1), "GOALS_MET", TODAY, TODAY)));
        assertEquals(List.of("endedOn", "reasonCode"), fields(SupportPeriodRules.checkEnd(null, null, TODAY, TODAY)));
    }
}
