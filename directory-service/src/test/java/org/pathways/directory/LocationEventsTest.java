package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.platform.testing.Requests.as;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Location changes through the admin API reach {@code directory.events} through the outbox, read back from the real
 * topic: one event per committed change, ids and a change code only, never the address of a confidential location.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class LocationEventsTest {


    private static Map<String, Object> refuge(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("confidential", true);
        m.put("address1", "7 Quietwater Close");
        m.put("city", "Coventry");
        m.put("postcode", "CV3 6PT");
        m.put("area", "Coventry");
        m.put("latitude", 52.3911);
        m.put("longitude", -1.4878);
        m.put("phone", "024 7611 8642");
        return m;
    }

    private static List<ConsumerRecord<String, byte[]>> records(String locationId) {
        return TopicReader.readToEnd(Topics.DIRECTORY_EVENTS).stream().filter(r -> locationId.equals(r.key())).toList();
    }

    private static String subjectOf(String token) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1])).path("sub").asText();
    }

    @Test
    void createReplaceAndDeleteEachPublishOneEventWithIdsOnly() throws Exception {
        String loc = as("kairos.admin1").body(refuge("Kairos second safe house")).post("/api/locations").then().statusCode(201)
                .extract().path("id");
        String service = as("kairos.admin1").body(Map.of("name", "Second safe house outreach", "needCodes",
                List.of("refuge-safe-accommodation"), "areas", List.of("Coventry"), "locationIds", List.of(loc)))
                .post("/api/services").then().statusCode(201).extract().path("id");
        // Refused changes commit nothing, so they publish nothing: another organisation's admin, bad input, in use.
        as("celc.admin1").body(refuge("Taken over")).put("/api/locations/" + loc).then().statusCode(404);
        Map<String, Object> bad = refuge("x");
        bad.put("postcode", "NOT A POSTCODE");
        as("kairos.admin1").body(bad).put("/api/locations/" + loc).then().statusCode(400);
        as("kairos.admin1").delete("/api/locations/" + loc).then().statusCode(409);

        as("kairos.admin1").body(refuge("Kairos second safe house (east)")).put("/api/locations/" + loc).then().statusCode(200);
        as("kairos.admin1").body(Map.of("name", "Second safe house outreach", "needCodes", List.of("refuge-safe-accommodation"),
                "locationIds", List.of())).put("/api/services/" + service).then().statusCode(200);
        as("kairos.admin1").delete("/api/locations/" + loc).then().statusCode(204);

        // The key is the location id: one partition, so the events arrive in the order they committed.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> records(loc).stream()
                .anyMatch(r -> EventEnvelope.parse(r.value()).data().path("change").asText().equals("DELETED")));
        List<ConsumerRecord<String, byte[]>> records = records(loc);
        List<EventEnvelope> events = records.stream().map(r -> EventEnvelope.parse(r.value())).toList();
        assertEquals(List.of("CREATED", "UPDATED", "DELETED"), events.stream().map(e -> e.data().path("change").asText()).toList());
        String admin = subjectOf(Tokens.forUser("kairos.admin1"));
        for (EventEnvelope e : events) {
            assertEquals(EventTypes.DIRECTORY_LOCATION_CHANGED, e.type());
            assertEquals(loc, e.subject());
            assertTrue(EventSchemas.isValid(e.type(), e.data()), e.data().toString());
            assertEquals(loc, e.data().path("locationId").asText());
            assertEquals(org.pathways.directory.service.DemoDataLoader.KAIROS.toString(), e.data().path("organisationId").asText());
            assertEquals(admin, e.data().path("actorUserId").asText());
        }
        // Replaced while a service was delivered there: the event names that service (its published details changed).
        assertEquals(1, events.get(1).data().path("serviceIds").size());
        assertEquals(service, events.get(1).data().path("serviceIds").get(0).asText());
        assertFalse(events.get(0).data().has("serviceIds"), "nothing is delivered at a new location yet");
        assertTrue(events.get(1).data().path("version").asLong() > events.get(0).data().path("version").asLong());
        // Never the name, address, postcode (not even its district), coordinates or phone of the refuge.
        for (ConsumerRecord<String, byte[]> r : records) {
            String raw = new String(r.value(), StandardCharsets.UTF_8);
            for (String secret : List.of("Quietwater", "safe house", "CV3", "52.39", "1.487", "7611", "8642", "Coventry")) {
                assertFalse(raw.contains(secret), "a location event carried " + secret);
            }
        }
    }
}
