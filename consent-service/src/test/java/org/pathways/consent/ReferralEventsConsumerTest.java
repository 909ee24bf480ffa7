package org.pathways.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.pathways.consent.testing.ReferralServiceEvents.KAIROS;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.pathways.consent.testing.ReferralServiceEvents;

/**
 * consent-service's consumer of {@code referral.events} on its own (no request about her, so no standing is asked):
 * malformed events are parked and consumption goes on. Moved here from ConsentAccessTest, whose other tests now run in
 * the system tests against the real referral-service (ADR 0008); there, notification-service parks the same events on
 * the same dead-letter topic, so the count below would not be consent-service's alone.
 */
@QuarkusTest
@QuarkusTestResource(value = StackWithDirectory.class, initArgs = @ResourceArg(name = "service", value = "consent"))
class ReferralEventsConsumerTest {

    @Test
    void malformedEventsGoToTheDeadLetterTopicAndConsumptionGoesOn() {
        String garbageKey = UUID.randomUUID().toString(); // a key is an aggregate id; a DLQ pointer keeps only id-shaped keys
        ReferralServiceEvents.send(garbageKey, "this is not a cloudevent".getBytes(StandardCharsets.UTF_8));
        // Valid envelope, data that breaks the schema (a name where only ids may be).
        Map<String, Object> bad = Map.of("specversion", "1.0", "id", UUID.randomUUID().toString(), "source",
                "/referral-service", "type", EventTypes.SUBJECT_REGISTERED, "subject", garbageKey, "time",
                "2026-11-22T10:00:00Z", "datacontenttype", "application/json",
                "data", Map.of("subjectId", UUID.randomUUID().toString(), "organisationId", KAIROS,
                        "occurredAt", "2026-11-22T10:00:00Z", "name", "Jane"));
        try {
            ReferralServiceEvents.send(garbageKey, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(bad));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // Unknown type: skipped.
        ReferralServiceEvents.send(garbageKey, EventEnvelope.of(java.net.URI.create("/referral-service"),
                "pathways.referral.teleported", garbageKey,
                new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("x", 1)).toBytes());
        // Consumption goes on: a registration after them is applied.
        ReferralServiceEvents.registeredSubject(KAIROS);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var parked = TopicReader.readToEnd(Topics.deadLetter(Topics.REFERRAL_EVENTS)).stream()
                    .filter(r -> garbageKey.equals(r.key())).toList();
            org.junit.jupiter.api.Assertions.assertEquals(2, parked.size());
            var reasons = parked.stream().map(r -> new String(r.headers().lastHeader("pathways-dlq-reason").value(),
                    StandardCharsets.UTF_8)).toList();
            org.junit.jupiter.api.Assertions.assertEquals(List.of("not-json", "schema-violation"), reasons);
            // Parked as a pointer, not a copy: the name in the bad event is not on the dead-letter topic.
            parked.forEach(r -> org.junit.jupiter.api.Assertions.assertFalse(
                    new String(r.value(), StandardCharsets.UTF_8).contains("Jane"), "a malformed record was copied"));
        });
        given().get("/q/metrics").then().statusCode(200).body(org.hamcrest.Matchers.allOf(
                org.hamcrest.Matchers.containsString("pathways_consent_referral_events_total{outcome=\"malformed\"}"),
                org.hamcrest.Matchers.containsString("pathways_consent_referral_events_total{outcome=\"unknown_type\"}")));
    }
}
