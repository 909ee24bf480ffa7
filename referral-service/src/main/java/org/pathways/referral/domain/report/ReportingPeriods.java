package org.pathways.referral.domain.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed reporting periods. In production, calendar periods of whole months from an anchor date (six-monthly from
 * 1 April, the UK financial year; days start at midnight UK time); for tests and demos, periods of a fixed duration from
 * an anchor instant, so that a period closes in seconds. A period is closed once it has ended; only closed periods are
 * reported, and their counts are stored so that later changes (erasure included) never alter a published figure.
 *
 * <p>Period ids are path-safe: {@code 2026-04-01_P6M} (months), {@code 20261122T233000Z_PT30S} (duration).
 */
public final class ReportingPeriods {

    static final ZoneId UK = ZoneId.of("Europe/London");
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String spec;
    private final int months;          // > 0 in calendar mode
    private final Duration fixed;      // non-null in duration mode
    private final LocalDate anchorDate;
    private final Instant anchor;

    private ReportingPeriods(String spec, int months, Duration fixed, Instant anchor) {
        this.spec = spec;
        this.months = months;
        this.fixed = fixed;
        this.anchor = anchor;
        this.anchorDate = LocalDate.ofInstant(anchor, UK);
    }

    /**
     * @param spec   {@code P6M} (1, 2, 3, 4, 6 or 12 months) or a duration such as {@code PT30S} (at least one second)
     * @param anchor where periods are counted from (calendar mode uses its UK date, which must be a 1st)
     */
    public static ReportingPeriods of(String spec, Instant anchor) {
        String s = spec.trim().toUpperCase();
        if (s.startsWith("PT")) {
            Duration d;
            try {
                d = Duration.parse(s);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("reporting period is not an ISO-8601 duration: " + spec);
            }
            if (d.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("a reporting period lasts at least one second");
            }
            return new ReportingPeriods(s, 0, d, anchor.truncatedTo(ChronoUnit.SECONDS));
        }
        java.time.Period p;
        try {
            p = java.time.Period.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("reporting period is not an ISO-8601 period: " + spec);
        }
        int m = (int) p.toTotalMonths();
        if (p.getDays() != 0 || m < 1 || m > 12 || 12 % m != 0) {
            throw new IllegalArgumentException("calendar reporting periods must divide the year: 1, 2, 3, 4, 6 or 12 months");
        }
        ReportingPeriods periods = new ReportingPeriods("P" + m + "M", m, null, anchor);
        if (periods.anchorDate.getDayOfMonth() != 1) {
            throw new IllegalArgumentException("calendar reporting periods start on the first day of a month");
        }
        return periods;
    }

    /** One period, [start, end). */
    public record Period(String id, Instant start, Instant end) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    public String spec() {
        return spec;
    }

    /** The period containing {@code t}. */
    public Period containing(Instant t) {
        if (fixed != null) {
            long index = Math.floorDiv(Duration.between(anchor, t).toMillis(), fixed.toMillis());
            Instant start = anchor.plus(fixed.multipliedBy(index));
            return new Period(COMPACT.format(start) + "_" + spec, start, start.plus(fixed));
        }
        LocalDate day = LocalDate.ofInstant(t, UK);
        long monthsFromAnchor = ChronoUnit.MONTHS.between(anchorDate.withDayOfMonth(1), day.withDayOfMonth(1));
        long index = Math.floorDiv(monthsFromAnchor, months);
        LocalDate start = anchorDate.plusMonths(index * months);
        LocalDate next = start.plusMonths(months);
        return new Period(start + "_" + spec, start.atStartOfDay(UK).toInstant(), next.atStartOfDay(UK).toInstant());
    }

    /** Parses an id made by {@link Period#id()}; it must name one of these periods. */
    public Period parse(String id) {
        String[] parts = id == null ? new String[0] : id.split("_", -1);
        if (parts.length != 2 || !parts[1].equals(spec)) {
            throw new IllegalArgumentException("not a reporting period id");
        }
        Instant start;
        try {
            start = fixed != null ? Instant.from(COMPACT.parse(parts[0]))
                    : LocalDate.parse(parts[0]).atStartOfDay(UK).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a reporting period id");
        }
        Period p = containing(start);
        if (!p.start().equals(start)) {
            throw new IllegalArgumentException("not the start of a reporting period");
        }
        return p;
    }

    public boolean isClosed(Period p, Instant now) {
        return !p.end().isAfter(now);
    }

    /** Closed periods, newest first, back to the one containing {@code since}; at most {@code limit}. */
    public List<Period> closed(Instant since, Instant now, int limit) {
        List<Period> out = new ArrayList<>();
        Period p = containing(now);
        if (!isClosed(p, now)) {
            p = containing(p.start().minusMillis(1));
        }
        while (out.size() < limit && p.end().isAfter(since)) {
            out.add(p);
            p = containing(p.start().minusMillis(1));
        }
        return out;
    }
}
