package org.pathways.referral.timer;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code pathways.referral.timers.*}. A working day is counted on the receiving service's bank-holiday calendar
 * unless {@code working-day} is set: then every working day is that fixed duration (tests and demos run timers in
 * seconds with e.g. {@code PT2S}; never in production).
 */
@ConfigMapping(prefix = "pathways.referral.timers")
public interface TimerConfig {

    /** Whether this instance polls for due timers (every instance may: claims never overlap). */
    @WithDefault("true")
    boolean enabled();

    /** How often due timers are looked for. */
    @WithDefault("10s")
    String pollInterval();

    /** Timers fired per poll at most (each in its own short transaction). */
    @WithDefault("100")
    int batchSize();

    /** How long a timer whose firing failed waits before it is tried again. */
    @WithDefault("PT1M")
    Duration retryDelay();

    /** When set, one working day lasts this long and the calendar is not used (tests and demos only). */
    Optional<Duration> workingDay();

    /**
     * Tests and demos only: receiving service id -> the length of one working day for referrals to that service,
     * overriding {@link #workingDay()} (and the calendar) for them alone. Empty in production.
     */
    Map<String, Duration> serviceWorkingDay();

    /** Working days an ACCEPTED referral may wait for its first contact before a reminder. */
    @WithDefault("5")
    int firstContactWorkingDays();

    /** The time zone working days and review dates are counted in. */
    @WithDefault("Europe/London")
    String zone();

    /** Time of day (in {@link #zone()}) an ON_HOLD review date's reminder fires. */
    @WithDefault("09:00")
    String reviewTime();
}
