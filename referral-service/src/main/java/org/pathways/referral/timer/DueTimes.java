package org.pathways.referral.timer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.pathways.referral.timer.WorkingDayCalendar.Division;

/**
 * When each timer is due. Pure: the service's response target (working days to answer, remind before, expire after)
 * counted on its nation's working days, or on fixed-length "working days" when configured (tests and demos).
 */
public final class DueTimes {

    private final WorkingDayCalendar calendar;
    private final Optional<Duration> fixedWorkingDay;
    private final ZoneId zone;
    private final LocalTime reviewTime;

    public DueTimes(WorkingDayCalendar calendar, Optional<Duration> fixedWorkingDay, ZoneId zone, LocalTime reviewTime) {
        this.calendar = calendar;
        this.fixedWorkingDay = fixedWorkingDay;
        this.zone = zone;
        this.reviewTime = reviewTime;
    }

    /** {@code days} working days after {@code from} in the division's calendar (unknown or missing: England and Wales). */
    public Instant plusWorkingDays(Instant from, int days, String division) {
        if (fixedWorkingDay.isPresent()) return from.plus(fixedWorkingDay.get().multipliedBy(days));
        return calendar.addWorkingDays(from, days, division(division), zone);
    }

    /**
     * The timers of a sent referral: ESCALATE at the target; REMIND {@code remindBefore} working days before it (none
     * when 0, or when not before the target: the sent notification is then the only prompt); EXPIRE at
     * {@code expireAfter} working days from sending, and always at least one working day after the target so the
     * escalation comes first. No target (the directory gave none): no timers.
     */
    public Map<TimerKind, Instant> forSent(Instant sentAt, Integer workingDays, Integer remindBefore, Integer expireAfter,
            String division) {
        Map<TimerKind, Instant> out = new EnumMap<>(TimerKind.class);
        if (workingDays == null || workingDays < 1) return out;
        out.put(TimerKind.ESCALATE, plusWorkingDays(sentAt, workingDays, division));
        if (remindBefore != null && remindBefore > 0 && remindBefore < workingDays) {
            out.put(TimerKind.REMIND, plusWorkingDays(sentAt, workingDays - remindBefore, division));
        }
        if (expireAfter != null) {
            out.put(TimerKind.EXPIRE, plusWorkingDays(sentAt, Math.max(expireAfter, workingDays + 1), division));
        }
        return out;
    }

    /** An ON_HOLD referral's review reminder: the review date at the configured time of day. */
    public Instant reviewAt(LocalDate reviewDate) {
        return reviewDate.atTime(reviewTime).atZone(zone).toInstant();
    }

    static Division division(String division) {
        try {
            return division == null ? Division.ENGLAND_AND_WALES : Division.of(division);
        } catch (IllegalArgumentException e) {
            // The directory only knows the three UK divisions; anything else is counted as England and Wales.
            return Division.ENGLAND_AND_WALES;
        }
    }
}
