package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.inboxAt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;
import org.pathways.stack.StackLayout;
import org.pathways.stack.StackManager;

import com.sun.net.httpserver.HttpServer;

import io.restassured.path.json.JsonPath;
import org.pathways.stack.testing.StackInfo;

/**
 * Issue 19, "proven with replicas": the launcher runs two instances of each service (same database, same Kafka consumer
 * group), the test alternates its calls between them, and proves that each timer fires once, nobody is told twice (inbox
 * and webhook), every outbox event is on Kafka once and in order per key, a live update reaches a stream held by the
 * other replica, and a referral-service replica killed (SIGKILL) in the middle of the sends loses nothing.
 *
 * <p>CELC's housing advice is reserved for this test: in the test stack its referrals run on 20-second working days
 * (the launcher's test timings, ADR 0070), so with a 2/1/3 target each referral is reminded after about 20 s, escalated
 * after 40 s and expires after 60 s, while both referral-services poll for due timers. The second instances are stopped
 * at the end; the rest of the suite runs on one of each.
 */
class TwoReplicasTest {

    static final String CELC_HOUSING = Faults.CELC_HOUSING;
    static final String[] SERVICES = { "directory", "consent", "referral", "notification" };
    static final int WOMEN = 4;
    static final int REFERRALS = 40;
    static final List<String> TIMER_TYPES = List.of("pathways.referral.sent", "pathways.referral.reminder",
            "pathways.referral.escalated", "pathways.referral.expired");

    final StackManager stack = StackManager.forProfile("test");
    final AtomicInteger calls = new AtomicInteger();
    final AtomicBoolean referral2Dead = new AtomicBoolean();

    String at(String service, int instance, String path) {
        return stack.layout().serviceUrl(StackLayout.service(service), instance) + path;
    }

    /** The next replica in turn (1, 2, 1, ...); referral-service's second is out of rotation once it is killed. */
    int next(String service) {
        if (service.equals("referral") && referral2Dead.get()) return 1;
        return calls.getAndIncrement() % 2 + 1;
    }

