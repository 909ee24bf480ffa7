package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.consent.ConsentBodies.consent;
import static org.pathways.systemtests.consent.ConsentBodies.provision;
import static org.pathways.systemtests.consent.ConsentBodies.recipient;
import static org.pathways.systemtests.consent.ConsentApi.COVENTRY;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.FWT;
import static org.pathways.systemtests.consent.ConsentApi.KAIROS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import org.pathways.platform.testing.TopicReader;

/** Who may act (registering organisation, live referrals), who may read, and bad input changing nothing. */
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
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
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
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(token("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(crasacNeeds()).post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .extract().path("id");
        // CRASAC has no referral for her yet: she does not exist for CRASAC.
        given().auth().oauth2(token("crasac.caseworker1")).get("/api/subjects/" + subject + "/consents").then().statusCode(404);
        given().auth().oauth2(token("crasac.caseworker1")).get("/api/consents/" + consentId).then().statusCode(404);
        given().auth().oauth2(token("crasac.caseworker1")).contentType(ContentType.JSON)
                .body(Map.of("scope", "WHOLE", "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(404);

        String referral = ReferralService.sent("kairos.caseworker1", subject, CRASAC);
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
        ReferralService.moved("crasac.coordinator1", referral, 1, "DECLINED");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("crasac.caseworker1"))
                .get("/api/consents/" + consentId).then().statusCode(404));
        // The registering organisation still acts.
        given().auth().oauth2(token("kairos.caseworker2")).get("/api/consents/" + consentId).then().statusCode(200);
        // ADR 0008: a late duplicate of the "sent" event was published here while the standing came from consent-service's
        // copy of referral events; that copy decides nothing now (referral-service says DECLINED), so CRASAC stays out.
        given().auth().oauth2(token("crasac.caseworker1")).get("/api/consents/" + consentId).then().statusCode(404);
    }

    /** CRASAC's and FWT's NEEDS: Kairos may then refer her to FWT (referral-service asks consent-service). */
    static Map<String, Object> crasacAndFwtNeeds() {
        return consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC), recipient("ORGANISATION", FWT)),
                List.of("REFERRAL"), List.of("NEEDS"))));
    }

    @Test
    void privacyOfficersReadButDoNotWriteAndOtherRolesAreRefused() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(token("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(crasacAndFwtNeeds()).post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .extract().path("id");
        // FWT's privacy officer: FWT has nothing to do with her yet -> 404.
        given().auth().oauth2(token("fwt.privacy1")).get("/api/consents/" + consentId).then().statusCode(404);
        ReferralService.sent("kairos.caseworker1", subject, FWT);
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
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
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
}
