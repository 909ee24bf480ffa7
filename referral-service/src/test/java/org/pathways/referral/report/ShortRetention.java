package org.pathways.referral.report;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Retention in seconds: a record untouched for 20 s is past retention; the job runs every 2 s. */
public class ShortRetention implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("pathways.retention.inactive-subject", "PT20S", "pathways.retention.every", "2s",
                "pathways.retention.first-after", "1s");
    }
}
