package org.pathways.referral.domain.turnaway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pathways.platform.rest.Problem;

class TurnAwayRulesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    private static List<String> fields(List<Problem.FieldError> errors) {
        return errors.stream().map(Problem.FieldError::field).toList();
    }

    @Test
    void aServiceNeedReasonAndRecentDayAreEnough() {
        assertTrue(TurnAwayRules.check("refuge-safe-accommodation", "NO_CAPACITY", TODAY, TODAY).isEmpty());
        assertTrue(TurnAwayRules.check("legal-immigration", "NOT_ELIGIBLE", TODAY.minusDays(31), TODAY).isEmpty());
    }

    @Test
    void reasonsAboutHerOrAReferralAreNotTurnAwayReasons() {
        for (String code : List.of("PERSON_DECLINED", "DISENGAGED", "COULD_NOT_CONTACT", "DUPLICATE", "no_capacity", "")) {
            assertEquals(List.of("reasonCode"), fields(TurnAwayRules.check("counselling", code, TODAY, TODAY)), code);
        }
        assertEquals(List.of("reasonCode"), fields(TurnAwayRules.check("counselling", null, TODAY, TODAY)));
    }

    @Test
    void theDayIsRequiredNotInTheFutureAndRecent() {
        assertEquals(List.of("date"), fields(TurnAwayRules.check("counselling", "OTHER", null, TODAY)));
        assertEquals(List.of("date"), fields(TurnAwayRules.check("counselling", "OTHER", TODAY.plusDays(1), TODAY)));
        assertEquals(List.of("date"), fields(TurnAwayRules.check("counselling", "OTHER", TODAY.minusDays(32), TODAY)));
    }

    @Test
    void everyBadFieldIsNamedAtOnce() {
        assertEquals(List.of("needCode", "reasonCode", "date"), fields(TurnAwayRules.check("not-a-need", "NOPE", null, TODAY)));
        assertEquals(List.of("needCode", "reasonCode", "date"), fields(TurnAwayRules.check(null, null, null, TODAY)));
    }
}
