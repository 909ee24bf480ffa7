package org.pathways.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dashboard (issue 15), run like the services from its packaged {@code dashboard/target/quarkus-app/quarkus-run.jar}
 * on port base+85, after the services. It has no database and no Kafka: it signs users in at Keycloak and calls the
 * services with their tokens.
 */
final class DashboardApp implements Component {

    static final String NAME = "dashboard";

    private final StackLayout layout;
    private final ManagedProcess process;

    DashboardApp(StackLayout layout) {
        this.layout = layout;
        this.process = new ManagedProcess(NAME, layout);
    }

    Path jar() { return layout.root().resolve("dashboard/target/quarkus-app/quarkus-run.jar"); }

    @Override public String name() { return NAME; }
    @Override public ManagedProcess process() { return process; }
    @Override public boolean isRunning() { return process.isRunning(); }
    @Override public String endpoint() { return layout.dashboardUrl(); }

    @Override
    public boolean isReady() {
        return Readiness.httpStatus(layout.dashboardUrl() + "/q/health/ready") == 200;
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            if (!Files.exists(jar())) {
                throw new IllegalStateException(jar() + " does not exist: package the dashboard first (./mvnw package -DskipTests)");
            }
            Readiness.requirePortFree(this, layout.dashboardPort());
            Path config = StackConfig.writeDashboardConfig(layout);
            List<String> cmd = new ArrayList<>(List.of(LocalStack.javaBinary(), "-Xms32m", "-Xmx192m", "-XX:+UseSerialGC"));
            String extra = System.getenv("PATHWAYS_SERVICE_JVM_OPTS");
            if (extra != null && !extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
            cmd.addAll(List.of("-Dquarkus.config.locations=" + config.toUri(), "-jar", jar().toString()));
            process.start(cmd, layout.root().resolve("dashboard"), Map.of());
        }
        Readiness.await(this, Duration.ofSeconds(240), this::isReady);
    }

    @Override
    public void stop() {
        process.stop(Duration.ofSeconds(20), null);
    }
}
