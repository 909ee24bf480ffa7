package org.pathways.referral.timer;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Which {@link DueTimes} a referral's timers use: the receiving service's own fixed working day when one is configured
 * ({@code pathways.referral.timers.service-working-day.<serviceId>}, tests and demos only), otherwise the common rule
 * ({@code working-day}, or the bank-holiday calendar). Lets a test stack run one service's timers in seconds while every
 * other referral keeps real working days (ADR 0070). Pure.
 */
public final class DueTimesByService {

    private final DueTimes common;
    private final Map<UUID, DueTimes> byService;

    private DueTimesByService(DueTimes common, Map<UUID, DueTimes> byService) {
        this.common = common;
        this.byService = byService;
    }

    /** @throws IllegalArgumentException for a key that is not a service id or a length that is not positive. */
    public static DueTimesByService of(WorkingDayCalendar calendar, Optional<Duration> workingDay, Map<String, Duration> serviceWorkingDay,
            ZoneId zone, LocalTime reviewTime) {
        Map<UUID, DueTimes> byService = new HashMap<>();
        serviceWorkingDay.forEach((key, length) -> {
            UUID service;
            try {
                service = UUID.fromString(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("pathways.referral.timers.service-working-day: '" + key + "' is not a service id");
            }
            if (length.isZero() || length.isNegative()) {
                throw new IllegalArgumentException("pathways.referral.timers.service-working-day." + key + " must be positive");
            }
            byService.put(service, new DueTimes(calendar, Optional.of(length), zone, reviewTime));
        });
        return new DueTimesByService(new DueTimes(calendar, workingDay, zone, reviewTime), Map.copyOf(byService));
    }

    /** The due times for referrals to this service (a null service: the common rule). */
    public DueTimes forService(UUID serviceId) {
        return serviceId == null ? common : byService.getOrDefault(serviceId, common);
    }
}
