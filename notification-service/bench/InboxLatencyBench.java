// Benchmark: referral sent -> visible in the single point of contact's inbox (not run by CI). See docs/benchmarks.md.
//
//   java -cp '.pathways/dist/kafka-4.4.0/libs/*' notification-service/bench/InboxLatencyBench.java [demo|test] [rate/s] [seconds]
//
// Needs a running stack with directory- and notification-service (./mvnw -Prun package in another terminal). It opens
// the inbox SSE stream as celc.coordinator1 (the SPOC of CELC's immigration service), then publishes schema-valid
// pathways.referral.sent events to referral.events at a fixed rate (open loop: latency is measured from each event's
// *intended* send time, so a stall is not hidden) and records, per referral, when its entry arrived on the stream.
// Entries are pushed only after the transaction that stored them committed, so arrival implies "visible in the inbox".
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class InboxLatencyBench {

    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    static final String CELC_IMMIGRATION = UUID.nameUUIDFromBytes("pathways-demo:service:celc-immigration"
            .getBytes(StandardCharsets.UTF_8)).toString();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern REFERRAL = Pattern.compile("\"referralId\":\"([0-9a-f-]{36})\"");

    public static void main(String[] args) throws Exception {
        String profile = args.length > 0 ? args[0] : "demo";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Properties stack = new Properties();
        try (var in = Files.newInputStream(Path.of(".pathways", profile, "stack.properties"))) {
            stack.load(in);
        }
        String notification = stack.getProperty("pathways.stack.notification.url");
        String tokenUrl = stack.getProperty("pathways.stack.keycloak.token-url");
        String kafka = stack.getProperty("pathways.stack.kafka.bootstrap-servers");
        String spoc = token(tokenUrl, "grant_type=password&client_id=pathways-cli&username=celc.coordinator1&password=pathways-demo");
        String referrer = subject(token(tokenUrl, "grant_type=password&client_id=pathways-cli&username=kairos.caseworker1&password=pathways-demo"));

        Map<String, Long> intended = new ConcurrentHashMap<>();
        Histogram latency = new Histogram(60_000_000_000L, 3);
        AtomicLong arrived = new AtomicLong();
        HttpResponse<String> ticket = HTTP.send(HttpRequest.newBuilder(URI.create(notification + "/api/inbox/stream-tickets"))
                .header("Authorization", "Bearer " + spoc).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String t = ticket.body().replaceAll(".*\"ticket\":\"([^\"]+)\".*", "$1");
        var stream = HTTP.send(HttpRequest.newBuilder(URI.create(notification + "/api/inbox/stream?ticket=" + t))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (stream.statusCode() != 200) throw new IllegalStateException("stream refused: " + stream.statusCode());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    long now = System.nanoTime();
                    if (!line.startsWith("data:") || !line.contains("REFERRAL_SENT") || line.contains("\"organisationMailbox\":true")) continue;
                    Matcher m = REFERRAL.matcher(line);
                    if (!m.find()) continue;
                    Long start = intended.get(m.group(1));
                    if (start == null) continue;
                    synchronized (latency) {
                        latency.recordValue(Math.max(0, now - start));
                    }
                    arrived.incrementAndGet();
                }
            } catch (Exception e) {
                // stream closed at the end
            }
        });
        reader.setDaemon(true);
        reader.start();

        Properties kp = new Properties();
        kp.put("bootstrap.servers", kafka);
        kp.put("acks", "all");
        kp.put("enable.idempotence", "true");
        kp.put("linger.ms", "1");
        int total = rate * seconds;
        long intervalNanos = 1_000_000_000L / rate;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kp, new StringSerializer(), new ByteArraySerializer())) {
            long t0 = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = t0 + i * intervalNanos;
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                String referralId = UUID.randomUUID().toString();
                intended.put(referralId, due);
                producer.send(new ProducerRecord<>("referral.events", referralId, sent(referralId, referrer)));
            }
            producer.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (arrived.get() < total && System.nanoTime() < deadline) Thread.sleep(100);
        System.out.printf("offered %d referral.sent events at %d/s for %d s; %d arrived in the SPOC's inbox stream (%d missing)%n",
                total, rate, seconds, arrived.get(), total - arrived.get());
        synchronized (latency) {
            System.out.printf("sent -> visible in inbox: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(90) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6);
        }
        System.exit(0);
    }

    static byte[] sent(String referralId, String actor) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String data = "{\"referralId\":\"" + referralId + "\",\"pathwayId\":\"" + UUID.randomUUID() + "\",\"subjectId\":\""
                + UUID.randomUUID() + "\",\"fromOrganisationId\":\"" + KAIROS + "\",\"toOrganisationId\":\"" + CELC
                + "\",\"toServiceId\":\"" + CELC_IMMIGRATION + "\",\"actorUserId\":\"" + actor + "\",\"state\":\"SENT\","
                + "\"previousState\":\"DRAFT\",\"version\":1,\"occurredAt\":\"" + now + "\"}";
        return ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/bench\",\"type\":\"pathways.referral.sent\","
                + "\"subject\":\"" + referralId + "\",\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\",\"data\":"
                + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    static String token(String url, String form) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("no token: " + r.statusCode());
        return r.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
