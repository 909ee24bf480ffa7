package org.pathways.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.StackInfo;
import org.pathways.platform.testing.Tokens;

/**
 * Must hold: each referral state change reaches exactly the right people once, even when notification-service is
 * killed (SIGKILL) mid-stream, restarted, and the events are redelivered. notification-service runs as a separate
 * process from its packaged jar; events are schema-valid CloudEvents on the real referral.events topic.
 */
class NotificationKillTest {

    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    static final String CELC_IMMIGRATION = UUID.nameUUIDFromBytes("pathways-demo:service:celc-immigration"
            .getBytes(StandardCharsets.UTF_8)).toString();

    @Test
    void killedMidStreamRestartedAndRedeliveredEveryoneIsToldExactlyOnce() throws Exception {
        StackManager stack = StackManager.forProfile("test");
        String referrer = subject(Tokens.forUser("kairos.caseworker1"));
        String spoc = subject(Tokens.forUser("celc.coordinator1"));
        Properties kp = new Properties();
        kp.put("bootstrap.servers", StackInfo.get("kafka.bootstrap-servers"));
        kp.put("acks", "all");
        kp.put("enable.idempotence", "true");
        List<String> referrals = new ArrayList<>();
        int n = 300;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kp, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < n; i++) {
                String id = UUID.randomUUID().toString();
                referrals.add(id);
                producer.send(new ProducerRecord<>("referral.events", id, event("pathways.referral.sent", id, referrer, "SENT", "DRAFT", 1)));
                producer.send(new ProducerRecord<>("referral.events", id, event("pathways.referral.accepted", id, spoc, "ACCEPTED", "SENT", 2)));
            }
            producer.flush();
            Set<String> ours = Set.copyOf(referrals);
            // As soon as it is visibly working through them: SIGKILL (no shutdown hook, no offset commit, no goodbye).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> !inbox("celc.coordinator1", ours).isEmpty());
            long pid = stack.component("notification").process().pid();
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(20)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
            // Mid-stream: the group's committed offsets lag behind the topic's end, so records will be delivered again.
            long lag = lag(kp);
            System.out.println("[kill test] records of referral.events not committed by notification-service at the kill: " + lag);
            assertTrue(lag > 0, "the kill was not mid-stream; raise n");
            stack.startComponent("notification");
            // The same events again (as after a producer retry or an offset reset): no second effect.
            for (int i = 0; i < n; i += 10) {
                String id = referrals.get(i);
                producer.send(new ProducerRecord<>("referral.events", id, event("pathways.referral.sent", id, referrer, "SENT", "DRAFT", 1, eventIds.get(id + ":1"))));
            }
            producer.flush();
        }
        Set<String> mine = Set.copyOf(referrals);
        // The SPOC: exactly one "sent" entry per referral — her own; CELC's mailbox entry for the same event is not shown
        // to a reader who has her own (issue 14, ADR 0049: told once per event).
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> count(inbox("celc.coordinator1", mine), "REFERRAL_SENT") == n);
        // The referrer: exactly one "accepted" per referral for her and one in Kairos' mailbox.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2))
                .until(() -> count(inbox("kairos.coordinator1", mine), "REFERRAL_ACCEPTED") == n
                        && count(inbox("kairos.caseworker1", mine), "REFERRAL_ACCEPTED") == n);
        // The replayed copies may still be in flight: wait until notification-service has committed every record of
        // referral.events (it commits after applying), so the inboxes below are final — a second entry would show.
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> lag(kp) == 0);
        List<Map<String, Object>> spocItems = inbox("celc.coordinator1", mine);
        Map<String, Long> perReferral = spocItems.stream().filter(i -> "REFERRAL_SENT".equals(i.get("kind")))
                .collect(Collectors.groupingBy(i -> (String) i.get("referralId"), Collectors.counting()));
        assertEquals(n, perReferral.size());
        assertTrue(perReferral.values().stream().allMatch(c -> c == 1), "each referral: told once (her own entry; ADR 0049)");
        List<Map<String, Object>> referrerItems = inbox("kairos.caseworker1", mine);
        assertEquals(n, count(referrerItems, "REFERRAL_ACCEPTED"));
        assertEquals(0, count(referrerItems, "REFERRAL_SENT"));
    }

    /** End offsets of referral.events minus notification-service's committed offsets, over all partitions. */
    static long lag(Properties kp) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kp.get("bootstrap.servers")))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("notification-service")
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var p : admin.describeTopics(List.of("referral.events")).allTopicNames().get().get("referral.events").partitions()) {
                latest.put(new TopicPartition("referral.events", p.partition()), OffsetSpec.latest());
            }
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    static final Map<String, String> eventIds = new java.util.concurrent.ConcurrentHashMap<>();

    static long count(List<Map<String, Object>> items, String kind) {
        return items.stream().filter(i -> kind.equals(i.get("kind"))).count();
    }

    /** Every inbox entry of the user about these referrals (all pages). */
    static List<Map<String, Object>> inbox(String user, Set<String> referrals) {
        List<Map<String, Object>> out = new ArrayList<>();
        String url = StackInfo.serviceUrl("notification") + "/api/inbox";
        for (int page = 0; ; page++) {
            List<Map<String, Object>> items = given().auth().oauth2(Tokens.forUser(user)).queryParam("size", 100)
                    .queryParam("page", page).get(url).then().statusCode(200).extract().jsonPath().getList("items");
            // Not every entry is about a referral (override requests, capacity alerts): those have no referralId.
            items.stream().filter(i -> i.get("referralId") != null && referrals.contains(i.get("referralId"))).forEach(out::add);
            if (items.size() < 100) return out;
        }
    }

    static byte[] event(String type, String referralId, String actor, String state, String previous, int version) {
        String eventId = UUID.randomUUID().toString();
        eventIds.put(referralId + ":" + version, eventId);
        return event(type, referralId, actor, state, previous, version, eventId);
    }

    static byte[] event(String type, String referralId, String actor, String state, String previous, int version, String eventId) {
        String now = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String data = "{\"referralId\":\"" + referralId + "\",\"pathwayId\":\"" + UUID.nameUUIDFromBytes(referralId.getBytes(StandardCharsets.UTF_8))
                + "\",\"subjectId\":\"" + UUID.nameUUIDFromBytes(("s" + referralId).getBytes(StandardCharsets.UTF_8))
                + "\",\"fromOrganisationId\":\"" + KAIROS + "\",\"toOrganisationId\":\"" + CELC + "\",\"toServiceId\":\""
                + CELC_IMMIGRATION + "\",\"actorUserId\":\"" + actor + "\",\"state\":\"" + state + "\",\"previousState\":\""
                + previous + "\",\"version\":" + version + ",\"occurredAt\":\"" + now + "\"}";
        return ("{\"specversion\":\"1.0\",\"id\":\"" + eventId + "\",\"source\":\"/referral-service\",\"type\":\"" + type
                + "\",\"subject\":\"" + referralId + "\",\"time\":\"" + now + "\",\"datacontenttype\":\"application/json\",\"data\":"
                + data + "}").getBytes(StandardCharsets.UTF_8);
    }

    static String subject(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
    }
}
