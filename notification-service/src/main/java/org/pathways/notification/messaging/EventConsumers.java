package org.pathways.notification.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.notification.service.EmailWorker;
import org.pathways.platform.messaging.EventIntake;
import org.pathways.notification.service.LiveUpdates;
import org.pathways.notification.service.NotificationService;
import org.pathways.notification.service.NotificationService.Applied;
import org.pathways.notification.service.NotificationService.Result;
import org.pathways.notification.service.Router;
import org.pathways.notification.service.WebhookWorker;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Consumes the three event topics, at least once: a record is acknowledged (and its offset later committed) only
 * after the transaction holding its effect and its processed-event mark committed, so a kill at any point loses
 * nothing and a redelivery changes nothing. Malformed records go to {@code <topic>.dlq} with a reason header; unknown
 * types (a newer producer) are counted and skipped, never dead-lettered. Logs carry ids, types and reason codes only.
 */
@ApplicationScoped
public class EventConsumers {

    private static final Logger LOG = Logger.getLogger(EventConsumers.class);
    static final String METRIC = "pathways_notification_events_total";

    @Inject
    Router router;

    @Inject
    NotificationService service;

    @Inject
    LiveUpdates live;

    @Inject
    EmailWorker emailWorker;

    @Inject
    WebhookWorker webhookWorker;

    @Inject
    MeterRegistry metrics;

    @Inject
    @Channel("referral-events-dlq")
    Emitter<byte[]> referralDlq;

    @Inject
    @Channel("consent-events-dlq")
    Emitter<byte[]> consentDlq;

    @Inject
    @Channel("directory-events-dlq")
    Emitter<byte[]> directoryDlq;

    /** A database hiccup: up to eight attempts, 0.2 s doubling to 10 s, before the batch's events are parked. */
    private final EventIntake intake = new EventIntake(NotificationService.CONSUMER,
            new EventIntake.Retry(8, Duration.ofMillis(200), Duration.ofSeconds(10)), () -> { });

    @Incoming("referral-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> referral(KafkaRecordBatch<String, byte[]> batch) {
        return handle("referral.events", batch, referralDlq);
    }

    @Incoming("consent-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> consent(KafkaRecordBatch<String, byte[]> batch) {
        return handle("consent.events", batch, consentDlq);
    }

    @Incoming("directory-events")
    @Blocking(ordered = true)
    public CompletionStage<Void> directory(KafkaRecordBatch<String, byte[]> batch) {
        return handle("directory.events", batch, directoryDlq);
    }

    /**
     * One poll's records, in partition order, applied in one transaction: one commit (one fsync) per batch instead of
     * one per event is what lets the inbox keep up with a busy partnership (docs/benchmarks.md). Records are checked
     * first; malformed ones are parked, unknown types skipped. The batch is acknowledged only after its transaction
     * committed and every dead letter is on its topic, so a kill anywhere replays the batch and nothing changes twice.
     * If the batch transaction fails, its events are applied one by one with in-place retries, as before.
     */
    CompletionStage<Void> handle(String topic, KafkaRecordBatch<String, byte[]> batch, Emitter<byte[]> dlq) {
        List<CompletableFuture<Void>> parked = new ArrayList<>();
        List<EventEnvelope> valid = new ArrayList<>();
        List<Message<byte[]>> validRecords = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            try {
                EventEnvelope event = EventIntake.check(record.getPayload());
                if (!EventTypes.isKnown(event.type())) {
                    count(topic, "unknown_type");
                    LOG.infof("skipped event %s of unknown type", EventIntake.safeId(event));
                    continue;
                }
                valid.add(event);
                validRecords.add(record);
            } catch (MalformedEventException e) {
                parked.add(deadLetter(topic, record, dlq, e.reason()));
            }
        }
        // Each event's span continues the trace of the change that published it (ADR 0077); they end with the batch.
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < valid.size(); i++) spans.add(intake.startSpan(validRecords.get(i), valid.get(i)));
        Map<String, Context> traces = new HashMap<>();
        for (int i = 0; i < valid.size(); i++) traces.put(valid.get(i).id(), Context.root().with(spans.get(i)));
        try {
            EventTraces.during(EventTraces.collect(traces), () -> {
                applyValid(topic, valid, validRecords, spans, parked, dlq);
                return null;
            });
        } finally {
            spans.forEach(Span::end);
        }
        return CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new)).thenCompose(x -> batch.ack());
    }

    private void applyValid(String topic, List<EventEnvelope> valid, List<Message<byte[]>> validRecords, List<Span> spans,
            List<CompletableFuture<Void>> parked, Emitter<byte[]> dlq) {
        if (!valid.isEmpty()) {
            List<Applied> applied;
            try {
                applied = service.applyBatch(valid);
            } catch (RuntimeException e) {
                LOG.warnf("a batch of %d events was not applied (%s); applying them one by one", valid.size(),
                        e.getClass().getSimpleName());
                applied = new ArrayList<>();
                for (int i = 0; i < valid.size(); i++) {
                    try (Scope scope = spans.get(i).makeCurrent()) {
                        applied.add(applyWithRetry(valid.get(i)));
                    }
                }
            }
            for (int i = 0; i < applied.size(); i++) {
                Applied a = applied.get(i);
                if (a.malformed() != null) {
                    parked.add(deadLetter(topic, validRecords.get(i), dlq, a.malformed()));
                    continue;
                }
                Result result = a.result();
                live.publish(result.created());
                if (result.emails()) emailWorker.wake();
                if (result.webhooks()) webhookWorker.wake();
                count(topic, result.outcome().name().toLowerCase());
                spans.get(i).setAttribute("pathways.notification.entries", result.created().size());
            }
        }
    }

    /** A database hiccup is retried in place (the partition waits) rather than parking a good event. */
    private Applied applyWithRetry(EventEnvelope event) {
        return intake.apply(event, () -> service.applyBatch(List.of(event)).get(0));
    }

    private void count(String topic, String outcome) {
        metrics.counter(METRIC, "topic", topic, "outcome", outcome).increment();
    }

    private CompletableFuture<Void> deadLetter(String topic, Message<byte[]> message, Emitter<byte[]> dlq, String reason) {
        count(topic, "malformed");
        // A pointer to the original record, never a copy of it (ADR 0040); acknowledged only once it is on its topic.
        return intake.deadLetter(dlq, topic, message, reason);
    }
}
