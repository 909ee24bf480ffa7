package org.pathways.systemtests.consent;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.systemtests.StackInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * For the steps that are about consent-service's consumer of {@code referral.events} (a redelivered or late handover, an
 * erasure as consumed): referral-service's own event, schema-checked, published to the real broker as its outbox relay
 * does. Never for where the caller stands: that is always the real referral-service's answer ({@link ReferralService}).
 */
final class ReferralEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, byte[]> producer;

    private ReferralEvents() {
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, StackInfo.get("kafka.bootstrap-servers"));
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
}
