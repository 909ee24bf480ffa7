// Referral send and read-through-referral benchmark (not run by CI). See docs/benchmarks.md for how to run it.
//
//   java referral-service/bench/SendBench.java [demo|test] [sends/s] [seconds] [threads] [subjects]
//
// Needs a running stack with every service (./mvnw -Prun package in another terminal). It registers subjects through
// referral-service, writes their NEEDS section, records a consent for each through consent-service (CRASAC: NEEDS and
// SAFE_CONTACT for REFERRAL), then:
//   1. sends referrals Kairos -> CRASAC counselling at a fixed rate (open loop: latency from each request's intended
//      start, so a stall is not hidden). Each send = directory routing + data sharing agreement + consent decision +
//      one transaction (referral, history, audit row, outbox event);
//   2. accepts one referral per subject and reads her summary through it as CRASAC at a fixed rate (consent decision +
//      decrypt + audit rows per read), withdrawing one subject's consent halfway and showing the very next read.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongFunction;

public class SendBench {

    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String PARTNERSHIP = UUID.nameUUIDFromBytes("pathways-demo:partnership:coventry".getBytes()).toString();
    static final String COUNSELLING = UUID.nameUUIDFromBytes("pathways-demo:service:crasac-counselling".getBytes()).toString();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String profile = args.length > 0 ? args[0] : "demo";
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int subjects = args.length > 4 ? Integer.parseInt(args[4]) : 100;

        Properties stack = new Properties();
        try (var in = Files.newInputStream(Path.of(".pathways", profile, "stack.properties"))) {
            stack.load(in);
        }
        String referral = stack.getProperty("pathways.stack.referral.url");
        String consent = stack.getProperty("pathways.stack.consent.url");
        String tokenUrl = stack.getProperty("pathways.stack.keycloak.token-url");
        String kairos = kairos(tokenUrl);
        System.out.printf("referral-service %s: %d sends/s for %d s, %d threads, %d subjects%n", referral, rate, seconds, threads, subjects);

