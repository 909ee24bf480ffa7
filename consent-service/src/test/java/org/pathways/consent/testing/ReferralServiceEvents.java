package org.pathways.consent.testing;

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
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.stack.testing.StackInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Publishes referral-service's events to the real broker with a plain producer, exactly as its outbox relay does:
 * structured CloudEvents keyed by the aggregate id, schema-checked here too. Only for the tests of consent-service's
 * consumer (here and in the system tests: a redelivered or late handover, an erasure as consumed). Never for where the
 * caller stands: every test of a request about her asks the real referral-service (ADR 0008).
 */
public final class ReferralServiceEvents {

    public static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    public static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    public static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    public static final String HAVEN = "5e1f0000-0000-4000-8000-000000000004";
    public static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    /** The Coventry Women's Partnership as the demo directory knows it (directory's DemoDataLoader.id("partnership:coventry")). */
    public static final String COVENTRY = java.util.UUID.nameUUIDFromBytes(
            "pathways-demo:partnership:coventry".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    public static final String WBG = "5e1f0000-0000-4000-8000-000000000006";
    public static final String SBS = "5e1f0000-0000-4000-8000-000000000007";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, byte[]> producer;

    private ReferralServiceEvents() {
    }

    public static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackInfo.get("kafka.bootstrap-servers"));
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    public static EventEnvelope publish(String type, String key, ObjectNode data) {
        var violations = EventSchemas.validate(type, data);
        if (!violations.isEmpty()) throw new IllegalArgumentException("test event breaks the contract: " + violations);
        EventEnvelope e = EventEnvelope.of(URI.create("/referral-service"), type, key, data);
        send(key, e.toBytes());
        return e;
    }

    public static void send(String key, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REFERRAL_EVENTS, key, value);
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer().send(record).get();
        } catch (Exception ex) {
            throw new IllegalStateException("could not publish to the test broker", ex);
        }
    }


    /**
     * Registers a new subject by {@code organisation} and waits until consent-service has applied the event (its
     * consumer recorded it as processed). No request about her: where a caller stands is referral-service's answer,
     * and referral-service does not run in this module's tests (ADR 0008).
     */
    public static String registeredSubject(String organisation) {
        String subject = UUID.randomUUID().toString();
        EventEnvelope e = registered(subject, organisation, null);
        await().atMost(Duration.ofSeconds(30)).until(() -> ConsentDb.processed(e.id()));
        return subject;
    }

    /** The registration event alone (the caller decides what to wait for). */
    public static EventEnvelope registered(String subject, String organisation, String leadWorkerUserId) {
        ObjectNode d = JSON.createObjectNode();
        d.put("subjectId", subject);
        d.put("organisationId", organisation);
        if (leadWorkerUserId != null) d.put("leadWorkerUserId", leadWorkerUserId);
        d.put("occurredAt", "2026-11-22T10:00:00Z");
        return publish(EventTypes.SUBJECT_REGISTERED, subject, d);
    }

    /** A handover in referral-service: her new lead worker at {@code organisation}, at the subject's {@code version}. */
    public static EventEnvelope leadWorkerChanged(String subject, String organisation, String leadWorkerUserId, long version) {
        ObjectNode d = JSON.createObjectNode();
        d.put("subjectId", subject);
        d.put("organisationId", organisation);
        d.put("leadWorkerUserId", leadWorkerUserId);
        d.put("version", version);
        d.put("occurredAt", "2026-11-22T11:30:00Z");
        return publish(EventTypes.SUBJECT_LEAD_WORKER_CHANGED, subject, d);
    }

    /** The same event again (same CloudEvent id), as a redelivery would bring it. */
    public static void redeliver(EventEnvelope event) {
        send(event.subject(), event.toBytes());
    }

    public static EventEnvelope erased(String subject, String organisation) {
        ObjectNode d = JSON.createObjectNode();
        d.put("subjectId", subject);
        d.put("organisationId", organisation);
        d.put("occurredAt", "2026-11-22T12:00:00Z");
        return publish(EventTypes.SUBJECT_ERASED, subject, d);
    }
}
