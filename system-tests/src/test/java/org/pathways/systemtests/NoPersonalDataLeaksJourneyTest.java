package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.Journey.url;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;
import org.pathways.stack.testing.StackInfo;

/**
 * Journey 7 — no personal data leaks. A canary (a unique string) goes into every free-text field a user can fill:
 * every summary section's free text, the referral's note and safe-contact instructions, the consent's explanation note,
 * the override's justification and a signpost's external organisation (moves, declines and withdrawals carry reason
 * codes only: there is no free text to fill there). The referrals move through their states; notifications go out
 * through every channel (inbox, e-mail to users who opted in — through the stack's SMTP sink — and a webhook to a
 * receiver this test runs). Then: the canary is in no service's log, in no record of any Kafka topic (DLQs included),
 * in no inbox entry, e-mail or webhook payload. Positive controls: the owning organisation reads the canary back through
 * the API, and each search finds what it should (our ids and references), so a clean result means something.
 *
 * <p>Failure messages name where the canary was found (file and line number, topic and offset, channel), never the
 * text around it: a test report must not carry it either.
 */
class NoPersonalDataLeaksJourneyTest {

    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    static final String COVENTRY = SafeguardingJourneyTest.demoId("partnership:coventry");
    static final String CRASAC_COUNSELLING = SafeguardingJourneyTest.demoId("service:crasac-counselling");
    static final String CELC_IMMIGRATION = SafeguardingJourneyTest.demoId("service:celc-immigration");

    static final String WORKER = "kairos.caseworker1";
    static final String KAIROS_ADMIN = "kairos.admin1";
    static final String KAIROS_COORDINATOR = "kairos.coordinator1";
    static final String CRASAC_SPOC = "crasac.coordinator1";
    static final String CELC_SPOC = "celc.coordinator1";
    /** Everyone this journey's events notify: their inboxes are searched. */
    static final List<String> INBOX_USERS = List.of(WORKER, KAIROS_COORDINATOR, CRASAC_SPOC, "crasac.caseworker1", CELC_SPOC,
            "fwt.privacy1", "fwt.connector1");
    static final List<String> ALL_CATEGORIES = List.of("IDENTITY", "SAFE_CONTACT", "COMMUNICATION", "NEEDS", "RISK", "CHILDREN",
            "IMMIGRATION", "HEALTH", "HOUSING", "MONEY", "STORY", "GOALS");

