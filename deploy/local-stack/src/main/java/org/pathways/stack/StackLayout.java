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
public record StackLayout(String profile, Path root, Path home, int portBase, int instances) {

    public static final int DEMO_PORT_BASE = 15000;
    public static final int TEST_PORT_BASE = 25000;
    /**
     * At most this many instances of each service (issue 19): instance k >= 2 listens on base + 200 + 10k + (1..4),
     * so nine fit between Keycloak's ports (base+180, +190) and PostgreSQL's (base+432) without meeting any other port.
     */
    public static final int MAX_INSTANCES = 9;

    public StackLayout {
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException("instances must be between 1 and " + MAX_INSTANCES + ", was " + instances);
        }
    }

    /** One instance of each service (the default). */
    public StackLayout(String profile, Path root, Path home, int portBase) {
        this(profile, root, home, portBase, 1);
    }

    /** The same stack with {@code n} instances of each service. */
    public StackLayout withInstances(int n) {
        return new StackLayout(profile, root, home, portBase, n);
    }

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
     * {@code PATHWAYS_<PROFILE>_PORT_BASE} moves a profile's ports, {@code pathways.<profile>.instances} /
     * {@code PATHWAYS_<PROFILE>_INSTANCES} (default 1) is how many instances of each service it starts.
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
        String instancesVar = "PATHWAYS_" + profile.toUpperCase(Locale.ROOT) + "_INSTANCES";
        String instancesProp = firstNonBlank(System.getProperty("pathways." + profile + ".instances"), System.getenv(instancesVar));
        int instances;
        try {
            instances = instancesProp == null ? 1 : Integer.parseInt(instancesProp.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(instancesVar + " must be a number from 1 to " + MAX_INSTANCES + ", was '" + instancesProp + "'");
        }
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException(instancesVar + " must be between 1 and " + MAX_INSTANCES + ", was " + instances);
        }
        return new StackLayout(profile, home.getParent(), home, base, instances);
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
    /** Instance 1 of a service: the address the other services, the dashboard and the banner use. */
    public int servicePort(ServiceSpec s) { return servicePort(s, 1); }
    /** Instance {@code k} (1-based) of a service: 1 at base+81..84, k >= 2 at base + 200 + 10k + 1..4 (base+221.. for k = 2). */
    public int servicePort(ServiceSpec s, int k) {
        if (k < 1 || k > MAX_INSTANCES) throw new IllegalArgumentException("instance must be 1.." + MAX_INSTANCES + ", was " + k);
        return k == 1 ? portBase + s.portOffset() : portBase + 200 + 10 * k + (s.portOffset() - 80);
    }
    /** The dashboard (issue 15): base+85, beside the four services. */
    public int dashboardPort() { return portBase + 85; }
    /** The SMTP sink. Not base+25: notification-service's own tests run an in-JVM SMTP server there. */
    public int mailPort() { return portBase + 125; }

    public String keycloakUrl() { return "http://127.0.0.1:" + keycloakPort(); }
    public String realmUrl() { return keycloakUrl() + "/realms/pathways"; }
    public String kafkaBootstrap() { return "127.0.0.1:" + kafkaPort(); }
    public String serviceUrl(ServiceSpec s) { return serviceUrl(s, 1); }
    public String serviceUrl(ServiceSpec s, int k) { return "http://127.0.0.1:" + servicePort(s, k); }
    public String dashboardUrl() { return "http://127.0.0.1:" + dashboardPort(); }

    public static ServiceSpec service(String name) {
        return DATABASES.stream().filter(s -> s.name().equals(name) || s.module().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown service '" + name + "'"));
    }
}
