package org.pathways.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads each image tar the build wrote (target/images) and checks its config: not root, the java -jar entrypoint of
 * the fast-jar, the service's port, the OCI labels, the three fast-jar layers on top of the base, and the files where
 * the entrypoint expects them.
 */
class ImageConfigTest {

    static final Path IMAGES = Path.of("target", "images");
    static final ObjectMapper JSON = new ObjectMapper();

    static List<ImageBuilder.App> apps() {
        return ImageBuilder.APPS;
    }

    @ParameterizedTest
    @MethodSource("apps")
    void theImageRunsTheFastJarAsANonRootUserOnItsPort(ImageBuilder.App app) throws IOException {
        Image image = Image.read(IMAGES.resolve(app.module() + ".tar"));
        JsonNode config = image.config.path("config");
        assertEquals("185:185", config.path("User").asText(), "runs as uid 185, never root");
        assertEquals(List.of("java", "-jar", "/deployments/quarkus-run.jar"),
                JSON.convertValue(config.path("Entrypoint"), List.class));
        assertEquals("/deployments", config.path("WorkingDir").asText());
        assertTrue(config.path("ExposedPorts").has(app.port() + "/tcp"), "exposes " + app.port() + ": " + config.path("ExposedPorts"));
        JsonNode labels = config.path("Labels");
        assertEquals(app.image(), labels.path("org.opencontainers.image.title").asText());
        assertEquals("Apache-2.0", labels.path("org.opencontainers.image.licenses").asText());
        assertFalse(labels.path("org.opencontainers.image.version").asText().isBlank());
        assertTrue(labels.path("org.opencontainers.image.revision").asText().matches("[0-9a-f]{40}|unknown"));
        assertTrue(labels.path("org.pathways.health.readiness").asText().endsWith(":" + app.port() + "/q/health/ready"));
        assertEquals("linux", image.config.path("os").asText());
        // Base layers, then dependencies, the Quarkus runner and our classes: three layers of our own.
        assertTrue(image.config.path("rootfs").path("diff_ids").size() >= 4, "base plus three fast-jar layers");
        assertTrue(image.files.contains("deployments/quarkus-run.jar"), "the entrypoint's jar is in the image");
        assertTrue(image.files.stream().anyMatch(f -> f.startsWith("deployments/lib/main/")), "dependencies are in the image");
        assertTrue(image.files.stream().anyMatch(f -> f.startsWith("deployments/app/")), "our classes are in the image");
        assertTrue(image.files.stream().anyMatch(f -> f.endsWith("bin/java")), "a JRE is in the image");
    }

    @Test
    void anUnpinnedRegistryBaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ImageBuilder.requirePinned("eclipse-temurin:17-jre"));
        ImageBuilder.requirePinned("eclipse-temurin:17-jre@sha256:" + "0".repeat(64));
        ImageBuilder.requirePinned("tar:///tmp/base.tar");
    }

    /** An image tar as Jib writes it (OCI layout or docker-archive): its config and every file path in its layers. */
    record Image(JsonNode config, java.util.Set<String> files) {

        static Image read(Path tar) throws IOException {
            assertTrue(Files.isRegularFile(tar), tar + " was not built");
            Map<String, byte[]> small = new HashMap<>();
            java.util.Set<String> files = new java.util.HashSet<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
                for (TarArchiveEntry e; (e = in.getNextEntry()) != null;) {
                    if (e.isDirectory()) continue;
                    if (e.getSize() < 1_000_000 && (e.getName().endsWith(".json") || e.getName().startsWith("blobs/"))) {
                        byte[] bytes = in.readAllBytes();
                        if (looksLikeJson(bytes)) small.put(e.getName(), bytes);
                        else files.addAll(layerFiles(bytes));
                    } else {
                        files.addAll(layerFiles(in.readAllBytes()));
                    }
                }
            }
            JsonNode config;
            if (small.containsKey("manifest.json")) {
                config = JSON.readTree(small.get(JSON.readTree(small.get("manifest.json")).get(0).path("Config").asText()));
            } else {
                JsonNode index = JSON.readTree(small.get("index.json"));
                String manifest = index.path("manifests").get(0).path("digest").asText();
                JsonNode m = JSON.readTree(small.get(blob(manifest)));
                config = JSON.readTree(small.get(blob(m.path("config").path("digest").asText())));
            }
            return new Image(config, files);
        }

        private static String blob(String digest) {
            return "blobs/" + digest.replace(':', '/');
        }

        private static boolean looksLikeJson(byte[] b) {
            return b.length > 0 && b[0] == '{';
        }

        /** The file names inside a (gzipped) layer tar; nothing for anything that is not one. */
        private static List<String> layerFiles(byte[] layer) {
            List<String> names = new java.util.ArrayList<>();
            try (InputStream raw = new java.io.ByteArrayInputStream(layer);
                 InputStream un = layer.length > 2 && layer[0] == (byte) 0x1f && layer[1] == (byte) 0x8b
                         ? new java.util.zip.GZIPInputStream(raw) : raw;
                 TarArchiveInputStream t = new TarArchiveInputStream(un)) {
                for (TarArchiveEntry e; (e = t.getNextEntry()) != null;) {
                    String n = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                    names.add(n.startsWith("/") ? n.substring(1) : n);
                }
            } catch (IOException | RuntimeException e) {
                // not a layer
            }
            return names;
        }
    }
}
