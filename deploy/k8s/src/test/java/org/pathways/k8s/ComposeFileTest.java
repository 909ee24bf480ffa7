package org.pathways.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * deploy/compose checked offline with Debian's docker-compose (1.29): the file against Compose's own schema (a misspelt
 * field fails), every secret from the environment (a missing one fails), and the rules we keep there: every container
 * with a health check, ports published on loopback only, our images hardened (read-only, no new privileges).
 * docker-compose is installed with apt when it is missing and we are root (as CI is); otherwise the test fails saying
 * what to install. It never skips silently.
 */
class ComposeFileTest {

    static final Path COMPOSE = ManifestsTest.REPO.resolve("deploy/compose/compose.yaml");
    static final List<String> OURS = List.of("directory-service", "consent-service", "referral-service",
            "notification-service", "dashboard");

    static Path dockerCompose;
    static Path env;

    @BeforeAll
    static void tools(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        dockerCompose = dockerCompose();
        env = tmp.resolve("test.env");
        // Every key .env.example lists, with a placeholder value: the file must need nothing else.
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(COMPOSE.resolveSibling(".env.example"))) {
            if (l.isBlank() || l.startsWith("#")) continue;
            lines.add(l.substring(0, l.indexOf('=')) + "=placeholder");
        }
        Files.write(env, lines);
    }

    @Test
    void theComposeFileIsValidWithEveryKeyOfTheExampleEnv() throws Exception {
        Result r = config(COMPOSE, env, "-q");
        assertEquals(0, r.exit, "docker-compose config: " + r.output);
    }

    @Test
    void aMisspeltFieldFails(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("compose.yaml");
        String text = Files.readString(COMPOSE).replace("    image: postgres:", "    imagge: postgres:");
        Files.writeString(broken, text);
        Result r = config(broken, env, "-q");
        assertNotEquals(0, r.exit, "a misspelt field passed");
        assertTrue(r.output.contains("imagge"), r.output);
    }

    @Test
    void aMissingSecretFailsNamingIt(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path partial = tmp.resolve("partial.env");
        Files.write(partial, Files.readAllLines(env).stream().filter(l -> !l.startsWith("PATHWAYS_REFERRAL_KEK=")).toList());
        Result r = config(COMPOSE, partial, "-q");
        assertNotEquals(0, r.exit, "ran without a key-encryption key");
        assertTrue(r.output.contains("PATHWAYS_REFERRAL_KEK"), r.output);
    }

    @Test
    void everyContainerIsHealthCheckedAndPublishedOnLoopbackOnly() throws Exception {
        Result r = config(COMPOSE, env);
        assertEquals(0, r.exit, r.output);
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(r.output).path("services");
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> s = it.next();
            String name = s.getKey();
            JsonNode svc = s.getValue();
            if (!name.equals("mail") && svc.path("healthcheck").path("test").isMissingNode()) problems.add(name + ": no healthcheck");
            for (JsonNode p : svc.path("ports")) {
                String published = p.isTextual() ? p.asText() : p.path("host_ip").asText("") + ":" + p.path("published").asText();
                if (!published.startsWith("127.0.0.1:")) problems.add(name + ": published beyond loopback (" + published + ")");
            }
            if (OURS.contains(name)) {
                if (!svc.path("read_only").asBoolean(false)) problems.add(name + ": root filesystem not read-only");
                if (!svc.path("security_opt").toString().contains("no-new-privileges:true")) problems.add(name + ": may gain privileges");
                if (!svc.path("image").asText().startsWith("pathways/" + name + ":")) problems.add(name + ": not our image");
            }
        }
        for (String ours : OURS) if (!services.has(ours)) problems.add(ours + ": missing");
        assertEquals(List.of(), problems);
    }

    record Result(int exit, String output) {
    }

    static Result config(Path file, Path envFile, String... extra) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(dockerCompose.toString(), "-f", file.toString(), "--env-file",
                envFile.toString(), "config"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(file.getParent().toFile());
        // Only the env file counts: a variable set in the test's own environment must not mask a missing key.
        Map<String, String> keep = new LinkedHashMap<>();
        for (String k : List.of("PATH", "HOME", "LANG")) if (System.getenv(k) != null) keep.put(k, System.getenv(k));
        pb.environment().clear();
        pb.environment().putAll(keep);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("docker-compose config did not finish in 120 s");
        }
        return new Result(p.exitValue(), out);
    }

    /** Debian's docker-compose: found, or installed with apt when we are root, or a failure saying what to do. */
    static Path dockerCompose() {
        Path found = Path.of("/usr/bin/docker-compose");
        if (Files.isExecutable(found)) return found;
        if ("root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            System.out.println("[compose] docker-compose is missing: installing Debian's docker-compose with apt-get (root)");
            if (run("apt-get", "install", "-y", "--no-install-recommends", "docker-compose") != 0) {
                run("apt-get", "update");
                run("apt-get", "install", "-y", "--no-install-recommends", "docker-compose");
            }
            if (Files.isExecutable(found)) return found;
        }
        fail("The compose file is checked with Debian's docker-compose and it is not installed: `apt-get install -y "
                + "docker-compose` as root (the test command does this itself when it runs as root with apt-get).");
        return null;
    }

    private static int run(String... cmd) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            return p.waitFor(15, TimeUnit.MINUTES) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
