package org.pathways.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keycloak from the {@code keycloak-quarkus-dist} zip on Maven Central, in dev mode with the {@code pathways} realm
 * imported from {@code deploy/keycloak/pathways-realm.json}.
 *
 * <p>Each profile gets its own copy of the distribution (Keycloak writes its build and its H2 database into it). The
 * issuer is pinned with {@code --hostname}, so a token obtained through {@code localhost} is the same as one through
 * {@code 127.0.0.1}. A changed realm file starts from an empty database (the realm is imported afresh); otherwise the
 * database, and with it the realm's signing keys, is kept across a restart. The test profile's fresh start empties it
 * anyway ({@code StackManager.freshState}).
 */
final class KeycloakServer implements Component {

    static final String VERSION = "26.7.3";
    static final String ADMIN_USER = "admin";
    static final String ADMIN_PASSWORD = "admin";

    private final StackLayout layout;
    private final ManagedProcess process;

    KeycloakServer(StackLayout layout) {
        this.layout = layout;
        this.process = new ManagedProcess("keycloak", layout);
    }

    private Path pristine() { return layout.dist().resolve("keycloak-" + VERSION); }
    private Path dir() { return layout.state().resolve("keycloak-" + VERSION); }

    @Override public String name() { return "keycloak"; }
    @Override public ManagedProcess process() { return process; }
    @Override public boolean isRunning() { return process.isRunning(); }
    @Override public String endpoint() { return layout.keycloakUrl(); }

    @Override
    public boolean isReady() {
        return Readiness.httpStatus(layout.realmUrl() + "/.well-known/openid-configuration") == 200;
    }

    /** Forgets users, sessions and the imported realm; the next start imports the realm afresh. */
    void wipeData() {
        Files2.deleteRecursively(dir().resolve("data/h2"));
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            Readiness.requirePortFree(this, layout.keycloakPort());
            Readiness.requirePortFree(this, layout.keycloakManagementPort());
            prepare();
            Path kcSh = dir().resolve("bin/kc.sh");
            process.start(List.of("/bin/sh", kcSh.toString(), "start-dev",
                    "--http-host=127.0.0.1",
                    "--http-port=" + layout.keycloakPort(),
                    "--http-management-port=" + layout.keycloakManagementPort(),
                    "--hostname=" + layout.keycloakUrl(),
                    "--import-realm",
                    "--log-level=warn,org.keycloak.services:info,io.quarkus:info"),
                    dir(),
                    Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER,
                            "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD,
                            "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                            "JAVA_HOME", LocalStack.javaHome(),
                            "JAVA", LocalStack.javaBinary()));
        }
        // First start of a fresh copy runs Keycloak's build step (~20-40 s on two cores). On a machine shared by several
        // builds the realm import alone can take minutes: PATHWAYS_KEYCLOAK_START_TIMEOUT (seconds) waits longer.
        String timeout = System.getenv("PATHWAYS_KEYCLOAK_START_TIMEOUT");
        Readiness.await(this, Duration.ofSeconds(timeout == null || timeout.isBlank() ? 480 : Long.parseLong(timeout.trim())),
                this::isReady);
    }

    /** The server's own copy of the distribution and the realm to import; package-private for KeycloakServerTest. */
    void prepare() throws IOException {
        if (!Files.exists(pristine().resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak distribution not found in " + pristine()
                    + ": build the deploy/local-stack module first (it unpacks keycloak-quarkus-dist from Maven Central)");
        }
        if (!Files.exists(dir().resolve("bin/kc.sh"))) {
            Files2.deleteRecursively(dir());
            Files2.copyRecursively(pristine(), dir());
        }
        Path realm = layout.realmFile();
        if (!Files.exists(realm)) {
            throw new IllegalStateException("realm export not found: " + realm);
        }
        String hash = Files2.sha256(realm);
        Path marker = dir().resolve("data/.realm-sha256");
        boolean changed = !Files.exists(marker) || !Files.readString(marker).trim().equals(hash);
        if (changed) {
            // --import-realm skips a realm that already exists, so a changed file needs an empty database. An unchanged
            // one keeps it, in the test profile too (its fresh start empties it anyway): a restart of a running stack's
            // Keycloak (a fault test) must keep the realm's signing keys, or every token issued before is refused by any
            // service that fetches the keys again (issue 20, fault 5).
            wipeData();
        }
        Path importDir = dir().resolve("data/import");
        Files.createDirectories(importDir);
        Files.copy(realm, importDir.resolve("pathways-realm.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(marker, hash + "\n");
    }

    @Override
    public void stop() {
        process.stop(Duration.ofSeconds(30), null);
    }
}
