package org.pathways.consent.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.pathways.consent.service.SubjectEventsService;
import org.pathways.consent.service.SubjectEventsService.Outcome;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.MalformedEventException;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes referral.events. A malformed event (not a CloudEvent, or data that does not match its schema) goes to
 * referral.events.dlq with a reason code and is counted; it never stops the consumer. Unknown types are counted and
 * skipped. Logs carry event ids, types and reason codes only.
 */
@ApplicationScoped
public class ReferralEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ReferralEventsConsumer.class);

    @Inject
    SubjectEventsService service;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Channel("referral-events-dlq")
    Emitter<byte[]> deadLetters;

    @Incoming("referral-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EventEnvelope event;
        try {
            event = EventEnvelope.parse(message.getPayload());
            if (org.pathways.contracts.events.EventTypes.isKnown(event.type())) {
                var violations = EventSchemas.validate(event.type(), event.data());
                if (!violations.isEmpty()) throw new MalformedEventException("schema-violation");
            }
        } catch (MalformedEventException e) {
            return deadLetter(message, e.reason());
        }
        Outcome outcome;
        try {
            outcome = service.apply(event);
        } catch (MalformedEventException e) {
            return deadLetter(message, e.reason());
        }
        metrics.counter("pathways_consent_referral_events_total", "outcome", outcome.name().toLowerCase()).increment();
        if (outcome == Outcome.UNKNOWN_TYPE) LOG.infof("skipped event %s of unknown type", event.id());
        return message.ack();
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> message, String reason) {
        metrics.counter("pathways_consent_referral_events_total", "outcome", "malformed").increment();
        var incoming = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String where = incoming.map(m -> m.getPartition() + "@" + m.getOffset()).orElse("?");
        Object key = incoming.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        LOG.warnf("malformed event at %s sent to the dead-letter topic: %s", where, reason);
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add("pathways-dlq-reason", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        deadLetters.send(Message.of(message.getPayload()).addMetadata(
                io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.builder().withKey(key).withHeaders(headers).build()));
        return message.ack();
    }
}