    @Test
    void twoOfEachServiceFireEachTimerOnceTellEveryoneOnceAndLoseNothingWhenAReplicaIsKilled() throws Exception {
        Journey j = new Journey("Two replicas of each service");
        Instant start = Instant.now().minusSeconds(1);
        long t0 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        List<LiveStream> streams = new ArrayList<>();
        WebhookSink hooks = new WebhookSink();
        String subscription = null;
        try {
            j.step("a second instance of each service starts beside the first", () -> {
                stack.scaleServices(2);
                for (String s : SERVICES) {
                    for (int k = 1; k <= 2; k++) {
                        Journey.anonymous().get(at(s, k, "/q/health/ready")).then().statusCode(200);
                    }
                }
                figures.put("scale-up s", Math.round((System.nanoTime() - t0) / 1e9));
            });

            j.step("CELC's admin gives its housing advice a point of contact and a 2/1/3 target, one call on each directory replica",
                    () -> Faults.housingTarget(at("directory", 1, ""), at("directory", 2, "")));

            subscription = j.step("CELC's admin subscribes a webhook receiver (through notification replica 2)", () ->
                    Journey.as("celc.admin1").body(Map.of("url", hooks.url(), "eventTypes", TIMER_TYPES))
                            .post(at("notification", 2, "/api/webhooks/subscriptions")).then().statusCode(201)
                            .extract().<String>path("id"));

            j.step("CELC's coordinator holds a live stream on each notification replica", () -> {
                for (int k = 1; k <= 2; k++) streams.add(LiveStream.open(at("notification", k, ""), "celc.coordinator1"));
            });

            List<String> women = j.step("Kairos registers " + WOMEN + " women, writes their needs and records consent, alternating replicas",
                    () -> Faults.women(WOMEN, Faults.HOUSING_NEED, i -> at("referral", i % 2 + 1, ""), i -> at("consent", i % 2 + 1, "")));

            // Two senders, one per replica; referral-service replica 2 is SIGKILLed once half the referrals are in.
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger refused = new AtomicInteger();
            AtomicInteger unknown = new AtomicInteger();
            Instant killedAt = j.step("Kairos sends " + REFERRALS + " referrals through both referral replicas; replica 2 is killed mid-run", () -> {
                ExecutorService senders = Executors.newFixedThreadPool(2);
                try {
                    List<Future<?>> sends = new ArrayList<>();
                    for (int i = 0; i < REFERRALS; i++) {
                        String woman = women.get(i % WOMEN);
                        int replica = i % 2 + 1;
                        sends.add(senders.submit(() -> sendOne(woman, replica, acknowledged, refused, unknown)));
                    }
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> acknowledged.size() >= REFERRALS / 2);
                    long pid = stack.instance("referral", 2).process().pid();
                    Instant when = Instant.now();
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
                    referral2Dead.set(true);
                    for (Future<?> f : sends) f.get(3, TimeUnit.MINUTES);
                    return when;
                } finally {
                    senders.shutdownNow();
                }
            });

            // What is stored is the truth: every acknowledged referral, plus any whose request died with the replica after
            // it had committed. Each of them is then followed through its timers, events and notices.
            List<String> stored = j.step("every acknowledged referral is stored; a request cut by the kill is stored whole or not at all", () -> {
                List<String> ids = Faults.stored(women);
                Faults.storedWholeOrNotAtAll(ids, acknowledged, unknown.get());
                assertEquals(REFERRALS, acknowledged.size() + unknown.get(), "every send either answered 201 or was cut by the kill");
                // Stored whole: a stored referral has its three timers (scheduled in the send's transaction).
                assertEquals(ids.size(), Db.count("referral", "select count(*) from referral r where r.id = any(?) and (select count(*)"
                        + " from referral_timer t where t.referral_id = r.id and t.kind in ('REMIND', 'ESCALATE', 'EXPIRE')) = 3", ids),
                        "every stored referral has its three timers");
                assertEquals(ids.size(), Db.count("referral", "select count(*) from referral where id = any(?) and response_working_days = 2", ids),
                        "every referral was sent with the 2-day target");
                return ids;
            });
            figures.put("sent (201)", acknowledged.size());
            figures.put("cut by the kill (no answer)", unknown.get());
            figures.put("refused by the dead replica and sent again to replica 1", refused.get());
            figures.put("stored", stored.size());
            Set<String> mine = Set.copyOf(stored);

            j.step("the notification consumer group has a member on each replica, each holding referral.events partitions", () -> {
                try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", StackInfo.get("kafka.bootstrap-servers")))) {
                    List<MemberDescription> members = new ArrayList<>(admin.describeConsumerGroups(List.of("notification-service"))
                            .all().get(30, TimeUnit.SECONDS).get("notification-service").members());
                    long holding = members.stream().filter(m -> m.assignment().topicPartitions().stream()
                            .anyMatch(tp -> tp.topic().equals("referral.events"))).count();
                    figures.put("notification members holding referral.events", holding);
                    assertEquals(2, holding, "both notification replicas consume referral.events: " + members);
                }
            });

