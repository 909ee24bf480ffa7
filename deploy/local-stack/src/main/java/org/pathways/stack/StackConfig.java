package org.pathways.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The configuration each service needs to reach the stack, in one place: written to a file for the run command's
 * service processes, and handed to {@code @QuarkusTest}s by the test resource.
 */
public final class StackConfig {

    private StackConfig() {
    }

    /** Quarkus configuration for one service against this stack (no HTTP port: the caller decides). */
    public static Map<String, String> serviceConfig(StackLayout layout, StackLayout.ServiceSpec spec) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + layout.postgresPort() + "/" + spec.database());
        c.put("quarkus.datasource.username", spec.database());
        c.put("quarkus.datasource.password", PostgresServer.databasePassword(spec));
        c.put("kafka.bootstrap.servers", layout.kafkaBootstrap());
        c.put("quarkus.oidc.auth-server-url", layout.realmUrl());
        c.put("quarkus.oidc.client-id", spec.clientId());
        c.put("quarkus.oidc.credentials.secret", spec.clientId() + "-demo-secret");
        // For service-to-service calls with client credentials (services that use quarkus-oidc-client read these).
        c.put("pathways.oidc-client.client-id", spec.clientId());
        c.put("pathways.oidc-client.secret", spec.clientId() + "-demo-secret");
        for (StackLayout.ServiceSpec other : StackLayout.SERVICES) {
            c.put("pathways." + other.name() + ".url", layout.serviceUrl(other));
        }
        c.put("pathways.keycloak.url", layout.keycloakUrl());
        c.put("pathways.stack.profile", layout.profile());
        if (spec.name().equals("notification")) {
            // Its e-mail goes to the stack's SMTP sink (MailSink): one .eml file per message in the profile's mail folder.
            c.put("quarkus.mailer.host", "127.0.0.1");
            c.put("quarkus.mailer.port", String.valueOf(layout.mailPort()));
            // The system tests' webhook receiver listens on 127.0.0.1; production keeps refusing loopback targets.
            if (layout.profile().equals("test")) c.put("pathways.webhooks.allow-loopback", "true");
        }
        return c;
    }

    /** Writes the configuration file of instance k of the service for the run command and returns its path. */
    static Path writeServiceConfig(StackLayout layout, StackLayout.ServiceSpec spec, int instance) {
        Map<String, String> c = processConfig(layout, spec, instance);
        String name = ServiceApp.name(spec, instance);
        Path file = layout.configDir().resolve(name + ".properties");
        write(file, "# Written by the local stack launcher for " + name + " (" + layout.profile() + " profile). Local-only secrets.\n"
                + toProperties(c));
        return file;
    }

    /** The dashboard's configuration: where it listens, Keycloak, and the services it calls with the user's token. */
    static Map<String, String> dashboardConfig(StackLayout layout) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("quarkus.http.port", String.valueOf(layout.dashboardPort()));
        c.put("quarkus.http.host", "127.0.0.1");
        c.put("pathways.keycloak.url", layout.keycloakUrl());
        for (StackLayout.ServiceSpec s : StackLayout.SERVICES) c.put("pathways." + s.name() + ".url", layout.serviceUrl(s));
        c.putAll(StackTracing.serviceConfig(layout));
        return c;
    }

    static Path writeDashboardConfig(StackLayout layout) {
        Path file = layout.configDir().resolve(DashboardApp.NAME + ".properties");
        write(file, "# Written by the local stack launcher for the dashboard (" + layout.profile() + " profile).\n"
                + toProperties(dashboardConfig(layout)));
        return file;
    }

    /** Everything instance 1 of a service started by the launcher is configured with. */
    static Map<String, String> processConfig(StackLayout layout, StackLayout.ServiceSpec spec) {
        return processConfig(layout, spec, 1);
    }

    /**
     * Everything instance k of a service is configured with: the same as instance 1 (same database, same Kafka consumer
     * group, same timings) but its own port. The other services and the dashboard call instance 1.
     */
    static Map<String, String> processConfig(StackLayout layout, StackLayout.ServiceSpec spec, int instance) {
        Map<String, String> c = new LinkedHashMap<>(serviceConfig(layout, spec));
        c.put("quarkus.http.port", String.valueOf(layout.servicePort(spec, instance)));
        c.put("pathways.stack.instance", String.valueOf(instance));
        c.put("quarkus.http.host", "127.0.0.1");
        // Both profiles load the demo partnerships: the demo shows them, the system tests walk their pathways.
        c.put("pathways.demo-data.enabled", "true");
        c.putAll(systemTestTimings(layout, spec));
        c.putAll(StackTracing.serviceConfig(layout));
        return c;
    }

    // ---- Test profile only: timings for the system tests' journeys (ADR 0070, system-tests/README.md) -------------

    /** The demo service whose referrals run on short working days in the test stack: journey 5 ("nothing waits silently"). */
    static final String TIMER_JOURNEY_SERVICE = demoId("service:crasac-circle");
    /**
     * The demo service reserved for the two-replica system test (issue 19, {@code TwoReplicasTest}): its referrals run on
     * the same short working days, so their reminders, escalations and expiries fire while two referral-services poll.
     * No other test refers to CELC's housing advice.
     */
    static final String REPLICA_TEST_SERVICE = demoId("service:celc-housing");
    /** One working day of that service in the test stack: with the target journey 5 sets (2/1/3), expiry after a minute. */
    static final String TIMER_JOURNEY_WORKING_DAY = "PT20S";
    /** Reporting periods of the test stack: long enough for journey 8 to write its six women inside one. */
    static final String REPORT_PERIOD = "PT90S";

    /**
     * Shorter durations for the four service processes of the test profile, so the timer and report journeys finish in
     * minutes; nothing for the demo (real working days, six-monthly reports). Every other referral keeps real UK working
     * days, so the other journeys never meet a reminder or an expiry while they run.
     */
    static Map<String, String> systemTestTimings(StackLayout layout, StackLayout.ServiceSpec spec) {
        Map<String, String> c = new LinkedHashMap<>();
        if (!layout.profile().equals("test")) return c;
        if (spec.name().equals("consent")) {
            // consent-service's tests run here (ADR 0008): consents and overrides of a few seconds expire within them,
            // and a membership change in the directory shows in the next decisions.
            c.put("pathways.consent.expiry.every", "1s");
            c.put("pathways.consent.directory.membership-ttl", "PT1S");
            return c;
        }
        if (!spec.name().equals("referral")) return c;
        c.put("pathways.referral.timers.service-working-day." + TIMER_JOURNEY_SERVICE, TIMER_JOURNEY_WORKING_DAY);
        c.put("pathways.referral.timers.service-working-day." + REPLICA_TEST_SERVICE, TIMER_JOURNEY_WORKING_DAY);
        c.put("pathways.referral.timers.poll-interval", "2s");
        c.put("pathways.reports.period", REPORT_PERIOD);
        c.put("pathways.reports.partnership-calendars", "false"); // journeys need periods of seconds (ADR 0076)
        c.put("pathways.reports.anchor", "2026-01-01T00:00:00Z");
        c.put("pathways.reports.snapshot-every", "5s");
        return c;
    }

    private static String demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    // -------------------------------------------------------------------------------------------------------------------

    /** What scripts and system tests read: ports, URLs, how to log in. */
    static Map<String, String> stackInfo(StackLayout layout) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("pathways.stack.profile", layout.profile());
        m.put("pathways.stack.postgres.host", "127.0.0.1");
        m.put("pathways.stack.postgres.port", String.valueOf(layout.postgresPort()));
        m.put("pathways.stack.kafka.bootstrap-servers", layout.kafkaBootstrap());
        m.put("pathways.stack.keycloak.url", layout.keycloakUrl());
        m.put("pathways.stack.keycloak.realm-url", layout.realmUrl());
        m.put("pathways.stack.keycloak.token-url", layout.realmUrl() + "/protocol/openid-connect/token");
        m.put("pathways.stack.keycloak.admin-user", KeycloakServer.ADMIN_USER);
        m.put("pathways.stack.keycloak.admin-password", KeycloakServer.ADMIN_PASSWORD);
        m.put("pathways.stack.login.client-id", "pathways-cli");
        m.put("pathways.stack.login.demo-password", DemoLogins.PASSWORD);
        try {
            // username:role:org for every demo user, so scripts can pick a login without parsing the realm.
            m.put("pathways.stack.login.users", DemoLogins.read(layout.realmFile()).stream()
                    .map(l -> l.username() + ":" + String.join("+", l.roles()) + ":" + l.org())
                    .collect(Collectors.joining(",")));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the realm file " + layout.realmFile(), e);
        }
        m.put("pathways.stack.instances", String.valueOf(layout.instances()));
        for (StackLayout.ServiceSpec s : StackLayout.SERVICES) {
            m.put("pathways.stack." + s.name() + ".url", layout.serviceUrl(s));
            // Every instance, instance 1 first (issue 19): what a test alternating between replicas calls.
            m.put("pathways.stack." + s.name() + ".urls", java.util.stream.IntStream.rangeClosed(1, layout.instances())
                    .mapToObj(k -> layout.serviceUrl(s, k)).collect(Collectors.joining(",")));
        }
        m.put("pathways.stack.dashboard.url", layout.dashboardUrl());
        m.put("pathways.stack.logs", layout.logs().toString());
        m.put("pathways.stack.mail.smtp-port", String.valueOf(layout.mailPort()));
        m.put("pathways.stack.mail.folder", layout.mail().toString());
        return m;
    }

    static void writeStackInfo(StackLayout layout) {
        Map<String, String> info = stackInfo(layout);
        write(layout.stackProperties(), "# Written by the local stack launcher; read by scripts and system tests.\n" + toProperties(info));
        String env = info.entrySet().stream()
                .map(e -> e.getKey().substring("pathways.stack.".length()).toUpperCase().replaceAll("[^A-Z0-9]", "_")
                        + "='" + e.getValue() + "'")
                .map(l -> "PATHWAYS_" + l)
                .collect(Collectors.joining("\n"));
        write(layout.stackEnv(), env + "\n");
    }

    private static String toProperties(Map<String, String> m) {
        return m.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n")) + "\n";
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
