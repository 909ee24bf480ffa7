package org.pathways.referral.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class ReportingPeriodsTest {

    private final ReportingPeriods sixMonthly = ReportingPeriods.of("P6M", Instant.parse("2020-04-01T00:00:00Z"));

    @Test
    void sixMonthlyPeriodsFromAprilFollowTheFinancialYearInUkTime() {
        ReportingPeriods.Period p = sixMonthly.containing(Instant.parse("2026-11-22T12:00:00Z"));
        assertEquals("2026-10-01_P6M", p.id());
        // 1 October is in British Summer Time: midnight there is 23:00 UTC the day before.
        assertEquals(Instant.parse("2026-09-30T23:00:00Z"), p.start());
        assertEquals(Instant.parse("2027-04-01T00:00:00Z").minusSeconds(3600), p.end());
        assertEquals("2026-04-01_P6M", sixMonthly.containing(Instant.parse("2026-09-30T22:59:59Z")).id());
        assertEquals("2019-10-01_P6M", sixMonthly.containing(Instant.parse("2020-03-31T12:00:00Z")).id());
    }

    @Test
    void onlyPeriodsThatHaveEndedAreClosed() {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");
        List<ReportingPeriods.Period> closed = sixMonthly.closed(Instant.parse("2025-06-01T00:00:00Z"), now, 10);
        assertEquals(List.of("2026-04-01_P6M", "2025-10-01_P6M", "2025-04-01_P6M"),
                closed.stream().map(ReportingPeriods.Period::id).toList());
        assertFalse(sixMonthly.isClosed(sixMonthly.containing(now), now));
        assertEquals(1, sixMonthly.closed(Instant.EPOCH, now, 1).size());
    }

    @Test
    void shortFixedPeriodsForTestsAndDemos() {
        ReportingPeriods p = ReportingPeriods.of("PT30S", Instant.parse("2026-01-01T00:00:00Z"));
        ReportingPeriods.Period period = p.containing(Instant.parse("2026-11-22T23:30:45Z"));
        assertEquals("20261122T233030Z_PT30S", period.id());
        assertEquals(period, p.parse(period.id()));
        assertTrue(p.isClosed(period, Instant.parse("2026-11-22T23:31:00Z")));
        assertFalse(p.isClosed(period, Instant.parse("2026-11-22T23:30:59Z")));
    }

    @Test
    void idsRoundTripAndStrangersAreRefused() {
        assertEquals(sixMonthly.containing(Instant.parse("2026-05-05T00:00:00Z")), sixMonthly.parse("2026-04-01_P6M"));
        assertThrows(IllegalArgumentException.class, () -> sixMonthly.parse("2026-05-01_P6M"));
        assertThrows(IllegalArgumentException.class, () -> sixMonthly.parse("2026-04-01_P3M"));
        assertThrows(IllegalArgumentException.class, () -> sixMonthly.parse("nonsense"));
        assertThrows(IllegalArgumentException.class, () -> ReportingPeriods.of("P5M", Instant.EPOCH));
        assertThrows(IllegalArgumentException.class, () -> ReportingPeriods.of("P6M", Instant.parse("2020-04-02T12:00:00Z")));
        assertThrows(IllegalArgumentException.class, () -> ReportingPeriods.of("PT0.5S", Instant.EPOCH));
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
