package org.pathways.dashboard.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Times of the services (RFC 3339) in UK time and GOV.UK's date style ("7 December 2026 at 9:05am"). Pure. */
public final class Dates {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("d MMMM yyyy 'at' h:mma", Locale.UK);

    private Dates() {
    }

    /** An instant as "7 December 2026 at 9:05am" (UK time); anything unreadable as it came. */
    public static String moment(Object value) {
        if (value == null) return "";
        try {
            return MOMENT.format(Instant.parse(String.valueOf(value)).atZone(LONDON)).replace("AM", "am").replace("PM", "pm");
        } catch (DateTimeParseException e) {
            return String.valueOf(value);
        }
    }

    /** A day ("2026-12-07" or an instant) as "7 December 2026". */
    public static String day(Object value) {
        if (value == null) return "";
        String s = String.valueOf(value);
        try {
            return s.length() == 10 ? DAY.format(LocalDate.parse(s)) : DAY.format(Instant.parse(s).atZone(LONDON));
        } catch (DateTimeParseException e) {
            return s;
        }
    }

    /** A reporting period: "from … to …" with times (test stacks use periods of seconds). */
    public static String range(String start, String end) {
        return "From " + moment(start) + " to " + moment(end);
    }
}
