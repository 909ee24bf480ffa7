package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.consent.ConsentBodies.recipient;
import static org.pathways.systemtests.consent.ConsentApi.COVENTRY;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.FWT;
import static org.pathways.systemtests.consent.ConsentApi.HAVEN;
import static org.pathways.systemtests.consent.ConsentApi.KAIROS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import org.pathways.consent.testing.ConsentDb;
import org.pathways.platform.testing.TopicReader;

/**
 * Issue 14, finding 4 (ADR 0027): CRASAC, holding only a SENT referral, wrote a version adding Coventry Haven, STORY and
 * IDENTITY. Now: any organisation on a live referral may narrow or withdraw; widening by anyone but her registering
 * organisation needs a taken-up referral and tells her registering organisation; the receipt and her access log say who
 * recorded each version. Where CRASAC stands is the real referral-service's answer (ADR 0008).
 */
class WideningTest {

    static final OffsetDateTime FROM = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).truncatedTo(ChronoUnit.SECONDS);
    static final OffsetDateTime UNTIL = FROM.plusMonths(6);

    /** Fixed periods, so "the same provision again" is the same and only what the test adds widens. */
    static Map<String, Object> provision(String org, List<String> purposes, List<String> categories) {
        return Map.of("recipients", List.of(recipient("ORGANISATION", org)), "purposes", purposes, "categories", categories,
                "validFrom", FROM.toString(), "validUntil", UNTIL.toString());
    }

    static Map<String, Object> version(int basedOn, List<Map<String, Object>> provisions) {
        return ConsentBodies.newVersion(basedOn, provisions);
    }

    static final Map<String, Object> CRASAC_TRIAGE = provision(CRASAC, List.of("REFERRAL"), List.of("NEEDS", "SAFE_CONTACT"));
    static final Map<String, Object> FWT_NEEDS = provision(FWT, List.of("REFERRAL"), List.of("NEEDS"));
    static final Map<String, Object> HAVEN_STORY = provision(HAVEN, List.of("REFERRAL", "CASE_COORDINATION"),
            List.of("STORY", "IDENTITY"));

    static String userId(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).get("/api/me").then().statusCode(200).extract().path("userId");
    }

    static List<EventEnvelope> events(String consentId) {
        return TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream().filter(r -> consentId.equals(r.key()))
                .map(r -> EventEnvelope.parse(r.value())).toList();
    }

    static io.restassured.response.ValidatableResponse newVersion(String user, String consentId, Map<String, Object> body) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON).body(body)
                .post("/api/consents/" + consentId + "/versions").then();
    }

    @Test
    void aReceiverWithOnlyASentReferralMayNarrowButNotWidenAndOnceItAcceptedItsWideningTellsKairos() {
        String lead = userId("kairos.caseworker2");
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1", lead);
        String consentId = given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(ConsentBodies.consent(COVENTRY, List.of(CRASAC_TRIAGE, FWT_NEEDS)))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201).extract().path("id");
        String referral = ReferralService.sent("kairos.caseworker1", subject, CRASAC);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.forUser("crasac.caseworker1"))
                .get("/api/consents/" + consentId).then().statusCode(200));

        // The step: CRASAC (SENT only) adds Coventry Haven with STORY and IDENTITY. Refused; nothing changes.
        newVersion("crasac.coordinator1", consentId, version(1, List.of(CRASAC_TRIAGE, FWT_NEEDS, HAVEN_STORY)))
                .statusCode(403).contentType(startsWith("application/problem+json"))
                .body("type", endsWith("/widening-not-allowed"));
        // A first record in another partnership is a widening too.
        given().auth().oauth2(Tokens.forUser("crasac.caseworker1")).contentType(ContentType.JSON)
                .body(ConsentBodies.consent(UUID.randomUUID().toString(), List.of(HAVEN_STORY)))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(403)
                .body("type", endsWith("/widening-not-allowed"));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/consents/" + consentId).then()
                .statusCode(200).body("currentVersion", equalTo(1));

        // Narrowing by the LIVE_REFERRAL organisation works: a partial withdrawal of FWT...
        given().auth().oauth2(Tokens.forUser("crasac.caseworker1")).contentType(ContentType.JSON)
                .body(Map.of("scope", "PARTIAL", "recipient", recipient("ORGANISATION", FWT), "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(200).body("currentVersion", equalTo(2));
        // ...and a narrower version (SAFE_CONTACT dropped, same period).
        newVersion("crasac.caseworker1", consentId, version(2, List.of(provision(CRASAC, List.of("REFERRAL"), List.of("NEEDS")))))
                .statusCode(200).body("currentVersion", equalTo(3));
        // The partial withdrawal names only FWT as affected (finding 10: CELC, not named, is not told).
        await().atMost(Duration.ofSeconds(30)).until(() -> events(consentId).stream()
                .anyMatch(e -> EventTypes.CONSENT_WITHDRAWN.equals(e.type())));
        EventEnvelope partial = events(consentId).stream().filter(e -> EventTypes.CONSENT_WITHDRAWN.equals(e.type()))
                .findFirst().orElseThrow();
        assertEquals(List.of(FWT), iterable(partial.data().path("withdrawnRecipientIds")));

        // CRASAC accepts: now it may widen, and Kairos is told.
        ReferralService.moved("crasac.coordinator1", referral, 1, "ACCEPTED");
        String crasacWorker = userId("crasac.coordinator1");
        newVersion("crasac.coordinator1", consentId, version(3, List.of(provision(CRASAC, List.of("REFERRAL"), List.of("NEEDS")),
                HAVEN_STORY))).statusCode(200).body("currentVersion", equalTo(4))
                .body("versions[3].recordedBy.organisationId", equalTo(CRASAC))
                .body("versions[3].recordedBy.userId", equalTo(crasacWorker));
        await().atMost(Duration.ofSeconds(30)).until(() -> events(consentId).stream()
                .anyMatch(e -> EventTypes.CONSENT_WIDENED.equals(e.type())));
        List<EventEnvelope> widened = events(consentId).stream().filter(e -> EventTypes.CONSENT_WIDENED.equals(e.type())).toList();
        assertEquals(1, widened.size(), "only the widening, not the narrowings, tells her organisation");
        var d = widened.get(0).data();
        assertTrue(EventSchemas.validate(EventTypes.CONSENT_WIDENED, d).isEmpty());
        assertEquals(4, d.path("version").asInt());
        assertEquals(CRASAC, d.path("recordedByOrganisationId").asText());
        assertEquals(crasacWorker, d.path("recordedByUserId").asText());
        assertEquals(KAIROS, d.path("registeringOrganisationId").asText());
        assertEquals(lead, d.path("leadWorkerUserId").asText());
        // Haven may now be sent her story for the referral.
        given().auth().oauth2(Tokens.forClient("referral-service")).contentType(ContentType.JSON)
                .body(ConsentBodies.decision(subject, COVENTRY, HAVEN, "REFERRAL", List.of("STORY"))).post("/api/decisions")
                .then().statusCode(200).body("permitted.category", hasItem("STORY"));

        // The receipt says who recorded each version.
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/consents/" + consentId + "/receipt").then()
                .statusCode(200).body("versions[0].recordedByOrganisationId", equalTo(KAIROS))
                .body("versions[3].recordedByOrganisationId", equalTo(CRASAC))
                .body("versions[3].recordedByUserId", equalTo(crasacWorker));
        // Her access log holds who recorded and who withdrew, each with organisation and user.
        assertEquals(1, ConsentDb.count("select count(*) from access_audit where subject_id = ? and consent_id = ?"
                + " and action = 'CONSENT_WITHDRAWN' and actor_organisation_id = ?", UUID.fromString(subject),
                UUID.fromString(consentId), UUID.fromString(CRASAC)));
        assertEquals(2, ConsentDb.count("select count(*) from access_audit where subject_id = ? and consent_id = ?"
                + " and action = 'CONSENT_RECORDED' and actor_organisation_id = ?", UUID.fromString(subject),
                UUID.fromString(consentId), UUID.fromString(CRASAC)));
        assertEquals(1, ConsentDb.count("select count(*) from access_audit where subject_id = ? and consent_id = ?"
                + " and action = 'CONSENT_RECORDED' and actor_organisation_id = ? and actor_user_id = ?",
                UUID.fromString(subject), UUID.fromString(consentId), UUID.fromString(KAIROS), userId("kairos.caseworker1")));

        // Her registering organisation widens without a referral and without telling itself.
        newVersion("kairos.caseworker1", consentId, version(4, List.of(provision(CRASAC, List.of("REFERRAL"), List.of("NEEDS")),
                HAVEN_STORY, FWT_NEEDS))).statusCode(200).body("currentVersion", equalTo(5));
        // Same key, same partition, one outbox in order: once v5's "changed" is on the topic, any event of v5 is too.
        await().atMost(Duration.ofSeconds(30)).until(() -> events(consentId).stream().anyMatch(e ->
                EventTypes.CONSENT_CHANGED.equals(e.type()) && e.data().path("version").asInt() == 5));
        assertEquals(1, events(consentId).stream().filter(e -> EventTypes.CONSENT_WIDENED.equals(e.type())).count());
    }

    @Test
    void aReceiverWhoseReferralEndedNeitherWidensNorNarrows() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(ConsentBodies.consent(COVENTRY, List.of(CRASAC_TRIAGE)))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201).extract().path("id");
        String referral = ReferralService.sent("kairos.caseworker1", subject, CRASAC);
        ReferralService.moved("crasac.coordinator1", referral, 1, "ACCEPTED");
        ReferralService.moved("crasac.caseworker1", referral, 2, "IN_PROGRESS");
        ReferralService.completed("crasac.caseworker1", referral, 3, CRASAC);
        newVersion("crasac.coordinator1", consentId, version(1, List.of(CRASAC_TRIAGE, HAVEN_STORY))).statusCode(404);
        given().auth().oauth2(Tokens.forUser("crasac.coordinator1")).contentType(ContentType.JSON)
                .body(Map.of("scope", "WHOLE", "method", "VERBAL")).post("/api/consents/" + consentId + "/withdrawals")
                .then().statusCode(404);
    }

    static List<String> iterable(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
