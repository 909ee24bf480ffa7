package org.pathways.notification;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;
import org.pathways.platform.testing.TopicReader;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Events on the real topics reach exactly the right inboxes, once: routing through the real directory-service and
 * Keycloak, idempotence on redelivery, dead letters for malformed records, skipping of unknown types.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class ConsumerRoutingTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    @Test
    void sentReachesTheServiceSpocAndTheMailboxOnlyOnceEvenWhenDuplicated() throws Exception {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        EventEnvelope sent = TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
        // The same event again (a producer retry or a redelivery): no second notification.
        TestEvents.publish(sent);

        // celc.coordinator1 is the immigration service's SPOC (by username, resolved in Keycloak) and reads CELC's
        // mailbox as its coordinator: she sees the notice once, as her own (ADR 0049; it showed twice before). The
        // mailbox keeps its entry for everyone else who reads it.
        await().atMost(WAIT).until(() -> rows(sent.id()) == 2);
        List<Map<String, Object>> items = Inbox.about("celc.coordinator1", r.referralId());
        assertEquals(1, items.size());
        Map<String, Object> item = items.get(0);
        assertEquals(Boolean.FALSE, item.get("organisationMailbox"));
        assertEquals("REFERRAL_SENT", item.get("kind"));
        assertEquals("A new referral is waiting for your service.", item.get("text"));
        assertEquals("R-" + r.referralId().toString().substring(0, 8).toUpperCase(), item.get("reference"));
        // A later event proves the duplicate was consumed (same partition, in order) before we count again.
        TestEvents.publish(r.timer(EventTypes.REFERRAL_REMINDER, 1));
        await().atMost(WAIT).until(() -> Inbox.about("celc.coordinator1", r.referralId()).size() == 2);
        assertEquals(1, Inbox.about("celc.coordinator1", r.referralId()).stream()
                .filter(i -> "REFERRAL_SENT".equals(i.get("kind"))).count());
        assertEquals(2, rows(sent.id()), "one entry for her, one for the mailbox: no more for the duplicate");
        // Nobody else: the referrer is not told about her own sending; another organisation sees nothing.
        assertTrue(Inbox.about("kairos.caseworker1", r.referralId()).isEmpty());
        assertTrue(Inbox.about("crasac.coordinator1", r.referralId()).isEmpty());
        // A CELC caseworker (not a SPOC role) does not read the organisation mailbox.
        assertTrue(Inbox.about("celc.caseworker1", r.referralId()).isEmpty());
    }

    @Test
    void answersGoBackToTheReferrerAndHerOrganisationsMailbox() {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        UUID celcSpoc = TestEvents.userId("celc.coordinator1");
        TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, celcSpoc, null));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_IN_PROGRESS, "IN_PROGRESS", "ACCEPTED", 3, celcSpoc, null));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_ON_HOLD, "ON_HOLD", "IN_PROGRESS", 4, celcSpoc, null));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_NOT_COMPLETED, "NOT_COMPLETED", "ON_HOLD", 5, celcSpoc, "COULD_NOT_CONTACT"));

        await().atMost(WAIT).until(() -> Inbox.about("kairos.caseworker1", r.referralId()).size() == 4);
        List<Map<String, Object>> mine = Inbox.about("kairos.caseworker1", r.referralId());
        assertEquals(Set.of("REFERRAL_ACCEPTED", "REFERRAL_IN_PROGRESS", "REFERRAL_ON_HOLD", "REFERRAL_NOT_COMPLETED"),
                mine.stream().map(i -> (String) i.get("kind")).collect(Collectors.toSet()));
        assertTrue(mine.stream().anyMatch(i -> "COULD_NOT_CONTACT".equals(i.get("reasonCode"))));
        // Kairos' SPOC reads the organisation mailbox: the same four, once each.
        await().atMost(WAIT).until(() -> Inbox.about("kairos.coordinator1", r.referralId()).size() == 4);
        assertTrue(Inbox.about("kairos.coordinator1", r.referralId()).stream().allMatch(i -> (Boolean) i.get("organisationMailbox")));
        // Another Kairos caseworker is not the referrer.
        assertTrue(Inbox.about("kairos.caseworker2", r.referralId()).isEmpty());
        // The receiving SPOC got the sent notice only.
        assertEquals(List.of("REFERRAL_SENT"), Inbox.about("celc.coordinator1", r.referralId()).stream()
                .filter(i -> !(Boolean) i.get("organisationMailbox")).map(i -> (String) i.get("kind")).toList());
    }

    @Test
    void escalationAndExpiryReachTheReferrerAndThePartnershipConnector() {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
        TestEvents.publish(r.timer(EventTypes.REFERRAL_ESCALATED, 1));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_EXPIRED, "EXPIRED", "SENT", 2, null, null));

        // FWT leads the Coventry partnership; its connector-role users are the Partnership Connector.
        await().atMost(WAIT).until(() -> Inbox.about("fwt.connector1", r.referralId()).size() == 2);
        await().atMost(WAIT).until(() -> Inbox.about("fwt.connector2", r.referralId()).size() == 2);
        await().atMost(WAIT).until(() -> Inbox.about("kairos.caseworker1", r.referralId()).size() == 2);
        assertEquals(Set.of("REFERRAL_ESCALATED", "REFERRAL_EXPIRED"), Inbox.about("fwt.connector1", r.referralId()).stream()
                .map(i -> (String) i.get("kind")).collect(Collectors.toSet()));
        assertTrue(Inbox.about("fwt.caseworker1", r.referralId()).isEmpty());
    }

    @Test
    void accessEndedTellsTheOrganisationsConcerned() {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.HAVEN, TestEvents.HAVEN_REFUGE);
        TestEvents.publish(r.accessEnded(TestEvents.HAVEN, "CONSENT_WITHDRAWN", "ACCEPTED", 3));
        await().atMost(WAIT).until(() -> Inbox.about("haven.coordinator1", r.referralId()).size() == 1);
        await().atMost(WAIT).until(() -> Inbox.about("kairos.coordinator1", r.referralId()).size() == 1);
        assertEquals("REFERRAL_ACCESS_ENDED", Inbox.about("haven.coordinator1", r.referralId()).get(0).get("kind"));
    }

    /** ADR 0045: a withdrawal of her consent reaches the mailbox of each organisation receiving a live referral for her. */
    @Test
    void aWithdrawnConsentTellsEachOrganisationWithALiveReferralForHerOnce() {
        UUID referrer = TestEvents.userId("kairos.caseworker1");
        // Three referrals for one woman: CELC and Haven took theirs up; CRASAC declined (its access ended).
        Referral toCelc = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        Referral toHaven = toCelc.onward(TestEvents.KAIROS, TestEvents.HAVEN, TestEvents.HAVEN_REFUGE);
        Referral toCrasac = toCelc.onward(TestEvents.KAIROS, TestEvents.CRASAC, TestEvents.demoId("service:crasac-counselling"));
        for (Referral r : List.of(toCelc, toHaven, toCrasac)) TestEvents.publish(r.sent(referrer));
        TestEvents.publish(toCelc.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, TestEvents.userId("celc.coordinator1"), null));
        TestEvents.publish(toHaven.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, TestEvents.userId("haven.coordinator1"), null));
        TestEvents.publish(toCrasac.transition(EventTypes.REFERRAL_DECLINED, "DECLINED", "SENT", 2, TestEvents.userId("crasac.coordinator1"),
                "NO_CAPACITY"));
        // The referrer's answers are in: every referral event before them has been applied.
        for (Referral r : List.of(toCelc, toHaven, toCrasac)) {
            await().atMost(WAIT).until(() -> Inbox.about("kairos.caseworker1", r.referralId()).size() == 1);
        }

        // Kairos records a partial withdrawal with her, delivered twice, then the whole withdrawal.
        UUID consentId = UUID.randomUUID();
        EventEnvelope partial = TestEvents.publish(TestEvents.consentWithdrawn(consentId, 2, toCelc.subjectId(), TestEvents.KAIROS,
                referrer, "PARTIAL"));
        TestEvents.publish(partial);
        TestEvents.publish(TestEvents.consentWithdrawn(consentId, 3, toCelc.subjectId(), TestEvents.KAIROS, referrer, "WHOLE"));

        // Same key, same partition: once both withdrawals show, the duplicate between them has been consumed too.
        await().atMost(WAIT).until(() -> withdrawals("celc.coordinator1", consentId).size() == 2);
        List<Map<String, Object>> celc = withdrawals("celc.coordinator1", consentId);
        assertEquals(Set.of("ACTIVE", "WITHDRAWN"), celc.stream().map(i -> (String) i.get("state")).collect(Collectors.toSet()));
        for (Map<String, Object> item : celc) {
            assertEquals(toCelc.referralId().toString(), item.get("referralId"), "names CELC's referral");
            assertEquals(Boolean.TRUE, item.get("organisationMailbox"));
            assertEquals("R-" + toCelc.referralId().toString().substring(0, 8).toUpperCase(), item.get("reference"));
        }
        assertEquals(2, withdrawals("haven.coordinator1", consentId).size());
        assertEquals(toHaven.referralId().toString(), withdrawals("haven.coordinator1", consentId).get(0).get("referralId"));
        // Not the organisation whose referral ended, not the sender, not a worker without the mailbox.
        assertTrue(withdrawals("crasac.coordinator1", consentId).isEmpty());
        assertTrue(withdrawals("kairos.coordinator1", consentId).isEmpty());
        assertTrue(withdrawals("celc.caseworker1", consentId).isEmpty());
    }

    static List<Map<String, Object>> withdrawals(String username, UUID consentId) {
        return Inbox.all(username).stream().filter(i -> "CONSENT_WITHDRAWN".equals(i.get("kind")))
                .filter(i -> consentId.toString().equals(aggregateOf(i))).toList();
    }

    @Test
    void overridesReachApproversAndPrivacyOfficersAndExpiringConsentItsLeadWorker() {
        EventEnvelope requested = TestEvents.publish(TestEvents.overrideRequested(TestEvents.CELC, TestEvents.COVENTRY));
        UUID subject = UUID.fromString(requested.subject());
        await().atMost(WAIT).until(() -> aggregate("celc.privacy1", subject).size() == 1);
        await().atMost(WAIT).until(() -> aggregate("celc.coordinator1", subject).size() == 1);
        assertTrue(aggregate("celc.caseworker1", subject).isEmpty());

        EventEnvelope approved = TestEvents.publish(TestEvents.overrideApproved(TestEvents.CELC, TestEvents.COVENTRY,
                TestEvents.userId("celc.privacy1")));
        UUID approvedId = UUID.fromString(approved.subject());
        // The sharing organisation's privacy officer and those of the partnership's lead organisation (FWT).
        await().atMost(WAIT).until(() -> aggregate("celc.privacy1", approvedId).size() == 1);
        await().atMost(WAIT).until(() -> aggregate("fwt.privacy1", approvedId).size() == 1);
        assertTrue(aggregate("celc.coordinator1", approvedId).isEmpty());

        UUID lead = TestEvents.userId("crasac.caseworker2");
        EventEnvelope expiring = TestEvents.publish(TestEvents.consentExpiring(TestEvents.CRASAC, TestEvents.COVENTRY, lead));
        UUID consentId = UUID.fromString(expiring.subject());
        await().atMost(WAIT).until(() -> aggregate("crasac.caseworker2", consentId).size() == 1);
        assertTrue(aggregate("crasac.caseworker1", consentId).isEmpty());
    }

    @Test
    void aHandoverOnTheReferralTopicNotifiesNobodyAndIsNotDeadLettered() {
        UUID subject = UUID.randomUUID();
        UUID lead = TestEvents.userId("kairos.caseworker2");
        var d = TestEvents.JSON.createObjectNode().put("subjectId", subject.toString())
                .put("organisationId", TestEvents.KAIROS.toString()).put("leadWorkerUserId", lead.toString()).put("version", 1)
                .put("occurredAt", "2026-11-23T09:00:00Z");
        EventEnvelope handover = TestEvents.publish(TestEvents.event(EventTypes.SUBJECT_LEAD_WORKER_CHANGED, subject, d));
        // Consumed (recorded as processed, so it was valid and known), not parked, and nobody was told.
        await().atMost(WAIT).until(() -> processed(handover.id()));
        assertFalse(TopicReader.readToEnd("referral.events.dlq").stream().anyMatch(rec -> subject.toString().equals(rec.key())));
        assertTrue(aggregate("kairos.caseworker2", subject).isEmpty());
    }

    long rows(String eventId) throws java.sql.SQLException {
        try (var c = db.getConnection(); var ps = c.prepareStatement("select count(*) from notification where event_id = ?")) {
            ps.setString(1, eventId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * ADR 0049: after a handover, a referral's answers and her expiring-consent notice go to her new lead worker, not
     * the previous one; handovers apply only when newer (a duplicate, an older one arriving late and a replayed
     * registration change nothing). The handover itself still notifies nobody.
     */
    @Test
    void afterAHandoverNoticesFollowTheCurrentLeadWorker() {
        UUID first = TestEvents.userId("kairos.caseworker1"), second = TestEvents.userId("kairos.caseworker2");
        UUID third = TestEvents.userId("kairos.coordinator1"), celcSpoc = TestEvents.userId("celc.coordinator1");
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        UUID subject = r.subjectId();
        EventEnvelope registered = TestEvents.publish(TestEvents.subjectRegistered(subject, TestEvents.KAIROS, first));
        await().atMost(WAIT).until(() -> processed(registered.id()));
        TestEvents.publish(r.sent(first));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, celcSpoc, null));
        await().atMost(WAIT).until(() -> personal("kairos.caseworker1", r.referralId()).size() == 1);

        // Handed over to caseworker2 (version 1), delivered twice. Subject and referral events travel on different
        // partitions, so the test waits for the handover to be applied before the next referral event.
        EventEnvelope toSecond = TestEvents.publish(TestEvents.leadWorkerChanged(subject, TestEvents.KAIROS, second, 1));
        TestEvents.publish(toSecond);
        await().atMost(WAIT).until(() -> processed(toSecond.id()));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_IN_PROGRESS, "IN_PROGRESS", "ACCEPTED", 3, celcSpoc, null));
        await().atMost(WAIT).until(() -> personal("kairos.caseworker2", r.referralId()).size() == 1);
        assertEquals("REFERRAL_IN_PROGRESS", personal("kairos.caseworker2", r.referralId()).get(0).get("kind"));
        assertEquals(List.of("REFERRAL_ACCEPTED"), kinds(personal("kairos.caseworker1", r.referralId())), "not the previous worker");
        assertTrue(aggregate("kairos.caseworker2", subject).isEmpty(), "the handover itself notifies nobody");

        // Out of order: version 3 (to the coordinator) before version 2 (back to caseworker1), then the registration
        // replayed: only version 3 holds.
        EventEnvelope v3 = TestEvents.publish(TestEvents.leadWorkerChanged(subject, TestEvents.KAIROS, third, 3));
        EventEnvelope v2 = TestEvents.publish(TestEvents.leadWorkerChanged(subject, TestEvents.KAIROS, first, 2));
        EventEnvelope replay = TestEvents.publish(TestEvents.subjectRegistered(subject, TestEvents.KAIROS, first));
        await().atMost(WAIT).until(() -> processed(v3.id()) && processed(v2.id()) && processed(replay.id()));
        TestEvents.publish(r.transition(EventTypes.REFERRAL_COMPLETED, "COMPLETED", "IN_PROGRESS", 4, celcSpoc, null));
        // The coordinator also reads Kairos' mailbox: she sees the answer once, as her own.
        await().atMost(WAIT).until(() -> personal("kairos.coordinator1", r.referralId()).size() == 1);
        assertEquals(1, Inbox.about("kairos.coordinator1", r.referralId()).stream()
                .filter(i -> "REFERRAL_COMPLETED".equals(i.get("kind"))).count());
        assertEquals(List.of("REFERRAL_ACCEPTED"), kinds(personal("kairos.caseworker1", r.referralId())));
        assertEquals(List.of("REFERRAL_IN_PROGRESS"), kinds(personal("kairos.caseworker2", r.referralId())));

        // Her consent is expiring and consent-service named the worker it knew: the notice goes to the current one.
        EventEnvelope expiring = TestEvents.publish(TestEvents.consentExpiring(TestEvents.KAIROS, TestEvents.COVENTRY, first, subject));
        UUID consentId = UUID.fromString(expiring.subject());
        await().atMost(WAIT).until(() -> aggregate("kairos.coordinator1", consentId).size() == 1);
        assertTrue(aggregate("kairos.caseworker1", consentId).isEmpty());
    }

    static List<Map<String, Object>> personal(String username, UUID referralId) {
        return Inbox.about(username, referralId).stream().filter(i -> Boolean.FALSE.equals(i.get("organisationMailbox"))).toList();
    }

    static List<String> kinds(List<Map<String, Object>> items) {
        return items.stream().map(i -> (String) i.get("kind")).toList();
    }

    boolean processed(String eventId) throws java.sql.SQLException {
        try (var c = db.getConnection(); var ps = c.prepareStatement(
                "select count(*) from processed_event where consumer = ? and event_id = ?")) {
            ps.setString(1, org.pathways.notification.service.NotificationService.CONSUMER);
            ps.setString(2, eventId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        }
    }

    @Test
    void malformedRecordsGoToTheDeadLetterTopicWithAReasonAndTheConsumerCarriesOn() {
        String key = UUID.randomUUID().toString();
        TestEvents.send("referral.events", key, "this is not json".getBytes(StandardCharsets.UTF_8));
        // Valid envelope, payload against the schema (an extra field).
        Referral bad = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        var data = bad.base("SENT", 1);
        data.put("previousState", "DRAFT");
        data.put("note", "extra field");
        TestEvents.send("referral.events", bad.referralId().toString(), EventEnvelope.of(java.net.URI.create("/test"),
                EventTypes.REFERRAL_SENT, bad.referralId().toString(), data).toBytes());
        // A good event after them is still handled.
        Referral good = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        TestEvents.publish(good.sent(TestEvents.userId("kairos.caseworker1")));
        await().atMost(WAIT).until(() -> Inbox.about("celc.coordinator1", good.referralId()).size() == 1);

        await().atMost(WAIT).until(() -> reasonFor(key) != null && reasonFor(bad.referralId().toString()) != null);
        assertEquals("not-json", reasonFor(key));
        assertEquals("schema-violation", reasonFor(bad.referralId().toString()));
        assertTrue(Inbox.about("celc.coordinator1", bad.referralId()).isEmpty());
    }

    @Test
    void unknownTypesAreSkippedAndCountedNotDeadLettered() {
        String id = UUID.randomUUID().toString();
        var data = TestEvents.JSON.createObjectNode().put("referralId", id);
        EventEnvelope future = EventEnvelope.of(java.net.URI.create("/referral-service"), "pathways.referral.teleported", id, data);
        TestEvents.send("referral.events", id, future.toBytes());
        Referral after = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        TestEvents.publish(after.sent(TestEvents.userId("kairos.caseworker1")));
        await().atMost(WAIT).until(() -> Inbox.about("celc.coordinator1", after.referralId()).size() == 1);
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("pathways_notification_events_total{outcome=\"unknown_type\",topic=\"referral.events\""));
        assertFalse(TopicReader.readToEnd("referral.events.dlq").stream().anyMatch(rec -> id.equals(rec.key())));
    }

    static List<Map<String, Object>> aggregate(String username, UUID aggregateId) {
        // Consent and override notices carry no referral id; match them by the event's aggregate through the API.
        return Inbox.all(username).stream().filter(i -> i.get("referralId") == null).filter(i -> true)
                .filter(i -> aggregateOf(i).equals(aggregateId.toString())).toList();
    }

    static String aggregateOf(Map<String, Object> item) {
        Object a = item.get("aggregateId");
        return a == null ? "" : a.toString();
    }

    static String reasonFor(String key) {
        for (ConsumerRecord<String, byte[]> rec : TopicReader.readToEnd("referral.events.dlq")) {
            if (!key.equals(rec.key())) continue;
            var consumer = rec.headers().lastHeader("pathways-dlq-consumer");
            if (consumer == null || !"notification-service".equals(new String(consumer.value(), StandardCharsets.UTF_8))) continue;
            return new String(rec.headers().lastHeader("pathways-dlq-reason").value(), StandardCharsets.UTF_8);
        }
        return null;
    }
}
