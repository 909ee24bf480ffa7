package org.pathways.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.enterprise.inject.spi.CDI;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.platform.tracing.TraceContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * What every consumer of our topics does the same way (ADR 0022, 0040): check a record (a CloudEvent whose data
 * matches its schema, ids that are ids), apply a well-formed event with in-place retries — the partition waits, so
 * order is kept — and park what cannot be applied on the topic's dead-letter topic, acknowledging the record only once
 * the dead letter is safely there. One instance per consumer; logs carry event ids, types and reason codes only.
 */
public final class EventIntake {

    /** The dead-letter reason of a well-formed event that still failed after its retries (parked whole, replayable). */
    public static final String PROCESSING_FAILED = "processing-failed";

    private static final Logger LOG = Logger.getLogger(EventIntake.class);
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** In-place retries of a well-formed event: {@code attempts} in all, the delay doubling up to {@code maxDelay}. */
    public record Retry(int attempts, Duration initialDelay, Duration maxDelay) {
    }

    private final String consumer;
    private final int attempts;
    private final Guard retry;
    private volatile Tracer tracer;

    /**
     * @param consumer the consuming service's name, written on its dead letters
     * @param policy its in-place retries
     * @param onRetry counted by the caller's metrics before each retry
     */
    public EventIntake(String consumer, Retry policy, Runnable onRetry) {
        this.consumer = consumer;
        this.attempts = Math.max(1, policy.attempts());
        long initial = Math.max(1, policy.initialDelay().toMillis());
        long max = Math.max(initial, policy.maxDelay().toMillis());
        // SmallRye Fault Tolerance: exponential backoff without jitter, a bad event itself is never retried, and no
        // overall time limit beyond what the attempts take (the default would cut long backoffs short).
        this.retry = Guard.create().withDescription(consumer + "-event-intake")
                .withRetry().maxRetries(attempts - 1).delay(initial, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
                .maxDuration((long) attempts * (max + 1000), ChronoUnit.MILLIS)
                .abortOn(MalformedEventException.class).retryOn(RuntimeException.class)
                .beforeRetry(onRetry)
                .withExponentialBackoff().factor(2).maxDelay(max, ChronoUnit.MILLIS).done()
                .done().build();
    }

    /**
     * The record's event, checked: a CloudEvent of a known type whose data matches its schema and whose id and subject
     * are UUIDs — our producers use nothing else, and anything else could smuggle text into tables, headers and logs.
     * An unknown type (a newer producer) is returned unchecked, for the caller to count and skip.
     *
     * @throws MalformedEventException with the dead-letter reason code
     */
    public static EventEnvelope check(byte[] payload) {
        EventEnvelope event = EventEnvelope.parse(payload);
        if (!EventTypes.isKnown(event.type())) return event; // skipped, never applied: log it by safeId only
        if (!EventSchemas.validate(event.type(), event.data()).isEmpty()) throw new MalformedEventException("schema-violation");
        if (!isId(event.id())) throw new MalformedEventException("invalid-attribute:id");
        if (!isId(event.subject())) throw new MalformedEventException("invalid-attribute:subject");
        return event;
    }

    /** The event's id for a log line: only when it is an id, so a producer's text never reaches our log. */
    public static String safeId(EventEnvelope event) {
        return isId(event.id()) ? event.id() : "(not an id)";
    }

    /** Whether a value is one of our ids (a UUID), so that it may be logged or kept. */
    public static boolean isId(Object value) {
        return value != null && UUID_SHAPE.matcher(value.toString()).matches();
    }

    /**
     * Applies a well-formed event, retrying what a retry can fix (the database down, a lock timeout); a
     * {@link MalformedEventException} and the last failure are thrown to the caller, who parks the record.
     */
    public <T> T apply(EventEnvelope event, Supplier<T> apply) {
        int[] attempt = {0};
        Supplier<Object> guarded = () -> {
            attempt[0]++;
            try {
                return apply.get();
            } catch (MalformedEventException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt[0] < attempts) {
                    LOG.warnf("event %s failed (attempt %d of %d, %s); retrying", event.id(), attempt[0], attempts,
                            e.getClass().getSimpleName());
                } else {
                    LOG.warnf("event %s still failing after %d attempts (%s): sending it to the dead-letter topic", event.id(),
                            attempt[0], e.getClass().getSimpleName());
                }
                throw e;
            }
        };
        return cast(retry.get(guarded, Object.class));
    }

