package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Timestamp;
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

import org.junit.jupiter.api.Test;
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.StackInfo;

/**
 * Issue 20, faults 2 and 7: referral-service SIGKILLed in the middle of a stream of sends, left down across its timers'
 * due time, and started again. Nothing half-done is visible (a send is stored with its history, timers and event, or not
 * at all), nothing acknowledged is lost, each timer that came due while it was down fires once after the restart, and
 * everyone is told once. Uses CELC's housing advice (20-second working days in the test stack, reminder ~20 s, escalation
 * ~40 s, expiry ~60 s after the send).
 */
class ReferralKillTest {

    static final int WOMEN = 2;
    static final int REFERRALS = 16;

    @Test
    void killedMidSendAndDownAcrossItsTimersItLosesNothingAndFiresEachTimerOnceOnRestart() throws Exception {
        StackManager stack = StackManager.forProfile("test");
        Journey j = new Journey("SIGKILL referral-service mid-send, down across its timers");
        Instant start = Instant.now().minusSeconds(1);
        long t0 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        String referral = StackInfo.serviceUrl("referral");
        try {
            j.step("CELC's housing advice has a point of contact and a 2/1/3 target",
                    () -> Faults.housingTarget(StackInfo.serviceUrl("directory"), StackInfo.serviceUrl("directory")));
            List<String> women = j.step("Kairos registers two women with their needs and consent for CELC",
                    () -> Faults.women(WOMEN, Faults.HOUSING_NEED, i -> referral, i -> StackInfo.serviceUrl("consent")));

            Faults.Tally tally = new Faults.Tally();
            List<String> acknowledged = tally.acknowledged;
            Instant killedAt = j.step("two senders send " + REFERRALS + " referrals; referral-service is SIGKILLed half-way", () -> {
                ExecutorService senders = Executors.newFixedThreadPool(2);
                try {
                    List<Future<?>> sends = new ArrayList<>();
                    for (int i = 0; i < REFERRALS; i++) {
                        String woman = women.get(i % WOMEN);
                        sends.add(senders.submit(() -> {
                            Faults.Outcome o = tally.sent(Faults.send(referral, woman, Faults.CELC_HOUSING, Faults.HOUSING_NEED));
                            // Refused or cut only once it is dead; anything else before the kill is a defect.
                            if (!o.created() && !((o.refused() || o.cut()) && tally.isFaulted())) {
                                throw new AssertionError("a send before the kill answered " + o);
                            }
                        }));
                    }
                    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).until(() -> acknowledged.size() >= REFERRALS / 2);
                    long pid = stack.component("referral").process().pid();
                    Instant when = Instant.now();
                    tally.faulted();
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                    await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
                    for (Future<?> f : sends) f.get(2, TimeUnit.MINUTES);
                    return when;
                } finally {
                    senders.shutdownNow();
                }
            });
            figures.put("sent (201)", acknowledged.size());
            figures.put("cut in flight", tally.cut.get());
            figures.put("refused while down", tally.refused.get());

            List<String> stored = j.step("what is stored is whole: every acknowledged send, at most the cut ones more", () -> {
                List<String> ids = Faults.stored(women);
                Faults.storedWholeOrNotAtAll(ids, acknowledged, tally.cut.get());
                assertEquals(REFERRALS, acknowledged.size() + tally.cut.get() + tally.refused.get());
                assertEquals(ids.size() * 3L, Db.count("referral", "select count(*) from referral_timer where referral_id = any(?)"
                        + " and kind in ('REMIND', 'ESCALATE', 'EXPIRE')", ids), "three timers per stored referral");
                return ids;
            });
            figures.put("stored", stored.size());

            long dueWhileDown = j.step("it stays down until every reminder and the first escalation are due", () -> {
                double epoch = ((Number) Db.rows("referral", "select extract(epoch from greatest("
                        + "(select max(due_at) from referral_timer where referral_id = any(?) and kind = 'REMIND'),"
                        + " (select min(due_at) from referral_timer where referral_id = any(?) and kind = 'ESCALATE')))", stored, stored)
                        .get(0).get(0)).doubleValue();
                Instant until = Instant.ofEpochMilli((long) (epoch * 1000)).plusSeconds(1);
                await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> Instant.now().isAfter(until));
                long due = Db.count("referral", "select count(*) from referral_timer where referral_id = any(?) and due_at < ?"
                        + " and fired_at is null", stored, Timestamp.from(Instant.now()));
                assertTrue(due >= stored.size(), "the reminders came due while it was down: " + due);
                return due;
            });
            figures.put("timers due while down", dueWhileDown);
            figures.put("seconds down", Duration.between(killedAt, Instant.now()).toSeconds());

            j.step("referral-service starts again", () -> stack.startComponent("referral"));

            j.step("each timer fires once after the restart: reminder, escalation, expiry", () -> {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).until(() ->
                        Db.count("referral", "select count(*) from referral where id = any(?) and state = 'EXPIRED'", stored) == stored.size()
                                && Db.count("referral", "select count(*) from referral_timer where referral_id = any(?)"
                                + " and fired_at is null and cancelled_at is null", stored) == 0);
                for (String kind : List.of("REMIND", "ESCALATE", "EXPIRE")) {
                    assertEquals(stored.size(), Db.count("referral", "select count(*) from referral_timer where referral_id = any(?)"
                            + " and kind = ? and fired_at is not null", stored, kind), kind);
                }
            });

            j.step("every outbox event is on Kafka once and in order per key", () -> {
                for (OutboxLedger.Result r : Faults.outboxOnceInOrder(start, "referral", killedAt, "referral", "consent")) {
                    figures.put(r.database() + " outbox events", r.rows());
                    figures.put(r.database() + " published twice (killed relay)", r.duplicates().size());
                }
            });

            j.step("everyone is told once: SPOC of each send and reminder, referrer and Connector of each escalation and expiry", () ->
                    figures.put("notices (each once)", Faults.toldOnce(StackInfo.serviceUrl("notification"), Map.of(
                            "celc.coordinator1", List.of("REFERRAL_SENT", "REFERRAL_REMINDER"),
                            "kairos.caseworker1", List.of("REFERRAL_ESCALATED", "REFERRAL_EXPIRED"),
                            "fwt.connector1", List.of("REFERRAL_ESCALATED", "REFERRAL_EXPIRED")), Set.copyOf(stored), start)));
        } finally {
            if (!stack.component("referral").isRunning()) stack.startComponent("referral");
            figures.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
            System.out.println("[faults] referral-service kill: " + figures);
        }
    }
}
