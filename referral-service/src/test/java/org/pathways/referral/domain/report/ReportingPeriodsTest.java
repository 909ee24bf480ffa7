package org.pathways.referral.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class ReportingPeriodsTest {

    private final ReportingPeriods sixMonthly = new ReportingPeriods(LocalDate.of(2020, 4, 1), 6);

    @Test
    void sixMonthlyPeriodsFromAprilFollowTheFinancialYear() {
        ReportingPeriods.Period p = sixMonthly.containing(LocalDate.of(2026, 11, 22));
        assertEquals(LocalDate.of(2026, 10, 1), p.start());
        assertEquals(LocalDate.of(2027, 3, 31), p.end());
        assertEquals("2026-10-01/P6M", p.id());
        assertEquals(LocalDate.of(2026, 4, 1), sixMonthly.containing(LocalDate.of(2026, 9, 30)).start());
        // Before the anchor too.
        assertEquals(LocalDate.of(2019, 10, 1), sixMonthly.containing(LocalDate.of(2020, 3, 31)).start());
    }

    @Test
    void onlyPeriodsThatHaveEndedAreClosed() {
        LocalDate today = LocalDate.of(2026, 11, 22);
        List<ReportingPeriods.Period> closed = sixMonthly.closedBetween(LocalDate.of(2025, 6, 1), today);
        assertEquals(List.of("2026-04-01/P6M", "2025-10-01/P6M", "2025-04-01/P6M"),
                closed.stream().map(ReportingPeriods.Period::id).toList());
        assertFalse(sixMonthly.isClosed(sixMonthly.containing(today), today));
        assertTrue(sixMonthly.isClosed(sixMonthly.containing(LocalDate.of(2026, 9, 30)), LocalDate.of(2026, 10, 1)));
    }

    @Test
    void idsRoundTripAndStrangersAreRefused() {
        assertEquals(sixMonthly.containing(LocalDate.of(2026, 5, 5)), sixMonthly.parse("2026-04-01/P6M"));
        assertThrows(IllegalArgumentException.class, () -> sixMonthly.parse("2026-05-01/P6M"));
        assertThrows(IllegalArgumentException.class, () -> sixMonthly.parse("2026-04-01/P3M"));
        assertThrows(IllegalArgumentException.class, () -> sixMonthly.parse("nonsense"));
        assertThrows(IllegalArgumentException.class, () -> new ReportingPeriods(LocalDate.of(2020, 4, 1), 5));
        assertThrows(IllegalArgumentException.class, () -> new ReportingPeriods(LocalDate.of(2020, 4, 2), 6));
    }

    @Test
    void nearestRankPercentiles() {
        double[] days = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5.0, Percentiles.of(days, 50).getAsDouble());
        assertEquals(9.0, Percentiles.of(days, 90).getAsDouble());
        assertEquals(7.0, Percentiles.of(new double[] {7}, 90).getAsDouble());
        assertEquals(OptionalDouble.empty(), Percentiles.of(new double[0], 50));
        assertThrows(IllegalArgumentException.class, () -> Percentiles.of(days, 0));
    }
}
