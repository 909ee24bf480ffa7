package org.pathways.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance of one of our Quarkus services, run from its packaged {@code target/quarkus-app/quarkus-run.jar}.
 * Instance 1 is named after the module ({@code referral-service}); instance k >= 2 is {@code referral-service-k}, with
 * its own port, pid file, log and configuration file, and the same database and Kafka consumer group as instance 1.
 */
final class ServiceApp implements Component {

    private final StackLayout layout;
    private final StackLayout.ServiceSpec spec;
    private final int instance;
    private final ManagedProcess process;

    ServiceApp(StackLayout layout, StackLayout.ServiceSpec spec) {
        this(layout, spec, 1);
    }

    ServiceApp(StackLayout layout, StackLayout.ServiceSpec spec, int instance) {
        this.layout = layout;
        this.spec = spec;
        this.instance = instance;
        this.process = new ManagedProcess(name(spec, instance), layout);
    }

    /** The component (and pid file, log) name of instance k of a service. */
    static String name(StackLayout.ServiceSpec spec, int instance) {
        return instance == 1 ? spec.module() : spec.module() + "-" + instance;
    }

    StackLayout.ServiceSpec spec() { return spec; }
    int instance() { return instance; }
    int port() { return layout.servicePort(spec, instance); }

    Path jar() { return layout.root().resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar"); }

    @Override public String name() { return name(spec, instance); }
    @Override public ManagedProcess process() { return process; }
    @Override public boolean isRunning() { return process.isRunning(); }
    @Override public String endpoint() { return layout.serviceUrl(spec, instance); }

    @Override
    public boolean isReady() {
        return Readiness.httpStatus(endpoint() + "/q/health/ready") == 200;
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            if (!Files.exists(jar())) {
                throw new IllegalStateException(jar() + " does not exist: package the services first (./mvnw package -DskipTests)");
            }
            Readiness.requirePortFree(this, port());
            Path config = StackConfig.writeServiceConfig(layout, spec, instance);
            List<String> cmd = new ArrayList<>(List.of(LocalStack.javaBinary(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC"));
            cmd.addAll(classDataSharing());
            String extra = System.getenv("PATHWAYS_SERVICE_JVM_OPTS");
            if (extra != null && !extra.isBlank()) cmd.addAll(List.of(extra.trim().split("\\s+")));
            cmd.addAll(List.of("-Dquarkus.config.locations=" + config.toUri(), "-jar", jar().toString()));
            process.start(cmd, layout.root().resolve(spec.module()), Map.of());
        }
        Readiness.await(this, Duration.ofSeconds(240), this::isReady);
    }

    /**
     * Application class-data sharing (JDK 17 dynamic archive) for the demo: the first run of a jar writes an archive
     * when the service stops; later runs of the same jar map it and start in roughly 60% of the time. The archive's
     * name carries the jar's size and time, so a rebuilt jar never meets a stale archive (the JVM would ignore a
     * mismatched one anyway). Tests rebuild every jar, so they skip it.
     */
    private List<String> classDataSharing() throws IOException {
        if (!layout.profile().equals("demo")) return List.of();
        // Only instance 1 writes the archive (two JVMs writing one file at exit would spoil it); the others map it if it exists.
        Path dir = layout.state().resolve("cds");
        Files.createDirectories(dir);
        Path archive = dir.resolve(spec.module() + "-" + Files.size(jar()) + "-" + Files.getLastModifiedTime(jar()).toMillis() + ".jsa");
        if (Files.exists(archive) && Files.size(archive) > 0) {
            return List.of("-XX:SharedArchiveFile=" + archive);
        }
        if (instance != 1) return List.of();
        try (var old = Files.newDirectoryStream(dir, spec.module() + "-*.jsa")) {
            for (Path p : old) Files.deleteIfExists(p);
        }
        return List.of("-XX:ArchiveClassesAtExit=" + archive);
    }

    @Override
    public void stop() {
        process.stop(Duration.ofSeconds(20), null);
    }
}
