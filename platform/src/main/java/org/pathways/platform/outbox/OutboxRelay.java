package org.pathways.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.platform.background.BackgroundWorker;
import org.pathways.platform.messaging.KafkaConnection;
import org.pathways.platform.repository.AdvisoryLock;
import org.pathways.platform.tracing.TraceContext;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.common.annotation.Identifier;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The read side of the transactional outbox: publishes committed events to Kafka, at least once, in commit order per
 * aggregate key, and marks them sent.
 *
 * <ul>
 * <li>One relay at a time per database (a PostgreSQL advisory lock), so several instances never reorder a key.</li>
 * <li>Rows are taken in sequence order and the relay waits for Kafka's answer to every one of a batch. An acknowledged
 * row is marked sent unless an earlier row of its key failed in the same batch: per key, only the unbroken prefix
 * counts, so a consumer may see a duplicate (it dedupes by event id) but never a gap. Rows of other keys acknowledged
 * after a failure are not sent again (ADR 0003: waiting only for the batch's prefix re-sent about a third of the events
 * of a broker outage).</li>
 * <li>Woken right after a commit that wrote an event; polls as a fallback (other instances, restarts, Kafka outages).</li>
 * </ul>
 */
@ApplicationScoped
public class OutboxRelay extends BackgroundWorker {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Arbitrary constant identifying the relay's advisory lock within a service's database. */
    private static final long RELAY_LOCK = 0x0a7b0c1d_2e3f4051L;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @Inject
    OpenTelemetry openTelemetry;

    @ConfigProperty(name = "pathways.outbox.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "pathways.outbox.poll-interval", defaultValue = "1S")
    Duration pollInterval;

    @ConfigProperty(name = "pathways.outbox.batch-size", defaultValue = "200")
    int batchSize;

    @ConfigProperty(name = "pathways.outbox.retention", defaultValue = "P7D")
    Duration retention;

    /** The connector's Kafka settings (bootstrap, TLS, SASL): our producer connects the same way. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaDefaults;

    /** Whether the last attempt to publish succeeded (the outbox wellness check reports it). */
    private volatile boolean publishing = true;
    private KafkaProducer<String, byte[]> producer;
    private Counter published;
    private Tracer tracer;
    private Counter failures;

    void start(@Observes StartupEvent ev) {
        if (!enabled) return;
        published = metrics.counter("pathways.outbox.published");
        failures = metrics.counter("pathways.outbox.publish.failures");
        producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
        begin("outbox-relay");
    }

    void stop(@Observes ShutdownEvent ev) {
        end();
        if (producer != null) producer.close(Duration.ofSeconds(5));
    }

    /** False while publishing fails (e.g. Kafka is unreachable): events wait in the outbox, nothing is lost. */
    public boolean publishing() {
        return publishing;
    }

    private Properties producerConfig() {
        Properties p = KafkaConnection.settings(kafkaDefaults);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5); // order kept by idempotence
        p.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return p;
    }

    @Override
    protected Duration pollInterval() {
        return pollInterval;
    }

    @Override
    protected boolean runOnce() throws SQLException {
        return relayBatch() == batchSize;
    }

    @Override
    protected void caughtUp() {
        publishing = true;
    }

    @Override
    protected void failed(Exception e) {
        failures.increment();
        publishing = false;
    }

    /** Publishes one batch; returns how many rows were marked sent. Package-visible for tests. */
    int relayBatch() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                int sent = relayBatch(c);
                c.commit();
                return sent;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private int relayBatch(Connection c) throws SQLException {
        if (!AdvisoryLock.tryForTransaction(c, RELAY_LOCK)) return 0; // another instance is relaying
        List<Long> seqs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select seq, topic, message_key, payload, id, event_type, trace_parent,"
                + " trace_state from outbox_event where sent_at is null order by seq limit ?")) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(2), rs.getString(3),
                            rs.getString(4).getBytes(StandardCharsets.UTF_8));
                    record.headers().add(new RecordHeader("content-type",
                            EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)));
                    Span span = publishSpan(rs.getString(2), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8));
                    try {
                        TraceContext trace = span == null ? null : TraceContext.of(Context.root().with(span));
                        if (trace != null) {
                            record.headers().add(new RecordHeader(TraceContext.TRACEPARENT, trace.traceparent().getBytes(StandardCharsets.UTF_8)));
                            if (trace.tracestate() != null) {
                                record.headers().add(new RecordHeader(TraceContext.TRACESTATE, trace.tracestate().getBytes(StandardCharsets.UTF_8)));
                            }
                        }
                        seqs.add(rs.getLong(1));
                        keys.add(String.valueOf(rs.getString(3))); // a null key is one group of its own
                        acks.add(producer.send(record));
                    } finally {
                        if (span != null) span.end();
                    }
                }
            }
        }
        if (seqs.isEmpty()) return 0;
        List<Long> sent = new ArrayList<>();
        Set<String> failedKeys = new HashSet<>();
        Exception failure = null;
        // Every future ends within the producer's delivery timeout (10 s); the deadline only guards against a hang.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (!failedKeys.contains(keys.get(i))) sent.add(seqs.get(i)); // per key, only the unbroken prefix
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failure == null) failure = e;
                failedKeys.add(keys.get(i));
            } catch (ExecutionException | TimeoutException e) {
                if (failure == null) failure = e;
                failedKeys.add(keys.get(i));
            }
        }
        int acknowledged = sent.size();
        if (acknowledged > 0) {
            try (PreparedStatement upd = c.prepareStatement(
                    "update outbox_event set sent_at = now(), attempts = attempts + 1 where seq = any(?)")) {
                Array arr = c.createArrayOf("bigint", sent.toArray());
                upd.setArray(1, arr);
                upd.executeUpdate();
            }
            published.increment(acknowledged);
        }
        if (failure != null) {
            c.commit(); // keep what was acknowledged
            throw new IllegalStateException("Kafka did not acknowledge an outbox event", failure);
        }
        return acknowledged;
    }

    /**
     * A producer span in the trace of the transaction that wrote the event (its stored traceparent), so the relay's
     * raw producer does not break the trace: the record carries this span's context and its consumers continue it
     * (ADR 0077). Null for a row written outside a trace, which is published without trace headers.
     */
    private Span publishSpan(String topic, String eventId, String eventType, String traceparent, String tracestate) {
        if (traceparent == null) return null;
        Context parent = TraceContext.extract(traceparent, tracestate);
        if (!Span.fromContext(parent).getSpanContext().isValid()) return null;
        if (tracer == null) tracer = openTelemetry.getTracer("org.pathways.platform.outbox");
        return tracer.spanBuilder(topic + " publish").setParent(parent).setSpanKind(SpanKind.PRODUCER)
                .setAttribute("messaging.system", "kafka")
                .setAttribute("messaging.operation.type", "send")
                .setAttribute("messaging.destination.name", topic)
                .setAttribute("messaging.message.id", eventId)
                .setAttribute("pathways.event.type", eventType)
                .startSpan();
    }

    /** Sent rows are kept for a while for operators, then deleted. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeSent() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "delete from outbox_event where sent_at is not null and sent_at < now() - make_interval(secs => ?)")) {
            ps.setLong(1, retention.toSeconds());
            int n = ps.executeUpdate();
            if (n > 0) LOG.infof("outbox: purged %d sent events older than %s", n, retention);
        }
    }

    /** Events committed but not yet acknowledged by Kafka (for health and tests). */
    public long pending() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select count(*) from outbox_event where sent_at is null");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
