package org.pathways.referral.directory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.referral.directory.DirectoryReadModel.Outcome;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Consumes directory.events into the directory read model (ADR 0061), the way consent-service consumes referral.events
 * (ADR 0022): a malformed event (not a CloudEvent, or data that does not match its schema) goes to directory.events.dlq
 * as a pointer with a reason code and never stops the consumer; a failure to apply a well-formed event is retried in
 * place with exponential backoff (the partition waits, so order is kept) and only then dead-lettered whole with reason
 * {@code processing-failed}. Logs carry event ids, types and reason codes only.
 */
@ApplicationScoped
public class DirectoryEventsConsumer {

    private static final Logger LOG = Logger.getLogger(DirectoryEventsConsumer.class);
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    DirectoryReadModel model;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Channel("directory-events-dlq")
    Emitter<byte[]> deadLetters;

    @ConfigProperty(name = "pathways.referral.directory-events.retry.attempts", defaultValue = "6")
    int attempts;

    @ConfigProperty(name = "pathways.referral.directory-events.retry.initial-delay", defaultValue = "PT0.5S")
    Duration initialDelay;

    @ConfigProperty(name = "pathways.referral.directory-events.retry.max-delay", defaultValue = "PT30S")
    Duration maxDelay;

    @Incoming("directory-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EventEnvelope event;
        try {
            event = EventEnvelope.parse(message.getPayload());
            if (EventTypes.isKnown(event.type()) && !EventSchemas.validate(event.type(), event.data()).isEmpty()) {
                throw new MalformedEventException("schema-violation");
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
        metrics.counter("pathways_referral_directory_events_total", "outcome", outcome.name().toLowerCase()).increment();
        return message.ack();
    }

    Outcome applyWithRetry(EventEnvelope event) {
        long delay = initialDelay.toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                return model.apply(event);
            } catch (MalformedEventException e) {
                throw e; // a retry cannot fix the event itself
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    LOG.warnf("directory event %s still failing after %d attempts (%s): sending it to the dead-letter topic",
                            event.id(), attempt, e.getClass().getSimpleName());
                    throw e;
                }
                LOG.warnf("directory event %s failed (attempt %d of %d, %s); retrying in %d ms", event.id(), attempt, attempts,
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

    private CompletionStage<Void> deadLetter(Message<byte[]> message, String reason) {
        metrics.counter("pathways_referral_directory_events_total", "outcome",
                "processing-failed".equals(reason) ? "failed" : "malformed").increment();
        Optional<IncomingKafkaRecordMetadata> incoming = message.getMetadata(IncomingKafkaRecordMetadata.class);
        LOG.warnf("directory event at %s sent to the dead-letter topic: %s",
                incoming.map(m -> m.getPartition() + "@" + m.getOffset()).orElse("?"), reason);
        Object key = incoming.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        RecordHeaders headers = new RecordHeaders();
        headers.add("pathways-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        // A well-formed event is ids and codes only and is parked whole; a malformed record may carry anything, so only a
        // pointer to it is parked, and its key only if it is an id (as consent- and notification-service do).
        byte[] payload = message.getPayload();
        if (!"processing-failed".equals(reason)) {
            payload = ("{\"reason\":\"" + reason + "\",\"topic\":\"" + incoming.map(IncomingKafkaRecordMetadata::getTopic).orElse("?")
                    + "\",\"partition\":" + incoming.map(IncomingKafkaRecordMetadata::getPartition).orElse(-1)
                    + ",\"offset\":" + incoming.map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L)
                    + ",\"consumer\":\"referral-service\"}").getBytes(StandardCharsets.UTF_8);
            key = key != null && UUID_SHAPE.matcher(key.toString()).matches() ? key : null;
        }
        deadLetters.send(Message.of(payload).addMetadata(OutgoingKafkaRecordMetadata.builder().withKey(key).withHeaders(headers).build()));
        return message.ack();
    }
}
