package org.pathways.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The test profile's shortened timings reach referral-service (and consent-service) of the test stack only, never the demo. */
class StackConfigTest {

    private static final StackLayout DEMO = new StackLayout("demo", Path.of("/r"), Path.of("/r/.pathways"), StackLayout.DEMO_PORT_BASE);
    private static final StackLayout TEST = new StackLayout("test", Path.of("/r"), Path.of("/r/.pathways"), StackLayout.TEST_PORT_BASE);

    @Test
    void theDemoKeepsRealWorkingDaysAndSixMonthlyReports() {
        for (StackLayout.ServiceSpec s : StackLayout.SERVICES) {
            Map<String, String> c = StackConfig.processConfig(DEMO, s);
            assertTrue(c.keySet().stream().noneMatch(k -> k.startsWith("pathways.referral.timers.") || k.startsWith("pathways.reports.")),
                    "demo " + s.name() + ": " + c.keySet());
        }
    }

    @Test
    void theTestStackShortensOneServicesWorkingDayAndTheReportingPeriodForReferralServiceOnly() {
        Map<String, String> referral = StackConfig.processConfig(TEST, StackLayout.service("referral"));
        // The Women's Circle (journey 5's service), by its directory demo id.
        assertEquals("PT20S", referral.get("pathways.referral.timers.service-working-day.be70d2fc-e81b-35e8-ab0a-18f114fc4ee2"));
        assertEquals("PT90S", referral.get("pathways.reports.period"));
        // CELC's housing advice, reserved for the two-replica test (issue 19), on the same short days.
        assertEquals("PT20S", referral.get("pathways.referral.timers.service-working-day."
                + java.util.UUID.nameUUIDFromBytes("pathways-demo:service:celc-housing".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertEquals("false", referral.get("pathways.reports.partnership-calendars")); // ADR 0076
        // No common working day: every other referral counts real UK working days.
        assertTrue(!referral.containsKey("pathways.referral.timers.working-day"));
        for (String other : new String[] { "directory", "consent", "notification" }) {
            Map<String, String> c = StackConfig.processConfig(TEST, StackLayout.service(other));
            assertTrue(c.keySet().stream().noneMatch(k -> k.startsWith("pathways.referral.timers.") || k.startsWith("pathways.reports.")));
        }
    }

    /** consent-service's tests run in the system tests (ADR 0008): expiry within seconds, membership re-read each second. */
    @Test
    void theTestStacksConsentServiceExpiresAndReReadsMembershipWithinSecondsTheDemosDoesNot() {
        Map<String, String> consent = StackConfig.processConfig(TEST, StackLayout.service("consent"));
        assertEquals("1s", consent.get("pathways.consent.expiry.every"));
        assertEquals("PT1S", consent.get("pathways.consent.directory.membership-ttl"));
        for (StackLayout.ServiceSpec s : StackLayout.SERVICES) {
            assertTrue(StackConfig.processConfig(DEMO, s).keySet().stream().noneMatch(k -> k.startsWith("pathways.consent.expiry.")
                    || k.startsWith("pathways.consent.directory.")), "demo " + s.name());
        }
        assertTrue(StackConfig.processConfig(TEST, StackLayout.service("referral")).keySet().stream()
                .noneMatch(k -> k.startsWith("pathways.consent.expiry.") || k.startsWith("pathways.consent.directory.")));
    }

    @Test
    void theDashboardListensOnBasePlus85AndCallsTheServicesOfItsOwnProfile() {
        Map<String, String> c = StackConfig.dashboardConfig(TEST);
        assertEquals("25085", c.get("quarkus.http.port"));
        assertEquals("http://127.0.0.1:25180", c.get("pathways.keycloak.url"));
        assertEquals("http://127.0.0.1:25083", c.get("pathways.referral.url"));
        assertEquals("http://127.0.0.1:25081", c.get("pathways.directory.url"));
        assertEquals("http://127.0.0.1:15085", DEMO.dashboardUrl());
    }
}
