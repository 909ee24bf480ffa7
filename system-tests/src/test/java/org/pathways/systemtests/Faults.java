package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.inboxAt;
import static org.pathways.systemtests.JourneySupport.needs;
import static org.pathways.systemtests.JourneySupport.recordConsentAt;
import static org.pathways.systemtests.JourneySupport.referralBody;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import io.restassured.response.Response;
import org.pathways.stack.testing.StackInfo;

/**
 * What the fault tests (issue 20) and the replica test (issue 19) share: CELC's services as the receiving end, women
 * registered at Kairos with consent for CELC, sends whose outcome is classified (answered, refused before anything was
 * sent, cut in flight), and the checks "stored whole or not at all" and "told once".
 */
final class Faults {

    /** Reserved for the timer-bearing fault tests: on 20-second working days in the test stack (StackConfig, ADR 0070). */
    static final String CELC_HOUSING = demoId("service:celc-housing");
    static final String HOUSING_NEED = "legal-housing";
    /** Real UK working days: referrals sent here by a fault test never meet a timer during the build. */
    static final String CELC_IMMIGRATION = JourneySupport.CELC_IMMIGRATION;
    static final String IMMIGRATION_NEED = "legal-immigration";

    private Faults() {
    }

    /**
     * CELC's admin gives its housing advice a point of contact (CELC's coordinator) and a 2/1/3 working-day target,
     * then waits until referral-service's copy of the directory has the change (ADR 0061): reminder after about 20 s,
     * escalation after 40 s, expiry after 60 s.
     */
    static void housingTarget(String spocDirectoryUrl, String targetDirectoryUrl) {
        Journey.as("celc.admin1").body(Map.of("username", "celc.coordinator1", "mailbox", "housing@celc.example.org"))
                .put(spocDirectoryUrl + "/api/services/" + CELC_HOUSING + "/spoc").then().statusCode(200);
        long version = Journey.as("celc.admin1").body(Map.of("workingDays", 2, "remindBeforeWorkingDays", 1,
                        "expireAfterWorkingDays", 3, "nation", "ENGLAND_AND_WALES"))
                .put(targetDirectoryUrl + "/api/services/" + CELC_HOUSING + "/response-target").then().statusCode(200)
                .extract().jsonPath().getLong("version");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> Db.count("referral",
                "select coalesce(max(version), 0) from directory_aggregate where kind = 'SERVICE' and id = ?",
                UUID.fromString(CELC_HOUSING)) >= version);
    }

    /**
     * Kairos registers {@code n} women (call i through {@code referralUrl.apply(i)}), writes their need and records their
     * consent for CELC (REFERRAL, NEEDS) through {@code consentUrl.apply(i)}.
     */
    static List<String> women(int n, String need, IntFunction<String> referralUrl, IntFunction<String> consentUrl) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String s = Journey.as("kairos.caseworker1").body("{}").post(referralUrl.apply(2 * i) + "/api/subjects")
                    .then().statusCode(201).extract().path("id");
            String consent = consentUrl.apply(2 * i);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> Journey.as("kairos.caseworker1")
                    .get(consent + "/api/subjects/" + s + "/consents").statusCode() == 200);
            Journey.as("kairos.caseworker1").body(needs(need))
                    .put(referralUrl.apply(2 * i + 1) + "/api/subjects/" + s + "/summary/sections/NEEDS").then().statusCode(200);
            recordConsentAt(consentUrl.apply(2 * i + 1), "kairos.caseworker1", s, List.of(CELC), List.of("REFERRAL"), List.of("NEEDS"));
            out.add(s);
        }
        return out;
    }

    /** How one request ended: an answer (status, content type, id if 201), or none. */
    record Outcome(int status, String contentType, String id, boolean refused, boolean cut) {

        boolean created() {
            return status == 201;
        }
    }

    /**
     * The bookkeeping of a fault run, shared by its senders and readers: the ids acknowledged (201), every answer by
     * status, the offending answers, the requests refused before anything was sent and those cut in flight, and whether
     * the fault has happened and the part has been started again (and how many sends were acknowledged since).
     */
    static final class Tally {
        final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final List<String> offenders = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger refused = new AtomicInteger();
        final AtomicInteger cut = new AtomicInteger();
        final AtomicInteger afterRestart = new AtomicInteger();
        private final AtomicBoolean faulted = new AtomicBoolean();
        private final AtomicBoolean restarted = new AtomicBoolean();

        /** Counts a send: its status, its id if acknowledged (and whether after the restart), refused or cut. */
        Outcome sent(Outcome o) {
            count(o.status());
            if (o.created()) {
                acknowledged.add(o.id());
                if (restarted.get()) afterRestart.incrementAndGet();
            }
            if (o.refused()) refused.incrementAndGet();
            if (o.cut()) cut.incrementAndGet();
            return o;
        }

        void count(int status) {
            statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
        }

        /** Counts an answer and {@link #check}s it. */
        void answer(int status, String contentType, String what) {
            count(status);
            check(status, contentType, what);
        }

        /** Keeps an answer as an offender unless it is a 2xx, a 503 problem+json, or none (-1: a cut connection). */
        void check(int status, String contentType, String what) {
            if (unavailable(status, contentType) || status >= 200 && status < 300 || status == -1) return;
            offend(what + " -> " + status + " " + contentType);
        }

        void offend(String what) {
            offenders.add(what);
        }

        void faulted() {
            faulted.set(true);
        }

        boolean isFaulted() {
            return faulted.get();
        }

        void restarted() {
            restarted.set(true);
        }

        boolean isRestarted() {
            return restarted.get();
        }
    }

    /** A 503 answered as application/problem+json: the one way a request may fail while a part is away. */
    static boolean unavailable(int status, String contentType) {
        return status == 503 && contentType != null && contentType.startsWith("application/problem+json");
    }

    /** Sends a referral for her to the service through {@code referralUrl}; never throws. */
    static Outcome send(String referralUrl, String woman, String service, String need) {
        try {
            Response r = Journey.as("kairos.caseworker1").body(referralBody(woman, service, List.of(need), List.of("NEEDS")))
                    .post(referralUrl + "/api/referrals");
            return new Outcome(r.statusCode(), r.contentType(), r.statusCode() == 201 ? r.path("id") : null, false, false);
        } catch (Exception e) {
            // Refused: nothing reached the server. Cut: the connection died with the request in flight (outcome unknown).
            return new Outcome(-1, null, null, causedBy(e, ConnectException.class), !causedBy(e, ConnectException.class));
        }
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) if (type.isInstance(t)) return true;
        return false;
    }

    /** Every referral stored for these women (referral-service's database), whatever the API answered. */
    static List<String> stored(List<String> women) {
        return Db.rows("referral", "select id from referral where subject_id = any(?)", women).stream()
                .map(r -> r.get(0).toString()).toList();
    }

    /**
     * Stored whole or not at all: every acknowledged referral is stored, and at most {@code cut} more (requests whose
     * answer was lost when a process died); each stored referral has its SENT history row.
     */
    static void storedWholeOrNotAtAll(List<String> stored, List<String> acknowledged, int cut) {
        assertTrue(stored.containsAll(acknowledged), "acknowledged but not stored: "
                + acknowledged.stream().filter(a -> !stored.contains(a)).toList());
        assertTrue(stored.size() - acknowledged.size() <= cut, stored.size() + " stored, " + acknowledged.size()
                + " acknowledged, only " + cut + " requests without an answer");
        assertEquals(stored.size(), Db.count("referral", "select count(distinct referral_id) from referral_history"
                + " where referral_id = any(?) and to_state = 'SENT'", stored), "every stored referral has its SENT history row");
    }

    /** Waits until each user has exactly one entry of each kind per referral, and nothing is still on its way; returns the count. */
    static long toldOnce(String notificationUrl, Map<String, List<String>> kindsByUser, Set<String> referrals, Instant since) {
        kindsByUser.forEach((user, kinds) -> await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).until(() ->
                inboxAt(notificationUrl, user, referrals, since).stream().filter(i -> kinds.contains(i.get("kind")))
                        .count() >= (long) kinds.size() * referrals.size()));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> NotificationKillTest.lag(kafka()) == 0);
        long told = 0;
        for (var e : kindsByUser.entrySet()) {
            Map<String, Long> perEvent = inboxAt(notificationUrl, e.getKey(), referrals, since).stream()
                    .filter(i -> e.getValue().contains(i.get("kind")))
                    .collect(Collectors.groupingBy(i -> i.get("referralId") + "/" + i.get("kind"), Collectors.counting()));
            assertEquals(e.getValue().size() * referrals.size(), perEvent.size(), e.getKey() + ": " + perEvent);
            assertTrue(perEvent.values().stream().allMatch(c -> c == 1), e.getKey() + " told twice: " + perEvent);
            told += perEvent.size();
        }
        return told;
    }

    /**
     * The outbox of each database since {@code since}: nothing unsent, nothing missing, nothing out of order; an event
     * published twice only by a relay killed at {@code killedAt} (between Kafka's ack and its own commit) in
     * {@code killedDb}. Returns the results for the figures.
     */
    static List<OutboxLedger.Result> outboxOnceInOrder(Instant since, String killedDb, Instant killedAt, String... databases) {
        return outboxOnceInOrder(since, killedDb == null ? Set.of() : Set.of(killedDb), killedAt, killedAt, databases);
    }

    /**
     * As above, for a fault that cut the relays of several databases at once between {@code cutFrom} and {@code cutTo}
     * (a PostgreSQL restart: Kafka acknowledged a batch, the database went away before the relay's commit marking it
     * sent, and the relay published it again afterwards — at least once, by design; consumers dedupe by event id).
     */
    static List<OutboxLedger.Result> outboxOnceInOrder(Instant since, Set<String> cutDbs, Instant cutFrom, Instant cutTo,
            String... databases) {
        List<OutboxLedger.Result> out = new ArrayList<>();
        for (String db : databases) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> OutboxLedger.unsent(db, since) == 0);
            OutboxLedger.Result r = OutboxLedger.check(db, since);
            System.out.println("[faults] " + r);
            assertEquals(0, r.unsent(), r.toString());
            assertEquals(0, r.missing(), r.toString());
            assertEquals(0, r.outOfOrder(), r.toString());
            r.duplicates().forEach((id, copies) -> assertTrue(cutDbs.contains(db) && cutFrom != null
                    && copies.size() == 2
                    && copies.get(0).producedAt().isBefore(cutTo.plusSeconds(1))
                    && copies.get(1).producedAt().isAfter(cutFrom.minusSeconds(1)),
                    db + ": event " + id + " published twice, not by the relay the fault cut: " + copies));
            out.add(r);
        }
        return out;
    }

    /** A short pause between retries after a 503, so senders do not spin while a dependency is away. */
    static void backOff() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static java.util.Properties kafka() {
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", StackInfo.get("kafka.bootstrap-servers"));
        return p;
    }
}
