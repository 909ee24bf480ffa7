package org.pathways.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.notification.service.EmailWorker;
import org.pathways.notification.service.LiveUpdates;
import org.pathways.notification.service.NotificationService;
import org.pathways.notification.service.NotificationService.Applied;
import org.pathways.notification.service.NotificationService.Result;
import org.pathways.notification.service.Router;
import org.pathways.notification.service.WebhookWorker;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

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
                EventEnvelope event = EventEnvelope.parse(record.getPayload());
                if (!EventTypes.isKnown(event.type())) {
                    count(topic, "unknown_type");
                    // The id is logged only when it is an id: a producer's text never reaches our log.
                    if (isUuid(event.id())) LOG.infof("skipped event %s of unknown type", event.id());
                    else LOG.info("skipped an event of unknown type");
                    continue;
                }
                if (!EventSchemas.validate(event.type(), event.data()).isEmpty()) throw new MalformedEventException("schema-violation");
                // Our producers use UUIDs for both; anything else could smuggle text into our tables, headers and logs.
                if (!isUuid(event.id())) throw new MalformedEventException("invalid-attribute:id");
                if (!isUuid(event.subject())) throw new MalformedEventException("invalid-attribute:subject");
                valid.add(event);
                validRecords.add(record);
            } catch (MalformedEventException e) {
                parked.add(deadLetter(topic, record, dlq, e.reason()));
            }
        }
        if (!valid.isEmpty()) {
            List<Applied> applied;
            try {
                applied = service.applyBatch(valid);
            } catch (RuntimeException e) {
                LOG.warnf("a batch of %d events was not applied (%s); applying them one by one", valid.size(),
                        e.getClass().getSimpleName());
                applied = new ArrayList<>();
                for (EventEnvelope event : valid) applied.add(applyWithRetry(event));
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
            }
        }
        return CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new)).thenCompose(x -> batch.ack());
    }

    /** A database hiccup is retried in place (the partition waits) rather than parking a good event. */
    private Applied applyWithRetry(EventEnvelope event) {
        long backoff = 200;
        for (int attempt = 1; ; attempt++) {
            try {
                return service.applyBatch(List.of(event)).get(0);
            } catch (RuntimeException e) {
                if (attempt >= 8) throw e;
                LOG.warnf("event %s not applied (attempt %d, %s); retrying", event.id(), attempt, e.getClass().getSimpleName());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private static boolean isUuid(String s) {
        return s != null && s.length() == 36 && s.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    private void count(String topic, String outcome) {
        metrics.counter(METRIC, "topic", topic, "outcome", outcome).increment();
    }

    private CompletableFuture<Void> deadLetter(String topic, Message<byte[]> message, Emitter<byte[]> dlq, String reason) {
        count(topic, "malformed");
        var incoming = message.getMetadata(IncomingKafkaRecordMetadata.class);
        String where = incoming.map(m -> m.getPartition() + "@" + m.getOffset()).orElse("?");
        // The original key is kept only when it is an aggregate id (a UUID); anything else could be text.
        Object key = incoming.map(IncomingKafkaRecordMetadata::getKey).filter(k -> isUuid(String.valueOf(k))).orElse(null);
        LOG.warnf("malformed record %s at %s sent to the dead-letter topic: %s", topic, where, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("pathways-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("pathways-dlq-consumer", NotificationService.CONSUMER.getBytes(StandardCharsets.UTF_8));
        headers.add("pathways-dlq-origin", (topic + "/" + where).getBytes(StandardCharsets.UTF_8));
        // The dead letter points at the original record instead of copying it: a malformed record may carry text that
        // must not live on in another topic (ADR 0040). The original stays readable in its topic for its retention.
        byte[] pointer = ("{\"reason\":\"" + reason + "\",\"topic\":\"" + topic + "\",\"partition\":"
                + incoming.map(m -> String.valueOf(m.getPartition())).orElse("null") + ",\"offset\":"
                + incoming.map(m -> String.valueOf(m.getOffset())).orElse("null") + ",\"consumer\":\""
                + NotificationService.CONSUMER + "\"}").getBytes(StandardCharsets.UTF_8);
        // Ack only once the dead letter is safely on its topic: a kill in between redelivers the record, never loses it.
        CompletableFuture<Void> parked = new CompletableFuture<>();
        dlq.send(Message.of(pointer)
                .addMetadata(OutgoingKafkaRecordMetadata.builder().withKey(key).withHeaders(headers).build())
                .withAck(() -> {
                    parked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(t -> {
                    parked.completeExceptionally(t);
                    return CompletableFuture.completedFuture(null);
                }));
        return parked;
    }
}