    /** Unique per run, so a leak from an earlier run can never make this one pass or fail. */
    final String canary = "Kanarie" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);

    @Test
    void theCanaryIsReadableByItsOwnerAndNowhereElse() throws Exception {
        Journey j = new Journey("7 No personal data leaks");
        List<String> webhookBodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            StringBuilder all = new StringBuilder();
            exchange.getRequestHeaders().forEach((k, v) -> all.append(k).append(": ").append(v).append('\n'));
            try (InputStream in = exchange.getRequestBody()) {
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            webhookBodies.add(all.toString());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String subscriptionId = null;
        try {
            subscriptionId = j.step("Kairos' org-admin subscribes a webhook receiver to every referral and consent event", () ->
                    as(KAIROS_ADMIN).body(Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "eventTypes", List.of("pathways.referral.sent", "pathways.referral.accepted", "pathways.referral.declined",
                                    "pathways.referral.withdrawn", "pathways.referral.in-progress", "pathways.referral.completed",
                                    "pathways.referral.access-ended", "pathways.consent.withdrawn",
                                    "pathways.consent.override.requested", "pathways.consent.override.approved")))
                            .post(url("notification", "/api/webhooks/subscriptions")).then().statusCode(201)
                            .extract().<String>path("id"));
            journey(j, webhookBodies);
        } finally {
            receiver.stop(0);
            if (subscriptionId != null) {
                as(KAIROS_ADMIN).delete(url("notification", "/api/webhooks/subscriptions/" + subscriptionId));
            }
        }
    }

    private void journey(Journey j, List<String> webhookBodies) {
        j.step("the referrer and both SPOCs opt in to e-mail", () -> {
            for (String user : List.of(WORKER, CRASAC_SPOC, CELC_SPOC)) {
                as(user).body(Map.of("enabled", true)).put(url("notification", "/api/preferences/email")).then()
                        .statusCode(200).body("enabled", equalTo(true));
            }
        });

        String subject = j.step("Kairos registers her; consent-service learns of her", () -> {
            String id = as(WORKER).body("{}").post(url("referral", "/api/subjects")).then().statusCode(201).extract().path("id");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                    as(WORKER).get(url("consent", "/api/subjects/" + id + "/consents")).statusCode() == 200);
            return id;
        });

        j.step("the canary goes into every free-text field of all twelve summary sections", () -> {
            for (Map.Entry<String, String> s : sections(userId(WORKER)).entrySet()) {
                as(WORKER).body(s.getValue()).put(url("referral", "/api/subjects/" + subject + "/summary/sections/" + s.getKey()))
                        .then().statusCode(200);
            }
        });

        String consentId = j.step("consent for CRASAC and CELC, with the canary in its explanation note", () -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Map<String, Object> provision = Map.of(
                    "recipients", List.of(Map.of("type", "ORGANISATION", "id", CRASAC), Map.of("type", "ORGANISATION", "id", CELC)),
                    "purposes", List.of("REFERRAL", "CASE_COORDINATION"), "categories", ALL_CATEGORIES,
                    "validFrom", now.minusMinutes(5).toString(), "validUntil", now.plusMonths(6).toString());
            Map<String, Object> body = new HashMap<>(Map.of("partnershipId", COVENTRY, "provisions", List.of(provision),
                    "obtainedMethod", "VERBAL", "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT",
                    "art9Condition", "EXPLICIT_CONSENT", "explanationNote", canary + " explained in her words"));
            return as(WORKER).body(body).post(url("consent", "/api/subjects/" + subject + "/consents")).then().statusCode(201)
                    .extract().<String>path("id");
        });

        String overrideId = j.step("a safeguarding override with the canary in its justification, requested and approved", () -> {
            Map<String, Object> body = Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                    "justification", canary + " risk described",
                    "recipients", List.of(Map.of("type", "ORGANISATION", "id", CRASAC)), "purposes", List.of("REFERRAL"),
                    "categories", List.of("RISK"), "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).toString());
            String id = as(WORKER).body(body).post(url("consent", "/api/subjects/" + subject + "/overrides")).then()
                    .statusCode(201).extract().<String>path("id");
            as(KAIROS_COORDINATOR).post(url("consent", "/api/overrides/" + id + "/approval")).then().statusCode(200)
                    .body("state", equalTo("APPROVED"));
            return id;
        });

        String toCrasac = j.step("Kairos refers her to CRASAC with the canary in the note and safe-contact instructions", () ->
                SafeguardingJourneyTest.sendReferral(WORKER, referral(subject, CRASAC_COUNSELLING, "counselling")).statusCode(201).extract().<String>path("id"));

        j.step("CRASAC reads it, accepts, starts and completes it with an onward need", () -> {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> inboxText(CRASAC_SPOC).contains(toCrasac));
            as(CRASAC_SPOC).get(url("referral", "/api/referrals/" + toCrasac)).then().statusCode(200);
            move(CRASAC_SPOC, toCrasac, 1, Map.of("target", "ACCEPTED"));
            as(CRASAC_SPOC).get(url("referral", "/api/referrals/" + toCrasac + "/summary")).then().statusCode(200);
            move(CRASAC_SPOC, toCrasac, 2, Map.of("target", "IN_PROGRESS"));
            move(CRASAC_SPOC, toCrasac, 3, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET"),
                    "onwardNeeds", List.of("legal-immigration")));
        });

        String toCelc = j.step("Kairos refers her to CELC, then withdraws the referral (a reason code, no free text)", () -> {
            String id = SafeguardingJourneyTest.sendReferral(WORKER, referral(subject, CELC_IMMIGRATION, "legal-immigration")).statusCode(201).extract().<String>path("id");
            move(WORKER, id, 1, Map.of("target", "WITHDRAWN", "reason", "REFERRED_ELSEWHERE"));
            return id;
        });

        j.step("a signpost outside the partnership with the canary as the external organisation", () ->
                as(WORKER).body(Map.of("needCode", "legal-immigration", "externalOrganisation", canary + " Law Centre"))
                        .post(url("referral", "/api/subjects/" + subject + "/signposts")).then().statusCode(201));

        j.step("she withdraws her consent for CELC (a partial withdrawal: codes only)", () ->
                as(WORKER).body(Map.of("scope", "PARTIAL", "recipient", Map.of("type", "ORGANISATION", "id", CELC),
                        "category", "STORY", "method", "VERBAL")).post(url("consent", "/api/consents/" + consentId + "/withdrawals"))
                        .then().statusCode(lessThan(300)));

        String crasacRef = reference(toCrasac);
        String celcRef = reference(toCelc);
        j.step("every channel has carried this journey's notifications (inbox, e-mail, webhook)", () -> {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String referrer = inboxText(WORKER);
                return referrer.contains("REFERRAL_COMPLETED") && referrer.contains(toCrasac)
                        && inboxText(CELC_SPOC).contains(toCelc) && inboxText(KAIROS_COORDINATOR).contains(overrideId);
            });
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String mail = String.join("\n", decodedMails().values());
                return mail.contains(crasacRef) && mail.contains(celcRef);
            });
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                String hooks = String.join("\n", webhookBodies);
                return hooks.contains(toCrasac) && hooks.contains(toCelc) && hooks.contains("pathways.referral.completed")
                        && hooks.contains(overrideId) && hooks.contains("pathways.consent.withdrawn");
            });
        });

        j.step("positive control: the owning organisation reads the canary back through the API", () -> {
            String summary = as(WORKER).get(url("referral", "/api/subjects/" + subject + "/summary")).then().statusCode(200)
                    .extract().asString();
            for (String field : List.of("name", "instructions", "literacy", "inHerWords", "notes", "livesWith", "mentalHealth",
                    "current", "debt", "text", "goal")) {
                assertTrue(summary.contains(canary + "-" + field), "the summary holds the canary in " + field);
            }
            String ref = as(WORKER).get(url("referral", "/api/referrals/" + toCrasac)).then().statusCode(200).extract().asString();
            assertTrue(ref.contains(canary + "-note") && ref.contains(canary + "-safe-contact"), "note and instructions readable");
            String consent = as(WORKER).get(url("consent", "/api/consents/" + consentId)).then().statusCode(200).extract().asString();
            assertTrue(consent.contains(canary), "the explanation note is readable");
            String override = as(WORKER).get(url("consent", "/api/overrides/" + overrideId)).then().statusCode(200).extract().asString();
            assertTrue(override.contains(canary), "the justification is readable");
        });

        j.step("the canary is in no service's log file", () -> {
            Path logs = Path.of(StackInfo.get("logs"));
            List<Path> files;
            try (Stream<Path> s = Files.walk(logs)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            for (String service : List.of("directory-service", "consent-service", "referral-service", "notification-service")) {
                Path log = logs.resolve(service + ".log");
                assertTrue(Files.exists(log) && Files.size(log) > 0, "searched " + log);
            }
            List<String> found = new ArrayList<>();
            for (Path f : files) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.ISO_8859_1);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(canary)) found.add(logs.relativize(f) + ":" + (i + 1));
                }
            }
            assertEquals(List.of(), found, "the canary was logged (file:line)");
        });

        j.step("the canary is in no record of any Kafka topic, DLQs included (read from the beginning)", () -> {
            List<String> found = new ArrayList<>();
            boolean[] sawOurReferral = { false };
            Set<String> topics = scanKafka((topic, record) -> {
                String where = topic + "/" + record.partition() + "@" + record.offset();
                if (contains(record.key(), canary)) found.add(where + " key");
                if (contains(record.value(), canary)) found.add(where + " value");
                for (Header h : record.headers()) {
                    if (contains(h.value(), canary)) found.add(where + " header " + h.key());
                }
                if (contains(record.value(), toCrasac)) sawOurReferral[0] = true;
            });
            assertTrue(topics.containsAll(List.of("referral.events", "referral.events.dlq", "consent.events",
                    "consent.events.dlq", "directory.events", "directory.events.dlq")), "every topic searched: " + topics);
            assertTrue(sawOurReferral[0], "positive control: this journey's referral events were read");
            assertEquals(List.of(), found, "the canary is in Kafka records");
        });

        j.step("the canary is in no inbox entry, no e-mail and no webhook payload", () -> {
            for (String user : INBOX_USERS) {
                String inbox = inboxText(user);
                assertFalse(inbox.contains(canary), "the canary is in the inbox of " + user);
            }
            assertTrue(inboxText(WORKER).contains(crasacRef), "positive control: the inbox carries the reference");
            Map<Path, String> mails = decodedMails();
            List<String> inMail = mails.entrySet().stream().filter(e -> e.getValue().contains(canary))
                    .map(e -> e.getKey().getFileName().toString()).toList();
            assertEquals(List.of(), inMail, "the canary is in e-mails");
            assertTrue(mails.values().stream().anyMatch(m -> m.contains(crasacRef)), "positive control: e-mails were searched");
            long leakyHooks = webhookBodies.stream().filter(b -> b.contains(canary)).count();
            assertEquals(0, leakyHooks, "webhook payloads carrying the canary");
            assertTrue(webhookBodies.stream().anyMatch(b -> b.contains(toCrasac)), "positive control: webhooks were searched");
        });
    }

    // ---- the canary in every free-text field

    /** Each section's free texts carry the canary, tagged by field (tags only help a reader of the positive control). */
    Map<String, String> sections(String workerId) {
        String c = canary;
        Map<String, String> s = new LinkedHashMap<>();
        s.put("IDENTITY", "{\"name\":\"" + c + "-name\",\"otherNames\":[\"" + c + "-other\"],\"dateOfBirth\":\"1990-02-03\","
                + "\"pronouns\":\"" + c + "-pronouns\"}");
        s.put("SAFE_CONTACT", "{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":true,\"namedWorkerId\":\"" + workerId
                + "\",\"safeMethods\":[\"VIA_WORKER\"],\"safeTimes\":\"" + c + "-times\",\"messageMayBeLeft\":false,"
                + "\"instructions\":\"" + c + "-instructions\"}");
        s.put("COMMUNICATION", "{\"preferredLanguage\":\"pa\",\"interpreterNeeded\":true,\"interpreterGender\":\"FEMALE\","
                + "\"literacy\":\"" + c + "-literacy\",\"accessibility\":\"" + c + "-accessibility\"}");
        s.put("NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"" + c + "-inHerWords\",\"status\":\"IDENTIFIED\"},"
                + "{\"code\":\"legal-immigration\",\"inHerWords\":\"" + c + "-inHerWords2\",\"status\":\"IDENTIFIED\"}]}");
        s.put("RISK", "{\"level\":\"HIGH\",\"assessmentTool\":\"" + c + "-tool\",\"maracInvolved\":true,"
                + "\"safeguardingFlags\":[\"" + c + "-flag\"],\"notes\":\"" + c + "-notes\"}");
        s.put("CHILDREN", "{\"children\":[{\"ageYears\":4,\"livesWith\":\"" + c + "-livesWith\",\"notes\":\"" + c + "-childnotes\"}],"
                + "\"agenciesInvolved\":\"" + c + "-agencies\",\"notes\":\"" + c + "-notes\"}");
        s.put("IMMIGRATION", "{\"status\":\"" + c + "-status\",\"noRecourseToPublicFunds\":true,\"applicationsInProgress\":[\"DDVC\"],"
                + "\"notes\":\"" + c + "-notes\"}");
        s.put("HEALTH", "{\"mentalHealth\":\"" + c + "-mentalHealth\",\"physicalHealth\":\"" + c + "-physical\",\"disability\":\""
                + c + "-disability\",\"substanceUse\":\"" + c + "-substance\"}");
        s.put("HOUSING", "{\"current\":\"" + c + "-current\",\"safe\":false,\"refugeNeeded\":true,\"notes\":\"" + c + "-notes\"}");
        s.put("MONEY", "{\"income\":\"" + c + "-income\",\"benefits\":\"" + c + "-benefits\",\"debt\":\"" + c + "-debt\","
                + "\"inHardship\":true,\"notes\":\"" + c + "-notes\"}");
        s.put("STORY", "{\"text\":\"" + c + "-text\",\"language\":\"en\",\"recordedWithInterpreter\":false}");
        s.put("GOALS", "{\"goals\":[{\"goal\":\"" + c + "-goal\",\"by\":\"2027-06-01\"}]}");
        return s;
    }

    Map<String, Object> referral(String subject, String service, String need) {
        Map<String, Object> m = new HashMap<>();
        m.put("subjectId", subject);
        m.put("toServiceId", service);
        m.put("needs", List.of(need));
        m.put("urgency", "SOON");
        m.put("sections", ALL_CATEGORIES);
        m.put("personKnows", true);
        m.put("note", canary + "-note");
        m.put("safeContactInstructions", canary + "-safe-contact");
        return m;
    }

    static void move(String user, String referral, long version, Map<String, Object> body) {
        as(user).header("If-Match", "\"" + version + "\"").body(body)
                .post(url("referral", "/api/referrals/" + referral + "/transitions")).then().statusCode(200)
                .body("state", equalTo(body.get("target")));
    }

    static String userId(String user) {
        return SafeguardingJourneyTest.userId(user);
    }

    /** As notification-service builds it: "R-" and the first 8 hex digits of the referral id. */
    static String reference(String referralId) {
        return "R-" + referralId.substring(0, 8).toUpperCase();
    }

    /** Every inbox page of the user, as the raw JSON the API returned. */
    static String inboxText(String user) {
        StringBuilder all = new StringBuilder();
        for (int page = 0; ; page++) {
            var response = as(user).queryParam("size", 100).queryParam("page", page).get(url("notification", "/api/inbox"))
                    .then().statusCode(200).extract();
            all.append(response.asString()).append('\n');
            if (response.jsonPath().getList("items").size() < 100) return all.toString();
        }
    }

    // ---- e-mail: the SMTP sink's .eml files, decoded (quoted-printable, base64) so an encoded canary is still found

    static Map<Path, String> decodedMails() throws IOException {
        Path folder = Path.of(StackInfo.get("mail.folder"));
        Map<Path, String> out = new LinkedHashMap<>();
        if (!Files.isDirectory(folder)) return out;
        try (Stream<Path> s = Files.list(folder)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                out.put(f, decodedMail(Files.readString(f, StandardCharsets.ISO_8859_1)));
            }
        }
        return out;
    }

    private static final Pattern QP = Pattern.compile("=([0-9A-Fa-f]{2})");
    private static final Pattern BASE64_BLOCK = Pattern.compile("(?m)^(?:[A-Za-z0-9+/]{4,}={0,2}\\r?\\n?)+");
    private static final Pattern ENCODED_WORD = Pattern.compile("=\\?[^?]+\\?([BbQq])\\?([^?]*)\\?=");

    /** The raw message plus every decoding of it a mail client might apply. */
    static String decodedMail(String raw) {
        StringBuilder all = new StringBuilder(raw).append('\n');
        String unfolded = raw.replaceAll("=\\r?\\n", "");
        Matcher qp = QP.matcher(unfolded);
        StringBuilder q = new StringBuilder();
        while (qp.find()) qp.appendReplacement(q, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(qp.group(1), 16))));
        qp.appendTail(q);
        all.append(q).append('\n');
        Matcher b64 = BASE64_BLOCK.matcher(raw);
        while (b64.find()) {
            try {
                all.append(new String(Base64.getMimeDecoder().decode(b64.group()), StandardCharsets.UTF_8)).append('\n');
            } catch (IllegalArgumentException notBase64) {
                // a line that only looked like base64
            }
        }
        Matcher word = ENCODED_WORD.matcher(raw);
        while (word.find()) {
            try {
                all.append(word.group(1).equalsIgnoreCase("B")
                        ? new String(Base64.getDecoder().decode(word.group(2)), StandardCharsets.UTF_8)
                        : word.group(2).replace('_', ' ')).append('\n');
            } catch (IllegalArgumentException ignored) {
                // not a well-formed encoded word
            }
        }
        return all.toString();
    }

    // ---- Kafka: every topic, every partition, from the beginning, with a fresh consumer (no group)

    interface RecordVisitor {
        void visit(String topic, ConsumerRecord<byte[], byte[]> record);
    }

    /** Visits every record of every topic (internal ones too) and returns the topics searched. */
    static Set<String> scanKafka(RecordVisitor visitor) throws Exception {
        String bootstrap = StackInfo.get("kafka.bootstrap-servers");
        List<TopicPartition> partitions = new ArrayList<>();
        Set<String> topics;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get();
            for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get().values()) {
                d.partitions().forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition())));
            }
        }
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "2000");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) throw new AssertionError("could not read every topic to its end within 2 minutes");
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) visitor.visit(r.topic(), r);
            }
        }
        return topics;
    }

    static boolean contains(byte[] haystack, String needle) {
        return haystack != null && new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
