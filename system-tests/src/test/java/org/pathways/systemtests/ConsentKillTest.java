package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.StackInfo;

import io.restassured.response.Response;

/**
 * Issue 20, fault 2: consent-service SIGKILLed while referral-service is asking it for decisions (every send asks), then
 * started again. Sends in flight and while it is down answer 503 problem+json and store nothing; nothing else ever
 * answers 5xx; every acknowledged send is stored once, its event on Kafka once, its SPOC told once; sends work again
 * once it is back, with no restart of referral-service. Meanwhile CELC's coordinator reads the first referral's summary:
 * while consent-service is dead every read answers 503 problem+json (no read is served without its consent decision),
 * otherwise 200 with NEEDS on her consent. Referrals go to CELC's immigration advice (real working days: no timer fires
 * during the build).
 */
class ConsentKillTest {

    static final int BEFORE = 8;
    static final int AFTER = 8;

    @Test
    void killedMidDecisionSendsAnswer503AndStoreNothingAndEverythingAcknowledgedIsKept() throws Exception {
        StackManager stack = StackManager.forProfile("test");
        Journey j = new Journey("SIGKILL consent-service mid-decision");
        Instant start = Instant.now().minusSeconds(1);
        long t0 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        String referral = StackInfo.serviceUrl("referral");
        try {
            List<String> women = j.step("Kairos registers two women with their needs and consent for CELC",
                    () -> Faults.women(2, Faults.IMMIGRATION_NEED, i -> referral, i -> StackInfo.serviceUrl("consent")));

            Faults.Tally tally = new Faults.Tally();
            List<String> acknowledged = tally.acknowledged;
            long[] downMillis = new long[1];
            Faults.Tally reads = new Faults.Tally();
            AtomicInteger readsWhileDead = new AtomicInteger();
            AtomicInteger readsAfterRestart = new AtomicInteger();
            AtomicLong deadFrom = new AtomicLong(Long.MAX_VALUE);
            AtomicLong restartFrom = new AtomicLong(Long.MAX_VALUE);
            Instant killedAt = j.step("two senders send referrals and CELC's coordinator reads the first one's summary;"
                    + " consent-service is SIGKILLed after " + BEFORE + " sends, started again, " + AFTER + " more are sent", () -> {
                ExecutorService senders = Executors.newFixedThreadPool(3);
                AtomicBoolean stop = new AtomicBoolean();
                try {
                    List<Future<?>> loops = new ArrayList<>();
                    for (int t = 0; t < 2; t++) {
                        String woman = women.get(t);
                        loops.add(senders.submit(() -> {
                            while (!stop.get()) {
                                Faults.Outcome o = tally.sent(Faults.send(referral, woman, Faults.CELC_IMMIGRATION, Faults.IMMIGRATION_NEED));
                                if (o.created()) continue;
                                if (!Faults.unavailable(o.status(), o.contentType())) {
                                    tally.offend(o.toString());
                                } else {
                                    Faults.backOff(); // a client backing off after a 503
                                }
                            }
                        }));
                    }
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> !acknowledged.isEmpty());
                    String first = acknowledged.get(0);
                    // Her summary is shown only on consent-service's decision, asked at each read: while it is dead a read
                    // must answer 503, never her sections without a decision; otherwise NEEDS on her consent.
                    loops.add(senders.submit(() -> {
                        while (!stop.get()) {
                            long from = System.nanoTime();
                            Response r;
                            try {
                                r = Journey.as("celc.coordinator1").get(referral + "/api/referrals/" + first + "/summary");
                            } catch (Exception e) {
                                tally.offend("summary read: " + e);
                                continue;
                            }
                            boolean whileDead = from > deadFrom.get() && System.nanoTime() < restartFrom.get();
                            reads.count(r.statusCode());
                            if (Faults.unavailable(r.statusCode(), r.contentType())) {
                                if (whileDead) readsWhileDead.incrementAndGet();
                            } else if (r.statusCode() != 200 || whileDead) {
                                tally.offend("summary read " + (whileDead ? "while consent-service was dead " : "") + "-> "
                                        + r.statusCode() + " " + r.contentType());
                            } else if (!r.jsonPath().getList("sections.category", String.class).contains("NEEDS")) {
                                tally.offend("summary read -> 200 without NEEDS: withheld " + r.jsonPath().getList("withheld.reason"));
                            } else if (tally.isRestarted()) {
                                readsAfterRestart.incrementAndGet();
                            }
                            Faults.backOff(); // a reader's pace, not a wait for a condition
                        }
                    }));
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> acknowledged.size() >= BEFORE);
                    long pid = stack.component("consent").process().pid();
                    Instant when = Instant.now();
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
                    deadFrom.set(System.nanoTime());
                    // Reads meet the dead process for a while before the restart begins (awaited, not slept).
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> readsWhileDead.get() >= 3);
                    restartFrom.set(System.nanoTime());
                    stack.startComponent("consent");
                    downMillis[0] = Duration.between(when, Instant.now()).toMillis();
                    tally.restarted();
                    // Sends and reads both work again, with no restart of referral-service.
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100))
                            .until(() -> tally.afterRestart.get() >= AFTER && readsAfterRestart.get() >= 3);
                    stop.set(true);
                    for (Future<?> f : loops) f.get(1, TimeUnit.MINUTES);
                    return when;
                } finally {
                    stop.set(true);
                    senders.shutdownNow();
                }
            });
            figures.put("consent-service down (kill to ready), ms", downMillis[0]);
            figures.put("answers by status", tally.statuses);
            figures.put("sent (201)", acknowledged.size());
            figures.put("summary reads by status", reads.statuses);
            figures.put("summary reads while consent-service was dead (all 503)", readsWhileDead.get());
            figures.put("summary reads 200 after the restart", readsAfterRestart.get());

            j.step("nothing but 201/200 and 503 problem+json was answered, no read was served while consent-service was dead;"
                    + " some sends met the outage", () -> {
                assertTrue(tally.offenders.isEmpty(), "offending answers: " + tally.offenders);
                assertTrue(tally.statuses.containsKey(503), "no send met the outage: " + tally.statuses);
            });

            List<String> stored = j.step("every acknowledged send is stored, and nothing refused with 503", () -> {
                List<String> ids = Faults.stored(women);
                Faults.storedWholeOrNotAtAll(ids, acknowledged, 0);
                assertEquals(acknowledged.size(), ids.size());
                return ids;
            });
            figures.put("stored", stored.size());

            j.step("every outbox event is on Kafka once and in order per key", () -> {
                for (OutboxLedger.Result r : Faults.outboxOnceInOrder(start, "consent", killedAt, "referral", "consent")) {
                    figures.put(r.database() + " outbox events", r.rows());
                    figures.put(r.database() + " published twice (killed relay)", r.duplicates().size());
                }
            });

            j.step("CELC's coordinator is told of each stored send once", () -> figures.put("notices (each once)",
                    Faults.toldOnce(StackInfo.serviceUrl("notification"), Map.of("celc.coordinator1", List.of("REFERRAL_SENT")),
                            Set.copyOf(stored), start)));
        } finally {
            if (!stack.component("consent").isRunning()) stack.startComponent("consent");
            figures.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
            System.out.println("[faults] consent-service kill: " + figures);
        }
    }
}