            j.step("each reminder, escalation and expiry fires once, with two referral-services polling (then one)", () -> {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        Db.count("referral", "select count(*) from referral where id = any(?) and state = 'EXPIRED'", stored) == stored.size()
                                && Db.count("referral", "select count(*) from referral_timer where referral_id = any(?)"
                                + " and fired_at is null and cancelled_at is null", stored) == 0);
                for (String kind : List.of("REMIND", "ESCALATE", "EXPIRE")) {
                    assertEquals(stored.size(), Db.count("referral", "select count(*) from referral_timer where referral_id = any(?)"
                            + " and kind = ? and fired_at is not null", stored, kind), kind + " fired once per referral");
                }
                figures.put("timers fired", Db.count("referral", "select count(*) from referral_timer where referral_id = any(?)"
                        + " and fired_at is not null", stored));
            });

            j.step("every outbox event since the start is on Kafka once, in order per key (each service's outbox)", () -> {
                for (OutboxLedger.Result r : Faults.outboxOnceInOrder(start, "referral", killedAt, SERVICES)) {
                    figures.put(r.database() + " outbox events", r.rows());
                    figures.put(r.database() + " published twice (killed relay)", r.duplicates().size());
                }
            });

            j.step("each referral's events are sent, reminder, escalated, expired, access-ended: once each and in that order", () -> {
                List<List<Object>> rows = Db.rows("referral", "select message_key, event_type from outbox_event where message_key = any(?)"
                        + " order by seq", (Object) stored.toArray(new String[0]));
                Map<String, List<String>> perReferral = new HashMap<>();
                rows.forEach(r -> perReferral.computeIfAbsent((String) r.get(0), k -> new ArrayList<>()).add((String) r.get(1)));
                List<String> expected = new ArrayList<>(TIMER_TYPES);
                expected.add("pathways.referral.access-ended");
                for (String id : stored) {
                    List<String> types = perReferral.getOrDefault(id, List.of());
                    assertEquals(expected, types.stream().filter(expected::contains).toList(), "referral " + id + ": " + types);
                    assertEquals(types.size(), Set.copyOf(types).size(), "referral " + id + " has an event twice: " + types);
                }
            });

            j.step("everyone is told once: the SPOC of each send and reminder, the referrer and the Connector of each escalation and expiry", () -> {
                Map<String, List<String>> expected = Map.of("celc.coordinator1", List.of("REFERRAL_SENT", "REFERRAL_REMINDER"),
                        "kairos.caseworker1", List.of("REFERRAL_ESCALATED", "REFERRAL_EXPIRED"),
                        "fwt.connector1", List.of("REFERRAL_ESCALATED", "REFERRAL_EXPIRED"));
                expected.forEach((user, kinds) -> await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        inboxAt(at("notification", next("notification"), ""), user, mine, start).stream()
                                .filter(i -> kinds.contains(i.get("kind"))).count() >= (long) kinds.size() * mine.size()));
                // Nothing is still on its way (the group has consumed referral.events to the end), so the counts are final.
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> NotificationKillTest.lag(Faults.kafka()) == 0);
                long told = 0;
                for (var e : expected.entrySet()) {
                    for (int k = 1; k <= 2; k++) {
                        List<Map<String, Object>> items = inboxAt(at("notification", k, ""), e.getKey(), mine, start);
                        Map<String, Long> perEvent = items.stream().filter(i -> e.getValue().contains(i.get("kind")))
                                .collect(Collectors.groupingBy(i -> i.get("referralId") + "/" + i.get("kind"), Collectors.counting()));
                        assertEquals(e.getValue().size() * mine.size(), perEvent.size(), e.getKey() + " on replica " + k);
                        assertTrue(perEvent.values().stream().allMatch(c -> c == 1), e.getKey() + " told twice: " + perEvent);
                        if (k == 1) told += perEvent.size();
                    }
                }
                figures.put("inbox notices (each once)", told);
            });

            j.step("the webhook receiver got each event once, in order per referral", () -> {
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> hooks.about(mine).size() >= TIMER_TYPES.size() * mine.size());
                List<WebhookSink.Delivery> got = hooks.about(mine);
                Map<String, Long> perId = got.stream().collect(Collectors.groupingBy(WebhookSink.Delivery::webhookId, Collectors.counting()));
                assertTrue(perId.values().stream().allMatch(c -> c == 1), "a webhook delivered twice: " + perId);
                Map<String, List<String>> order = new HashMap<>();
                got.forEach(d -> order.computeIfAbsent(d.referralId(), k -> new ArrayList<>()).add(d.type()));
                for (String id : mine) assertEquals(TIMER_TYPES, order.get(id), "webhooks of referral " + id);
                figures.put("webhook deliveries (each once)", got.size());
            });

            j.step("both live streams showed every notice, whichever replica consumed its event", () -> {
                Set<String> inbox = inboxAt(at("notification", 1, ""), "celc.coordinator1", mine, start).stream()
                        .map(i -> i.get("referralId") + "/" + i.get("kind")).collect(Collectors.toSet());
                for (int k = 0; k < streams.size(); k++) {
                    LiveStream s = streams.get(k);
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> s.seen(mine).containsAll(inbox));
                    figures.put("stream on notification replica " + (k + 1) + " (entries)", s.seen(mine).size());
                }
            });
            figures.put("PostgreSQL connections at the end", Db.count("referral", "select count(*) from pg_stat_activity"));
        } finally {
            streams.forEach(LiveStream::close);
            if (subscription != null) {
                Journey.as("celc.admin1").delete(at("notification", 1, "/api/webhooks/subscriptions/" + subscription));
            }
            hooks.close();
            stack.scaleServices(1);
            figures.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
            System.out.println("[replicas] figures: " + figures);
        }
    }

    private void sendOne(String woman, int replica, List<String> acknowledged, AtomicInteger refused, AtomicInteger unknown) {
        int target = replica == 2 && referral2Dead.get() ? 1 : replica;
        Faults.Outcome o = Faults.send(at("referral", target, ""), woman, CELC_HOUSING, Faults.HOUSING_NEED);
        if (o.created()) {
            acknowledged.add(o.id());
        } else if (o.refused() && target == 2) {
            // Nothing reached the dead replica: the client sends it again to the live one, as a load balancer would.
            refused.incrementAndGet();
            sendOne(woman, 1, acknowledged, refused, unknown);
        } else if (o.cut() && target == 2) {
            // The connection died with the request in flight: it may or may not have committed (checked in the database).
            unknown.incrementAndGet();
        } else {
            throw new AssertionError("send through referral replica " + target + " answered " + o);
        }
    }

    /** A Server-Sent Events stream of one user's inbox on one replica, read on a thread of its own. */
    static final class LiveStream implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;
        private volatile java.util.stream.Stream<String> body;

        private LiveStream(String notificationUrl, String ticket) throws Exception {
            HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(notificationUrl + "/api/inbox/stream?ticket=" + ticket)).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            body = response.body();
            reader = new Thread(() -> {
                try {
                    body.filter(l -> l.startsWith("data:")).forEach(lines::add);
                } catch (RuntimeException ignored) {
                    // the stream ends when the replica stops or the test closes it
                }
            }, "live-stream");
            reader.setDaemon(true);
            reader.start();
        }

        static LiveStream open(String notificationUrl, String user) throws Exception {
            String ticket = Journey.as(user).post(notificationUrl + "/api/inbox/stream-tickets").then().statusCode(201).extract().path("ticket");
            return new LiveStream(notificationUrl, ticket);
        }

        /** "referralId/kind" of every entry seen about these referrals. */
        Set<String> seen(Set<String> referrals) {
            Set<String> out = new java.util.HashSet<>();
            for (String l : lines) {
                JsonPath p = JsonPath.from(l.substring("data:".length()).trim());
                String referral = p.getString("referralId");
                if (referral != null && referrals.contains(referral)) out.add(referral + "/" + p.getString("kind"));
            }
            return out;
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (RuntimeException ignored) {
                // already closed
            }
            reader.interrupt();
        }
    }

    /** A partner system's webhook endpoint on loopback: records each delivery's id, event type and referral. */
    static final class WebhookSink implements AutoCloseable {
        record Delivery(String webhookId, String type, String referralId) {
        }

        private final HttpServer server;
        private final List<Delivery> received = new CopyOnWriteArrayList<>();

        WebhookSink() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                JsonPath body = JsonPath.from(raw);
                received.add(new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"), body.getString("type"),
                        body.getString("data.referralId")));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<Delivery> about(Set<String> referrals) {
            return received.stream().filter(d -> referrals.contains(d.referralId())).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
