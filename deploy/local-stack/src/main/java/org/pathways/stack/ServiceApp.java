package org.pathways.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One of our Quarkus services, run from its packaged {@code target/quarkus-app/quarkus-run.jar}. */
final class ServiceApp implements Component {

    private final StackLayout layout;
    private final StackLayout.ServiceSpec spec;
    private final ManagedProcess process;

    ServiceApp(StackLayout layout, StackLayout.ServiceSpec spec) {
        this.layout = layout;
        this.spec = spec;
        this.process = new ManagedProcess(spec.module(), layout);
    }

    StackLayout.ServiceSpec spec() { return spec; }

    Path jar() { return layout.root().resolve(spec.module()).resolve("target/quarkus-app/quarkus-run.jar"); }

    @Override public String name() { return spec.module(); }
    @Override public ManagedProcess process() { return process; }
    @Override public boolean isRunning() { return process.isRunning(); }
    @Override public String endpoint() { return layout.serviceUrl(spec); }

    @Override
    public boolean isReady() {
        return Readiness.httpStatus(layout.serviceUrl(spec) + "/q/health/ready") == 200;
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            if (!Files.exists(jar())) {
                throw new IllegalStateException(jar() + " does not exist: package the services first (./mvnw package -DskipTests)");
            }
            Readiness.requirePortFree(this, layout.servicePort(spec));
            Path config = StackConfig.writeServiceConfig(layout, spec);
            process.start(List.of(LocalStack.javaBinary(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC",
                    "-Dquarkus.config.locations=" + config.toUri(),
                    "-jar", jar().toString()),
                    layout.root().resolve(spec.module()), Map.of());
        }
        Readiness.await(this, Duration.ofSeconds(240), this::isReady);
    }

    @Override
    public void stop() {
        process.stop(Duration.ofSeconds(20), null);
    }
}
