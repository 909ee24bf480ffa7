package org.pathways.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;

/**
 * Builds one OCI image tar per application with jib-core: no Docker daemon, no registry (DEPLOY-NOTES: Quarkus' own
 * Jib step can only push or load into a daemon). Layers follow the Quarkus fast-jar, least to most often changed:
 * dependencies ({@code lib/}), the Quarkus runner ({@code quarkus/}, {@code quarkus-run.jar}), our classes ({@code app/}).
 * Non-root (uid 185, as deploy/k8s runs them), {@code java -jar} entrypoint, the service's port, OCI labels.
 *
 * <p>Arguments: base image ({@code tar://<docker-archive>} or a registry reference pinned by digest), output folder,
 * tag, repository root.
 */
public final class ImageBuilder {

    /** An application we ship: its module folder, image name and HTTP port. */
    record App(String module, String image, int port, String description) {
    }

    static final List<App> APPS = List.of(
            new App("directory-service", "pathways/directory-service", 8081, "Pathways directory: organisations, services, partnerships"),
            new App("consent-service", "pathways/consent-service", 8082, "Pathways consent: her consent, restrictions and the access gate"),
            new App("referral-service", "pathways/referral-service", 8083, "Pathways referrals, pathways, queues, timers and reports"),
            new App("notification-service", "pathways/notification-service", 8084, "Pathways notifications: inbox, e-mail, webhooks"),
            new App("dashboard", "pathways/dashboard", 8085, "Pathways dashboard: the web app for partner staff"));

    /** The user the applications run as (not root); the same uid deploy/k8s sets in every pod's securityContext. */
    static final String USER = "185:185";
    static final AbsoluteUnixPath HOME = AbsoluteUnixPath.get("/deployments");

    private ImageBuilder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) throw new IllegalArgumentException("usage: ImageBuilder <base> <out-dir> <tag> <repo-root>");
        String base = args[0];
        Path out = Path.of(args[1]);
        String tag = args[2];
        Path repo = Path.of(args[3]);
        requirePinned(base);
        Files.createDirectories(out);
        String revision = gitRevision(repo);
        for (App app : APPS) {
            Path quarkusApp = repo.resolve(app.module()).resolve("target/quarkus-app");
            if (!Files.isRegularFile(quarkusApp.resolve("quarkus-run.jar"))) {
                throw new IllegalStateException(app.module() + " is not packaged (no " + quarkusApp.resolve("quarkus-run.jar")
                        + "): build it first, e.g. ./mvnw -Pimages package");
            }
            Path tar = out.resolve(app.module() + ".tar");
            build(base, app, quarkusApp, tar, tag, revision);
            System.out.printf("[images] %s:%s -> %s (%d MB)%n", app.image(), tag, tar, Files.size(tar) / (1024 * 1024));
        }
    }

    /** A registry base must be pinned by digest, so the same build always gets the same JRE. */
    static void requirePinned(String base) {
        if (base.startsWith(Jib.TAR_IMAGE_PREFIX)) return;
        if (!base.contains("@sha256:")) {
            throw new IllegalArgumentException("the base image must be pinned by digest (name@sha256:...), or a tar:// "
                    + "archive; got " + base);
        }
    }

    static void build(String base, App app, Path quarkusApp, Path tar, String tag, String revision) throws Exception {
        JibContainerBuilder image = Jib.from(base)
                .setFormat(ImageFormat.OCI)
                .addFileEntriesLayer(layer("dependencies", quarkusApp, "lib"))
                .addFileEntriesLayer(layer("quarkus", quarkusApp, "quarkus", "quarkus-run.jar", "quarkus-app-dependencies.txt"))
                .addFileEntriesLayer(layer("application", quarkusApp, "app"))
                .setWorkingDirectory(HOME)
                .setUser(USER)
                .setEntrypoint("java", "-jar", HOME.resolve("quarkus-run.jar").toString())
                .addExposedPort(Port.tcp(app.port()))
                .setLabels(labels(app, tag, revision));
        image.containerize(Containerizer.to(TarImage.at(tar).named(app.image() + ":" + tag))
                .setOfflineMode(base.startsWith(Jib.TAR_IMAGE_PREFIX))
                .setBaseImageLayersCache(tar.getParent().resolve(".jib-cache/base"))
                .setApplicationLayersCache(tar.getParent().resolve(".jib-cache/app")));
    }

    static Map<String, String> labels(App app, String tag, String revision) {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("org.opencontainers.image.title", app.image());
        l.put("org.opencontainers.image.description", app.description());
        l.put("org.opencontainers.image.version", tag);
        l.put("org.opencontainers.image.revision", revision);
        l.put("org.opencontainers.image.licenses", "Apache-2.0");
        l.put("org.opencontainers.image.created", Instant.now().toString());
        // The probes every deployment uses (the OCI config has no health check of its own): deploy/k8s, deploy/compose.
        l.put("org.pathways.health.liveness", "http://:" + app.port() + "/q/health/live");
        l.put("org.pathways.health.readiness", "http://:" + app.port() + "/q/health/ready");
        return l;
    }

    /** The named entries of the fast-jar, recursively, under /deployments; readable by the non-root user, not writable. */
    static FileEntriesLayer layer(String name, Path quarkusApp, String... entries) throws IOException {
        FileEntriesLayer.Builder b = FileEntriesLayer.builder().setName(name);
        for (String e : entries) {
            Path p = quarkusApp.resolve(e);
            if (!Files.exists(p)) continue;
            if (Files.isDirectory(p)) {
                try (Stream<Path> files = Files.walk(p)) {
                    for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                        if (Files.isRegularFile(f)) b.addEntry(f, HOME.resolve(quarkusApp.relativize(f).toString()));
                    }
                }
            } else {
                b.addEntry(p, HOME.resolve(e));
            }
        }
        return b.build();
    }

    static String gitRevision(Path repo) {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "HEAD").directory(repo.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && out.matches("[0-9a-f]{40}")) return out;
        } catch (IOException e) {
            // no git: an unknown revision, not a failed build
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
