package org.pathways.referral.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.timer.WorkingDayCalendar.Division.ENGLAND_AND_WALES;
import static org.pathways.referral.timer.WorkingDayCalendar.Division.NORTHERN_IRELAND;
import static org.pathways.referral.timer.WorkingDayCalendar.Division.SCOTLAND;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.pathways.referral.timer.WorkingDayCalendar.Division;

/** Pure tests of the UK working-day calendar against GOV.UK's published bank holidays. */
class WorkingDayCalendarTest {

    private static final WorkingDayCalendar UK = WorkingDayCalendar.uk();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void easterGoodFridayAndEasterMondayInEnglandAndWalesButNoEasterMondayInScotland() {
        LocalDate goodFriday = LocalDate.of(2025, 4, 18);
        LocalDate easterMonday = LocalDate.of(2025, 4, 21);
        assertTrue(UK.isBankHoliday(goodFriday, ENGLAND_AND_WALES));
        assertTrue(UK.isBankHoliday(easterMonday, ENGLAND_AND_WALES));
        assertTrue(UK.isBankHoliday(goodFriday, SCOTLAND));
        assertFalse(UK.isBankHoliday(easterMonday, SCOTLAND));
        assertTrue(UK.isWorkingDay(easterMonday, SCOTLAND));
        assertTrue(UK.isBankHoliday(easterMonday, NORTHERN_IRELAND));
        // Another year's Easter (the date moves): 2026, Good Friday 3 April, Easter Monday 6 April.
        assertTrue(UK.isBankHoliday(LocalDate.of(2026, 4, 3), ENGLAND_AND_WALES));
        assertTrue(UK.isBankHoliday(LocalDate.of(2026, 4, 6), ENGLAND_AND_WALES));
        assertFalse(UK.isBankHoliday(LocalDate.of(2026, 4, 6), SCOTLAND));
    }

    @Test
    void secondOfJanuaryOnlyInScotlandWithItsSubstituteDay() {
        LocalDate second = LocalDate.of(2024, 1, 2); // a Tuesday
        assertTrue(UK.isBankHoliday(second, SCOTLAND));
        assertFalse(UK.isBankHoliday(second, ENGLAND_AND_WALES));
        assertFalse(UK.isBankHoliday(second, NORTHERN_IRELAND));
        assertTrue(UK.isWorkingDay(second, ENGLAND_AND_WALES));
        // 2027: 1 January is a Friday, 2 January a Saturday -> Scotland's substitute is Monday 4 January.
        assertTrue(UK.isBankHoliday(LocalDate.of(2027, 1, 4), SCOTLAND));
        assertFalse(UK.isBankHoliday(LocalDate.of(2027, 1, 4), ENGLAND_AND_WALES));
        // 2023: 1 January a Sunday -> Monday 2 January everywhere; Scotland's 2 January moves to Tuesday 3 January.
        assertTrue(UK.isBankHoliday(LocalDate.of(2023, 1, 2), ENGLAND_AND_WALES));
        assertTrue(UK.isBankHoliday(LocalDate.of(2023, 1, 3), SCOTLAND));
        assertFalse(UK.isBankHoliday(LocalDate.of(2023, 1, 3), ENGLAND_AND_WALES));
    }

    @Test
    void twelfthOfJulyOnlyInNorthernIrelandWithItsSubstituteDay() {
        LocalDate twelfth = LocalDate.of(2024, 7, 12); // a Friday
        assertTrue(UK.isBankHoliday(twelfth, NORTHERN_IRELAND));
        assertFalse(UK.isBankHoliday(twelfth, ENGLAND_AND_WALES));
        assertFalse(UK.isBankHoliday(twelfth, SCOTLAND));
        // 2026: 12 July is a Sunday -> Monday 13 July in Northern Ireland only.
        assertTrue(UK.isBankHoliday(LocalDate.of(2026, 7, 13), NORTHERN_IRELAND));
        assertFalse(UK.isWorkingDay(LocalDate.of(2026, 7, 13), NORTHERN_IRELAND));
        assertTrue(UK.isWorkingDay(LocalDate.of(2026, 7, 13), ENGLAND_AND_WALES));
    }

