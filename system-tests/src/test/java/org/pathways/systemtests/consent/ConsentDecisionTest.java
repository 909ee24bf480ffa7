package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.consent.ConsentBodies.consent;
import static org.pathways.systemtests.consent.ConsentBodies.decision;
import static org.pathways.systemtests.consent.ConsentBodies.provision;
import static org.pathways.systemtests.consent.ConsentBodies.recipient;
import static org.pathways.systemtests.consent.ConsentApi.COVENTRY;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.FWT;
import static org.pathways.systemtests.consent.ConsentApi.KAIROS;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.pathways.platform.testing.TopicReader;

/** The must-hold: grant -> permits exactly that; withdraw -> the very next decision denies; RISK never by default. */
class ConsentDecisionTest {

    static String kairos() {
        return Tokens.forUser("kairos.caseworker1");
    }

    static String service() {
        return Tokens.forClient("referral-service");
    }

    static ValidatableResponse decide(Map<String, Object> body) {
        return given().auth().oauth2(service()).contentType(ContentType.JSON).body(body).post("/api/decisions").then();
    }

    static String grantCrasacNeedsAndStory(String subject) {
        return given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS", "STORY")))))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .header("Location", containsString("/api/consents/"))
                .body("currentVersion", equalTo(1)).body("state", equalTo("ACTIVE"))
                .extract().path("id");
    }

    @Test
    void grantPermitsExactlyThoseThenWithdrawalDeniesTheVeryNextDecision() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = grantCrasacNeedsAndStory(subject);

