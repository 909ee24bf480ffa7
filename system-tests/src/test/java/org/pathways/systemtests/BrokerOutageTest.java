package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.StackInfo;

/**
 * Issue 20, fault 1: Kafka stopped in the middle of a burst of sends and moves, then started again. The outbox decouples
 * the API from the broker: every send answers 201 and every move 200 throughout; the relays' backlog grows while the
 * broker is away and drains once it is back; every outbox event is on Kafka, in order per key ({@link OutboxLedger}),
 * a second copy only from the relay's retries after the outage (at least once: see the step); nothing acknowledged is
 * lost; CELC's coordinator is told of each send once and the referrer of each acceptance once. Referrals go to CELC's immigration advice (real working days: no timer fires during the build).
 *
 * <p>In the suite: {@value #DEFAULT_SENDS} sends, Kafka down for the middle third of them. The full size runs
 * outside it: {@code -Dpathways.faults.broker-sends=10000 -Dpathways.faults.broker-down-seconds=60} (docs/reliability.md).
 */
class BrokerOutageTest {

    static final int DEFAULT_SENDS = 500;
    static final int SENDS = Integer.getInteger("pathways.faults.broker-sends", DEFAULT_SENDS);
    /** 0: down while the middle third of the sends is made; otherwise down this long (the sends go on throughout). */
    static final int DOWN_SECONDS = Integer.getInteger("pathways.faults.broker-down-seconds", 0);
    static final int SENDERS = Integer.getInteger("pathways.faults.broker-senders", 4);
    static final int WOMEN = SENDERS;
    /** Every tenth acknowledged referral is accepted by CELC's coordinator right away: a move during the run. */
    static final int MOVE_EVERY = 10;

