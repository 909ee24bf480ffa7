package org.pathways.referral.report;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Reporting periods of 100 seconds (longer than {@link ShortReportPeriods}' 60: these tests put ten women's support
 * periods into one reporting period and need about 70 s of it) and support-period reminders 45 days before the planned
 * end, polled every second: a 6-week period started today is due its reminder at once, and one extended past 45 days
 * is not.
 */
public class SupportPeriodReports implements QuarkusTestProfile {

    static final String PERIOD = "PT100S";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> m = new HashMap<>(new ShortReportPeriods().getConfigOverrides());
        m.put("pathways.reports.period", PERIOD);
        m.put("pathways.support.remind-before-days", "45");
        m.put("pathways.support.poll-interval", "1s");
        return m;
    }
}
