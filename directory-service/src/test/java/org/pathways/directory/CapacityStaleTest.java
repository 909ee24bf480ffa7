package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.pathways.directory.Expect.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.directory.service.CapacityStaleJob;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Stale capacity: announced once per stale period per service, read back from Kafka. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class CapacityStaleTest {

    @Inject
    CapacityStaleJob job;

    @Inject
    EntityManager em;

    /** Lets {@code days} pass for one service: its capacity and stale-announcement times move back together. */
    private void daysPass(String serviceId, int days) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("""
                update service set capacity_updated_at = capacity_updated_at - make_interval(days => ?1),
                    capacity_stale_alerted_at = capacity_stale_alerted_at - make_interval(days => ?1)
                where id = ?2""").setParameter(1, days).setParameter(2, UUID.fromString(serviceId)).executeUpdate());
    }

    private static List<EventEnvelope> events(String type, String serviceId) {
        return TopicReader.readToEnd(Topics.DIRECTORY_EVENTS).stream().map(r -> EventEnvelope.parse(r.value()))
                .filter(e -> e.type().equals(type) && e.subject().equals(serviceId)).toList();
    }

    private static void confirmCapacity(String serviceId) {
        given().auth().oauth2(Tokens.forUser("kairos.admin1")).contentType(ContentType.JSON).body(Map.of("status", "WAITLIST", "waitWeeks", 3))
                .put("/api/services/" + serviceId + "/capacity").then().statusCode(200);
    }

    @Test
    void staleCapacityIsAnnouncedOncePerStalePeriod() {
        String service = given().auth().oauth2(Tokens.forUser("kairos.admin1")).contentType(ContentType.JSON)
                .body(Map.of("name", "Stale capacity drop-in", "needCodes", List.of("isolation"), "areas", List.of("Coventry")))
                .post("/api/services").then().statusCode(201).extract().path("id");

        // Fresh capacity: nothing to announce for this service.
        job.announceBatch();
        daysPass(service, 15); // unconfirmed for longer than the 14-day stale period
        job.announceBatch();
        job.announceBatch(); // the same period again: no second announcement
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/services/" + service).then().statusCode(200)
                .body("capacity.stale", org.hamcrest.Matchers.equalTo(true));

        // Confirming the capacity publishes capacity.changed after the stale events (same key, same partition): once it
        // is on the topic, every stale event of this service that was ever published is there too.
        confirmCapacity(service);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> !events(EventTypes.DIRECTORY_CAPACITY_CHANGED, service).isEmpty());
        List<EventEnvelope> stale = events(EventTypes.DIRECTORY_CAPACITY_STALE, service);
        assertThat(stale.size()).as("one announcement for one stale period").isEqualTo(1);
        EventEnvelope e = stale.get(0);
        assertThat(EventSchemas.isValid(EventTypes.DIRECTORY_CAPACITY_STALE, e.data())).isTrue();
        assertThat(e.data().get("capacityStatus").asText()).isEqualTo("HAS_CAPACITY");
        assertThat(e.data().has("actorUserId")).isFalse();
        assertThat(e.data().toString().contains("Stale capacity drop-in")).as("ids and codes only").isFalse();

        // Confirmed, then a few days: not stale. Then unconfirmed for a whole new period: announced again, once.
        daysPass(service, 5);
        job.announceBatch();
        daysPass(service, 10);
        job.announceBatch();
        job.announceBatch();
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventTypes.DIRECTORY_CAPACITY_STALE, service).size() >= 2);
        confirmCapacity(service);
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> events(EventTypes.DIRECTORY_CAPACITY_CHANGED, service).size() >= 2);
        List<EventEnvelope> after = events(EventTypes.DIRECTORY_CAPACITY_STALE, service);
        assertThat(after.size()).isEqualTo(2);
        assertThat(after.get(1).data().get("capacityStatus").asText()).isEqualTo("WAITLIST");
    }
}