    @Test
    void sendsAndMovesGoOnWhileKafkaIsDownAndEveryEventIsDeliveredOnceInEffect() throws Exception {
        StackManager stack = StackManager.forProfile("test");
        Journey j = new Journey("Kafka down in the middle of " + SENDS + " sends");
        Instant start = Instant.now().minusSeconds(1);
        long t0 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        String referral = StackInfo.serviceUrl("referral");
        try {
            List<String> women = j.step("Kairos registers " + WOMEN + " women with their needs and consent for CELC",
                    () -> Faults.women(WOMEN, Faults.IMMIGRATION_NEED, i -> referral, i -> StackInfo.serviceUrl("consent")));

            Faults.Tally tally = new Faults.Tally();
            List<String> moved = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger issued = new AtomicInteger();
            AtomicLong backlogPeak = new AtomicLong();
            long[] whileDown = new long[2]; // sends acknowledged while Kafka was down; ms down
            long[] drainMillis = new long[1];
            long[] sendMillis = new long[1];
            Instant[] stoppedAt = new Instant[1];
            j.step(SENDERS + " senders send " + SENDS + " referrals (every " + MOVE_EVERY + "th accepted at once);"
                    + " Kafka is stopped " + (DOWN_SECONDS > 0 ? "for " + DOWN_SECONDS + " s" : "for the middle third")
                    + " and started again", () -> {
                ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
                long s0 = System.nanoTime();
                try {
                    List<Future<?>> loops = new ArrayList<>();
                    for (int t = 0; t < SENDERS; t++) {
                        String woman = women.get(t % WOMEN);
                        loops.add(senders.submit(() -> {
                            while (issued.getAndIncrement() < SENDS) {
                                Faults.Outcome o = tally.sent(Faults.send(referral, woman, Faults.CELC_IMMIGRATION, Faults.IMMIGRATION_NEED));
                                if (!o.created()) {
                                    tally.offend("send -> " + o);
                                } else if (tally.acknowledged.size() % MOVE_EVERY == 0) {
                                    int status = JourneySupport.move("celc.coordinator1", o.id(), 1, Map.of("target", "ACCEPTED"))
                                            .extract().statusCode();
                                    if (status == 200) moved.add(o.id());
                                    else tally.offend("accept " + o.id() + " -> " + status);
                                }
                            }
                        }));
                    }
                    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                            .until(() -> tally.acknowledged.size() >= SENDS / 3);
                    int before = tally.acknowledged.size();
                    long down0 = System.nanoTime();
                    stoppedAt[0] = Instant.now();
                    stack.stopComponent("kafka");
                    tally.faulted();
                    // The backlog is read while it is down; the sends go on.
                    await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
                        backlogPeak.accumulateAndGet(OutboxLedger.unsent("referral", start), Math::max);
                        return DOWN_SECONDS > 0 ? System.nanoTime() - down0 >= TimeUnit.SECONDS.toNanos(DOWN_SECONDS)
                                : tally.acknowledged.size() >= 2 * SENDS / 3 || issued.get() >= SENDS;
                    });
                    whileDown[0] = tally.acknowledged.size() - before;
                    stack.startComponent("kafka");
                    whileDown[1] = (System.nanoTime() - down0) / 1_000_000;
                    tally.restarted();
                    long up = System.nanoTime();
                    for (Future<?> f : loops) f.get(15, TimeUnit.MINUTES);
                    sendMillis[0] = (System.nanoTime() - s0) / 1_000_000;
                    await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                            OutboxLedger.unsent("referral", start) + OutboxLedger.unsent("consent", start) == 0);
                    drainMillis[0] = (System.nanoTime() - up) / 1_000_000;
                } finally {
                    senders.shutdownNow();
                }
            });
            figures.put("sends", SENDS);
            figures.put("answers by status", tally.statuses);
            figures.put("sent (201)", tally.acknowledged.size());
            figures.put("accepted (200)", moved.size());
            figures.put("sent while Kafka was down", whileDown[0]);
            figures.put("Kafka down (stop to ready), ms", whileDown[1]);
            figures.put("referral outbox backlog peak", backlogPeak.get());
            figures.put("drained after Kafka was back (all sends answered, outbox empty), ms", drainMillis[0]);
            figures.put("sending took, ms", sendMillis[0]);

            j.step("every send answered 201 and every move 200, Kafka down or not; the outage met sends and grew a backlog", () -> {
                assertTrue(tally.offenders.isEmpty(), "offending answers: " + tally.offenders);
                assertEquals(Set.of(201), tally.statuses.keySet(), "answers: " + tally.statuses);
                assertEquals(SENDS, tally.acknowledged.size());
                assertTrue(whileDown[0] > 0, "no send was made while Kafka was down");
                assertTrue(backlogPeak.get() > 0, "no backlog while Kafka was down");
            });

            List<String> stored = j.step("every acknowledged send is stored whole, nothing else", () -> {
                List<String> ids = Faults.stored(women);
                Faults.storedWholeOrNotAtAll(ids, tally.acknowledged, 0);
                assertEquals(SENDS, ids.size());
                return ids;
            });
            figures.put("stored", stored.size());

            // At least once on Kafka, not exactly once: the relay marks sent only the unbroken prefix of a batch that Kafka
            // acknowledged, and when the broker comes back records of a batch it has given up on may still be written
            // (seen: every event of the outage published twice, 52 ms apart, on the same partition). Consumers drop the
            // repeat by event id (checked below: each notice once). A repeat is allowed only from the outage's retries.
            j.step("every outbox event is on Kafka, in order per key; a repeat only from the retries after the outage", () -> {
                for (String db : List.of("referral", "consent")) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> OutboxLedger.unsent(db, start) == 0);
                    OutboxLedger.Result r = OutboxLedger.check(db, start);
                    System.out.println("[faults] " + r);
                    assertEquals(0, r.unsent(), r.toString());
                    assertEquals(0, r.missing(), r.toString());
                    assertEquals(0, r.outOfOrder(), r.toString());
                    r.duplicates().forEach((id, copies) -> assertTrue(copies.size() == 2
                            && copies.get(0).producedAt().isAfter(stoppedAt[0].minusSeconds(1)),
                            db + ": event " + id + " published twice, not by the retries after the outage: " + copies));
                    figures.put(r.database() + " outbox events", r.rows());
                    figures.put(r.database() + " published twice (retried after the outage)", r.duplicates().size());
                }
            });

            j.step("CELC's coordinator is told of each send once, the referrer of each acceptance once", () -> {
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1)).until(() ->
                        NotificationKillTest.lag(Faults.kafka()) == 0
                                && told("celc.coordinator1", "REFERRAL_SENT", stored) >= stored.size()
                                && told("kairos.caseworker1", "REFERRAL_ACCEPTED", moved) >= moved.size());
                assertEquals(stored.size(), told("celc.coordinator1", "REFERRAL_SENT", stored), "one notice per send");
                assertEquals(stored.size(), toldAbout("celc.coordinator1", "REFERRAL_SENT", stored), "each send told");
                assertEquals(moved.size(), told("kairos.caseworker1", "REFERRAL_ACCEPTED", moved), "one notice per acceptance");
                assertEquals(moved.size(), toldAbout("kairos.caseworker1", "REFERRAL_ACCEPTED", moved), "each acceptance told");
                figures.put("notices (each once)", stored.size() + moved.size());
            });
        } finally {
            if (!stack.component("kafka").isReady()) stack.startComponent("kafka");
            figures.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
            System.out.println("[faults] broker outage: " + figures);
        }
    }

    /** The user's own inbox entries of this kind about these referrals (rows: a duplicate would be a second row). */
    static long told(String user, String kind, List<String> referrals) {
        return Db.count("notification", "select count(*) from notification where recipient_kind = 'USER' and recipient_id = ?"
                + " and kind = ? and referral_id = any(?)", java.util.UUID.fromString(JourneySupport.userId(user)), kind, referrals);
    }

    /** How many of these referrals the user has an entry of this kind about. */
    static long toldAbout(String user, String kind, List<String> referrals) {
        return Db.count("notification", "select count(distinct referral_id) from notification where recipient_kind = 'USER'"
                + " and recipient_id = ? and kind = ? and referral_id = any(?)",
                java.util.UUID.fromString(JourneySupport.userId(user)), kind, referrals);
    }
}
