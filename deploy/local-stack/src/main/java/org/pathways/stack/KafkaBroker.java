package org.pathways.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real Apache Kafka broker (KRaft, single node: broker and controller in one process) from the jars the
 * {@code deploy/kafka-broker} module copies out of Maven Central.
 */
final class KafkaBroker implements Component {

    static final String VERSION = "4.4.0";
    /** Our topics, created up front with a few partitions so per-key ordering is exercised for real. */
    static final List<String> TOPICS = List.of("directory.events", "consent.events", "referral.events");
    static final int PARTITIONS = 3;

    private final StackLayout layout;
    private final ManagedProcess process;

    KafkaBroker(StackLayout layout) {
        this.layout = layout;
        this.process = new ManagedProcess("kafka", layout);
    }

    private Path dir() { return layout.state().resolve("kafka"); }
    private Path dataDir() { return dir().resolve("data"); }
    private Path libs() { return layout.dist().resolve("kafka-" + VERSION + "/libs"); }

    @Override public String name() { return "kafka"; }
    @Override public ManagedProcess process() { return process; }
    @Override public boolean isRunning() { return process.isRunning(); }
    @Override public String endpoint() { return layout.kafkaBootstrap(); }

    @Override
    public boolean isReady() {
        if (!Readiness.portOpen(layout.kafkaPort())) return false;
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    void wipeData() {
        Files2.deleteRecursively(dataDir());
    }

    @Override
    public void start() throws Exception {
        if (!isRunning()) {
            Readiness.requirePortFree(this, layout.kafkaPort());
            Readiness.requirePortFree(this, layout.kafkaControllerPort());
            if (!Files.isDirectory(libs())) {
                throw new IllegalStateException("Kafka jars not found in " + libs()
                        + ": build the deploy/kafka-broker module first (./mvnw -pl deploy/kafka-broker generate-resources)");
            }
            Files.createDirectories(dir());
            writeConfig();
            if (!Files.exists(dataDir().resolve("meta.properties"))) {
                format();
            }
            process.start(javaCommand("kafka.Kafka", dir().resolve("server.properties").toString()), dir(), Map.of());
        }
        Readiness.await(this, Duration.ofSeconds(240), this::isReady);
        createTopics();
    }

    @Override
    public void stop() {
        process.stop(Duration.ofSeconds(30), null);
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> cmd = new ArrayList<>(List.of(LocalStack.javaBinary(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + dir().resolve("log4j2.properties"),
                "-Dkafka.logs.dir=" + layout.logs(),
                "-cp", libs() + "/*", mainClass));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void writeConfig() throws IOException {
        String props = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + layout.kafkaControllerPort(),
                "listeners=PLAINTEXT://127.0.0.1:" + layout.kafkaPort() + ",CONTROLLER://127.0.0.1:" + layout.kafkaControllerPort(),
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + layout.kafkaPort(),
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dataDir(),
                "num.partitions=" + PARTITIONS,
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                // Short retention: events carry ids and codes only, and nothing needs them for long locally.
                "log.retention.hours=168",
                "log.segment.bytes=16777216",
                "") + "\n";
        Files.writeString(dir().resolve("server.properties"), props);
        String log4j = String.join("\n",
                "status=warn",
                "appender.console.type=Console",
                "appender.console.name=STDOUT",
                "appender.console.layout.type=PatternLayout",
                "appender.console.layout.pattern=[%d] %p %m (%c)%n",
                "rootLogger.level=info",
                "rootLogger.appenderRef.stdout.ref=STDOUT",
                "logger.kafka.name=kafka",
                "logger.kafka.level=info",
                "logger.apache.name=org.apache.kafka",
                "logger.apache.level=warn",
                "") + "\n";
        Files.writeString(dir().resolve("log4j2.properties"), log4j);
    }

    private void format() throws IOException, InterruptedException {
        byte[] id = new byte[16];
        String clusterId;
        SecureRandom random = new SecureRandom();
        do {
            random.nextBytes(id);
            clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        } while (clusterId.startsWith("-"));
        List<String> cmd = javaCommand("kafka.tools.StorageTool", "format", "-t", clusterId, "-c",
                dir().resolve("server.properties").toString());
        Process p = new ProcessBuilder(cmd).directory(dir().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(process.logFile().toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("formatting Kafka storage failed. Last lines of " + process.logFile() + ":\n"
                    + process.logTail(30));
        }
    }

    private void createTopics() throws Exception {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : TOPICS) {
                for (String name : List.of(t, t + ".dlq")) {
                    if (!existing.contains(name)) missing.add(new NewTopic(name, PARTITIONS, (short) 1));
                }
            }
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) throw e;
                }
            }
        }
    }

    Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, layout.kafkaBootstrap());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        return Admin.create(p);
    }
}
