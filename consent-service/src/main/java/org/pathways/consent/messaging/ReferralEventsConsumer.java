package org.pathways.consent.messaging;

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
import org.jboss.logging.Logger;
import org.pathways.consent.service.SubjectEventsService;
import org.pathways.consent.service.SubjectEventsService.Outcome;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.platform.messaging.EventIntake;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * Consumes referral.events through the platform's {@link EventIntake}: a malformed event goes to referral.events.dlq
 * as a pointer with a reason code and never stops the consumer; a failure to apply a well-formed event (the database
 * down, a lock timeout) is retried in place — the partition waits, so order is kept — and only after
 * {@code pathways.consent.events.retry.attempts} is parked whole with reason {@code processing-failed}, from where
 * {@link DeadLetterReplay} re-consumes it (ADR 0022). Unknown types are counted and skipped.
 */
@ApplicationScoped
public class ReferralEventsConsumer {

    private static final Logger LOG = Logger.getLogger(ReferralEventsConsumer.class);
    private static final String TOPIC = "referral.events";

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

    private EventIntake intake;

    @PostConstruct
    void init() {
        intake = new EventIntake("consent-service", new EventIntake.Retry(attempts, initialDelay, maxDelay),
                () -> metrics.counter("pathways_consent_referral_events_retries_total").increment());
    }

    @Incoming("referral-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        EventEnvelope event;
        Outcome outcome;
        try {
            EventEnvelope checked = event = EventIntake.check(message.getPayload());
            // In the trace of the change that published it (ADR 0077).
            outcome = intake.inTrace(message, checked, () -> applyWithRetry(checked));
        } catch (MalformedEventException e) {
            return deadLetter(message, e.reason());
        } catch (RuntimeException e) {
            return deadLetter(message, EventIntake.PROCESSING_FAILED);
        }
        metrics.counter("pathways_consent_referral_events_total", "outcome", outcome.name().toLowerCase()).increment();
        if (outcome == Outcome.UNKNOWN_TYPE) LOG.infof("skipped event %s of unknown type", EventIntake.safeId(event));
        return message.ack();
    }

    /** Applies the event, retrying transient failures with exponential backoff; the last failure is rethrown. */
    Outcome applyWithRetry(EventEnvelope event) {
        return intake.apply(event, () -> service.apply(event));
    }

    private CompletionStage<Void> deadLetter(Message<byte[]> message, String reason) {
        metrics.counter("pathways_consent_referral_events_total", "outcome",
                EventIntake.PROCESSING_FAILED.equals(reason) ? "failed" : "malformed").increment();
        return intake.deadLetter(deadLetters, TOPIC, message, reason).thenCompose(x -> message.ack());
    }
}
