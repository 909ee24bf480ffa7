package org.pathways.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.pathways.consent.ConsentBodies.decision;
import static org.pathways.consent.ConsentBodies.recipient;
import static org.pathways.consent.ReferralServiceEvents.COVENTRY;
import static org.pathways.consent.ReferralServiceEvents.CRASAC;
import static org.pathways.consent.ReferralServiceEvents.FWT;
import static org.pathways.consent.ReferralServiceEvents.KAIROS;

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
import io.restassured.response.ValidatableResponse;

/** Sharing without consent: requested by one person, effective only when a different person approves it. */
@QuarkusTest
@QuarkusTestResource(value = StackWithDirectory.class, initArgs = @ResourceArg(name = "service", value = "consent"))
class SafeguardingOverrideTest {

    static Map<String, Object> riskToCrasac() {
        return Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                "justification", "MARAC referral agreed; high risk and she cannot be reached safely.",
                "recipients", List.of(recipient("ORGANISATION", CRASAC)), "purposes", List.of("SAFEGUARDING"),
                "categories", List.of("RISK", "SAFE_CONTACT"),
                "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(7).toString());
    }

    static ValidatableResponse decide(String subject, String org, String purpose, List<String> categories) {
        return given().auth().oauth2(Tokens.forClient("referral-service")).contentType(ContentType.JSON)
                .body(decision(subject, COVENTRY, org, purpose, categories)).post("/api/decisions").then();
    }

