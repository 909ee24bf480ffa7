package org.pathways.consent.messaging;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.consent.service.SubjectEventsService;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.platform.messaging.KafkaConnection;
import org.pathways.platform.repository.Jdbc;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;

import io.smallrye.common.annotation.Identifier;

/**
 * Re-consumes {@code referral.events.dlq}: every record parked since the last replay is applied again (idempotent:
 * already-applied events count as duplicates). Its own consumer group remembers how far replays got. A record that is
 * still malformed is counted and passed over (it needs a fix at the producer, not a replay); a record that fails again
 * stops the replay there, uncommitted, so the next replay starts with it (ADR 0022). One replay at a time, across replicas.
 */
@ApplicationScoped
public class DeadLetterReplay {

    static final String TOPIC = "referral.events.dlq";
    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);

    public record Result(int applied, int duplicates, int ignored, int stillMalformed, int failed, boolean complete) {
    }

    @Inject
    SubjectEventsService service;

    /** The connector's Kafka settings (bootstrap, TLS, SASL): the replay consumer connects the same way. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaDefaults;

    @ConfigProperty(name = "pathways.consent.dlq.replay-group", defaultValue = "consent-service-dlq-replay")
    String group;

    /** Arbitrary constant naming the replay's advisory lock in this service's database (one replay across replicas). */
    public static final long LOCK = 0x5041_5448_444C_5152L;

    @Inject
    Jdbc jdbc;

    /**
     * One replay at a time across all replicas (ADR 0081): a replay runs only while it holds the replay advisory lock,
     * transaction-scoped on a connection of its own (so it ends with this process too); otherwise 409 replay-in-progress.
     */
    public Result replay() {
        try {
            return jdbc.whileHolding(LOCK, this::replayHoldingLock).orElseThrow(() -> new ProblemException(
                    Problem.of(409, "replay-in-progress", "Replay in progress",
                            "Another instance is replaying these dead letters; replay again when it has finished.")));
        } catch (SQLException e) {
            throw new ProblemException(Problem.of(503, "database-unavailable", "Service unavailable",
                    "The replay could not start; try again shortly."));
        }
    }

    private Result replayHoldingLock() {
        Properties p = KafkaConnection.settings(kafkaDefaults);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        int applied = 0, duplicates = 0, ignored = 0, malformed = 0, failed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(TOPIC, Duration.ofSeconds(10)).forEach(i -> partitions.add(new TopicPartition(TOPIC, i.partition())));
            consumer.assign(partitions);
            // Replay what is parked now; records parked during the replay wait for the next one.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions), Duration.ofSeconds(10));
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                if (c != null) consumer.seek(tp, c.offset());
                else consumer.seekToBeginning(List.of(tp));
            }
            List<TopicPartition> open = new ArrayList<>(partitions);
            open.removeIf(tp -> consumer.position(tp, Duration.ofSeconds(10)) >= end.get(tp));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!open.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (!open.contains(tp) || r.offset() >= end.get(tp)) continue;
                    SubjectEventsService.Outcome outcome;
                    try {
                        EventEnvelope e = EventEnvelope.parse(r.value());
                        if (EventTypes.isKnown(e.type()) && !EventSchemas.validate(e.type(), e.data()).isEmpty()) {
                            throw new MalformedEventException("schema-violation");
                        }
                        outcome = service.apply(e);
                    } catch (MalformedEventException e) {
                        malformed++;
                        consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                        if (r.offset() + 1 >= end.get(tp)) open.remove(tp);
                        continue;
                    } catch (RuntimeException e) {
                        // Still failing: stop this partition here; the record stays first in line for the next replay.
                        failed++;
                        LOG.warnf("dead-letter replay: %s@%d failed again (%s)", tp, r.offset(), e.getClass().getSimpleName());
                        open.remove(tp);
                        consumer.pause(List.of(tp));
                        continue;
                    }
                    switch (outcome) {
                        case APPLIED -> applied++;
                        case DUPLICATE -> duplicates++;
                        default -> ignored++;
                    }
                    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
                    if (r.offset() + 1 >= end.get(tp)) open.remove(tp);
                }
            }
            boolean complete = open.isEmpty() && failed == 0;
            LOG.infof("dead-letter replay: %d applied, %d duplicates, %d ignored, %d still malformed, %d failed", applied,
                    duplicates, ignored, malformed, failed);
            return new Result(applied, duplicates, ignored, malformed, failed, complete);
        }
    }
}
