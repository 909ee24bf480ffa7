package org.pathways.referral.timer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Pure tests of the per-service working day (tests and demos only) and of its configuration keys. */
class DueTimesByServiceTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final UUID FAST = UUID.fromString("0f6a3e59-2d51-3c5b-9a30-7b1c1b7d2e11");
    private static final UUID OTHER = UUID.fromString("5a2b3c4d-0000-4000-8000-000000000001");
    // Thursday 17 April 2025, 10:00 BST: on the calendar, 3 working days later is Thursday 24 April (Easter in between).
    private static final Instant SENT = Instant.parse("2025-04-17T09:00:00Z");

    @Test
    void onlyTheConfiguredServiceRunsOnShortWorkingDaysEveryOtherKeepsTheCalendar() {
        DueTimesByService due = DueTimesByService.of(WorkingDayCalendar.uk(), Optional.empty(),
                Map.of(FAST.toString(), Duration.ofSeconds(20)), LONDON, LocalTime.of(9, 0));

        Map<TimerKind, Instant> fast = due.forService(FAST).forSent(SENT, 2, 1, 3, "england-and-wales");
        assertEquals(SENT.plusSeconds(20), fast.get(TimerKind.REMIND));
        assertEquals(SENT.plusSeconds(40), fast.get(TimerKind.ESCALATE));
        assertEquals(SENT.plusSeconds(60), fast.get(TimerKind.EXPIRE));

        assertEquals(Instant.parse("2025-04-24T09:00:00Z"),
                due.forService(OTHER).forSent(SENT, 3, 1, 10, "england-and-wales").get(TimerKind.ESCALATE));
        assertEquals(Instant.parse("2025-04-24T09:00:00Z"), due.forService(null).plusWorkingDays(SENT, 3, "england-and-wales"));
    }

    @Test
    void theCommonFixedWorkingDayStillAppliesToEveryOtherService() {
        DueTimesByService due = DueTimesByService.of(WorkingDayCalendar.uk(), Optional.of(Duration.ofMinutes(10)),
                Map.of(FAST.toString(), Duration.ofSeconds(5)), LONDON, LocalTime.of(9, 0));
        assertEquals(SENT.plusSeconds(10), due.forService(FAST).plusWorkingDays(SENT, 2, null));
        assertEquals(SENT.plus(Duration.ofMinutes(20)), due.forService(OTHER).plusWorkingDays(SENT, 2, null));
    }

    @Test
    void aKeyThatIsNotAServiceIdOrALengthThatIsNotPositiveStopsStartUp() {
        assertThrows(IllegalArgumentException.class, () -> DueTimesByService.of(WorkingDayCalendar.uk(), Optional.empty(),
                Map.of("crasac-circle", Duration.ofSeconds(20)), LONDON, LocalTime.of(9, 0)));
        assertThrows(IllegalArgumentException.class, () -> DueTimesByService.of(WorkingDayCalendar.uk(), Optional.empty(),
                Map.of(FAST.toString(), Duration.ZERO), LONDON, LocalTime.of(9, 0)));
    }

    @Test
    void theConfigurationMapsServiceIdsToLengthsAndIsEmptyWhenNothingIsSet() {
        assertTrue(mapping(Map.of()).serviceWorkingDay().isEmpty(), "production: no per-service working day");
        TimerConfig set = mapping(Map.of("pathways.referral.timers.service-working-day." + FAST, "PT20S",
                "pathways.referral.timers.working-day", "PT10M"));
        assertEquals(Map.of(FAST.toString(), Duration.ofSeconds(20)), set.serviceWorkingDay());
        assertEquals(Optional.of(Duration.ofMinutes(10)), set.workingDay());
    }

    private static TimerConfig mapping(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(TimerConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return config.getConfigMapping(TimerConfig.class);
    }
}
