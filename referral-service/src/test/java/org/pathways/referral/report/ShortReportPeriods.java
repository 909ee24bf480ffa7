package org.pathways.referral.report;

import java.time.Instant;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Reporting periods of 100 seconds, so a test can fill one period with exactly its own data and see it close. */
public class ShortReportPeriods implements QuarkusTestProfile {

    static final String PERIOD = "PT100S";
    // Fixed, not "now": the profile and the test class may be loaded by different class loaders.
    static final Instant ANCHOR = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pathways.reports.period", PERIOD, "pathways.reports.anchor", ANCHOR.toString(),
                "pathways.reports.snapshot-every", "5s");
    }
}
