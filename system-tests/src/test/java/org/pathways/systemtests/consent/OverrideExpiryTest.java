package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.consent.ConsentBodies.decision;
import static org.pathways.systemtests.consent.ConsentBodies.recipient;
import static org.pathways.systemtests.consent.ConsentApi.COVENTRY;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.KAIROS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import org.pathways.platform.testing.TopicReader;

/** Overrides end by themselves: EXPIRED state and a pathways.consent.override.expired event, once. */
class OverrideExpiryTest {

    static Map<String, Object> shortOverride(int seconds) {
        return Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                "justification", "MARAC agreed a short safeguarding window.",
                "recipients", List.of(recipient("ORGANISATION", CRASAC)), "purposes", List.of("SAFEGUARDING"),
                "categories", List.of("RISK"), "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(seconds).toString());
    }

    static List<EventEnvelope> events(String overrideId) {
        return TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream().filter(r -> overrideId.equals(r.key()))
                .map(r -> EventEnvelope.parse(r.value())).toList();
    }

    static String request(String subject, int seconds) {
        return given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(shortOverride(seconds)).post("/api/subjects/" + subject + "/overrides").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void anApprovedOverrideExpiresAndStopsPermitting() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String overrideId = request(subject, 10);
        given().auth().oauth2(Tokens.forUser("kairos.coordinator1")).post("/api/overrides/" + overrideId + "/approval").then()
                .statusCode(200).body("state", equalTo("APPROVED"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals(List.of(EventTypes.CONSENT_OVERRIDE_REQUESTED,
                EventTypes.CONSENT_OVERRIDE_APPROVED, EventTypes.CONSENT_OVERRIDE_EXPIRED),
                events(overrideId).stream().map(EventEnvelope::type).toList()));
        EventEnvelope expired = events(overrideId).get(2);
        assertTrue(EventSchemas.isValid(EventTypes.CONSENT_OVERRIDE_EXPIRED, expired.data()));
        assertEquals("APPROVED", expired.data().path("previousState").asText());
        assertEquals("EXPIRED", expired.data().path("state").asText());
        assertFalse(expired.data().toString().contains("MARAC"), "ids and codes only");

        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/overrides/" + overrideId).then().statusCode(200)
                .body("state", equalTo("EXPIRED"));
        given().auth().oauth2(Tokens.forClient("referral-service")).contentType(ContentType.JSON)
                .body(decision(subject, COVENTRY, CRASAC, "SAFEGUARDING", List.of("RISK"))).post("/api/decisions").then()
                .statusCode(200).body("permitted", empty());
        // The job keeps running: still exactly one expired event.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(1,
                events(overrideId).stream().filter(e -> e.type().equals(EventTypes.CONSENT_OVERRIDE_EXPIRED)).count()));
    }

    @Test
    void aRequestNobodyApprovedInTimeExpiresAndCannotBeApproved() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String overrideId = request(subject, 3);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().auth().oauth2(Tokens.forUser("kairos.caseworker1"))
                .get("/api/overrides/" + overrideId).then().statusCode(200).body("state", equalTo("EXPIRED")));
        given().auth().oauth2(Tokens.forUser("kairos.coordinator1")).post("/api/overrides/" + overrideId + "/approval").then()
                .statusCode(409);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<EventEnvelope> events = events(overrideId);
            assertEquals(List.of(EventTypes.CONSENT_OVERRIDE_REQUESTED, EventTypes.CONSENT_OVERRIDE_EXPIRED),
                    events.stream().map(EventEnvelope::type).toList());
            assertEquals("REQUESTED", events.get(1).data().path("previousState").asText());
        });
    }
}