    @Test
    void thePartnershipsPrivacyOfficersOpenAnOverrideByIdButNotHerConsents() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(ConsentBodies.consent(COVENTRY, List.of(ConsentBodies.provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS"))))).post("/api/subjects/" + subject + "/consents").then()
                .statusCode(201).extract().path("id");
        String overrideId = given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(riskToCrasac()).post("/api/subjects/" + subject + "/overrides").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.forUser("kairos.coordinator1")).post("/api/overrides/" + overrideId + "/approval").then()
                .statusCode(200);

        // CELC has nothing to do with her, but is a member of Coventry: its privacy officer opens the override she was
        // alerted about (the real directory says who is a member).
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/overrides/" + overrideId).then().statusCode(200)
                .body("id", equalTo(overrideId)).body("state", equalTo("APPROVED"));
        // Nothing else: no list by subject, no consents, no approval; other roles of CELC get 404 as before.
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/subjects/" + subject + "/overrides").then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/subjects/" + subject + "/consents").then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/consents/" + consentId).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.forUser("celc.caseworker1")).get("/api/overrides/" + overrideId).then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("celc.coordinator1")).get("/api/overrides/" + overrideId).then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("wbg.evaluator1")).get("/api/overrides/" + overrideId).then().statusCode(403);
        given().get("/api/overrides/" + overrideId).then().statusCode(401);
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/overrides/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void anOverrideTakesEffectOnlyWhenSomeoneElseApprovesIt() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String overrideId = given().auth().oauth2(Tokens.forUser("kairos.coordinator1")).contentType(ContentType.JSON)
                .body(riskToCrasac()).post("/api/subjects/" + subject + "/overrides").then().statusCode(201)
                .body("state", equalTo("REQUESTED")).body("requestedBy.organisationId", equalTo(KAIROS))
                .body("approvedBy", nullValue()).extract().path("id");

        // Requested is not approved: RISK stays denied.
        decide(subject, CRASAC, "SAFEGUARDING", List.of("RISK", "SAFE_CONTACT")).statusCode(200)
                .body("permitted", empty()).body("denied", contains("RISK", "SAFE_CONTACT"));

        // The requester's own token: 403. A caseworker: 403 by role. Someone with nothing to do with her: 404.
        given().auth().oauth2(Tokens.forUser("kairos.coordinator1")).post("/api/overrides/" + overrideId + "/approval")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker2")).post("/api/overrides/" + overrideId + "/approval")
                .then().statusCode(403);
        given().auth().oauth2(Tokens.forUser("fwt.privacy1")).post("/api/overrides/" + overrideId + "/approval")
                .then().statusCode(404);
        given().post("/api/overrides/" + overrideId + "/approval").then().statusCode(401);
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/overrides/" + overrideId).then()
                .statusCode(200).body("state", equalTo("REQUESTED"));

        // FWT gets a live referral; its privacy officer approves.
        ReferralServiceEvents.referral(EventTypes.REFERRAL_SENT, UUID.randomUUID().toString(), subject, KAIROS, FWT,
                "SENT", "DRAFT", 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(Tokens.forUser("fwt.privacy1"))
                .get("/api/overrides/" + overrideId).then().statusCode(200));
        given().auth().oauth2(Tokens.forUser("fwt.privacy1")).post("/api/overrides/" + overrideId + "/approval").then()
                .statusCode(200).body("state", equalTo("APPROVED")).body("approvedBy.organisationId", equalTo(FWT))
                .body("approvedAt", notNullValue());
        given().auth().oauth2(Tokens.forUser("fwt.privacy2")).post("/api/overrides/" + overrideId + "/approval").then()
                .statusCode(409);

        decide(subject, CRASAC, "SAFEGUARDING", List.of("RISK", "SAFE_CONTACT", "STORY")).statusCode(200)
                .body("permitted.category", contains("RISK", "SAFE_CONTACT"))
                .body("permitted[0].basis.type", equalTo("OVERRIDE"))
                .body("permitted[0].basis.overrideId", equalTo(overrideId))
                .body("denied", contains("STORY"));
        // Not for another purpose or another organisation.
        decide(subject, CRASAC, "REFERRAL", List.of("RISK")).statusCode(200).body("permitted", empty());
        decide(subject, FWT, "SAFEGUARDING", List.of("RISK")).statusCode(200).body("permitted", empty());

        // Visible to her organisation, with who and when.
        given().auth().oauth2(Tokens.forUser("kairos.caseworker2")).get("/api/subjects/" + subject + "/overrides").then()
                .statusCode(200).body("id", hasItem(overrideId)).body("[0].legalBasis", equalTo("DPA2018_SCH1_PARA18_SAFEGUARDING"))
                .body("[0].requestedAt", notNullValue()).body("[0].approvedBy.userId", notNullValue());

        // Events: requested (for approvers), approved (for privacy officers); ids and codes only.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            List<EventEnvelope> events = TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream()
                    .filter(r -> overrideId.equals(r.key())).map(r -> EventEnvelope.parse(r.value())).toList();
            assertEquals(List.of(EventTypes.CONSENT_OVERRIDE_REQUESTED, EventTypes.CONSENT_OVERRIDE_APPROVED),
                    events.stream().map(EventEnvelope::type).toList());
            assertEquals(KAIROS, events.get(1).data().path("organisationId").asText());
            assertFalse(events.get(1).data().path("approverUserId").asText().isEmpty());
            assertFalse(events.get(1).data().toString().contains("MARAC"));
        });
    }

    @Test
    void badOverrideRequestsAreRefusedAndChangeNothing() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String path = "/api/subjects/" + subject + "/overrides";
        String token = Tokens.forUser("kairos.caseworker1");

        Map<String, Object> noJustification = new HashMap<>(riskToCrasac());
        noJustification.put("justification", "  ");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(noJustification).post(path).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("justification"));
        Map<String, Object> missingJustification = new HashMap<>(riskToCrasac());
        missingJustification.remove("justification");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(missingJustification).post(path).then()
                .statusCode(400).body("errors.field", hasItem("justification"));
        Map<String, Object> unknownBasis = new HashMap<>(riskToCrasac());
        unknownBasis.put("legalBasis", "GUT_FEELING");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(unknownBasis).post(path).then().statusCode(400)
                .body("errors.field", hasItem("legalBasis"));
        Map<String, Object> past = new HashMap<>(riskToCrasac());
        past.put("validUntil", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(past).post(path).then().statusCode(400)
                .body("errors.field", hasItem("validUntil"));
        Map<String, Object> noCategories = new HashMap<>(riskToCrasac());
        noCategories.put("categories", List.of());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(noCategories).post(path).then().statusCode(400)
                .body("errors.field", hasItem("categories"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(riskToCrasac())
                .post("/api/subjects/" + UUID.randomUUID() + "/overrides").then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("crasac.caseworker1")).contentType(ContentType.JSON).body(riskToCrasac())
                .post(path).then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("fwt.privacy1")).contentType(ContentType.JSON).body(riskToCrasac())
                .post(path).then().statusCode(403);
        given().auth().oauth2(Tokens.forUser("kairos.coordinator1")).post("/api/overrides/" + UUID.randomUUID() + "/approval")
                .then().statusCode(404);

        given().auth().oauth2(token).get(path).then().statusCode(200).body("$", hasSize(0));
    }
}
