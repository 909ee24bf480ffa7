package org.pathways.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stands in for referral-service (not built yet) by publishing its events to the real broker with a plain producer,
 * exactly as its outbox relay will: structured CloudEvents keyed by the aggregate id. Payloads are schema-checked
 * here too, so these tests hold consent-service to the producer's contract.
 */
final class ReferralServiceEvents {

    static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String HAVEN = "5e1f0000-0000-4000-8000-000000000004";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    /** A partnership id for tests (consent-service takes partnership ids as given; the directory owns them). */
    /** The Coventry Women's Partnership as the demo directory knows it (directory's DemoDataLoader.id("partnership:coventry")). */
    static final String COVENTRY = java.util.UUID.nameUUIDFromBytes(
            "pathways-demo:partnership:coventry".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    static final String WBG = "5e1f0000-0000-4000-8000-000000000006";
    static final String SBS = "5e1f0000-0000-4000-8000-000000000007";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, byte[]> producer;

    private ReferralServiceEvents() {
    }

    static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    static EventEnvelope publish(String type, String key, ObjectNode data) {
        var violations = EventSchemas.validate(type, data);
        if (!violations.isEmpty()) throw new IllegalArgumentException("test event breaks the contract: " + violations);
        EventEnvelope e = EventEnvelope.of(URI.create("/referral-service"), type, key, data);
        send(key, e.toBytes());
        return e;
    }

    static void send(String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REFERRAL_EVENTS, key, value);
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get();
        } catch (Exception ex) {
            throw new IllegalStateException("could not publish to the test broker", ex);
        }
    }

    static void resend(EventEnvelope e) {
        send(e.subject(), e.toBytes());
    }

    /** Registers a new subject by {@code organisation} and waits until consent-service knows her. */
    static String registeredSubject(String organisation, String workerOfThatOrganisation) {
        return registeredSubject(organisation, workerOfThatOrganisation, null);
    }

    /** As above, with her lead worker's user id in the event (referral-service sends it when it has one). */
    static String registeredSubject(String organisation, String workerOfThatOrganisation, String leadWorkerUserId) {
        return registeredSubject(organisation, workerOfThatOrganisation, UUID.randomUUID().toString(), leadWorkerUserId);
    }

    /** As above, for a given subject id. */
    static String registeredSubject(String organisation, String workerOfThatOrganisation, String subject,
                                    String leadWorkerUserId) {
        registered(subject, organisation, leadWorkerUserId);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth()
                .oauth2(Tokens.forUser(workerOfThatOrganisation)).get("/api/subjects/" + subject + "/consents")
                .then().statusCode(200));
        return subject;
    }

    /** The registration event alone (the caller decides what to wait for). */
    static EventEnvelope registered(String subject, String organisation, String leadWorkerUserId) {
        ObjectNode d = JSON.createObjectNode();
        d.put("subjectId", subject);
        d.put("organisationId", organisation);
        if (leadWorkerUserId != null) d.put("leadWorkerUserId", leadWorkerUserId);
        d.put("occurredAt", "2026-11-22T10:00:00Z");
        return publish(EventTypes.SUBJECT_REGISTERED, subject, d);
    }

    /** A handover in referral-service: her new lead worker at {@code organisation}, at the subject's {@code version}. */
    static EventEnvelope leadWorkerChanged(String subject, String organisation, String leadWorkerUserId, long version) {
        ObjectNode d = JSON.createObjectNode();
        d.put("subjectId", subject);
        d.put("organisationId", organisation);
        d.put("leadWorkerUserId", leadWorkerUserId);
        d.put("version", version);
        d.put("occurredAt", "2026-11-22T11:30:00Z");
        return publish(EventTypes.SUBJECT_LEAD_WORKER_CHANGED, subject, d);
    }

    /** The same event again (same CloudEvent id), as a redelivery would bring it. */
    static void redeliver(EventEnvelope event) {
        send(event.subject(), event.toBytes());
    }

    static EventEnvelope erased(String subject, String organisation) {
        ObjectNode d = JSON.createObjectNode();
        d.put("subjectId", subject);
        d.put("organisationId", organisation);
        d.put("occurredAt", "2026-11-22T12:00:00Z");
        return publish(EventTypes.SUBJECT_ERASED, subject, d);
    }

    /** A referral event (sent, accepted, declined, ...) from one organisation to another, at a version. */
    static EventEnvelope referral(String type, String referralId, String subject, String from, String to,
                                  String state, String previousState, int version) {
        ObjectNode d = JSON.createObjectNode();
        d.put("referralId", referralId);
        d.put("pathwayId", UUID.randomUUID().toString());
        d.put("subjectId", subject);
        d.put("fromOrganisationId", from);
        d.put("toOrganisationId", to);
        d.put("toServiceId", UUID.randomUUID().toString());
        d.put("state", state);
        d.put("previousState", previousState);
        if (EventTypes.REFERRAL_DECLINED.equals(type) || EventTypes.REFERRAL_WITHDRAWN.equals(type)) {
            d.put("reasonCode", "NO_CAPACITY");
        }
        d.put("version", version);
        d.put("occurredAt", "2026-11-22T11:00:00Z");
        return publish(type, referralId, d);
    }
}