        // Subjects with a NEEDS section and a consent for CRASAC.
        List<String> ids = new ArrayList<>();
        List<String> consents = new ArrayList<>();
        for (int i = 0; i < subjects; i++) {
            HttpResponse<String> r = send("POST", referral + "/api/subjects", kairos, "{}");
            String id = field(r.body(), "id");
            ids.add(id);
            send("PUT", referral + "/api/subjects/" + id + "/summary/sections/NEEDS", kairos,
                    "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
            send("PUT", referral + "/api/subjects/" + id + "/summary/sections/SAFE_CONTACT", kairos,
                    "{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":false}");
            String body = """
                    {"partnershipId":"%s","provisions":[{"recipients":[{"type":"ORGANISATION","id":"%s"}],\
                    "purposes":["REFERRAL"],"categories":["NEEDS","SAFE_CONTACT"],"validFrom":"%s","validUntil":"%s"}],\
                    "obtainedMethod":"VERBAL","language":"en","interpreterUsed":false,"art6Basis":"CONSENT",\
                    "art9Condition":"EXPLICIT_CONSENT"}""".formatted(PARTNERSHIP, CRASAC, now(), OffsetDateTime.now(ZoneOffset.UTC).plusDays(30));
            HttpResponse<String> c = null;
            for (int attempt = 0; attempt < 200; attempt++) {
                c = send("POST", consent + "/api/subjects/" + id + "/consents", kairos, body);
                if (c.statusCode() != 404) break;
                Thread.sleep(100); // consent-service learns of her from referral.events
            }
            if (c.statusCode() != 201) throw new IllegalStateException("consent not recorded: " + c.statusCode());
            consents.add(field(c.body(), "id"));
        }
        System.out.println("prepared " + ids.size() + " subjects with consent");

        // 1. Sends (fresh tokens before each phase: access tokens live minutes).
        String kairosNow = kairos(tokenUrl);
        LongFunction<Integer> sendOne = k -> status("POST", referral + "/api/referrals", kairosNow, """
                {"subjectId":"%s","toServiceId":"%s","needs":["counselling"],"urgency":"ROUTINE",\
                "sections":["NEEDS","SAFE_CONTACT"],"personKnows":true}""".formatted(ids.get((int) (k % ids.size())), COUNSELLING).replace("\n", ""));
        run("warm-up sends", Math.min(rate, 100), 5, threads, sendOne, 201, null);
        run("referral send", rate, seconds, threads, sendOne, 201, null);

        // 2. Reads through accepted referrals.
        kairos = kairos(tokenUrl);
        String crasac = token(tokenUrl, "grant_type=password&client_id=pathways-cli&username=crasac.coordinator1&password=pathways-demo");
        List<String> accepted = new ArrayList<>();
        for (String id : ids) {
            HttpResponse<String> r = send("POST", referral + "/api/referrals", kairos, """
                    {"subjectId":"%s","toServiceId":"%s","needs":["counselling"],"urgency":"ROUTINE",\
                    "sections":["NEEDS","SAFE_CONTACT"],"personKnows":true}""".formatted(id, COUNSELLING));
            String ref = field(r.body(), "id");
            send("POST", referral + "/api/referrals/" + ref + "/transitions", crasac, "{\"target\":\"ACCEPTED\"}");
            accepted.add(ref);
        }
        final String kairosRead = kairos(tokenUrl);
        final String crasacRead = token(tokenUrl, "grant_type=password&client_id=pathways-cli&username=crasac.coordinator1&password=pathways-demo");
        LongFunction<Integer> readOne = k -> status("GET", referral + "/api/referrals/" + accepted.get((int) (k % accepted.size()))
                + "/summary", crasacRead, null);
        Runnable withdrawal = () -> {
            try {
                HttpResponse<String> w = send("POST", consent + "/api/consents/" + consents.get(0) + "/withdrawals", kairosRead,
                        "{\"scope\":\"WHOLE\",\"method\":\"VERBAL\"}");
                HttpResponse<String> next = send("GET", referral + "/api/referrals/" + accepted.get(0) + "/summary", crasacRead, null);
                System.out.println("mid-run withdrawal: HTTP " + w.statusCode() + "; very next read: " + next.body());
                if (!next.body().contains("\"sections\":[]")) throw new IllegalStateException("withdrawn consent still read");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        };
        run("warm-up reads", Math.min(rate, 100), 5, threads, readOne, 200, null);
        run("summary read through a referral", rate, seconds, threads, readOne, 200, withdrawal);
    }

    /** Open loop: thread t sends request k at start + k/rate, or at once if it is late. Latencies in microseconds. */
    static void run(String name, int rate, int seconds, int threads, LongFunction<Integer> call, int ok, Runnable midway)
            throws InterruptedException {
        int total = rate * seconds;
        long[] fromIntended = new long[total];
        long[] service = new long[total];
        AtomicLong errors = new AtomicLong();
        long start = System.nanoTime() + 200_000_000L;
        double interval = 1e9 / rate;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            final int me = t;
            Thread worker = new Thread(() -> {
                for (int k = me; k < total; k += threads) {
                    long intended = start + (long) (k * interval);
                    long wait = intended - System.nanoTime();
                    if (wait > 0) java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    long sentAt = System.nanoTime();
                    int status = call.apply(k);
                    if (status != ok) errors.incrementAndGet();
                    long end = System.nanoTime();
                    fromIntended[k] = (end - intended) / 1000;
                    service[k] = (end - sentAt) / 1000;
                }
                done.countDown();
            });
            worker.start();
        }
        long began = System.nanoTime();
        if (midway != null) {
            Thread.sleep(seconds * 500L);
            midway.run();
        }
        done.await();
        double elapsed = (System.nanoTime() - began) / 1e9;
        System.out.printf("%s: %d requests, %d errors, %.1f s: achieved %.0f/s (offered %d/s)%n", name, total, errors.get(),
                elapsed, total / elapsed, rate);
        print("  latency ms from intended start", fromIntended);
        print("  latency ms from actual send   ", service);
    }

    static void print(String what, long[] micros) {
        long[] s = micros.clone();
        Arrays.sort(s);
        System.out.printf("%s: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", what, pct(s, 50), pct(s, 90), pct(s, 99), s[s.length - 1] / 1e3);
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e3;
    }

    static int status(String method, String url, String token, String body) {
        try {
            return send(method, url, token, body).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30));
        b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody()) : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(String json, String name) {
        return json.replaceAll("^.*?\"" + name + "\":\"([^\"]+)\".*$", "$1");
    }

    static String token(String tokenUrl, String form) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException("no token: " + r.statusCode());
        return r.body().replaceAll("^.*\"access_token\":\"([^\"]+)\".*$", "$1");
    }

    static String kairos(String tokenUrl) throws Exception {
        return token(tokenUrl, "grant_type=password&client_id=pathways-cli&username=kairos.caseworker1&password=pathways-demo");
    }

    static String now() {
        return OffsetDateTime.now(ZoneOffset.UTC).toString();
    }
}
