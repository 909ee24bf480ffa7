package org.pathways.systemtests.consent;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.CELC;
import static org.pathways.systemtests.consent.ConsentApi.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.consent.testing.ConsentDb;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Issue 15 screen 6 (ADR 0090): a second person refuses a pending override with a reason code. The same people and the
 * same refusals as an approval; every refused refusal changes nothing.
 */
class OverrideRefusalTest {

    static ValidatableResponse refuse(String username, String overrideId, Object body) {
        return given().auth().oauth2(Tokens.forUser(username)).contentType(ContentType.JSON).body(body)
                .post("/api/overrides/" + overrideId + "/refusal").then();
    }

    static String requested(String subject, String requester) {
        return given().auth().oauth2(Tokens.forUser(requester)).contentType(ContentType.JSON)
                .body(SafeguardingOverrideTest.riskToCrasac()).post("/api/subjects/" + subject + "/overrides").then()
                .statusCode(201).extract().path("id");
    }

    static Object version(String overrideId) {
        return ConsentDb.value("select state || ':' || version from safeguarding_override where id = ?", UUID.fromString(overrideId));
    }

    @Test
    void anotherPersonRefusesAPendingOverrideWithAReasonAndItStaysWithoutEffect() {
        String subject = ReferralService.registeredSubject(CELC, "celc.caseworker1");
        String overrideId = requested(subject, "celc.caseworker1");

        refuse("celc.privacy1", overrideId, Map.of("reasonCode", "CONSENT_OBTAINABLE")).statusCode(200)
                .body("state", equalTo("REFUSED")).body("refusalReason", equalTo("CONSENT_OBTAINABLE"))
                .body("refusedBy.organisationId", equalTo(CELC)).body("refusedAt", notNullValue())
                .body("approvedBy", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(Tokens.forUser("celc.caseworker1")).get("/api/overrides/" + overrideId).then().statusCode(200)
                .body("state", equalTo("REFUSED"));
        SafeguardingOverrideTest.decide(subject, CRASAC, "SAFEGUARDING", List.of("RISK")).statusCode(200)
                .body("permitted", org.hamcrest.Matchers.empty());

        // Decided: neither a second refusal nor an approval.
        refuse("celc.coordinator1", overrideId, Map.of("reasonCode", "OTHER")).statusCode(409)
                .contentType(startsWith("application/problem+json")).body("type", org.hamcrest.Matchers.endsWith("override-not-pending"));
        given().auth().oauth2(Tokens.forUser("celc.coordinator1")).post("/api/overrides/" + overrideId + "/approval").then()
                .statusCode(409);
        assertEquals(0, ConsentDb.count("select count(*) from override_scope where override_id = ? and active",
                UUID.fromString(overrideId)));

        // Events: requested, refused; ids and codes only, valid against the schema.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<EventEnvelope> events = TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream()
                    .filter(r -> overrideId.equals(r.key())).map(r -> EventEnvelope.parse(r.value())).toList();
            assertEquals(List.of(EventTypes.CONSENT_OVERRIDE_REQUESTED, EventTypes.CONSENT_OVERRIDE_REFUSED),
                    events.stream().map(EventEnvelope::type).toList());
            assertTrue(EventSchemas.isValid(EventTypes.CONSENT_OVERRIDE_REFUSED, events.get(1).data()));
            assertEquals("CONSENT_OBTAINABLE", events.get(1).data().path("reasonCode").asText());
            assertFalse(events.get(1).data().toString().contains("MARAC"));
        });
    }

    @Test
    void refusalsOfARefusalChangeNothing() {
        String subject = ReferralService.registeredSubject(CELC, "celc.caseworker1");
        String overrideId = requested(subject, "celc.coordinator1");
        Object before = version(overrideId);

        // Four eyes: the requester cannot refuse her own request.
        refuse("celc.coordinator1", overrideId, Map.of("reasonCode", "OTHER")).statusCode(403)
                .contentType(startsWith("application/problem+json"));
        // Wrong role: 403; another organisation with nothing to do with her: the same 404 as an unknown id; no token 401.
        refuse("celc.caseworker1", overrideId, Map.of("reasonCode", "OTHER")).statusCode(403);
        refuse("wbg.evaluator1", overrideId, Map.of("reasonCode", "OTHER")).statusCode(403);
        refuse("fwt.privacy1", overrideId, Map.of("reasonCode", "OTHER")).statusCode(404);
        refuse("celc.privacy1", UUID.randomUUID().toString(), Map.of("reasonCode", "OTHER")).statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(Map.of("reasonCode", "OTHER")).post("/api/overrides/" + overrideId + "/refusal")
                .then().statusCode(401);

        // Bad input: 400 problem+json naming the field.
        refuse("celc.privacy1", overrideId, Map.of("reasonCode", "DONT_LIKE_IT")).statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("reasonCode"));
        refuse("celc.privacy1", overrideId, Map.of()).statusCode(400).body("errors.field", hasItem("reasonCode"));
        refuse("celc.privacy1", overrideId, Map.of("reasonCode", "")).statusCode(400).body("errors.field", hasItem("reasonCode"));
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).contentType(ContentType.JSON).body("{\"reasonCode\":")
                .post("/api/overrides/" + overrideId + "/refusal").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        assertEquals(before, version(overrideId), "nothing changed");

        // Lapsed but not yet expired by the job: 409, and nothing changes.
        ConsentDb.rows("update safeguarding_override set valid_until = now() - interval '1 minute' where id = ? returning id",
                UUID.fromString(overrideId));
        refuse("celc.privacy1", overrideId, Map.of("reasonCode", "OTHER")).statusCode(409)
                .body("type", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.endsWith("override-lapsed"),
                        org.hamcrest.Matchers.endsWith("override-not-pending")));
        assertEquals(0, ConsentDb.count("select count(*) from safeguarding_override where id = ? and state = 'REFUSED'",
                UUID.fromString(overrideId)));
    }
}
