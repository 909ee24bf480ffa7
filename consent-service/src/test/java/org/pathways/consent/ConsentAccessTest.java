package org.pathways.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.consent.ConsentBodies.consent;
import static org.pathways.consent.ConsentBodies.provision;
import static org.pathways.consent.ConsentBodies.recipient;
import static org.pathways.consent.ReferralServiceEvents.COVENTRY;
import static org.pathways.consent.ReferralServiceEvents.CRASAC;
import static org.pathways.consent.ReferralServiceEvents.FWT;
import static org.pathways.consent.ReferralServiceEvents.KAIROS;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Who may act (registering organisation, live referrals), who may read, and bad input changing nothing. */
@QuarkusTest
@QuarkusTestResource(value = StackWithDirectory.class, initArgs = @ResourceArg(name = "service", value = "consent"))
class ConsentAccessTest {

    static String token(String user) {
        return Tokens.forUser(user);
    }

    static Map<String, Object> crasacNeeds() {
        return consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)), List.of("REFERRAL"),
                List.of("NEEDS"))));
    }

    @Test
    void unknownSubjectIs404Everywhere() {
        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(token("kairos.caseworker1")).get("/api/subjects/" + unknown + "/consents").then()
                .statusCode(404).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(token("kairos.caseworker1")).contentType(ContentType.JSON).body(crasacNeeds())
                .post("/api/subjects/" + unknown + "/consents").then().statusCode(404);
        given().auth().oauth2(token("kairos.caseworker1")).get("/api/consents/" + UUID.randomUUID()).then().statusCode(404);
        given().auth().oauth2(token("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(Map.of("scope", "WHOLE", "method", "VERBAL"))
                .post("/api/consents/" + UUID.randomUUID() + "/withdrawals").then().statusCode(404);
    }

    /** Issue 8, journey 6: a consent or override that is not yours answers exactly as an id that does not exist. */
    @Test
    void aConsentOrOverrideNotYoursIsIndistinguishableFromAnUnknownId() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(token("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(crasacNeeds()).post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .extract().path("id");
        String overrideId = given().auth().oauth2(token("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                        "justification", "Risk to life", "recipients", List.of(recipient("ORGANISATION", CRASAC)),
                        "purposes", List.of("SAFEGUARDING"), "categories", List.of("NEEDS"),
                        "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString()))
                .post("/api/subjects/" + subject + "/overrides").then().statusCode(201).extract().path("id");
        String unknown = UUID.randomUUID().toString();
        Map<String, Object> withdrawal = Map.of("scope", "WHOLE", "method", "VERBAL");
        // CRASAC has no referral for her: each answer is the unknown id's, word for word.
        for (String[] call : List.of(new String[] { "GET", "/api/consents/%s" }, new String[] { "GET", "/api/consents/%s/receipt" },
                new String[] { "POST", "/api/consents/%s/withdrawals" }, new String[] { "GET", "/api/overrides/%s" },
                new String[] { "POST", "/api/overrides/%s/approval" })) {
            String id = call[1].contains("overrides") ? overrideId : consentId;
            var hers = request(call[0], withdrawal).request(call[0], String.format(call[1], id));
            var nobody = request(call[0], withdrawal).request(call[0], String.format(call[1], unknown));
            hers.then().statusCode(404).contentType(startsWith("application/problem+json"));
            nobody.then().statusCode(404);
            org.junit.jupiter.api.Assertions.assertEquals(nobody.jsonPath().getString("detail"), hers.jsonPath().getString("detail"),
                    call[0] + " " + call[1]);
            org.junit.jupiter.api.Assertions.assertEquals(nobody.jsonPath().getString("type"), hers.jsonPath().getString("type"));
        }
        // Nothing changed: still active, still requested.
        given().auth().oauth2(token("kairos.caseworker1")).get("/api/consents/" + consentId).then().statusCode(200)
                .body("state", equalTo("ACTIVE"));
        given().auth().oauth2(token("kairos.caseworker1")).get("/api/overrides/" + overrideId).then().statusCode(200)
                .body("state", equalTo("REQUESTED"));
    }

    private static io.restassured.specification.RequestSpecification request(String method, Map<String, Object> body) {
        var spec = given().auth().oauth2(token("crasac.coordinator1")).contentType(ContentType.JSON);
        return "POST".equals(method) ? spec.body(body) : spec;
    }

    @Test
    void aLiveReferralLetsTheOtherOrganisationActUntilItEnds() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(token("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(crasacNeeds()).post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .extract().path("id");
        // CRASAC has no referral for her yet: she does not exist for CRASAC.
        given().auth().oauth2(token("crasac.caseworker1")).get("/api/subjects/" + subject + "/consents").then().statusCode(404);
        given().auth().oauth2(token("crasac.caseworker1")).get("/api/consents/" + consentId).then().statusCode(404);
        given().auth().oauth2(token("crasac.caseworker1")).contentType(ContentType.JSON)
                .body(Map.of("scope", "WHOLE", "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(404);

        String referral = UUID.randomUUID().toString();
        ReferralServiceEvents.referral(EventTypes.REFERRAL_SENT, referral, subject, KAIROS, CRASAC, "SENT", "DRAFT", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("crasac.caseworker1"))
                .get("/api/consents/" + consentId).then().statusCode(200));
        // Issue 14 (ADR 0027) changed this: holding only a SENT referral, CRASAC may not widen her consent (here: add
        // STORY), even if she asks there; it may narrow or withdraw (WideningTest).
        given().auth().oauth2(token("crasac.coordinator1")).contentType(ContentType.JSON)
                .body(ConsentBodies.newVersion(1, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS", "STORY")))))
                .post("/api/consents/" + consentId + "/versions").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("type", endsWith("/widening-not-allowed"));

        // Declined: terminal, CRASAC's reason to act ends.
        ReferralServiceEvents.referral(EventTypes.REFERRAL_DECLINED, referral, subject, KAIROS, CRASAC, "DECLINED", "SENT", 2);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("crasac.caseworker1"))
                .get("/api/consents/" + consentId).then().statusCode(404));
        // A late duplicate of the old "sent" event changes nothing (deduplicated, and older than what we have).
        EventEnvelope again = ReferralServiceEvents.referral(EventTypes.REFERRAL_SENT, referral, subject, KAIROS, CRASAC,
                "SENT", "DRAFT", 1);
        ReferralServiceEvents.resend(again);
        // The registering organisation still acts.
        given().auth().oauth2(token("kairos.caseworker2")).get("/api/consents/" + consentId).then().statusCode(200);
        // Wait until the duplicates were consumed (a marker event after them is applied), then check CRASAC again.
        String marker = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        assertTrue(marker != null);
        given().auth().oauth2(token("crasac.caseworker1")).get("/api/consents/" + consentId).then().statusCode(404);
    }

    @Test
    void privacyOfficersReadButDoNotWriteAndOtherRolesAreRefused() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(token("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(crasacNeeds()).post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .extract().path("id");
        // FWT's privacy officer: FWT has nothing to do with her yet -> 404.
        given().auth().oauth2(token("fwt.privacy1")).get("/api/consents/" + consentId).then().statusCode(404);
        ReferralServiceEvents.referral(EventTypes.REFERRAL_SENT, UUID.randomUUID().toString(), subject, KAIROS, FWT,
                "SENT", "DRAFT", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("fwt.privacy1"))
                .get("/api/consents/" + consentId).then().statusCode(200).body("id", equalTo(consentId)));
        given().auth().oauth2(token("fwt.privacy1")).get("/api/subjects/" + subject + "/consents").then().statusCode(200)
                .body("id", hasItem(consentId));
        given().auth().oauth2(token("fwt.privacy1")).contentType(ContentType.JSON)
                .body(Map.of("scope", "WHOLE", "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(token("fwt.privacy1")).contentType(ContentType.JSON)
                .body(ConsentBodies.newVersion(1, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS")))))
                .post("/api/consents/" + consentId + "/versions").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("scope", "WHOLE", "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(401);
        given().get("/api/subjects/" + subject + "/overrides").then().statusCode(401);
        given().auth().oauth2(token("wbg.evaluator1")).get("/api/subjects/" + subject + "/consents").then().statusCode(403);
        for (String user : List.of("kairos.admin1", "fwt.partnership-admin1", "wbg.evaluator1")) {
            given().auth().oauth2(token(user)).get("/api/consents/" + consentId).then().statusCode(403);
        }
        given().auth().oauth2(Tokens.forClient("referral-service")).get("/api/consents/" + consentId).then().statusCode(403);
        given().get("/api/consents/" + consentId).then().statusCode(401);
        given().contentType(ContentType.JSON).body(crasacNeeds()).post("/api/subjects/" + subject + "/consents").then()
                .statusCode(401);
    }

    @Test
    void badInputIsAProblemWithFieldDetailAndChangesNothing() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String path = "/api/subjects/" + subject + "/consents";
        String kairos = token("kairos.caseworker1");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

        Map<String, Object> unknownCategory = consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                List.of("REFERRAL"), List.of("NEEDS", "DIARY"))));
        given().auth().oauth2(kairos).contentType(ContentType.JSON).body(unknownCategory).post(path).then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("provisions[0].categories[1]"));

        Map<String, Object> unknownPurpose = consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                List.of("MARKETING"), List.of("NEEDS"))));
        given().auth().oauth2(kairos).contentType(ContentType.JSON).body(unknownPurpose).post(path).then().statusCode(400)
                .body("errors.field", hasItem("provisions[0].purposes[0]"));

        Map<String, Object> backwards = new HashMap<>(provision(List.of(recipient("ORGANISATION", CRASAC)),
                List.of("REFERRAL"), List.of("NEEDS")));
        backwards.put("validFrom", now.plusDays(10).toString());
        backwards.put("validUntil", now.plusDays(2).toString());
        given().auth().oauth2(kairos).contentType(ContentType.JSON).body(consent(COVENTRY, List.of(backwards))).post(path)
                .then().statusCode(400).body("errors.field", hasItem("provisions[0].validUntil"));

        given().auth().oauth2(kairos).contentType(ContentType.JSON).body(consent(COVENTRY, List.of())).post(path).then()
                .statusCode(400).body("errors.field", hasItem("provisions"));

        Map<String, Object> noBasis = new HashMap<>(crasacNeeds());
        noBasis.put("art9Condition", "BECAUSE");
        given().auth().oauth2(kairos).contentType(ContentType.JSON).body(noBasis).post(path).then().statusCode(400)
                .body("errors.field", hasItem("art9Condition"));

        Map<String, Object> wrongPartnership = consent(COVENTRY, List.of(provision(
                List.of(recipient("PARTNERSHIP", UUID.randomUUID().toString())), List.of("REFERRAL"), List.of("NEEDS"))));
        given().auth().oauth2(kairos).contentType(ContentType.JSON).body(wrongPartnership).post(path).then()
                .statusCode(400).body("errors.field", hasItem("provisions[0].recipients[0].id"));

        Map<String, Object> extra = new HashMap<>(crasacNeeds());
        extra.put("name", "should be refused");
        given().auth().oauth2(kairos).contentType(ContentType.JSON).body(extra).post(path).then().statusCode(400)
                .body("errors.field", hasItem("name"));

        // Nothing was recorded, and no event was written for her.
        given().auth().oauth2(kairos).get(path).then().statusCode(200).body("$", empty());
        assertTrue(TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream()
                .noneMatch(r -> EventEnvelope.parse(r.value()).data().path("subjectId").asText().equals(subject)));
    }

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
        ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
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
