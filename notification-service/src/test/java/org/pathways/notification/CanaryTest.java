package org.pathways.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;
import org.pathways.platform.testing.TopicReader;
import org.pathways.platform.testing.Tokens;

import com.icegreen.greenmail.util.GreenMailUtil;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Canary: a unique string planted everywhere a producer could put text (extra payload fields, subject, id, source, an
 * unknown type's data, a record that is not JSON) while a whole referral life runs with every channel on. It must
 * appear — raw, JSON-escaped, URL-encoded or base64 — in no inbox entry, e-mail, webhook body, dead-letter record, table
 * of this service or line of its log. Positive control: it is on the source topic, so it really was planted.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class CanaryTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    AgroalDataSource db;

    @Test
    void noCanaryLeavesTheEventsInAnyChannelTableOrLog() throws Exception {
        String canary = "Canary" + UUID.randomUUID().toString().replace("-", "");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, Object> sub = WebhookTest.create("celc.admin1", receiver.url(), List.copyOf(EventTypes.all()));
            receiver.secret.set((String) sub.get("secret"));
            given().auth().oauth2(Tokens.forUser("celc.coordinator1")).contentType("application/json")
                    .body("{\"enabled\":true}").put("/api/preferences/email").then().statusCode(200);
            given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json")
                    .body("{\"enabled\":true}").put("/api/preferences/email").then().statusCode(200);

            Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
            UUID referrer = TestEvents.userId("kairos.caseworker1");
            UUID spoc = TestEvents.userId("celc.coordinator1");
            URI canarySource = URI.create("/referral-service/" + canary);

            // Text in every place a producer could smuggle it.
            var extra = r.base("SENT", 1);
            extra.put("previousState", "DRAFT");
            extra.put("note", canary);
            extra.put("safeContactInstructions", canary);
            extra.put("name", canary);
            send(EventEnvelope.of(canarySource, EventTypes.REFERRAL_SENT, r.referralId().toString(), extra));
            send(new EventEnvelope(UUID.randomUUID().toString(), canarySource, EventTypes.REFERRAL_SENT, canary,
                    java.time.OffsetDateTime.now(), null, r.sent(referrer).data()));
            send(new EventEnvelope(canary, canarySource, EventTypes.REFERRAL_SENT, r.referralId().toString(),
                    java.time.OffsetDateTime.now(), null, r.sent(referrer).data()));
            send(EventEnvelope.of(canarySource, "pathways.referral.future", r.referralId().toString(),
                    TestEvents.JSON.createObjectNode().put("story", canary)));
            TestEvents.send("referral.events", r.referralId().toString(), ("{\"summary\":\"" + canary + "\"").getBytes(StandardCharsets.UTF_8));

            // The real life of the referral (the source carries the canary; nothing reads it).
            send(withSource(r.sent(referrer), canarySource));
            send(withSource(r.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, spoc, null), canarySource));
            send(withSource(r.transition(EventTypes.REFERRAL_COMPLETED, "COMPLETED", "ACCEPTED", 3, spoc, null), canarySource));
            send(withSource(r.accessEnded(TestEvents.CELC, "TERMINAL_STATE", "COMPLETED", 3), canarySource));

            await().atMost(WAIT).until(() -> receiver.about(r.referralId().toString()).size() == 4);
            await().atMost(WAIT).until(() -> Inbox.about("kairos.caseworker1", r.referralId()).size() == 2);
            await().atMost(WAIT).until(() -> EmailTest.mailsTo("kairos.caseworker1@demo.pathways.invalid",
                    "R-" + r.referralId().toString().substring(0, 8).toUpperCase()).size() == 2);
            await().atMost(WAIT).until(() -> dlqCount(r.referralId().toString()) >= 3);

            List<String> forms = forms(canary);
            // Positive control: the canary is on the source topic.
            assertTrue(TopicReader.readToEnd("referral.events").stream()
                    .anyMatch(rec -> new String(rec.value(), StandardCharsets.UTF_8).contains(canary)));

            List<String> places = new ArrayList<>();
            for (String user : List.of("kairos.caseworker1", "kairos.coordinator1", "celc.coordinator1", "celc.admin1")) {
                places.add(given().auth().oauth2(Tokens.forUser(user)).queryParam("size", 100).get("/api/inbox")
                        .then().statusCode(200).extract().asString());
            }
            for (var m : NotificationTestResource.smtp.getReceivedMessages()) {
                places.add(GreenMailUtil.getWholeMessage(m));
            }
            synchronized (receiver.received) {
                receiver.received.forEach(x -> places.add(x.raw()));
            }
            for (String topic : List.of("referral.events.dlq", "consent.events.dlq", "directory.events.dlq")) {
                for (ConsumerRecord<String, byte[]> rec : TopicReader.readToEnd(topic)) {
                    places.add(rec.key() == null ? "" : rec.key());
                    places.add(rec.value() == null ? "" : new String(rec.value(), StandardCharsets.UTF_8));
                    for (Header h : rec.headers()) places.add(new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            places.add(given().auth().oauth2(Tokens.forUser("celc.admin1"))
                    .get("/api/webhooks/subscriptions/" + sub.get("id") + "/deliveries").then().extract().asString());
            places.add(dumpDatabase());
            Path log = Path.of("target/notification-test.log");
            assertTrue(Files.exists(log));
            places.add(Files.readString(log));

            for (String place : places) {
                for (String form : forms) assertFalse(place.contains(form), "the canary leaked");
            }
            given().auth().oauth2(Tokens.forUser("celc.admin1")).delete("/api/webhooks/subscriptions/" + sub.get("id"));
        }
    }

    static EventEnvelope withSource(EventEnvelope e, URI source) {
        return new EventEnvelope(e.id(), source, e.type(), e.subject(), e.time(), null, e.data());
    }

    static void send(EventEnvelope e) {
        TestEvents.send("referral.events", e.subject(), e.toBytes());
    }

    static long dlqCount(String key) {
        return TopicReader.readToEnd("referral.events.dlq").stream().filter(rec -> key.equals(rec.key())).count();
    }

    /** Raw, JSON-escaped and URL-encoded forms, and base64 at every byte alignment. */
    static List<String> forms(String canary) {
        List<String> forms = new ArrayList<>(List.of(canary, URLEncoder.encode(canary, StandardCharsets.UTF_8),
                canary.toLowerCase()));
        for (int pad = 0; pad < 3; pad++) {
            String b64 = Base64.getEncoder().encodeToString(("xx".substring(0, pad) + canary).getBytes(StandardCharsets.UTF_8));
            int skip = pad == 0 ? 0 : 4;
            forms.add(b64.substring(skip, b64.length() - 4));
        }
        return forms;
    }

    /** Every row of every table of this service's database, as text. */
    String dumpDatabase() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("select tablename from pg_tables where schemaname = 'public'")) {
                while (rs.next()) tables.add(rs.getString(1));
            }
            for (String t : tables) {
                try (ResultSet rs = st.executeQuery("select t::text from \"" + t + "\" t")) {
                    while (rs.next()) all.append(rs.getString(1)).append('\n');
                }
            }
        }
        return all.toString();
    }
}
