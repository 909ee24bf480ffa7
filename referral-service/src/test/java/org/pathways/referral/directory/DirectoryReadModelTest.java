package org.pathways.referral.directory;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.directoryUrl;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 18 / ADR 0061, on the real stack: the directory facts a send needs are held in referral-service's read model,
 * kept current from directory.events. Each test fails before the read model: a change did reach a send before too, but
 * only by asking live every time, so a stopped directory-service refused every send (503) and nothing was held.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class DirectoryReadModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    private static RequestSpecification directoryAs(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON);
    }

    /** A new CRASAC service accepting partner referrals (its own, so no other test's sends or changes touch it). */
    private String newCrasacService() {
        String id = directoryAs("crasac.admin1").body(service("active")).post(directoryUrl() + "/api/services").then().statusCode(201)
                .extract().path("id");
        // Its service.created applied first: an event applied while a send asks live keeps that answer from being stored.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> heldVersion(id) >= 0);
        return id;
    }

    private static Map<String, Object> service(String status) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", "Read model test group");
        m.put("needCodes", List.of("counselling"));
        m.put("areas", List.of("Coventry"));
        m.put("status", status);
        m.put("acceptsPartnerReferrals", true);
        return m;
    }

    private String consentedSubject() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        return subject;
    }

    private long held(String serviceId) {
        return count(db, "select count(*) from directory_routing where service_id = ?", uuid(serviceId));
    }

    private long heldVersion(String serviceId) {
        return count(db, "select coalesce(max(version), -1) from directory_aggregate where kind = 'SERVICE' and id = ?", uuid(serviceId));
    }

    @Test
    void aServiceThatStopsAcceptingIsRefusedAsSoonAsItsEventArrives() {
        String service = newCrasacService();
        String subject = consentedSubject();
        send("kairos.caseworker1", referral(subject, service, List.of("counselling"), List.of("NEEDS"))).statusCode(201);
        assertEquals(1, held(service), "the routing asked for live is held");
        assertEquals(1, count(db, "select count(*) from directory_sharing where organisation_a = least(?::uuid, ?::uuid) "
                + "and organisation_b = greatest(?::uuid, ?::uuid)", KAIROS, CRASAC, KAIROS, CRASAC));

        directoryAs("crasac.admin1").body(service("inactive")).put(directoryUrl() + "/api/services/" + service).then().statusCode(200);
        // No time-to-live: its service.updated event drops the held routing, and the next send asks again.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> held(service) == 0);
        send("kairos.caseworker1", referral(subject, service, List.of("counselling"), List.of("NEEDS"))).statusCode(422)
                .body("type", equalTo("https://pathways.example/problems/service-not-accepting"));
        assertEquals(1, count(db, "select count(*) from referral where to_service_id = ?", uuid(service)));
    }

    @Test
    void aRepeatedOrLateEventChangesNothingAndANewerOneIsApplied() {
        String service = newCrasacService();
        String subject = consentedSubject();
        long version = heldVersion(service);
        send("kairos.caseworker1", referral(subject, service, List.of("counselling"), List.of("NEEDS"))).statusCode(201);
        assertEquals(1, held(service));

        // A newer version (here published by the test, as the directory would after a change) drops the held routing.
        EventEnvelope newer = publish(serviceUpdated(service, version + 5));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> held(service) == 0);
        assertEquals(version + 5, heldVersion(service));
        send("kairos.caseworker1", referral(subject, service, List.of("counselling"), List.of("NEEDS"))).statusCode(201);
        assertEquals(1, held(service), "asked live once more and held");

        // Then a late event (a lower version), the same version again under a new id, and a redelivery of the same event:
        // none of them drops what is held or rolls the version back.
        EventEnvelope late = publish(serviceUpdated(service, version + 4));
        EventEnvelope repeat = publish(serviceUpdated(service, version + 5));
        publishRaw(service, newer.toBytes());
        // One key, one partition, consumed in order: once this last (also late) one is handled, so are the three before it.
        EventEnvelope last = publish(serviceUpdated(service, version + 3));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> processed(last.id()) == 1);
        assertEquals(1, processed(late.id()));
        assertEquals(1, processed(repeat.id()));
        assertEquals(1, processed(newer.id()), "one event id, handled once");
        assertEquals(1, held(service), "a late, repeated or redelivered event does not drop the model");
        assertEquals(version + 5, heldVersion(service), "nor roll its version back");
        send("kairos.caseworker1", referral(subject, service, List.of("counselling"), List.of("NEEDS"))).statusCode(201);
    }

    @Test
    void aPartnershipChangeDropsTheDataSharingAnswersHeld() {
        String subject = consentedSubject();
        send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"))).statusCode(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> count(db, "select count(*) from directory_sharing") > 0);
        String partnership = directoryAs("fwt.partnership-admin1").body(Map.of("name", "Read model partnership " + UUID.randomUUID()))
                .post(directoryUrl() + "/api/partnerships").then().statusCode(201).extract().path("id");
        directoryAs("fwt.partnership-admin1").body(Map.of("organisationId", KAIROS))
                .post(directoryUrl() + "/api/partnerships/" + partnership + "/members").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> count(db, "select count(*) from directory_sharing") == 0);
        // Asked again live on the next send, which still finds the Coventry agreement.
        send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"))).statusCode(201);
        assertEquals(1, count(db, "select count(*) from directory_sharing"));
    }

    @Test
    void withTheModelHeldASendWorksWhileTheDirectoryIsStoppedAndConsentIsStillAskedLive() {
        String subject = consentedSubject();
        send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"))).statusCode(201);
        assertEquals(1, held(CRASAC_COUNSELLING));
        String unconsented = registeredAndKnownToConsent("kairos.caseworker1");

        StackManager stack = StackManager.forProfile("test");
        stack.stopComponent("directory");
        try {
            send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"))).statusCode(201);
            // consent-service is asked on every send: no consent, no referral, directory or not.
            send("kairos.caseworker1", referral(unconsented, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                    .statusCode(422).body("type", equalTo("https://pathways.example/problems/consent-not-covering"));
            // A fact not held still needs the directory: 503, nothing stored.
            send("kairos.caseworker1", referral(subject, UUID.randomUUID().toString(), List.of("counselling"), List.of("NEEDS")))
                    .statusCode(503).body("type", equalTo("https://pathways.example/problems/dependency-unavailable"));
        } finally {
            stack.startComponent("directory");
        }
        assertEquals(2, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));
        assertEquals(0, count(db, "select count(*) from referral where subject_id = ?", uuid(unconsented)));
    }

    // ------------------------------------------------------------------------------------------------------------------

    private long processed(String eventId) {
        return count(db, "select count(*) from processed_event where consumer = 'referral-service.directory-events' and event_id = ?",
                eventId);
    }

    private static EventEnvelope serviceUpdated(String service, long version) {
        ObjectNode d = JSON.createObjectNode();
        d.put("serviceId", service);
        d.put("organisationId", CRASAC);
        d.put("capacityStatus", "HAS_CAPACITY");
        d.putArray("needCodes").add("counselling");
        d.put("version", version);
        d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        if (!EventSchemas.validate(EventTypes.DIRECTORY_SERVICE_UPDATED, d).isEmpty()) {
            throw new IllegalArgumentException("test event breaks the contract: " + EventSchemas.validate(EventTypes.DIRECTORY_SERVICE_UPDATED, d));
        }
        return EventEnvelope.of(URI.create("/directory-service"), EventTypes.DIRECTORY_SERVICE_UPDATED, service, d);
    }

    private static EventEnvelope publish(EventEnvelope e) {
        publishRaw(e.subject(), e.toBytes());
        return e;
    }

    private static KafkaProducer<String, byte[]> producer;

    private static synchronized void publishRaw(String key, byte[] value) {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.DIRECTORY_EVENTS, key, value);
        record.headers().add("content-type", EventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (Exception ex) {
            throw new IllegalStateException("could not publish to the test broker", ex);
        }
    }
}
