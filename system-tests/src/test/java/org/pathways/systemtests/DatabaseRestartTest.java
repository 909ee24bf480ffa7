package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.pathways.stack.StackManager;

import io.restassured.response.Response;
import org.pathways.stack.testing.StackInfo;

/**
 * Issue 20, fault 3: PostgreSQL restarted (fast shutdown, start) while sends and reads run. Requests that meet the
 * restart answer 503 problem+json (never 500) and leave nothing half-written; every service is ready again without a
 * restart of its own; afterwards every request succeeds (no 500s left behind by dead pooled connections); every
 * acknowledged send is stored, on Kafka once and told once.
 */
class DatabaseRestartTest {

    static final String[] SERVICES = { "directory", "consent", "referral", "notification" };

    @Test
    void requestsMeetingARestartAnswer503AndEveryServiceRecoversOnItsOwn() throws Exception {
        StackManager stack = StackManager.forProfile("test");
        Journey j = new Journey("PostgreSQL restart mid-run");
        Instant start = Instant.now().minusSeconds(1);
        long t0 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        String referral = StackInfo.serviceUrl("referral");
        try {
            List<String> women = j.step("Kairos registers two women with their needs and consent for CELC",
                    () -> Faults.women(2, Faults.IMMIGRATION_NEED, i -> referral, i -> StackInfo.serviceUrl("consent")));

            Faults.Tally tally = new Faults.Tally();
            List<String> acknowledged = tally.acknowledged;
            long[] restartMillis = new long[1];
            Instant[] restart = new Instant[2]; // when PostgreSQL went away and when it was back
            j.step("a sender and a reader run; PostgreSQL is restarted (fast shutdown) under them", () -> {
                ExecutorService pool = Executors.newFixedThreadPool(2);
                AtomicBoolean stop = new AtomicBoolean();
                try {
                    Future<?> sender = pool.submit(() -> {
                        int n = 0;
                        while (!stop.get()) {
                            Faults.Outcome o = Faults.send(referral, women.get(n++ % 2), Faults.CELC_IMMIGRATION, Faults.IMMIGRATION_NEED);
                            tally.sent(o);
                            tally.check(o.status(), o.contentType(), "send");
                            if (o.status() == 503) Faults.backOff();
                        }
                    });
                    Future<?> reader = pool.submit(() -> {
                        int n = 0;
                        while (!stop.get()) {
                            String service = SERVICES[n++ % SERVICES.length];
                            try {
                                Response r = Journey.as("kairos.caseworker1").get(StackInfo.serviceUrl(service) + readPath(service, women.get(0)));
                                tally.answer(r.statusCode(), r.contentType(), "GET " + service);
                                if (r.statusCode() == 503) Faults.backOff();
                            } catch (Exception e) {
                                tally.offend("GET " + service + ": " + e.getClass().getSimpleName());
                            }
                        }
                    });
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> acknowledged.size() >= 5);
                    long r0 = System.nanoTime();
                    restart[0] = Instant.now();
                    stack.restartComponent("postgres");
                    restart[1] = Instant.now();
                    restartMillis[0] = (System.nanoTime() - r0) / 1_000_000;
                    tally.restarted();
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).until(() -> tally.afterRestart.get() >= 10);
                    stop.set(true);
                    sender.get(1, TimeUnit.MINUTES);
                    reader.get(1, TimeUnit.MINUTES);
                } finally {
                    stop.set(true);
                    pool.shutdownNow();
                }
            });
            figures.put("PostgreSQL down and up again, ms", restartMillis[0]);
            figures.put("answers by status", tally.statuses);
            figures.put("sent (201)", acknowledged.size());

            j.step("nothing answered 500: only 2xx, and 503 problem+json while the database was away", () ->
                    assertTrue(tally.offenders.isEmpty(), "offending answers: " + tally.offenders));

            j.step("every service is ready again without a restart of its own, and then every request succeeds", () -> {
                for (String s : SERVICES) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                            .until(() -> Journey.anonymous().get(StackInfo.serviceUrl(s) + "/q/health/ready").statusCode() == 200);
                }
                int ok = 0;
                for (int i = 0; i < 40; i++) {
                    String s = SERVICES[i % SERVICES.length];
                    Journey.as("kairos.caseworker1").get(StackInfo.serviceUrl(s) + readPath(s, women.get(0))).then().statusCode(200);
                    ok++;
                }
                figures.put("requests after recovery, all 200", ok);
            });

            List<String> stored = j.step("every acknowledged send is stored whole; a request cut in flight at most once more", () -> {
                List<String> ids = Faults.stored(women);
                Faults.storedWholeOrNotAtAll(ids, acknowledged, tally.cut.get());
                return ids;
            });
            figures.put("stored", stored.size());

            j.step("every outbox event is on Kafka once and in order per key", () -> {
                // A relay whose commit the restart broke off publishes that batch again: allowed across the restart only.
                for (OutboxLedger.Result r : Faults.outboxOnceInOrder(start, Set.of("referral", "consent"), restart[0], restart[1],
                        "referral", "consent")) {
                    figures.put(r.database() + " outbox events", r.rows());
                }
            });

            j.step("CELC's coordinator is told of each stored send once", () -> figures.put("notices (each once)",
                    Faults.toldOnce(StackInfo.serviceUrl("notification"), Map.of("celc.coordinator1", List.of("REFERRAL_SENT")),
                            Set.copyOf(stored), start)));
        } finally {
            if (!stack.component("postgres").isReady()) stack.startComponent("postgres");
            figures.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
            System.out.println("[faults] PostgreSQL restart: " + figures);
        }
    }

    /** A read on each service that needs its database. */
    static String readPath(String service, String woman) {
        return switch (service) {
            case "referral" -> "/api/subjects/" + woman;
            case "consent" -> "/api/subjects/" + woman + "/consents";
            case "notification" -> "/api/inbox/unread-count";
            default -> "/api/services/" + Faults.CELC_IMMIGRATION;
        };
    }
}
