package org.pathways.referral.timer;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** One working day lasts one second and the pollers look every second: timers fire within a test's patience. */
public class FastTimersProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pathways.referral.timers.working-day", "PT1S",
                "pathways.referral.timers.poll-interval", "1s",
                "pathways.referral.timers.first-contact-working-days", "4");
    }
}
