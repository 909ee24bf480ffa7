package org.pathways.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every file under deploy/k8s checked offline: each kustomization rendered by kustomize and every resource in it checked
 * field by field (ManifestValidator), broken manifests proving each check can fail, and the rules the architecture
 * sets (hardened pods, deny-by-default network, every topic replicated, secrets by name only, the connection budget).
 */
class ManifestsTest {

    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path REPO = K8S.getParent().getParent();
    static final List<String> SERVICES = List.of("directory", "consent", "referral", "notification");
    static final List<String> KUSTOMIZATIONS = List.of("base", "overlays/demo", "overlays/production");

    static ManifestValidator validator;
    static final Map<String, List<JsonNode>> rendered = new HashMap<>();

    @BeforeAll
    static void render() throws Exception {
        validator = new ManifestValidator(K8S.resolve("crds"));
        if (Boolean.getBoolean("pathways.k8s.write-realm-import")) {
            Files.writeString(K8S.resolve("base/keycloak-realm-import.yaml"),
                    RealmImport.render(RealmImport.generate(REPO.resolve("deploy/keycloak/pathways-realm.json"))));
        }
        for (String k : KUSTOMIZATIONS) rendered.put(k, ManifestValidator.readAll(Kustomize.build(K8S.resolve(k))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "base", "overlays/demo", "overlays/production" })
    void everyRenderedResourcePassesItsSchema(String kustomization) {
        List<JsonNode> docs = rendered.get(kustomization);
        assertTrue(docs.size() > 30, kustomization + " renders only " + docs.size() + " resources");
        List<String> violations = new ArrayList<>();
        for (JsonNode d : docs) violations.addAll(validator.violations(d));
        System.out.printf("[k8s] %s: %d resources checked, %d violations%s%s%n", kustomization, docs.size(), violations.size(),
                validator.substitutedUses.isEmpty() ? "" : " (" + String.join("; ", validator.substitutedUses) + ")",
                validator.newerFieldsSeen.isEmpty() ? "" : " (allowed, newer than the CRD snapshot: " + String.join("; ", validator.newerFieldsSeen) + ")");
        assertEquals(List.of(), violations);
    }

    @Test
    void theSecretsExampleIsValidAndHoldsNoValue() throws IOException {
        List<JsonNode> docs = ManifestValidator.readAll(Files.readString(K8S.resolve("secrets.example.yaml")));
        List<String> violations = new ArrayList<>();
        for (JsonNode d : docs) {
            violations.addAll(validator.violations(d));
            d.path("stringData").fields().forEachRemaining(e -> {
                if (!e.getValue().asText().isEmpty()) violations.add(d.path("metadata").path("name").asText() + "/" + e.getKey() + " has a value");
            });
            if (d.has("data")) violations.add(d.path("metadata").path("name").asText() + " has data");
        }
        assertEquals(List.of(), violations);
    }

    /** Each file under tests/broken names in its first line the violation it must cause: every kind of check can fail. */
    @Test
    void brokenManifestsAreRefused() throws IOException {
        Path dir = K8S.resolve("src/test/resources/broken");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(files.size() >= 5, "broken examples: " + files);
        for (Path f : files) {
            String text = Files.readString(f);
            Matcher m = Pattern.compile("^# expect: (.+)$", Pattern.MULTILINE).matcher(text);
            assertTrue(m.find(), f + " lacks its '# expect:' line");
            List<String> violations = new ArrayList<>();
            for (JsonNode d : ManifestValidator.readAll(text)) violations.addAll(validator.violations(d));
            String expected = m.group(1).trim();
            assertTrue(violations.stream().anyMatch(v -> v.contains(expected)), f.getFileName() + ": expected a violation containing '"
                    + expected + "', got " + violations);
        }
    }

    /** Nothing escapes the checks: every manifest file is part of a kustomization that is rendered above. */
    @Test
    void everyManifestFileIsRendered() throws IOException {
        Set<Path> referenced = new HashSet<>();
        for (String k : KUSTOMIZATIONS) {
            Path dir = K8S.resolve(k);
            JsonNode kz = ManifestValidator.readAll(Files.readString(dir.resolve("kustomization.yaml"))).get(0);
            kz.path("resources").forEach(r -> referenced.add(dir.resolve(r.asText()).normalize()));
            kz.path("patches").forEach(p -> { if (p.has("path")) referenced.add(dir.resolve(p.path("path").asText()).normalize()); });
        }
        Set<String> orphans = new TreeSet<>();
        for (String top : List.of("base", "overlays")) {
            try (Stream<Path> s = Files.walk(K8S.resolve(top))) {
                s.filter(p -> p.toString().endsWith(".yaml") && !p.getFileName().toString().equals("kustomization.yaml"))
                        .filter(p -> !referenced.contains(p.normalize())).forEach(p -> orphans.add(K8S.relativize(p).toString()));
            }
        }
        assertEquals(Set.of(), orphans);
    }

    @Test
    void realmImportIsGeneratedFromTheRealmWithoutUsersOrSecrets() throws IOException {
        JsonNode expected = RealmImport.generate(REPO.resolve("deploy/keycloak/pathways-realm.json"));
        JsonNode committed = ManifestValidator.readAll(Files.readString(K8S.resolve("base/keycloak-realm-import.yaml"))).get(0);
        assertEquals(expected, committed, "base/keycloak-realm-import.yaml is stale: rerun with -Dpathways.k8s.write-realm-import=true");
        assertFalse(committed.path("spec").path("realm").has("users"));
        for (String k : KUSTOMIZATIONS) {
            for (JsonNode d : rendered.get(k)) {
                assertFalse(d.toString().contains("demo-secret"), k + ": a demo secret in " + d.path("metadata").path("name"));
            }
        }
    }

    @Test
    void servicePodsAreHardenedAndProbed() {
        List<JsonNode> docs = rendered.get("overlays/production");
        List<String> apps = new ArrayList<>(SERVICES.stream().map(s -> s + "-service").toList());
        apps.add("dashboard");
        for (String app : apps) {
            JsonNode dep = find(docs, "Deployment", app);
            JsonNode pod = dep.path("spec").path("template").path("spec");
            JsonNode c = pod.path("containers").get(0);
            assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean(), app + " runAsNonRoot");
            assertFalse(pod.path("automountServiceAccountToken").asBoolean(true), app + " mounts an API token");
            assertTrue(c.path("securityContext").path("readOnlyRootFilesystem").asBoolean(), app + " read-only root");
            assertFalse(c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true), app + " privilege escalation");
            assertEquals("ALL", c.path("securityContext").path("capabilities").path("drop").get(0).asText(), app + " capabilities");
            assertEquals("/q/health/started", c.path("startupProbe").path("httpGet").path("path").asText(), app);
            assertEquals("/q/health/live", c.path("livenessProbe").path("httpGet").path("path").asText(), app);
            assertEquals("/q/health/ready", c.path("readinessProbe").path("httpGet").path("path").asText(), app);
            assertFalse(c.path("resources").path("limits").path("memory").isMissingNode(), app + " memory limit");
            assertFalse(c.path("resources").path("requests").path("cpu").isMissingNode(), app + " cpu request");
            assertTrue(c.path("image").asText().startsWith("registry.pathways.example/"), app + " image " + c.path("image"));
            assertFalse(c.path("image").asText().endsWith(":latest"), app + " image tag");
            for (String kind : List.of("Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "NetworkPolicy")) find(docs, kind, app);
            assertTrue(find(docs, "HorizontalPodAutoscaler", app).path("spec").path("minReplicas").asInt() >= 2, app + " min replicas");
        }
    }

    @Test
    void networkIsDenyByDefault() {
        for (String k : List.of("overlays/demo", "overlays/production")) {
            List<JsonNode> docs = rendered.get(k);
            JsonNode deny = find(docs, "NetworkPolicy", "default-deny");
            assertEquals("service", deny.path("spec").path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText());
            assertEquals(List.of("Ingress", "Egress"), texts(deny.path("spec").path("policyTypes")));
            assertTrue(deny.path("spec").path("ingress").isMissingNode() && deny.path("spec").path("egress").isMissingNode());
            for (JsonNode d : docs) {
                if (!"NetworkPolicy".equals(d.path("kind").asText())) continue;
                // An empty peer list or a rule without ports would open everything it does not name.
                for (String dir : List.of("ingress", "egress")) {
                    for (JsonNode rule : d.path("spec").path(dir)) {
                        JsonNode peers = rule.path(dir.equals("ingress") ? "from" : "to");
                        String where = k + " " + d.path("metadata").path("name").asText() + " " + dir;
                        assertTrue(peers.isArray() && !peers.isEmpty(), where + " rule without peers");
                        assertTrue(rule.path("ports").isArray() && !rule.path("ports").isEmpty(), where + " rule without ports");
                    }
                }
            }
            // Nothing under /internal or /q/health reaches the public edge.
            for (JsonNode rule : find(docs, "Ingress", "pathways").path("spec").path("rules")) {
                for (JsonNode p : rule.path("http").path("paths")) {
                    String path = p.path("path").asText();
                    assertFalse(path.startsWith("/internal") || path.equals("/") || path.startsWith("/q/health") || path.startsWith("/q/metrics")
                            || path.startsWith("/admin"), k + " exposes " + rule.path("host").asText() + path);
                }
            }
            // The dashboard: every page, but nothing under /q (one regex path; ingress-nginx matches it from the start).
            JsonNode dashboard = find(docs, "Ingress", "pathways-dashboard");
            assertEquals("true", dashboard.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/use-regex").asText());
            for (JsonNode rule : dashboard.path("spec").path("rules")) {
                for (JsonNode p : rule.path("http").path("paths")) {
                    Pattern admitted = Pattern.compile(p.path("path").asText());
                    for (String page : List.of("/", "/work", "/new/find", "/referrals/x", "/static/app.css", "/signin-callback")) {
                        assertTrue(admitted.matcher(page).lookingAt(), k + " dashboard path refuses " + page);
                    }
                    for (String inside : List.of("/q/health/ready", "/q/metrics", "/q", "/q/")) {
                        assertFalse(admitted.matcher(inside).lookingAt(), k + " dashboard exposes " + inside);
                    }
                }
            }
        }
    }

    /**
     * Every service the dashboard calls (its REST clients' {@code ${pathways.X.url}} in application.properties) has its
     * address in the dashboard's Deployment, and both NetworkPolicies let that call through: egress from the dashboard
     * and ingress on the service, on the port the service's pods listen on (deny by default drops any other).
     */
    @Test
    void theDashboardReachesEveryServiceItCalls() throws IOException {
        Set<String> called = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^quarkus\\.rest-client\\.[a-z-]+\\.url=\\$\\{pathways\\.([a-z]+)\\.url")
                .matcher(Files.readString(REPO.resolve("dashboard/src/main/resources/application.properties")));
        while (m.find()) called.add(m.group(1));
        assertEquals(new TreeSet<>(SERVICES), called, "the services the dashboard calls");
        for (String k : List.of("overlays/demo", "overlays/production")) {
            List<JsonNode> docs = rendered.get(k);
            Map<String, String> env = new HashMap<>();
            find(docs, "Deployment", "dashboard").path("spec").path("template").path("spec").path("containers").get(0).path("env")
                    .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
            JsonNode own = find(docs, "NetworkPolicy", "dashboard").path("spec");
            for (String s : called) {
                String variable = "PATHWAYS_" + s.toUpperCase() + "_URL";
                assertTrue(env.containsKey(variable), k + ": the dashboard calls " + s + " but its Deployment sets no " + variable);
                URI url = URI.create(env.get(variable));
                String app = url.getHost();
                assertEquals(s + "-service", app, k + " " + variable);
                int podPort = podPort(docs, app, url.getPort());
                assertTrue(allows(own.path("egress"), "to", app, podPort), k + ": no egress from the dashboard to " + app + ":" + podPort);
                assertTrue(allows(find(docs, "NetworkPolicy", app).path("spec").path("ingress"), "from", "dashboard", podPort),
                        k + ": " + app + " admits no ingress from the dashboard on " + podPort);
            }
        }
    }

    /** The container port behind a Service's port (NetworkPolicies name pod ports, not Service ports). */
    private static int podPort(List<JsonNode> docs, String app, int servicePort) {
        for (JsonNode p : find(docs, "Service", app).path("spec").path("ports")) {
            if (p.path("port").asInt() != servicePort) continue;
            JsonNode target = p.path("targetPort");
            if (target.isInt()) return target.asInt();
            for (JsonNode c : find(docs, "Deployment", app).path("spec").path("template").path("spec").path("containers")) {
                for (JsonNode cp : c.path("ports")) if (target.asText().equals(cp.path("name").asText())) return cp.path("containerPort").asInt();
            }
        }
        throw new AssertionError("Service " + app + " has no port " + servicePort);
    }

    /** A rule naming this app's pods (in our namespace) as a peer and this TCP port. */
    private static boolean allows(JsonNode rules, String peers, String app, int port) {
        for (JsonNode rule : rules) {
            boolean peer = false;
            for (JsonNode p : rule.path(peers)) {
                peer |= p.path("namespaceSelector").isMissingNode()
                        && app.equals(p.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText());
            }
            boolean open = false;
            for (JsonNode p : rule.path("ports")) open |= p.path("port").asInt() == port && "TCP".equals(p.path("protocol").asText("TCP"));
            if (peer && open) return true;
        }
        return false;
    }

    @Test
    void everyTopicTheServicesUseIsDeclaredAndReplicated() throws IOException {
        Set<String> used = new TreeSet<>();
        for (String s : SERVICES) {
            Matcher m = Pattern.compile("(?m)^mp\\.messaging\\.[a-z-]+\\.[a-z0-9-]+\\.(?:dead-letter-queue\\.)?topic=(\\S+)$")
                    .matcher(Files.readString(REPO.resolve(s + "-service/src/main/resources/application.properties")));
            while (m.find()) used.add(m.group(1));
            used.add(s + ".events"); // each service's outbox relay publishes to its own topic
        }
        used.remove("notification.events");
        assertTrue(used.containsAll(Set.of("referral.events", "referral.events.dlq", "consent.events", "directory.events")), used.toString());
        for (String k : List.of("overlays/demo", "overlays/production")) {
            Map<String, JsonNode> topics = new HashMap<>();
            for (JsonNode d : rendered.get(k)) {
                if ("KafkaTopic".equals(d.path("kind").asText())) topics.put(d.path("spec").path("topicName").asText(), d);
            }
            assertTrue(topics.keySet().containsAll(used), k + ": topics missing: " + used + " vs " + topics.keySet());
            if (k.equals("overlays/production")) {
                topics.forEach((name, t) -> {
                    assertEquals(3, t.path("spec").path("replicas").asInt(), name + " replicas");
                    assertEquals(2, t.path("spec").path("config").path("min.insync.replicas").asInt(), name + " min.insync.replicas");
                });
                assertFalse(find(rendered.get(k), "Kafka", "pathways-kafka").path("spec").path("kafka").path("config")
                        .path("auto.create.topics.enable").asBoolean(true), "topics appear only as KafkaTopic resources");
            }
        }
    }

    @Test
    void everySecretReferencedIsListedInTheExample() throws IOException {
        Map<String, Set<String>> listed = new HashMap<>();
        for (JsonNode d : ManifestValidator.readAll(Files.readString(K8S.resolve("secrets.example.yaml")))) {
            Set<String> keys = new HashSet<>();
            d.path("stringData").fieldNames().forEachRemaining(keys::add);
            listed.put(d.path("metadata").path("name").asText(), keys);
        }
        List<JsonNode> docs = rendered.get("overlays/production");
        Set<String> operatorWritten = new HashSet<>(Set.of("pathways-kafka-cluster-ca-cert", "pathways-db-ca"));
        for (JsonNode d : docs) if ("KafkaUser".equals(d.path("kind").asText())) operatorWritten.add(d.path("metadata").path("name").asText());
        Set<String> missing = new TreeSet<>();
        for (JsonNode d : docs) {
            for (JsonNode ref : d.findValues("secretKeyRef")) check(listed, operatorWritten, ref.path("name").asText(), ref.path("key").asText(), missing);
            for (JsonNode ref : d.findValues("secret")) {
                if (ref.has("secretName")) check(listed, operatorWritten, ref.path("secretName").asText(), null, missing);
                if (ref.has("name") && ref.has("key")) check(listed, operatorWritten, ref.path("name").asText(), ref.path("key").asText(), missing);
            }
            for (String f : List.of("passwordSecret", "usernameSecret")) {
                for (JsonNode ref : d.findValues(f)) check(listed, operatorWritten, ref.path("name").asText(), ref.has("key") ? ref.path("key").asText() : null, missing);
            }
            for (JsonNode ref : d.findValues("tlsSecret")) check(listed, operatorWritten, ref.asText(), null, missing);
            for (JsonNode ref : d.findValues("secretName")) check(listed, operatorWritten, ref.asText(), null, missing);
        }
        assertEquals(Set.of(), missing);
    }

    private static void check(Map<String, Set<String>> listed, Set<String> operatorWritten, String name, String key, Set<String> missing) {
        if (name.isEmpty() || operatorWritten.contains(name)) return;
        if (!listed.containsKey(name)) missing.add(name);
        else if (key != null && !listed.get(name).contains(key)) missing.add(name + "/" + key);
    }

    /** Every replica's pool fits its role's limit, and all of them together fit PostgreSQL's max_connections. */
    @Test
    void databaseConnectionsFitTheBudget() {
        for (String k : List.of("overlays/demo", "overlays/production")) {
            List<JsonNode> docs = rendered.get(k);
            JsonNode cluster = find(docs, "Cluster", "pathways-db");
            int max = cluster.path("spec").path("postgresql").path("parameters").path("max_connections").asInt();
            Map<String, Integer> roleLimit = new HashMap<>();
            cluster.path("spec").path("managed").path("roles").forEach(r -> roleLimit.put(r.path("name").asText(), r.path("connectionLimit").asInt(-1)));
            int total = 0;
            for (String s : SERVICES) {
                JsonNode c = find(docs, "Deployment", s + "-service").path("spec").path("template").path("spec").path("containers").get(0);
                int pool = 0;
                for (JsonNode e : c.path("env")) if (e.path("name").asText().equals("QUARKUS_DATASOURCE_JDBC_MAX_SIZE")) pool = e.path("value").asInt();
                int replicas = find(docs, "HorizontalPodAutoscaler", s + "-service").path("spec").path("maxReplicas").asInt();
                assertTrue(pool > 0, s + " pool size set");
                assertTrue(roleLimit.getOrDefault(s, -1) >= pool * replicas, k + " " + s + ": role limit " + roleLimit.get(s) + " < " + pool + " x " + replicas);
                total += pool * replicas;
            }
            JsonNode kc = find(docs, "Keycloak", "pathways-keycloak").path("spec");
            int keycloak = kc.path("instances").asInt() * kc.path("db").path("poolMaxSize").asInt();
            assertTrue(roleLimit.getOrDefault("keycloak", -1) >= keycloak, k + " keycloak role limit");
            // 20 left for superuser, replication, the operator and a person at a psql prompt.
            assertTrue(total + keycloak <= max - 20, k + ": " + total + " + " + keycloak + " connections > " + max + " - 20");
        }
    }

    static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
