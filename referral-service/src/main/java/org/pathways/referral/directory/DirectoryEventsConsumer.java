package org.pathways.referral.directory;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.platform.messaging.EventIntake;
import org.pathways.referral.directory.DirectoryReadModel.Outcome;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes directory.events into the directory read model (ADR 0061) through the platform's {@link EventIntake}, as
 * consent-service consumes referral.events (ADR 0022): a malformed event (not a CloudEvent, or data that does not match
 * its schema) goes to directory.events.dlq as a pointer with a reason code and never stops the consumer; a failure to
 * apply a well-formed event is retried in place with exponential backoff (the partition waits, so order is kept) and
 * only then dead-lettered whole with reason {@code processing-failed}.
 */
@ApplicationScoped
public class DirectoryEventsConsumer {

    private static final String TOPIC = "directory.events";

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

    private EventIntake intake;

    @PostConstruct
    void init() {
        intake = new EventIntake("referral-service", new EventIntake.Retry(attempts, initialDelay, maxDelay),
                () -> metrics.counter("pathways_referral_directory_events_retries_total").increment());
    }

    @Incoming("directory-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        Outcome outcome;
        try {
            EventEnvelope event = EventIntake.check(message.getPayload());
            // In the trace of the change that published it (ADR 0077).
            outcome = intake.inTrace(message, event, () -> applyWithRetry(event));
        } catch (MalformedEventException e) {
            return deadLetter(message, e.reason());
        } catch (RuntimeException e) {
            return deadLetter(message, EventIntake.PROCESSING_FAILED);
        }
        metrics.counter("pathways_referral_directory_events_total", "outcome", outcome.name().toLowerCase()).increment();
        return message.ack();
    }

    Outcome applyWithRetry(EventEnvelope event) {
        return intake.apply(event, () -> model.apply(event));
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> message, String reason) {
        metrics.counter("pathways_referral_directory_events_total", "outcome",
                EventIntake.PROCESSING_FAILED.equals(reason) ? "failed" : "malformed").increment();
        return intake.deadLetter(deadLetters, TOPIC, message, reason).thenCompose(x -> message.ack());
    }
}
