package org.pathways.referral.domain.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed reporting periods of {@code months} months counted from {@code anchor} (e.g. six-monthly from 1 April, the UK
 * financial year). A period is closed once its last day is before today; only closed periods are reported, and their
 * counts are stored so that later changes (erasure included) never alter a published figure.
 */
public record ReportingPeriods(LocalDate anchor, int months) {

    public ReportingPeriods {
        if (months < 1 || months > 12 || 12 % months != 0) {
            throw new IllegalArgumentException("reporting periods must divide the year: 1, 2, 3, 4, 6 or 12 months");
        }
        if (anchor.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("reporting periods start on the first day of a month");
        }
    }

    /** One period: [start, end] inclusive, with a stable id such as {@code 2026-04-01/P6M}. */
    public record Period(LocalDate start, LocalDate end, int months) {
        public String id() {
            return start + "/P" + months + "M";
        }

        public boolean contains(LocalDate day) {
            return !day.isBefore(start) && !day.isAfter(end);
        }
    }

    /** The period containing {@code day}. */
    public Period containing(LocalDate day) {
        long monthsFromAnchor = YearMonth.from(anchor).until(YearMonth.from(day), java.time.temporal.ChronoUnit.MONTHS);
        long index = Math.floorDiv(monthsFromAnchor, months);
        LocalDate start = anchor.plusMonths(index * months);
        return new Period(start, start.plusMonths(months).minusDays(1), months);
    }

    /** Parses an id made by {@link Period#id()}; it must be one of these periods. */
    public Period parse(String id) {
        String[] parts = id == null ? new String[0] : id.split("/P");
        if (parts.length != 2 || !parts[1].equals(months + "M")) {
            throw new IllegalArgumentException("not a reporting period id");
        }
        LocalDate start = LocalDate.parse(parts[0]);
        Period p = containing(start);
        if (!p.start().equals(start)) {
            throw new IllegalArgumentException("not the start of a reporting period");
        }
        return p;
    }

    /** Closed periods, newest first, from the one containing {@code since} to the last one ending before {@code today}. */
    public List<Period> closedBetween(LocalDate since, LocalDate today) {
        List<Period> out = new ArrayList<>();
        Period p = previous(containing(today)); // the period containing today is still open
        while (!p.end().isBefore(since)) {
            out.add(p);
            p = previous(p);
        }
        return out;
    }

    public boolean isClosed(Period p, LocalDate today) {
        return p.end().isBefore(today);
    }

    private Period previous(Period p) {
        return containing(p.start().minusDays(1));
    }
}