    @Test
    void holidaysAtAWeekendGiveSubstituteWeekdays() {
        // 2027: Christmas Day Saturday, Boxing Day Sunday -> Monday 27 and Tuesday 28 December.
        assertFalse(UK.isWorkingDay(LocalDate.of(2027, 12, 27), ENGLAND_AND_WALES));
        assertFalse(UK.isWorkingDay(LocalDate.of(2027, 12, 28), ENGLAND_AND_WALES));
        assertTrue(UK.isWorkingDay(LocalDate.of(2027, 12, 29), ENGLAND_AND_WALES));
        // 2022: Christmas Day Sunday -> Tuesday 27 December (Boxing Day Monday 26 stays).
        assertFalse(UK.isWorkingDay(LocalDate.of(2022, 12, 26), SCOTLAND));
        assertFalse(UK.isWorkingDay(LocalDate.of(2022, 12, 27), SCOTLAND));
        // 2025: St Andrew's Day (Scotland) is a Sunday -> Monday 1 December in Scotland only.
        assertFalse(UK.isWorkingDay(LocalDate.of(2025, 12, 1), SCOTLAND));
        assertTrue(UK.isWorkingDay(LocalDate.of(2025, 12, 1), ENGLAND_AND_WALES));
        // 2022: New Year's Day Saturday -> Monday 3 January.
        assertTrue(UK.isBankHoliday(LocalDate.of(2022, 1, 3), ENGLAND_AND_WALES));
    }

    @Test
    void addingWorkingDaysSkipsWeekendsAndTheNationsHolidays() {
        LocalDate maundyThursday = LocalDate.of(2025, 4, 17);
        // England and Wales: Good Friday, the weekend and Easter Monday are skipped -> Tuesday 22 is 1, Wednesday 23 is 2.
        assertEquals(LocalDate.of(2025, 4, 23), UK.addWorkingDays(maundyThursday, 2, ENGLAND_AND_WALES));
        // Scotland works on Easter Monday: Monday 21 is 1, Tuesday 22 is 2.
        assertEquals(LocalDate.of(2025, 4, 22), UK.addWorkingDays(maundyThursday, 2, SCOTLAND));
        // Northern Ireland's 12 July (Friday 2024) is skipped there only.
        LocalDate thursday = LocalDate.of(2024, 7, 11);
        assertEquals(LocalDate.of(2024, 7, 15), UK.addWorkingDays(thursday, 1, NORTHERN_IRELAND));
        assertEquals(LocalDate.of(2024, 7, 12), UK.addWorkingDays(thursday, 1, ENGLAND_AND_WALES));
        // A plain week: Friday + 1 = Monday; 0 days is the same day; a Saturday start counts from Monday.
        assertEquals(LocalDate.of(2025, 6, 9), UK.addWorkingDays(LocalDate.of(2025, 6, 6), 1, ENGLAND_AND_WALES));
        assertEquals(LocalDate.of(2025, 6, 6), UK.addWorkingDays(LocalDate.of(2025, 6, 6), 0, ENGLAND_AND_WALES));
        assertEquals(LocalDate.of(2025, 6, 10), UK.addWorkingDays(LocalDate.of(2025, 6, 7), 2, ENGLAND_AND_WALES));
        assertEquals(2, UK.workingDaysBetween(maundyThursday, LocalDate.of(2025, 4, 23), ENGLAND_AND_WALES));
        assertThrows(IllegalArgumentException.class, () -> UK.addWorkingDays(thursday, -1, ENGLAND_AND_WALES));
    }

    @Test
    void anInstantKeepsItsTimeOfDayAcrossChristmasAndTheClockChange() {
        // Friday 19 December 2025, 10:00 in London; five working days skip Christmas Day and Boxing Day.
        Instant sent = Instant.parse("2025-12-19T10:00:00Z");
        assertEquals(Instant.parse("2025-12-30T10:00:00Z"), UK.addWorkingDays(sent, 5, ENGLAND_AND_WALES, LONDON));
        // Friday 27 March 2026, 09:00 GMT; clocks go forward on Sunday 29: Monday 30 09:00 BST is 08:00 UTC.
        assertEquals(Instant.parse("2026-03-30T08:00:00Z"),
                UK.addWorkingDays(Instant.parse("2026-03-27T09:00:00Z"), 1, ENGLAND_AND_WALES, LONDON));
    }

    @Test
    void divisionsAreNamedByGovUkDivisionNationOrIsoSubdivision() {
        assertEquals(ENGLAND_AND_WALES, Division.of("england-and-wales"));
        assertEquals(ENGLAND_AND_WALES, Division.of("ENGLAND_AND_WALES"));
        assertEquals(ENGLAND_AND_WALES, Division.of("gb-eng"));
        assertEquals(ENGLAND_AND_WALES, Division.of("gb-wls"));
        assertEquals(SCOTLAND, Division.of("gb-sct"));
        assertEquals(SCOTLAND, Division.of("SCOTLAND"));
        assertEquals(NORTHERN_IRELAND, Division.of("gb-nir"));
        assertEquals(NORTHERN_IRELAND, Division.of("northern-ireland"));
        assertThrows(IllegalArgumentException.class, () -> Division.of("france"));
        assertThrows(IllegalArgumentException.class, () -> Division.of(null));
    }
}
