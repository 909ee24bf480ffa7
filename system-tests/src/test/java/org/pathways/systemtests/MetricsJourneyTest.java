package org.pathways.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.CELC_IMMIGRATION;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pathways.stack.testing.StackInfo;

/**
 * Issue 19, ADR 0078: the business metrics on each service's {@code /q/metrics}, read from the running services after
 * the things they count happened — a send (events committed, a consent decision, the SPOC's notification applied),
 * refused requests, a malformed record parked by two consumers. And every metric deploy/observability's alert rules and
 * dashboard use (exported-metrics.txt) is really exported by the services it names.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsJourneyTest {

    static final List<String> SERVICES = List.of("directory", "consent", "referral", "notification");
    static final List<String> CELC_SECTIONS = List.of("SAFE_CONTACT", "NEEDS", "IMMIGRATION");

    @Test
    @Order(1)
    void theBusinessMetricsCountWhatHappened() throws Exception {
        Instant start = Instant.now().minusSeconds(5);
        double sendsBefore = value("referral", "pathways_events_committed_total", Map.of("type", "pathways.referral.sent"));

        // A send: referral-service commits it, consent-service decides, notification-service tells the SPOC.
        String subject = registerKnownToConsent("kairos.caseworker1");
        writeOnce("kairos.caseworker1", subject, "SAFE_CONTACT", "{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":true,"
                + "\"namedWorkerId\":\"" + userId("kairos.caseworker1") + "\"}");
        writeOnce("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"legal-immigration\",\"status\":\"IDENTIFIED\"}]}");
        writeOnce("kairos.caseworker1", subject, "IMMIGRATION", "{\"noRecourseToPublicFunds\":true}");
        recordConsent("kairos.caseworker1", subject, Map.of(CELC, CELC_SECTIONS));
        String id = sent("kairos.caseworker1", referralBody(subject, CELC_IMMIGRATION, List.of("legal-immigration"), CELC_SECTIONS));
        awaitInbox("celc.coordinator1", id, "REFERRAL_SENT", start);
        assertTrue(value("referral", "pathways_events_committed_total", Map.of("type", "pathways.referral.sent")) >= sendsBefore + 1,
                "the send is counted when it commits");
        assertTrue(value("consent", "pathways_consent_decisions_total", Map.of("outcome", "permitted")) >= 1, "a consent decision");
        assertTrue(value("notification", "pathways_notification_events_total",
                Map.of("topic", "referral.events", "outcome", "applied")) >= 1, "the sent event applied");

        // Refused requests: no token (401) at every service.
        for (String s : SERVICES) {
            double before = value(s, "pathways_access_denials_total", Map.of("status", "401"));
            given().get(StackInfo.serviceUrl(s) + "/api/me").then().statusCode(401);
            assertTrue(value(s, "pathways_access_denials_total", Map.of("status", "401")) >= before + 1, s + ": the 401 is counted");
        }

        // A record that is not a CloudEvent: consent- and notification-service park it (a pointer) and count it.
        double consentBefore = value("consent", "pathways_dead_letters_total", Map.of("topic", "referral.events"));
        double notificationBefore = value("notification", "pathways_dead_letters_total", Map.of("topic", "referral.events"));
        Properties kp = new Properties();
        kp.put("bootstrap.servers", StackInfo.get("kafka.bootstrap-servers"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kp, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>("referral.events", UUID.randomUUID().toString(),
                    "{\"not\":\"a cloud event\"}".getBytes(StandardCharsets.UTF_8))).get();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                value("consent", "pathways_dead_letters_total", Map.of("topic", "referral.events")) >= consentBefore + 1
                        && value("notification", "pathways_dead_letters_total", Map.of("topic", "referral.events")) >= notificationBefore + 1);

        // Lag gauges: present and sane (a number, not negative) on every service.
        for (String s : SERVICES) {
            double age = value(s, "pathways_outbox_oldest_pending_age_seconds", Map.of());
            assertTrue(age >= 0 && age < 3600, s + ": outbox age " + age);
        }
        assertTrue(value("referral", "pathways_referral_timers_due", Map.of()) >= 0);
    }

    @Test
    @Order(2)
    void everyMetricTheRulesAndDashboardUseIsExported() throws Exception {
        Map<String, String> scraped = new LinkedHashMap<>();
        for (String s : SERVICES) scraped.put(s, scrape(s));
        List<String> missing = new ArrayList<>();
        Path list = Path.of("").toAbsolutePath().getParent().resolve("deploy/observability/exported-metrics.txt");
        for (String line : Files.readAllLines(list)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) continue;
            String[] f = l.split("\\s+");
            if (f[1].equals("prometheus")) continue; // Prometheus' own (up)
            for (String s : f[1].equals("all") ? SERVICES : List.of(f[1].split(","))) {
                if (!Pattern.compile("(?m)^" + Pattern.quote(f[0]) + "[{ ]").matcher(scraped.get(s)).find()) {
                    missing.add(f[0] + " on " + s);
                }
            }
        }
        assertEquals(List.of(), missing, "metrics the alert rules or the dashboard rely on, not exported "
                + "(MetricsJourneyTest.theBusinessMetricsCountWhatHappened makes the counters exist when run first)");
    }

    static String scrape(String service) {
        return given().get(StackInfo.serviceUrl(service) + "/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The sum of a metric's samples whose labels include these (0 when none). */
    static double value(String service, String metric, Map<String, String> labels) {
        double sum = 0;
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})?\\s+(\\S+)").matcher(scrape(service));
        while (m.find()) {
            String l = m.group(1) == null ? "" : m.group(1);
            if (labels.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\""))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
