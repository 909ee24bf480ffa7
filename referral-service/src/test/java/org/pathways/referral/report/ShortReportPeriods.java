package org.pathways.referral.report;

import java.time.Instant;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Reporting periods of 100 seconds counted from the moment this profile starts the application, so a test can fill
 * one period with exactly its own data and see it close.
 */
public class ShortReportPeriods implements QuarkusTestProfile {

    static final String PERIOD = "PT100S";
    static final Instant ANCHOR = Instant.now().plusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pathways.reports.period", PERIOD, "pathways.reports.anchor", ANCHOR.toString(),
                "pathways.reports.snapshot-every", "5s");
    }
}
