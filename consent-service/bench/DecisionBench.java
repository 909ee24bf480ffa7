// Consent decision benchmark (not run by CI). See docs/benchmarks.md for how to run it and what it showed.
//
//   java -cp '.pathways/dist/kafka-4.4.0/libs/*' consent-service/bench/DecisionBench.java [demo|test] [rate/s] [seconds] [threads]
//
// Needs a running stack with consent-service (./mvnw -Prun package in another terminal). It registers subjects through
// referral.events (as referral-service will), records a consent for each (CRASAC: NEEDS + STORY for REFERRAL) through
// the API, then sends decisions at a fixed rate (open loop: latency is measured from each request's *intended* start,
// so a stall is not hidden) and, halfway through, withdraws one subject's consent and shows the very next decision.
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class DecisionBench {

    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String PARTNERSHIP = "c0e00000-0000-4000-8000-000000000001";
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String profile = args.length > 0 ? args[0] : "demo";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int subjects = 200;

        Properties stack = new Properties();
        try (var in = Files.newInputStream(Path.of(".pathways", profile, "stack.properties"))) {
            stack.load(in);
        }
        String consent = stack.getProperty("pathways.stack.consent.url");
        String tokenUrl = stack.getProperty("pathways.stack.keycloak.token-url");
        String kafka = stack.getProperty("pathways.stack.kafka.bootstrap-servers");
        System.out.printf("consent-service %s, %d decisions/s for %d s, %d threads, %d subjects%n", consent, rate,
                seconds, threads, subjects);

        // 1. Subjects, as referral-service publishes them.
        List<String> ids = new ArrayList<>();
        Properties kp = new Properties();
        kp.put("bootstrap.servers", kafka);
        kp.put("acks", "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kp, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < subjects; i++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                String event = """
                        {"specversion":"1.0","id":"%s","source":"/referral-service","type":"pathways.subject.registered",\
                        "subject":"%s","time":"%s","datacontenttype":"application/json",\
                        "data":{"subjectId":"%s","organisationId":"%s","occurredAt":"%s"}}"""
                        .formatted(UUID.randomUUID(), id, now(), id, KAIROS, now());
                var record = new ProducerRecord<>("referral.events", id, event.getBytes(StandardCharsets.UTF_8));
                record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
        String worker = token(tokenUrl, "grant_type=password&client_id=pathways-cli&username=kairos.caseworker1&password=pathways-demo");
        String serviceToken = token(tokenUrl, "grant_type=client_credentials&client_id=referral-service&client_secret=referral-service-demo-secret");

        // 2. A consent for each (waiting until consent-service has consumed the registration).
        List<String> consentIds = new ArrayList<>();
        for (String id : ids) {
            String body = """
                    {"partnershipId":"%s","provisions":[{"recipients":[{"type":"ORGANISATION","id":"%s"}],\
                    "purposes":["REFERRAL"],"categories":["NEEDS","STORY"],"validFrom":"%s","validUntil":"%s"}],\
                    "obtainedMethod":"VERBAL","language":"en","interpreterUsed":false,"art6Basis":"CONSENT",\
                    "art9Condition":"EXPLICIT_CONSENT"}""".formatted(PARTNERSHIP, CRASAC, now(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
            HttpResponse<String> r = null;
            for (int attempt = 0; attempt < 100; attempt++) {
                r = post(consent + "/api/subjects/" + id + "/consents", worker, body);
                if (r.statusCode() != 404) break;
                Thread.sleep(100);
            }
            if (r.statusCode() != 201) throw new IllegalStateException("consent not recorded: " + r.statusCode() + " " + r.body());
            consentIds.add(r.body().replaceAll("^\\{\"id\":\"([^\"]+)\".*$", "$1"));
        }
        System.out.println("recorded " + consentIds.size() + " consents");

        // 3. Warm-up, then the measured run.
        run(consent, serviceToken, ids, Math.min(rate, 500), 15, threads, null, null, null);
        Recorder recorder = new Recorder(3);
        Recorder service = new Recorder(3);
        Runnable withdrawal = () -> {
            try {
                String id = ids.get(0);
                HttpResponse<String> w = post(consent + "/api/consents/" + consentIds.get(0) + "/withdrawals", worker,
                        "{\"scope\":\"WHOLE\",\"method\":\"VERBAL\"}");
                HttpResponse<String> next = post(consent + "/api/decisions", serviceToken, decision(id));
                System.out.println("mid-run withdrawal of consent " + consentIds.get(0) + ": HTTP " + w.statusCode());
                System.out.println("very next decision for that subject: " + next.body());
                if (!next.body().contains("\"permitted\":[]")) throw new IllegalStateException("withdrawn consent still permitted");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        };
        long began = System.nanoTime();
        long[] result = run(consent, serviceToken, ids, rate, seconds, threads, recorder, service, withdrawal);
        double elapsed = (System.nanoTime() - began) / 1e9;
        System.out.printf("sent %d, errors %d, in %.1f s: achieved %.0f decisions/s (offered %d/s)%n", result[0],
                result[1], elapsed, result[0] / elapsed, rate);
        print("latency ms, from each request's intended start (includes queueing when the service falls behind)",
                recorder.getIntervalHistogram());
        print("latency ms, from actual send to response (service time as the client sees it)", service.getIntervalHistogram());
    }

    static void print(String what, Histogram h) {
        System.out.printf("%s:%n  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n", what,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3, h.getValueAtPercentile(99) / 1e3,
                h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
    }

    /** Open loop: thread t sends request k at start + (k*threads + t)/rate, or at once if it is late. */
    static long[] run(String consent, String service, List<String> ids, int rate, int seconds, int threads,
                      Recorder recorder, Recorder serviceTime, Runnable midway) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + 200_000_000L;
        long total = (long) rate * seconds;
        double interval = 1e9 / rate;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            final int me = t;
            Thread worker = new Thread(() -> {
                for (long k = me; k < total; k += threads) {
                    long intended = start + (long) (k * interval);
                    long wait = intended - System.nanoTime();
                    if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    long sentAt = System.nanoTime();
                    try {
                        HttpResponse<String> r = post(consent + "/api/decisions", service, decision(ids.get((int) (k % ids.size()))));
                        if (r.statusCode() != 200) errors.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    long end = System.nanoTime();
                    if (recorder != null) recorder.recordValue(Math.max(1, (end - intended) / 1000));
                    if (serviceTime != null) serviceTime.recordValue(Math.max(1, (end - sentAt) / 1000));
                    sent.incrementAndGet();
                }
                done.countDown();
            });
            worker.start();
        }
        if (midway != null) {
            Thread.sleep(seconds * 500L);
            midway.run();
        }
        done.await();
        return new long[] {sent.get(), errors.get()};
    }

    static String decision(String subject) {
        return """
                {"subjectId":"%s","partnershipId":"%s","recipient":{"organisationId":"%s"},"purpose":"REFERRAL",\
                "categories":["NEEDS","STORY","RISK"]}""".formatted(subject, PARTNERSHIP, CRASAC);
    }

    static HttpResponse<String> post(String url, String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String token(String tokenUrl, String form) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("no token: " + r.statusCode());
        return r.body().replaceAll("^.*\"access_token\":\"([^\"]+)\".*$", "$1");
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }
}
