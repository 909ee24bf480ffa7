package org.pathways.referral.timer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.ReferralFixtures.CELC;
import static org.pathways.referral.ReferralFixtures.CELC_IMMIGRATION;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.service.AuditTrail;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Response timers against the real stack, with one-second working days: scheduled at send, fired by the pollers
 * (reminder, escalation, expiry SENT -> EXPIRED), cancelled when the referral moves on, and each timer's event on Kafka
 * exactly once — with the scheduler and two more concurrent pollers competing, and after a poller "crashed" mid-way.
 */
@QuarkusTest
@TestProfile(FastTimersProfile.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class TimerFiringTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    @Inject
    TimerFiring firing;

    @Inject
    TimerRepository timers;

    private static String subjectWithConsentForCelc() {
        String subject = registeredAndKnownToConsent("fwt.caseworker1");
        putSection("fwt.caseworker1", subject, "STORY", story("timers"));
        recordConsent("fwt.caseworker1", subject, List.of(CELC), List.of("REFERRAL", "CASE_COORDINATION"), List.of("NEEDS", "STORY"));
        return subject;
    }

    private static String sendToCelc(String subject) {
        return send("fwt.caseworker1", referral(subject, CELC_IMMIGRATION, List.of("legal-immigration"), List.of("NEEDS", "STORY")))
                .statusCode(201).extract().path("id");
    }

    /** The events on referral.events for one referral, as (type, data) pairs in offset order. */
    private static List<JsonNode> events(String referral) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> r : TopicReader.readToEnd(Topics.REFERRAL_EVENTS)) {
            if (!referral.equals(r.key())) continue;
            try {
                out.add(JSON.readTree(new String(r.value(), StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static long countType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.path("type").asText())).count();
    }

    private void sql(String statement, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
            ps.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSentReferralIsRemindedEscalatedAndExpiredOnceEachAndReturnsToTheReferrer() {
        String subject = subjectWithConsentForCelc();
        Instant before = Instant.now();
        String id = sendToCelc(subject);
        UUID rid = UUID.fromString(id);

        // CELC immigration: 3 working days to answer, reminder 1 before, expiry after 20 (one-second days here).
        List<TimerRepository.Timer> scheduled = timers.forReferral(rid);
        assertEquals(List.of(TimerKind.REMIND, TimerKind.ESCALATE, TimerKind.EXPIRE), scheduled.stream().map(TimerRepository.Timer::kind).toList());
        TimerRepository.Timer escalate = scheduled.get(1);
        Duration toTarget = Duration.between(before, escalate.dueAt());
        assertTrue(toTarget.compareTo(Duration.ofSeconds(2)) > 0 && toTarget.compareTo(Duration.ofSeconds(10)) < 0, "target about 3 s away");

        // The scheduler fires the reminder and the escalation on their own.
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<JsonNode> ev = events(id);
            return countType(ev, "pathways.referral.reminder") == 1 && countType(ev, "pathways.referral.escalated") == 1;
        });
        JsonNode reminder = events(id).stream().filter(e -> e.path("type").asText().equals("pathways.referral.reminder")).findFirst().orElseThrow();
        assertEquals("RESPONSE_DUE", reminder.path("data").path("reminderKind").asText());
        assertEquals("SENT", reminder.path("data").path("state").asText());
        assertEquals(escalate.dueAt(), Instant.parse(reminder.path("data").path("dueAt").asText()));

        // Expiry: bring it forward rather than wait 20 s; the system moves SENT -> EXPIRED with history, events and audit.
        sql("update referral_timer set due_at = now() where referral_id = ? and kind = 'EXPIRE'", rid);
        await().atMost(Duration.ofSeconds(30)).until(() -> countType(events(id), "pathways.referral.expired") == 1);
        as("fwt.caseworker1").get("/api/referrals/" + id).then().statusCode(200).body("state", org.hamcrest.Matchers.equalTo("EXPIRED"));
        as("fwt.caseworker1").get("/api/referrals/" + id + "/history").then().statusCode(200)
                .body("actor", org.hamcrest.Matchers.hasItem("SYSTEM")).body("to", org.hamcrest.Matchers.hasItem("EXPIRED"));
        assertEquals(1, count(db, "select count(*) from access_audit where actor_user_id = ? and basis_ref = ?",
                AuditTrail.SYSTEM_ACTOR, id));
        await().atMost(Duration.ofSeconds(30)).until(() -> countType(events(id), "pathways.referral.access-ended") == 1);

        // Deliberately quiet for several polls: still exactly one of each.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<JsonNode> ev = events(id);
            return countType(ev, "pathways.referral.reminder") == 1 && countType(ev, "pathways.referral.escalated") == 1
                    && countType(ev, "pathways.referral.expired") == 1;
        });
        timers.forReferral(rid).forEach(t -> assertNotNull(t.firedAt(), t.kind() + " fired"));
    }

    @Test
    void aMoveCancelsTheOpenTimersAndSchedulesTheNewStates() {
        String subject = subjectWithConsentForCelc();
        String id = sendToCelc(subject);
        park(id);
        UUID rid = UUID.fromString(id);
        // CELC accepts: remind, escalate and expire are cancelled; "no first contact" (4 one-second days) starts.
        move("celc.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        List<TimerRepository.Timer> after = timers.forReferral(rid);
        assertEquals(3, after.stream().filter(t -> t.referralVersion() == 1 && t.cancelledAt() != null && t.firedAt() == null).count());
        TimerRepository.Timer firstContact = after.stream().filter(t -> t.kind() == TimerKind.NO_FIRST_CONTACT).findFirst().orElseThrow();
        assertEquals(2, firstContact.referralVersion());
        await().atMost(Duration.ofSeconds(60)).until(() -> countType(events(id), "pathways.referral.reminder") == 1);
        JsonNode reminder = events(id).stream().filter(e -> e.path("type").asText().equals("pathways.referral.reminder")).findFirst().orElseThrow();
        assertEquals("NO_FIRST_CONTACT", reminder.path("data").path("reminderKind").asText());
        assertEquals("ACCEPTED", reminder.path("data").path("state").asText());

        // ON_HOLD with a review date: a review timer at 09:00 London on that date.
        LocalDate review = LocalDate.now().plusDays(3);
        move("celc.coordinator1", id, 2, Map.of("target", "ON_HOLD", "reviewDate", review.toString())).statusCode(200);
        TimerRepository.Timer reviewTimer = timers.forReferral(rid).stream().filter(t -> t.kind() == TimerKind.ON_HOLD_REVIEW)
                .findFirst().orElseThrow();
        assertEquals(review.atTime(9, 0).atZone(java.time.ZoneId.of("Europe/London")).toInstant(), reviewTimer.dueAt());
        // The review date comes (brought forward): one REVIEW_DATE reminder.
        sql("update referral_timer set due_at = now() where id = ?", reviewTimer.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> countType(events(id), "pathways.referral.reminder") == 2);
        // First contact: the referral moves on and nothing more fires for it.
        move("celc.coordinator1", id, 3, Map.of("target", "IN_PROGRESS")).statusCode(200);
        assertEquals(0, count(db, "select count(*) from referral_timer where referral_id = ? and fired_at is null and cancelled_at is null", rid));
        // Deliberately quiet for a few polls: no further reminder, no escalation.
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<JsonNode> ev = events(id);
            return countType(ev, "pathways.referral.reminder") == 2 && countType(ev, "pathways.referral.escalated") == 0;
        });
    }

    @Test
    void concurrentPollersAndACrashedPollerFireEachTimerExactlyOnce() throws Exception {
        String subject = subjectWithConsentForCelc();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            // Parked an hour ahead at once, so nothing fires before the test makes it due.
            ids.add(sendToCelc(subject));
            park(ids.get(i));
        }
        // A poller claims a timer, writes its event, and "crashes" before the commit. It holds the referral's lock
        // meanwhile, so the scheduler cannot fire that referral's timers before the crash.
        String first = ids.get(0);
        UUID firstId = UUID.fromString(first);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            sql("select id from referral where id = ? for update", firstId);
            sql("update referral_timer set due_at = now() - interval '1 day' where referral_id = ? and kind = 'REMIND' "
                    + "and fired_at is null", firstId);
            assertEquals(TimerFiring.Outcome.FIRED, firing.fireOne());
            assertEquals(1, count(db, "select count(*) from outbox_event where message_key = ? and event_type = ?", first,
                    "pathways.referral.reminder"));
            throw new IllegalStateException("crash before commit");
        }));

        // Every timer of the three referrals is due at once (in order: remind, escalate, expire); the scheduler and two
        // more pollers compete for them.
        for (String id : ids) {
            UUID rid = UUID.fromString(id);
            sql("update referral_timer set due_at = now() - interval '3 seconds' where referral_id = ? and kind = 'REMIND'", rid);
            sql("update referral_timer set due_at = now() - interval '2 seconds' where referral_id = ? and kind = 'ESCALATE'", rid);
            sql("update referral_timer set due_at = now() - interval '1 seconds' where referral_id = ? and kind = 'EXPIRE'", rid);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Integer>> pollers = List.of(() -> firing.fireDue(50), () -> firing.fireDue(50));
            int fired = 0;
            for (Future<Integer> f : pool.invokeAll(pollers)) fired += f.get();
            assertTrue(fired <= 9, "no timer fires twice: " + fired);
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(30)).until(() -> countType(events(id), "pathways.referral.expired") == 1);
        }
        // Deliberately quiet for a few polls: still one reminder, one escalation and one expiry each.
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> ids.stream().allMatch(id -> {
                    List<JsonNode> ev = events(id);
                    return countType(ev, "pathways.referral.reminder") == 1 && countType(ev, "pathways.referral.escalated") == 1
                            && countType(ev, "pathways.referral.expired") == 1;
                }));
        for (String id : ids) {
            assertEquals(3, count(db, "select count(*) from referral_timer where referral_id = ? and fired_at is not null", UUID.fromString(id)));
            assertEquals(1, count(db, "select count(*) from referral_history where referral_id = ? and to_state = 'EXPIRED'", UUID.fromString(id)));
        }
    }

    @Test
    void aPollerHoldsNoLockOnTheTimersOfAReferralItSkipped() throws Exception {
        // A poller that skips a referral another transaction holds must not keep that referral's timers locked while it
        // fires another one: an expiry cancelling those timers would wait for it, and two pollers could deadlock (seen in
        // CI as a timer postponed by retry-delay). Due "later", so the scheduler leaves them alone.
        String subject = subjectWithConsentForCelc();
        UUID held = UUID.fromString(sendToCelc(subject));
        UUID free = UUID.fromString(sendToCelc(subject));
        sql("update referral_timer set due_at = now() + interval '10 minutes' where referral_id = ? and fired_at is null", held);
        sql("update referral_timer set due_at = now() + interval '11 minutes' where referral_id = ? and fired_at is null", free);
        Instant later = Instant.now().plus(Duration.ofMinutes(20));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (Connection holder = db.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement("select id from referral where id = ? for update")) {
                ps.setObject(1, held);
                ps.executeQuery().close();
            }
            java.util.concurrent.CountDownLatch claimed = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            Future<UUID> poller = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                UUID r = timers.claimDue(later).orElseThrow().referralId();
                claimed.countDown();
                release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                return r;
            }));
            assertTrue(claimed.await(30, java.util.concurrent.TimeUnit.SECONDS), "the poller claimed a timer");
            try (Connection probe = db.getConnection()) {
                probe.setAutoCommit(false);
                try (PreparedStatement ps = probe.prepareStatement(
                        "select id from referral_timer where referral_id = ? and fired_at is null for update nowait")) {
                    ps.setObject(1, held);
                    ps.executeQuery().close(); // throws "could not obtain lock" if the poller kept one
                } finally {
                    probe.rollback();
                }
            } finally {
                release.countDown();
            }
            assertEquals(free, poller.get(30, java.util.concurrent.TimeUnit.SECONDS), "the poller took the free referral");
            holder.rollback();
        } finally {
            pool.shutdownNow();
        }
        park(held.toString());
        park(free.toString());
    }

    private void park(String referral) {
        sql("update referral_timer set due_at = now() + interval '1 hour' where referral_id = ? and fired_at is null",
                UUID.fromString(referral));
    }
}
