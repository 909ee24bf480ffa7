package org.pathways.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where one profile of the local stack keeps its state, and which ports it uses.
 *
 * <p>Two profiles exist: {@code demo} (the run command) and {@code test} (the test command). They use different port
 * ranges and different state folders so a test build never collides with a demo left running.
 */
public record StackLayout(String profile, Path root, Path home, int portBase) {

    public static final int DEMO_PORT_BASE = 15000;
    public static final int TEST_PORT_BASE = 25000;

    /** The four Quarkus services, in start order (directory first: others read from it). */
    public static final List<ServiceSpec> SERVICES = List.of(
            new ServiceSpec("directory", 81),
            new ServiceSpec("consent", 82),
            new ServiceSpec("referral", 83),
            new ServiceSpec("notification", 84));

    /** A database (and login role) for the platform module's own tests, which are not a service. */
    public static final ServiceSpec SANDBOX = new ServiceSpec("sandbox", 0);

    /** Every database the server holds: one per service, plus the sandbox. */
    public static final List<ServiceSpec> DATABASES = List.of(SERVICES.get(0), SERVICES.get(1), SERVICES.get(2),
            SERVICES.get(3), SANDBOX);

    public record ServiceSpec(String name, int portOffset) {
        public String module() { return name + "-service"; }
        public String clientId() { return name + "-service"; }
        public String database() { return name; }
    }

    /**
     * Resolves the layout from (in order) system properties, environment variables and the working directory:
     * {@code pathways.home} / {@code PATHWAYS_HOME} is the state folder (default {@code <root>/.pathways}),
     * {@code PATHWAYS_<PROFILE>_PORT_BASE} moves a profile's ports.
     */
    public static StackLayout resolve(String profile) {
        if (!profile.equals("demo") && !profile.equals("test")) {
            throw new IllegalArgumentException("profile must be 'demo' or 'test', not '" + profile + "'");
        }
        String homeProp = firstNonBlank(System.getProperty("pathways.home"), System.getenv("PATHWAYS_HOME"));
        Path home;
        if (homeProp != null) {
            home = Path.of(homeProp).toAbsolutePath().normalize();
        } else {
            home = findRoot(Path.of("").toAbsolutePath()).resolve(".pathways");
        }
        String baseVar = "PATHWAYS_" + profile.toUpperCase(Locale.ROOT) + "_PORT_BASE";
        String baseProp = firstNonBlank(System.getProperty("pathways." + profile + ".port-base"), System.getenv(baseVar));
        int base = baseProp != null ? Integer.parseInt(baseProp.trim())
                : profile.equals("demo") ? DEMO_PORT_BASE : TEST_PORT_BASE;
        if (base < 1024 || base > 64000) {
            throw new IllegalArgumentException(baseVar + " must be between 1024 and 64000, was " + base);
        }
        return new StackLayout(profile, home.getParent(), home, base);
    }

    private static Path findRoot(Path from) {
        for (Path p = from; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("deploy/keycloak"))) {
                return p;
            }
        }
        return from;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) return a;
        if (b != null && !b.isBlank()) return b;
        return null;
    }

    public Path dist() { return home.resolve("dist"); }
    public Path state() { return home.resolve(profile); }
    public Path logs() { return state().resolve("logs"); }
    public Path pids() { return state().resolve("pids"); }
    public Path configDir() { return state().resolve("config"); }
    /** Where the local SMTP sink writes every e-mail it receives, one .eml file each. */
    public Path mail() { return state().resolve("mail"); }
    public Path stackProperties() { return state().resolve("stack.properties"); }

    /** The local stack's password for a service's login role (each role is named like its database). */
    public static String databasePassword(String database) { return database + "-local"; }
    public Path stackEnv() { return state().resolve("stack.env"); }
    public Path realmFile() { return root.resolve("deploy/keycloak/pathways-realm.json"); }

    public int postgresPort() { return portBase + 432; }
    public int kafkaPort() { return portBase + 92; }
    public int kafkaControllerPort() { return portBase + 93; }
    public int keycloakPort() { return portBase + 180; }
    public int keycloakManagementPort() { return portBase + 190; }
    public int servicePort(ServiceSpec s) { return portBase + s.portOffset(); }
    /** The dashboard (issue 15): base+85, beside the four services. */
    public int dashboardPort() { return portBase + 85; }
    /** The SMTP sink. Not base+25: notification-service's own tests run an in-JVM SMTP server there. */
    public int mailPort() { return portBase + 125; }

    public String keycloakUrl() { return "http://127.0.0.1:" + keycloakPort(); }
    public String realmUrl() { return keycloakUrl() + "/realms/pathways"; }
    public String kafkaBootstrap() { return "127.0.0.1:" + kafkaPort(); }
    public String serviceUrl(ServiceSpec s) { return "http://127.0.0.1:" + servicePort(s); }
    public String dashboardUrl() { return "http://127.0.0.1:" + dashboardPort(); }

    public static ServiceSpec service(String name) {
        return DATABASES.stream().filter(s -> s.name().equals(name) || s.module().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'"));
    }
}