        decide(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS", "STORY", "RISK", "IDENTITY")))
                .statusCode(200)
                .body("permitted.category", contains("NEEDS", "STORY"))
                .body("permitted[0].basis.type", equalTo("CONSENT"))
                .body("permitted[0].basis.consentId", equalTo(consentId))
                .body("permitted[0].basis.version", equalTo(1))
                .body("denied", contains("RISK", "IDENTITY"));
        // Another organisation, another purpose: nothing.
        decide(decision(subject, COVENTRY, FWT, "REFERRAL", List.of("NEEDS", "STORY"))).statusCode(200)
                .body("permitted", empty()).body("denied", contains("NEEDS", "STORY"));
        decide(decision(subject, COVENTRY, CRASAC, "CASE_COORDINATION", List.of("NEEDS"))).statusCode(200)
                .body("permitted", empty());
        // Another partnership context: nothing.
        decide(decision(subject, UUID.randomUUID().toString(), CRASAC, "REFERRAL", List.of("NEEDS"))).statusCode(200)
                .body("permitted", empty());

        given().auth().oauth2(Tokens.forUser("kairos.caseworker2")).contentType(ContentType.JSON)
                .body(Map.of("scope", "WHOLE", "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(200)
                .body("state", equalTo("WITHDRAWN")).body("withdrawals", hasSize(1))
                .body("withdrawals[0].scope", equalTo("WHOLE")).body("withdrawals[0].method", equalTo("VERBAL"))
                .body("withdrawals[0].withdrawnBy.organisationId", equalTo(KAIROS))
                .body("withdrawals[0].withdrawnBy.userId", notNullValue())
                .body("withdrawals[0].withdrawnAt", notNullValue());

        // The very next decision: no waiting, no cache.
        decide(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS", "STORY"))).statusCode(200)
                .body("permitted", empty()).body("denied", contains("NEEDS", "STORY"));

        // History: both the grant and the withdrawal, with who and when; nothing deleted.
        given().auth().oauth2(kairos()).get("/api/consents/" + consentId).then().statusCode(200)
                .body("versions", hasSize(1)).body("versions[0].state", equalTo("WITHDRAWN"))
                .body("versions[0].recordedBy.organisationId", equalTo(KAIROS))
                .body("versions[0].recordedAt", notNullValue())
                .body("versions[0].provisions", hasSize(2))
                .body("versions[0].language", equalTo("pa")).body("versions[0].interpreterUsed", equalTo(true));

        // Events: granted then withdrawn, keyed by the consent id, ids and codes only.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<EventEnvelope> events = TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream()
                    .filter(r -> consentId.equals(r.key())).map(r -> EventEnvelope.parse(r.value())).toList();
            assertEquals(List.of(EventTypes.CONSENT_GRANTED, EventTypes.CONSENT_WITHDRAWN),
                    events.stream().map(EventEnvelope::type).toList());
            assertEquals("WHOLE", events.get(1).data().path("scope").asText());
            assertTrue(events.stream().noneMatch(e -> e.data().toString().contains("Punjabi")));
        });
    }

    @Test
    void riskIsNeverPermittedUnlessAConsentNamesIt() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        // Everything but RISK, to the whole partnership, for every purpose.
        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(List.of(recipient("PARTNERSHIP", COVENTRY)),
                        List.of("REFERRAL", "CASE_COORDINATION", "SAFEGUARDING", "AGGREGATE_REPORTING"),
                        List.of("IDENTITY", "SAFE_CONTACT", "COMMUNICATION", "NEEDS", "CHILDREN", "IMMIGRATION",
                                "HEALTH", "HOUSING", "MONEY", "STORY", "GOALS")))))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201);
        for (String purpose : List.of("REFERRAL", "CASE_COORDINATION", "SAFEGUARDING", "AGGREGATE_REPORTING")) {
            decide(decision(subject, COVENTRY, CRASAC, purpose, List.of("RISK", "NEEDS"))).statusCode(200)
                    .body("permitted.category", contains("NEEDS")).body("denied", contains("RISK"));
        }
    }

    @Test
    void partialWithdrawalOfOneCategoryThenOneRecipientMakesNewVersions() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(
                        List.of(recipient("ORGANISATION", CRASAC), recipient("ORGANISATION", FWT)),
                        List.of("REFERRAL"), List.of("NEEDS", "STORY", "RISK")))))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201).extract().path("id");
        decide(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS", "STORY", "RISK"))).statusCode(200)
                .body("permitted.category", contains("NEEDS", "STORY", "RISK"));

        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(Map.of("scope", "PARTIAL", "category", "STORY", "method", "WRITTEN", "basedOnVersion", 1))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(200)
                .body("currentVersion", equalTo(2)).body("state", equalTo("ACTIVE"))
                .body("versions.state", contains("SUPERSEDED", "ACTIVE"))
                .body("versions[1].changeKind", equalTo("PARTIAL_WITHDRAWAL"))
                .body("withdrawals[0].category", equalTo("STORY")).body("withdrawals[0].resultingVersion", equalTo(2));
        decide(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS", "STORY", "RISK"))).statusCode(200)
                .body("permitted.category", contains("NEEDS", "RISK")).body("denied", contains("STORY"))
                .body("permitted[0].basis.version", equalTo(2));

        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(Map.of("scope", "PARTIAL", "recipient", recipient("ORGANISATION", FWT), "method", "ELECTRONIC"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(200)
                .body("currentVersion", equalTo(3));
        decide(decision(subject, COVENTRY, FWT, "REFERRAL", List.of("NEEDS"))).statusCode(200).body("permitted", empty());
        decide(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS"))).statusCode(200)
                .body("permitted.category", contains("NEEDS"));

        // Withdrawing what the current version does not name changes nothing.
        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(Map.of("scope", "PARTIAL", "category", "STORY", "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("category"));
        // A stale version is refused.
        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(Map.of("scope", "WHOLE", "method", "VERBAL", "basedOnVersion", 1))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(409)
                .body("errors.field", hasItem("basedOnVersion"));
        given().auth().oauth2(kairos()).get("/api/consents/" + consentId).then().statusCode(200)
                .body("currentVersion", equalTo(3)).body("versions", hasSize(3)).body("withdrawals", hasSize(2));
    }

    @Test
    void newVersionSupersedesTheOldOneAndIsDecidedOn() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = grantCrasacNeedsAndStory(subject);
        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(ConsentBodies.newVersion(1, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS")))))
                .post("/api/consents/" + consentId + "/versions").then().statusCode(200)
                .body("currentVersion", equalTo(2)).body("versions.state", contains("SUPERSEDED", "ACTIVE"))
                .body("versions[1].obtainedMethod", equalTo("WRITTEN"));
        decide(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS", "STORY"))).statusCode(200)
                .body("permitted.category", contains("NEEDS")).body("permitted[0].basis.version", equalTo(2))
                .body("denied", contains("STORY"));
        // Recording a second first version in the same partnership is a conflict.
        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS")))))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(409);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(
                List.of(EventTypes.CONSENT_GRANTED, EventTypes.CONSENT_CHANGED),
                TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream().filter(r -> consentId.equals(r.key()))
                        .map(r -> EventEnvelope.parse(r.value()).type()).toList()));
    }

    @Test
    void aProvisionCountsOnlyWithinItsPeriod() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        Map<String, Object> later = new java.util.HashMap<>(provision(List.of(recipient("ORGANISATION", CRASAC)),
                List.of("REFERRAL"), List.of("STORY")));
        later.put("validFrom", now.plusDays(3).toString());
        later.put("validUntil", now.plusDays(30).toString());
        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(later, provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS")))))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201);
        // STORY is agreed from next week only: not yet.
        decide(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS", "STORY"))).statusCode(200)
                .body("permitted.category", contains("NEEDS")).body("denied", contains("STORY"));
    }

    @Test
    void decisionsAreOnlyForOurServices() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        Map<String, Object> body = decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS"));
        given().contentType(ContentType.JSON).body(body).post("/api/decisions").then().statusCode(401);
        given().auth().oauth2(kairos()).contentType(ContentType.JSON).body(body).post("/api/decisions").then()
                .statusCode(403).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.forClient("partner-celc-system")).contentType(ContentType.JSON).body(body)
                .post("/api/decisions").then().statusCode(403);
        given().auth().oauth2(Tokens.forUser("fwt.privacy1")).contentType(ContentType.JSON).body(body)
                .post("/api/decisions/batch").then().statusCode(403);
        // Unknown subject: 404. Unknown category or purpose: 400 naming the field.
        decide(decision(UUID.randomUUID().toString(), COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS"))).statusCode(404)
                .contentType(startsWith("application/problem+json"));
        decide(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS", "SECRETS"))).statusCode(400)
                .body("errors[0].field", equalTo("categories[1]"));
        decide(decision(subject, COVENTRY, CRASAC, "GOSSIP", List.of("NEEDS"))).statusCode(400)
                .body("errors[0].field", equalTo("purpose"));
        decide(Map.of("subjectId", subject, "partnershipId", COVENTRY, "recipient", Map.of("organisationId", CRASAC),
                "purpose", "REFERRAL", "categories", List.of())).statusCode(400)
                .body("errors.field", hasItem("categories"));
    }

    @Test
    void batchDecidesEachRecipientOnItsOwn() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = grantCrasacNeedsAndStory(subject);
        given().auth().oauth2(service()).contentType(ContentType.JSON)
                .body(Map.of("decisions", List.of(
                        decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS", "RISK")),
                        decision(subject, COVENTRY, FWT, "REFERRAL", List.of("NEEDS")))))
                .post("/api/decisions/batch").then().statusCode(200)
                .body("decisions", hasSize(2))
                .body("decisions[0].permitted.category", contains("NEEDS"))
                .body("decisions[0].permitted[0].basis.consentId", equalTo(consentId))
                .body("decisions[0].denied", contains("RISK"))
                .body("decisions[1].permitted", empty()).body("decisions[1].denied", contains("NEEDS"));
    }

    @Test
    void aServiceRecipientIsMatchedOnlyForThatService() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String connector = UUID.randomUUID().toString();
        given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(List.of(recipient("SERVICE", connector)),
                        List.of("CASE_COORDINATION"), List.of("NEEDS", "GOALS")))))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201);
        decide(Map.of("subjectId", subject, "partnershipId", COVENTRY,
                "recipient", Map.of("organisationId", FWT, "serviceId", connector),
                "purpose", "CASE_COORDINATION", "categories", List.of("NEEDS", "GOALS")))
                .statusCode(200).body("permitted.category", containsInAnyOrder("NEEDS", "GOALS"));
        // The same organisation without (or with another) service: the consent does not name it.
        decide(decision(subject, COVENTRY, FWT, "CASE_COORDINATION", List.of("NEEDS"))).statusCode(200)
                .body("permitted", empty());
    }
}
