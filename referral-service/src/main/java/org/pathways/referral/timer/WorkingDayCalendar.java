package org.pathways.referral.timer;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;

/**
 * Working days of a UK nation: Monday to Friday, less that nation's bank holidays (jollyday's United Kingdom calendar
 * and its subdivisions). Response targets are counted on the receiving service's nation: Easter Monday is a holiday in
 * England, Wales and Northern Ireland but not in Scotland; 2 January only in Scotland; 12 July only in Northern
 * Ireland. A holiday that falls at a weekend gives a substitute weekday (jollyday's moving conditions).
 *
 * <p>Pure and thread-safe; holidays are computed once per division and year.
 */
public final class WorkingDayCalendar {

    /** The GOV.UK bank-holiday divisions (directory-service's {@code bankHolidayDivision}) and their jollyday codes. */
    public enum Division {
        ENGLAND_AND_WALES("england-and-wales", "eng"),
        SCOTLAND("scotland", "sct"),
        NORTHERN_IRELAND("northern-ireland", "nir");

        private final String code;
        private final String subdivision;

        Division(String code, String subdivision) {
            this.code = code;
            this.subdivision = subdivision;
        }

        /** The GOV.UK division name, e.g. {@code england-and-wales}. */
        public String code() {
            return code;
        }

        /**
         * Accepts the GOV.UK division ({@code scotland}), the directory's nation ({@code SCOTLAND}) or the ISO 3166-2
         * subdivision ({@code gb-sct}; {@code gb-eng} and {@code gb-wls} are both England and Wales).
         *
         * @throws IllegalArgumentException for anything else
         */
        public static Division of(String value) {
            if (value == null) throw new IllegalArgumentException("a bank-holiday division is required");
            String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Division d : values()) {
                if (d.code.equals(v) || ("gb-" + d.subdivision).equals(v)) return d;
            }
            if (v.equals("gb-wls") || v.equals("england") || v.equals("wales")) return ENGLAND_AND_WALES;
            throw new IllegalArgumentException("unknown bank-holiday division; use england-and-wales, scotland or northern-ireland");
        }
    }

    private static final WorkingDayCalendar UK = new WorkingDayCalendar();

    private final HolidayManager manager;
    private final Map<String, Set<LocalDate>> cache = new ConcurrentHashMap<>();

    private WorkingDayCalendar() {
        manager = HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.UNITED_KINGDOM));
    }

    /** The United Kingdom's calendar (one shared instance). */
    public static WorkingDayCalendar uk() {
        return UK;
    }

    /** The bank holidays of one division in one year, sorted: actual and substitute (observed) dates alike. */
    public Set<LocalDate> bankHolidays(int year, Division division) {
        return cache.computeIfAbsent(division.subdivision + year, k -> {
            Set<LocalDate> out = new TreeSet<>();
            for (Holiday h : manager.getHolidays(Year.of(year), division.subdivision)) {
                // The substitute day is the one off work; the actual date is a weekend (or another holiday) anyway.
                out.add(h.getDate());
                out.add(h.getActualDate());
                h.getObservedDate().ifPresent(out::add);
            }
            return Collections.unmodifiableSet(out);
        });
    }

    public boolean isBankHoliday(LocalDate date, Division division) {
        return bankHolidays(date.getYear(), division).contains(date);
    }

    public boolean isWorkingDay(LocalDate date, Division division) {
        DayOfWeek d = date.getDayOfWeek();
        return d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY && !isBankHoliday(date, division);
    }

    /**
     * The {@code days}-th working day after {@code from} ({@code from} itself does not count, whatever it is); {@code from}
     * for 0.
     */
    public LocalDate addWorkingDays(LocalDate from, int days, Division division) {
        if (days < 0) throw new IllegalArgumentException("days must not be negative");
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d, division)) left--;
        }
        return d;
    }

    /**
     * The same time of day on the {@code days}-th working day after the local date of {@code from} in {@code zone}: a
     * referral sent on Friday at 10:00 with a two-working-day target is due on Tuesday at 10:00 (Monday a bank
     * holiday: Wednesday).
     */
    public Instant addWorkingDays(Instant from, int days, Division division, ZoneId zone) {
        ZonedDateTime start = from.atZone(zone);
        LocalDate due = addWorkingDays(start.toLocalDate(), days, division);
        return ZonedDateTime.of(due, start.toLocalTime(), zone).toInstant();
    }

    /** Working days strictly after {@code from} up to and including {@code to} (0 if {@code to} is not after it). */
    public int workingDaysBetween(LocalDate from, LocalDate to, Division division) {
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (isWorkingDay(d, division)) n++;
        }
        return n;
    }
}
