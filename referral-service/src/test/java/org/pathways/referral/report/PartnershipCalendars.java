package org.pathways.referral.report;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Partnership reporting calendars on (ADR 0076), as in production: SMV quarterly, Coventry six-monthly, others P6M. */
public class PartnershipCalendars implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pathways.reports.partnership-calendars", "true", "pathways.reports.period", "P6M",
                "pathways.reports.anchor", "2020-04-01T00:00:00Z");
    }
}
