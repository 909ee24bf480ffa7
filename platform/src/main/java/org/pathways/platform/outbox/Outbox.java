package org.pathways.platform.outbox;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.payload.EventPayload;
import org.pathways.platform.background.AfterCommit;
import org.pathways.platform.tracing.TraceContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The write side of the transactional outbox: records an event in the caller's transaction, so the event exists if
 * and only if the state change committed. {@link OutboxRelay} publishes it to Kafka afterwards.
 *
 * <p>Every payload is checked against its JSON Schema in {@code contracts} before it is stored: the schemas forbid
 * anything but ids, states, codes and timestamps, so personal data cannot slip into an event.
 */
@ApplicationScoped
public class Outbox {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @Inject
    AfterCommit afterCommit;

    @Inject
    OutboxRelay relay;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /**
     * Adds an event to the outbox within the current transaction (there must be one): the typed way every service
     * publishes (issue 21). Topic, type and aggregate id (CloudEvent subject, Kafka key) come from the record.
     *
     * @param payload one of the records in {@code org.pathways.contracts.events.payload}
     * @return the stored event
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(EventPayload payload) {
        return publish(EventTypes.topicOf(payload.eventType()), payload.eventType(), payload.aggregateId(), payload);
    }

    /**
     * Adds an event to the outbox within the current transaction (there must be one). Untyped: services use
     * {@link #publish(EventPayload)}; this stays for the platform's own tests, which must be able to offer a payload the
     * schema refuses.
     *
     * @param topic       Kafka topic, e.g. {@code referral.events}
     * @param type        CloudEvent type, one of {@code EventTypes}
     * @param aggregateId the aggregate's id: CloudEvent subject and Kafka key
     * @param data        the payload (a record, map or JsonNode) that must validate against the type's schema
     * @return the stored event
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String topic, String type, String aggregateId, Object data) {
        JsonNode payload = data instanceof JsonNode n ? n : mapper.valueToTree(data);
        List<String> violations = EventSchemas.validate(type, payload);
        if (!violations.isEmpty()) {
            // A programming error, never user input: events are built from ids and codes by our own code.
            throw new IllegalArgumentException("event " + type + " does not match its schema: " + violations);
        }
        EventEnvelope event = EventEnvelope.of(URI.create("/" + applicationName), type, aggregateId, payload);
        // The trace of the request (or job) that made the change: the relay publishes the event in it (ADR 0077).
        TraceContext trace = TraceContext.current();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into outbox_event (id, topic, message_key, event_type, payload,"
                     + " trace_parent, trace_state) values (?::uuid, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, event.id());
            ps.setString(2, topic);
            ps.setString(3, aggregateId);
            ps.setString(4, type);
            ps.setString(5, new String(event.toBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ps.setString(6, trace == null ? null : trace.traceparent());
            ps.setString(7, trace == null ? null : trace.tracestate());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write to the outbox", e);
        }
        afterCommit.run(() -> {
            // The business fact happened now (a send, a decision, a consent...), whenever Kafka gets it (ADR 0078).
            metrics.counter("pathways.events.committed", "type", type).increment();
            relay.wake();
        });
        return event;
    }
}
