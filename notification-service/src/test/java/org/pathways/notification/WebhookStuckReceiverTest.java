package org.pathways.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;
import org.pathways.platform.testing.Tokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 20: a webhook receiver that takes the connection and never answers, and one that answers a byte at a time for
 * ever. Each attempt to them ends at the attempt's deadline ({@code pathways.webhooks.timeout}, 3 s in the test profile)
 * as a failed attempt with reason {@code timeout}, is retried on the backoff schedule, and its connection is closed;
 * meanwhile a healthy receiver of the same organisation gets every event within seconds. Before ADR 0087 the worker
 * waited for the whole claimed batch, so a trickling receiver held every other delivery (and the worker thread) for ever.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class WebhookStuckReceiverTest {

    @ConfigProperty(name = "pathways.webhooks.timeout")
    Duration timeout;

    /** Accepts connections and never answers ({@code trickle}: answers one header byte every 300 ms, never ending). */
    static final class StuckReceiver implements AutoCloseable {
        final ServerSocket server;
        final boolean trickle;
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger closedByClient = new AtomicInteger();
        final List<Socket> sockets = new java.util.concurrent.CopyOnWriteArrayList<>();

        StuckReceiver(boolean trickle) throws IOException {
            this.trickle = trickle;
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        accepted.incrementAndGet();
                        sockets.add(s);
                        daemon(() -> hold(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        static void daemon(Runnable r) {
            Thread t = new Thread(r, "stuck-receiver");
            t.setDaemon(true);
            t.start();
        }

        private void hold(Socket s) {
            try (s) {
                InputStream in = s.getInputStream();
                if (!trickle) {
                    while (in.read() >= 0) {
                        // read what comes and say nothing, until the client gives up
                    }
                } else {
                    // The request's head, then an answer that never ends.
                    byte[] buf = new byte[8192];
                    StringBuilder head = new StringBuilder();
                    while (!head.toString().contains("\r\n\r\n")) {
                        int n = in.read(buf);
                        if (n < 0) throw new IOException("closed");
                        head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    OutputStream out = s.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    while (true) {
                        Thread.sleep(300); // the trickle's pace, not a wait for a condition
                        out.write('a');
                        out.flush();
                    }
                }
                closedByClient.incrementAndGet();
            } catch (IOException e) {
                if (!server.isClosed()) closedByClient.incrementAndGet(); // a write to a connection the client closed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Connections the webhook client opened and has not closed. */
        int open() {
            return accepted.get() - closedByClient.get();
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : sockets) s.close();
        }
    }

    /** The worker thread is never parked waiting for an attempt's answer (it was, in the batch's join). */
    static void workerNotWaitingOnAnAttempt() {
        Thread worker = Thread.getAllStackTraces().keySet().stream().filter(t -> "webhook-worker".equals(t.getName()))
                .findFirst().orElseThrow();
        for (StackTraceElement f : worker.getStackTrace()) {
            assertTrue(!(f.getClassName().equals("java.util.concurrent.CompletableFuture")
                    && Set.of("join", "get", "waitingGet", "timedGet").contains(f.getMethodName())),
                    "the webhook worker is waiting for an attempt: " + f);
        }
    }

    @Test
    void aReceiverThatNeverAnswersTimesOutAndHoldsUpNobodyElse() throws Exception {
        try (StuckReceiver silent = new StuckReceiver(false); StuckReceiver trickle = new StuckReceiver(true);
                WebhookReceiver healthy = new WebhookReceiver()) {
            List<String> sent = List.of(EventTypes.REFERRAL_SENT);
            Map<String, Object> sSilent = WebhookTest.create("celc.admin1", silent.url(), sent);
            Map<String, Object> sTrickle = WebhookTest.create("celc.admin1", trickle.url(), sent);
            Map<String, Object> sHealthy = WebhookTest.create("celc.admin1", healthy.url(), sent);
            healthy.secret.set((String) sHealthy.get("secret"));
            long start = System.nanoTime();

            // Round 1: every receiver gets a connection; the stuck ones hold theirs.
            List<Referral> first = publish(3);
            await().atMost(Duration.ofSeconds(30)).until(() -> received(healthy, first) == 3
                    && silent.accepted.get() >= 1 && trickle.accepted.get() >= 1);

            // Round 2, while the stuck attempts are open: the healthy receiver gets these within seconds.
            long t0 = System.nanoTime();
            List<Referral> second = publish(5);
            int[] openWhileHealthyServed = new int[1];
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                workerNotWaitingOnAnAttempt();
                openWhileHealthyServed[0] = Math.max(openWhileHealthyServed[0], silent.open() + trickle.open());
                return received(healthy, second) == 5;
            });
            long healthyMillis = (System.nanoTime() - t0) / 1_000_000;

            // The stuck ones: attempts recorded as timeouts at the deadline, retried on the schedule.
            await().atMost(Duration.ofSeconds(40)).until(() -> {
                workerNotWaitingOnAnAttempt();
                return retriedTimeouts(sSilent) && retriedTimeouts(sTrickle);
            });
            List<Map<String, Object>> attempts = new ArrayList<>();
            for (Map<String, Object> s : List.of(sSilent, sTrickle)) {
                for (Map<String, Object> d : WebhookTest.deliveryLog("celc.admin1", s)) {
                    assertTrue(!"DELIVERED".equals(d.get("status")), "nothing delivered to a stuck receiver");
                    attempts.addAll(attemptLog(d));
                }
            }
            assertTrue(!attempts.isEmpty());
            long deadline = timeout.toMillis();
            for (Map<String, Object> a : attempts) {
                assertEquals("timeout", a.get("error"), "a stuck attempt's reason: " + a);
                int ms = ((Number) a.get("durationMs")).intValue();
                assertTrue(ms >= deadline - 100 && ms < deadline + 2_000, "ended at the deadline (" + deadline + " ms): " + ms);
            }
            assertEquals(0, healthy.badSignatures.get());
            assertEquals(8, WebhookTest.firstCopies(healthy.received).stream()
                    .filter(r -> ids(first, second).contains(r.body().path("data").path("referralId").asText())).count());

            // Stopped: every connection the client opened is closed by it within one deadline; nothing left hanging.
            for (Map<String, Object> s : List.of(sSilent, sTrickle, sHealthy)) {
                given().auth().oauth2(Tokens.forUser("celc.admin1")).delete("/api/webhooks/subscriptions/" + s.get("id"))
                        .then().statusCode(204);
            }
            await().atMost(timeout.plusSeconds(5)).until(() -> silent.open() == 0 && trickle.open() == 0);
            workerNotWaitingOnAnAttempt();
            System.out.printf("webhook stuck receivers: healthy got 5 events in %d ms while %d stuck connections were open;"
                    + " stuck attempts %d (silent %d connections, trickle %d), all 'timeout' at %d-%d ms (deadline %d ms);"
                    + " 0 connections left open; %d s%n", healthyMillis, openWhileHealthyServed[0], attempts.size(),
                    silent.accepted.get(), trickle.accepted.get(),
                    attempts.stream().mapToInt(a -> ((Number) a.get("durationMs")).intValue()).min().orElse(0),
                    attempts.stream().mapToInt(a -> ((Number) a.get("durationMs")).intValue()).max().orElse(0), deadline,
                    (System.nanoTime() - start) / 1_000_000_000);
            assertTrue(openWhileHealthyServed[0] >= 1, "the healthy receiver was served while a stuck attempt was open");
        }
    }

    static List<Referral> publish(int n) {
        List<Referral> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
            TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
            out.add(r);
        }
        return out;
    }

    static Set<String> ids(List<Referral> a, List<Referral> b) {
        Set<String> out = a.stream().map(r -> r.referralId().toString()).collect(Collectors.toSet());
        b.forEach(r -> out.add(r.referralId().toString()));
        return out;
    }

    static long received(WebhookReceiver receiver, List<Referral> referrals) {
        Set<String> ids = ids(referrals, List.of());
        return WebhookTest.firstCopies(receiver.received).stream()
                .filter(r -> ids.contains(r.body().path("data").path("referralId").asText())).count();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> attemptLog(Map<String, Object> delivery) {
        Object log = delivery.get("attemptLog");
        return log == null ? List.of() : (List<Map<String, Object>>) log;
    }

    /** Some delivery of the subscription failed twice with a timeout: retried after its first deadline. */
    static boolean retriedTimeouts(Map<String, Object> subscription) {
        return WebhookTest.deliveryLog("celc.admin1", subscription).stream()
                .anyMatch(d -> attemptLog(d).stream().filter(a -> "timeout".equals(a.get("error"))).count() >= 2);
    }
}
