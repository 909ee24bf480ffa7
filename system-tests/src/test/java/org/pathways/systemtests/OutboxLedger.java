package org.pathways.systemtests;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.pathways.platform.testing.TopicReader;

import io.restassured.path.json.JsonPath;

/**
 * A service's outbox rows written since a moment, checked against Kafka: every row published (sent), each event once on
 * its topic, and one key's events in the partition in the order of the outbox (seq). The CloudEvent id is the outbox
 * row's id, so a row and its record are matched exactly.
 */
final class OutboxLedger {

    /** Where one copy of an event landed. */
    record Copy(int partition, long offset, Instant producedAt) {
    }

    /** The figures of one check; {@code duplicates} lists each event published more than once with its copies. */
    record Result(String database, int rows, int unsent, int missing, Map<String, List<Copy>> duplicates, int outOfOrder,
                  int keys) {

        @Override
        public String toString() {
            return database + ": " + rows + " outbox events of " + keys + " keys, unsent " + unsent + ", missing on Kafka "
                    + missing + ", published twice " + duplicates.size() + ", out of order " + outOfOrder;
        }
    }

    private OutboxLedger() {
    }

    /** Outbox rows of {@code database} created at or after {@code since} that are still unsent. */
    static long unsent(String database, Instant since) {
        return Db.count(database, "select count(*) from outbox_event where created_at >= ? and sent_at is null",
                Timestamp.from(since));
    }

    static Result check(String database, Instant since) {
        List<List<Object>> rows = Db.rows(database, "select id, topic, message_key, seq, sent_at from outbox_event"
                + " where created_at >= ? order by seq", Timestamp.from(since));
        Map<String, Map<String, List<Copy>>> byTopic = new HashMap<>();
        for (String topic : rows.stream().map(r -> (String) r.get(1)).distinct().toList()) {
            byTopic.put(topic, copies(topic));
        }
        int unsent = 0;
        int missing = 0;
        int outOfOrder = 0;
        Map<String, List<Copy>> duplicates = new LinkedHashMap<>();
        Map<String, Copy> lastOfKey = new HashMap<>();
        for (List<Object> r : rows) {
            String id = r.get(0).toString();
            if (r.get(4) == null) unsent++;
            List<Copy> copies = byTopic.get((String) r.get(1)).getOrDefault(id, List.of());
            if (copies.isEmpty()) {
                missing++;
                continue;
            }
            if (copies.size() > 1) duplicates.put(id, copies);
            // Rows are in seq order: each key's first copies must stand in the partition in the same order.
            String key = r.get(1) + "/" + r.get(2);
            Copy first = copies.get(0);
            Copy previous = lastOfKey.put(key, first);
            if (previous != null && (previous.partition() != first.partition() || previous.offset() > first.offset())) outOfOrder++;
        }
        int keys = (int) rows.stream().map(r -> r.get(1) + "/" + r.get(2)).distinct().count();
        return new Result(database, rows.size(), unsent, missing, duplicates, outOfOrder, keys);
    }

    /** Every record of the topic from the beginning to its current end, as event id -> copies in offset order. */
    static Map<String, List<Copy>> copies(String topic) {
        Map<String, List<Copy>> out = new HashMap<>();
        for (ConsumerRecord<String, byte[]> rec : TopicReader.readToEnd(topic)) {
            String id;
            try {
                id = JsonPath.from(new String(rec.value(), StandardCharsets.UTF_8)).getString("id");
            } catch (RuntimeException e) {
                continue; // not one of our structured CloudEvents (a test's malformed record)
            }
            if (id != null) {
                out.computeIfAbsent(id, k -> new ArrayList<>()).add(new Copy(rec.partition(), rec.offset(), Instant.ofEpochMilli(rec.timestamp())));
            }
        }
        return out;
    }
}
