package org.pathways.consent.messaging;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * referral.events.dlq with a reason code and is counted; it never stops the consumer. A failure to apply a well-formed
 * event (the database down, a lock timeout) is retried in place with exponential backoff — the partition waits, so
 * order is kept — and only after {@code pathways.consent.events.retry.attempts} goes to the dead-letter topic with reason
 * {@code processing-failed}, from where {@link DeadLetterReplay} re-consumes it (ADR 0022). Unknown types are counted
 * and skipped. Logs carry event ids, types and reason codes only.
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

    @ConfigProperty(name = "pathways.consent.events.retry.attempts", defaultValue = "6")
    int attempts;

    @ConfigProperty(name = "pathways.consent.events.retry.initial-delay", defaultValue = "PT0.5S")
    Duration initialDelay;

    @ConfigProperty(name = "pathways.consent.events.retry.max-delay", defaultValue = "PT30S")
    Duration maxDelay;

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
            outcome = applyWithRetry(event);
        } catch (MalformedEventException e) {
            return deadLetter(message, e.reason());
        } catch (RuntimeException e) {
            return deadLetter(message, "processing-failed");
        }
        metrics.counter("pathways_consent_referral_events_total", "outcome", outcome.name().toLowerCase()).increment();
        if (outcome == Outcome.UNKNOWN_TYPE) LOG.infof("skipped event %s of unknown type", event.id());
        return message.ack();
    }

    /** Applies the event, retrying transient failures with exponential backoff; the last failure is rethrown. */
    Outcome applyWithRetry(EventEnvelope event) {
        long delay = initialDelay.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return service.apply(event);
            } catch (MalformedEventException e) {
                throw e; // a retry cannot fix the event itself
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    LOG.warnf("event %s still failing after %d attempts (%s): sending it to the dead-letter topic", event.id(),
                            attempt, e.getClass().getSimpleName());
                    throw e;
                }
                metrics.counter("pathways_consent_referral_events_retries_total").increment();
                LOG.warnf("event %s failed (attempt %d of %d, %s); retrying in %d ms", event.id(), attempt, attempts,
                        e.getClass().getSimpleName(), delay);
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delay = Math.min(delay * 2, maxDelay.toMillis());
            }
        }
    }

    private static final java.util.regex.Pattern UUID_SHAPE =
            java.util.regex.Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static byte[] pointer(String reason, java.util.Optional<IncomingKafkaRecordMetadata> incoming) {
        String json = "{\"reason\":\"" + reason + "\",\"topic\":\"" + incoming.map(IncomingKafkaRecordMetadata::getTopic).orElse("?")
                + "\",\"partition\":" + incoming.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1)
                + ",\"offset\":" + incoming.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L)
                + ",\"consumer\":\"consent-service\"}";
        return json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> message, String reason) {
        metrics.counter("pathways_consent_referral_events_total", "outcome",
                "processing-failed".equals(reason) ? "failed" : "malformed").increment();
        var incoming = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String where = incoming.map(m -> m.getPartition() + "@" + m.getOffset()).orElse("?");
        Object key = incoming.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        LOG.warnf("event at %s sent to the dead-letter topic: %s", where, reason);
        org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add("pathways-dlq-reason", reason.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // A well-formed event that failed to apply passed its schema (ids and codes only): it is parked whole, for the
        // replay. A malformed record may carry anything, personal data included: only a pointer to it is parked (the
        // same shape notification-service uses), and its key only if it is an id.
        byte[] payload = message.getPayload();
        if (!"processing-failed".equals(reason)) {
            payload = pointer(reason, incoming);
            key = key != null && UUID_SHAPE.matcher(key.toString()).matches() ? key : null;
        }
        deadLetters.send(Message.of(payload).addMetadata(
                io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata.builder().withKey(key).withHeaders(headers).build()));
        return message.ack();
    }
}