    /**
     * Starts the consumer's span for a record: a child of the producer's span named in the record's {@code traceparent}
     * header (the outbox relay's, ADR 0077), so one trace runs from the request that changed something to every
     * consumer's effect. A record without the header starts a new trace. End it when the record's effect committed;
     * {@link #inTrace} does both for one record.
     */
    public Span startSpan(Message<?> record, EventEnvelope event) {
        var headers = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getHeaders());
        String traceparent = headers.map(h -> text(h.lastHeader(TraceContext.TRACEPARENT))).orElse(null);
        String tracestate = headers.map(h -> text(h.lastHeader(TraceContext.TRACESTATE))).orElse(null);
        String topic = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic).orElse("?");
        return tracer().spanBuilder(topic + " process").setParent(TraceContext.extract(traceparent, tracestate))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.consumer.group.name", consumer)
                .setAttribute("messaging.message.id", safeId(event))
                .setAttribute("pathways.event.type", EventTypes.isKnown(event.type()) ? event.type() : "unknown")
                .startSpan();
    }

    /** Runs {@code work} (applying one record's event) in the record's trace: see {@link #startSpan}. */
    public <T> T inTrace(Message<?> record, EventEnvelope event, Supplier<T> work) {
        Span span = startSpan(record, event);
        try (Scope scope = span.makeCurrent()) {
            return work.get();
        } catch (RuntimeException e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private static String text(org.apache.kafka.common.header.Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Quarkus' meter registry ({@code /q/metrics}); Micrometer's global one outside a running application. */
    private static MeterRegistry registry() {
        try {
            return CDI.current().select(MeterRegistry.class).get();
        } catch (RuntimeException | LinkageError e) {
            return Metrics.globalRegistry;
        }
    }

    /** Quarkus' OpenTelemetry (its propagation, sampler and exporter); a no-op outside a running application. */
    private Tracer tracer() {
        Tracer t = tracer;
        if (t == null) {
            OpenTelemetry otel;
            try {
                otel = CDI.current().select(OpenTelemetry.class).get();
            } catch (RuntimeException | LinkageError e) {
                otel = OpenTelemetry.noop();
            }
            tracer = t = otel.getTracer("org.pathways.platform.messaging");
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /**
     * Parks a record on the dead-letter topic with its reason, consumer and origin as headers. A well-formed event that
     * failed to apply ({@link #PROCESSING_FAILED}) passed its schema (ids and codes only) and is parked whole, for a
     * replay; a malformed record may carry anything, personal data included, so only a pointer to it is parked, and its
     * key only if it is an id. Completes when the dead letter is on its topic: acknowledge the record only then, so a kill
     * in between redelivers it rather than losing it.
     */
    public CompletableFuture<Void> deadLetter(Emitter<byte[]> dlq, String topic, Message<byte[]> record, String reason) {
        var incoming = record.getMetadata(IncomingKafkaRecordMetadata.class);
        String from = incoming.map(IncomingKafkaRecordMetadata::getTopic).orElse(topic);
        String where = incoming.map(m -> m.getPartition() + "@" + m.getOffset()).orElse("?");
        LOG.warnf("record %s at %s sent to the dead-letter topic: %s", from, where, reason);
        Object key = incoming.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        byte[] payload = record.getPayload();
        if (!PROCESSING_FAILED.equals(reason)) {
            payload = ("{\"reason\":\"" + reason + "\",\"topic\":\"" + from + "\",\"partition\":"
                    + incoming.map(m -> String.valueOf(m.getPartition())).orElse("null") + ",\"offset\":"
                    + incoming.map(m -> String.valueOf(m.getOffset())).orElse("null") + ",\"consumer\":\"" + consumer + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (!isId(key)) key = null;
        }
        RecordHeaders headers = new RecordHeaders();
        headers.add("pathways-dlq-reason", reason.getBytes(StandardCharsets.UTF_8));
        headers.add("pathways-dlq-consumer", consumer.getBytes(StandardCharsets.UTF_8));
        headers.add("pathways-dlq-origin", (from + "/" + where).getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Void> parked = new CompletableFuture<>();
        parked.thenRun(() -> registry().counter("pathways.dead.letters", "consumer", consumer, "topic", from, "reason",
                reason.contains(":") ? reason.substring(0, reason.indexOf(':')) : reason).increment());
        dlq.send(Message.of(payload)
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

    /**
     * One record the way every single-record consumer takes it: checked, applied with retries, its outcome counted
     * (the applier's outcome in lower case, or {@code malformed} / {@code failed} for what was parked), a record that
     * cannot be applied parked on {@code dlq}, and the record acknowledged only then. An unknown type (a newer
     * producer) is logged by id and counted as the applier's outcome for it.
     *
     * @param apply applies a checked event and says what happened (an enum of the consumer's outcomes)
     * @param countOutcome counts one record under its outcome label
     */
    public CompletionStage<Void> consume(Message<byte[]> message, Emitter<byte[]> dlq, String topic,
            Function<EventEnvelope, ? extends Enum<?>> apply, Consumer<String> countOutcome) {
        Enum<?> outcome;
        try {
            EventEnvelope event = check(message.getPayload());
            // In the trace of the change that published it (ADR 0077).
            outcome = inTrace(message, event, () -> apply(event, () -> apply.apply(event)));
            if (!EventTypes.isKnown(event.type())) LOG.infof("skipped event %s of unknown type", safeId(event));
        } catch (MalformedEventException e) {
            return park(message, dlq, topic, e.reason(), countOutcome);
        } catch (RuntimeException e) {
            return park(message, dlq, topic, PROCESSING_FAILED, countOutcome);
        }
        countOutcome.accept(outcome.name().toLowerCase());
        return message.ack();
    }

    private CompletionStage<Void> park(Message<byte[]> message, Emitter<byte[]> dlq, String topic, String reason,
            Consumer<String> countOutcome) {
        countOutcome.accept(PROCESSING_FAILED.equals(reason) ? "failed" : "malformed");
        return deadLetter(dlq, topic, message, reason).thenCompose(x -> message.ack());
    }
}
