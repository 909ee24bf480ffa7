package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.platform.testing.Requests.as;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 18 / ADR 0061: a change of a partnership's membership or agreements (who shares data with whom) is published on
 * {@code directory.events} as {@code partnership.changed}, with the partnership's version bumped by each change, so
 * referral-service's read model can drop what it holds. Fails before the change: no such event existed.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class PartnershipEventsTest {


    private static List<EventEnvelope> events(String partnershipId) {
        return TopicReader.readToEnd(Topics.DIRECTORY_EVENTS).stream().filter(r -> partnershipId.equals(r.key()))
                .map(r -> EventEnvelope.parse(r.value())).toList();
    }

    @Test
    void membershipAndAgreementChangesPublishVersionedEvents() {
        String id = as("fwt.partnership-admin1").body(Map.of("name", "Events partnership " + UUID.randomUUID()))
                .post("/api/partnerships").then().statusCode(201).extract().path("id");
        String mwnuk = DemoDataLoader.MWNUK.toString();
        as("fwt.partnership-admin1").body(Map.of("organisationId", mwnuk)).post("/api/partnerships/" + id + "/members")
                .then().statusCode(201);
        // Refused changes commit nothing and publish nothing.
        as("fwt.partnership-admin1").body(Map.of("organisationId", mwnuk)).post("/api/partnerships/" + id + "/members")
                .then().statusCode(409);
        String agreement = as("fwt.partnership-admin1").body(Map.of("title", "Events agreement", "version", "1",
                "startsOn", "2026-01-01", "parties", List.of(DemoDataLoader.FWT.toString(), mwnuk)))
                .post("/api/partnerships/" + id + "/agreements").then().statusCode(201).extract().path("id");
        as("fwt.partnership-admin1").delete("/api/partnerships/" + id + "/members/" + mwnuk).then().statusCode(204);

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> events(id).size() >= 3);
        List<EventEnvelope> events = events(id);
        assertEquals(List.of("MEMBER_ADDED", "AGREEMENT_RECORDED", "MEMBER_REMOVED"),
                events.stream().map(e -> e.data().path("change").asText()).toList());
        long previous = -1;
        for (EventEnvelope e : events) {
            assertEquals(EventTypes.DIRECTORY_PARTNERSHIP_CHANGED, e.type());
            assertEquals(id, e.subject());
            assertTrue(EventSchemas.isValid(e.type(), e.data()), e.data().toString());
            assertTrue(e.data().path("version").asLong() > previous, "versions grow with each change");
            previous = e.data().path("version").asLong();
        }
        assertEquals(mwnuk, events.get(0).data().path("organisationId").asText());
        assertEquals(agreement, events.get(1).data().path("agreementId").asText());
        assertEquals(mwnuk, events.get(2).data().path("organisationId").asText());

        // A partnership removed while unused: DELETED, with a version above its last.
        String unused = as("fwt.partnership-admin1").body(Map.of("name", "Unused partnership " + UUID.randomUUID()))
                .post("/api/partnerships").then().statusCode(201).extract().path("id");
        as("fwt.partnership-admin1").delete("/api/partnerships/" + unused).then().statusCode(204);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !events(unused).isEmpty());
        EventEnvelope deleted = events(unused).get(0);
        assertEquals("DELETED", deleted.data().path("change").asText());
        assertTrue(EventSchemas.isValid(deleted.type(), deleted.data()), deleted.data().toString());
    }
}
