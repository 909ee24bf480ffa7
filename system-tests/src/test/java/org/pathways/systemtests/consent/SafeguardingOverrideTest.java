package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.given;
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
import static org.pathways.systemtests.consent.ConsentBodies.decision;
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
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.pathways.consent.testing.ConsentDb;
import org.pathways.consent.testing.ReferralServiceEvents;
import org.pathways.platform.testing.TopicReader;

/** Sharing without consent: requested by one person, effective only when a different person approves it. */
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

    /** The demo directory's "Support for Migrant Victims" partnership: SBS leads it; neither FWT nor CELC is in it. */
    static final String MIGRANT_VICTIMS = UUID.nameUUIDFromBytes(
            "pathways-demo:partnership:smv".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();

    static ValidatableResponse read(String username, String overrideId) {
        return given().auth().oauth2(Tokens.forUser(username)).get("/api/overrides/" + overrideId).then();
    }

    static long audited(String overrideId, String organisation, String basis) {
        return ConsentDb.count("select count(*) from access_audit where override_id = ? and actor_organisation_id = ?"
                + " and action = 'OVERRIDE_READ' and basis = ?", UUID.fromString(overrideId), UUID.fromString(organisation), basis);
    }

    @Test
    void thePartnershipsPrivacyOfficersOpenAnApprovedOverrideByIdAndNothingElse() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(ConsentBodies.consent(COVENTRY, List.of(ConsentBodies.provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS"))))).post("/api/subjects/" + subject + "/consents").then()
                .statusCode(201).extract().path("id");
        String overrideId = given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(riskToCrasac()).post("/api/subjects/" + subject + "/overrides").then().statusCode(201).extract().path("id");
        String unknown = given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/overrides/" + UUID.randomUUID())
                .then().statusCode(404).contentType(startsWith("application/problem+json")).extract().asString();

        // Pending, of another organisation: not theirs to see yet — exactly the answer to an unknown id.
        for (String officer : List.of("celc.privacy1", "fwt.privacy1")) {
            String pending = read(officer, overrideId).statusCode(404).extract().asString();
            assertEquals(withoutInstance(unknown), withoutInstance(pending), "no existence leak");
        }
        given().auth().oauth2(Tokens.forUser("kairos.coordinator1")).post("/api/overrides/" + overrideId + "/approval").then()
                .statusCode(200);

        // CELC and FWT have nothing to do with her but are MEMBER and LEAD of Coventry (the real directory says so): their
        // privacy officers open the override the approval alerted them about.
        read("celc.privacy1", overrideId).statusCode(200).body("id", equalTo(overrideId)).body("state", equalTo("APPROVED"))
                .body("justification", notNullValue());
        read("fwt.privacy1", overrideId).statusCode(200).body("id", equalTo(overrideId));
        assertEquals(1, audited(overrideId, ConsentApi.CELC, "PARTNERSHIP_PRIVACY_OFFICER"));
        assertEquals(1, audited(overrideId, FWT, "PARTNERSHIP_PRIVACY_OFFICER"));
        read("kairos.caseworker1", overrideId).statusCode(200);
        assertEquals(1, audited(overrideId, KAIROS, "ORGANISATION"));

        // Nothing else: no list by subject, not her consents, no approval; other roles of member organisations get the
        // same 404 as an unknown id; roles that may not read overrides at all get 403, no token 401.
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/subjects/" + subject + "/overrides").then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/subjects/" + subject + "/consents").then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("celc.privacy1")).get("/api/consents/" + consentId).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        for (String worker : List.of("celc.caseworker1", "celc.coordinator1", "fwt.caseworker1", "fwt.connector1")) {
            assertEquals(withoutInstance(unknown), withoutInstance(read(worker, overrideId).statusCode(404).extract().asString()),
                    worker);
        }
        assertEquals(0, ConsentDb.count("select count(*) from access_audit where override_id = ? and actor_organisation_id = ?"
                + " and actor_roles not like '%privacy-officer%'", UUID.fromString(overrideId), UUID.fromString(ConsentApi.CELC)),
                "refused reads are not recorded as reads");
        read("wbg.evaluator1", overrideId).statusCode(403);
        given().get("/api/overrides/" + overrideId).then().statusCode(401);

        // Erased: nobody outside opens it any more.
        ReferralServiceEvents.erased(subject, KAIROS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> read("celc.privacy1", overrideId).statusCode(404));
    }

    @Test
    void privacyOfficersOutsideTheOverridesPartnershipGetTheSame404() {
        // SBS registers her and shares in its own partnership; CELC and FWT (Coventry) are not members of it.
        String subject = ReferralService.registeredSubject(ConsentApi.SBS, "sbs.caseworker1");
        Map<String, Object> body = new HashMap<>(riskToCrasac());
        body.put("partnershipId", MIGRANT_VICTIMS);
        String overrideId = given().auth().oauth2(Tokens.forUser("sbs.caseworker1")).contentType(ContentType.JSON)
                .body(body).post("/api/subjects/" + subject + "/overrides").then().statusCode(201).extract().path("id");
        given().auth().oauth2(Tokens.forUser("sbs.coordinator1")).post("/api/overrides/" + overrideId + "/approval").then()
                .statusCode(200);
        String unknown = read("celc.privacy1", UUID.randomUUID().toString()).statusCode(404).extract().asString();
        for (String officer : List.of("celc.privacy1", "fwt.privacy1")) {
            assertEquals(withoutInstance(unknown), withoutInstance(read(officer, overrideId).statusCode(404).extract().asString()),
                    officer);
        }
        read("sbs.caseworker1", overrideId).statusCode(200).body("state", equalTo("APPROVED"));
        assertEquals(0, ConsentDb.count("select count(*) from access_audit where override_id = ? and basis = 'PARTNERSHIP_PRIVACY_OFFICER'",
                UUID.fromString(overrideId)));
    }

    /** A problem body without its {@code instance} (the request path, which differs by id). */
    static String withoutInstance(String problem) {
        return problem.replaceAll("\"instance\"\\s*:\\s*\"[^\"]*\",?", "");
    }

    @Test
    void anOverrideTakesEffectOnlyWhenSomeoneElseApprovesIt() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
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

        // FWT gets a live referral (her consent to NEEDS for FWT lets Kairos send it); its privacy officer approves.
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(ConsentBodies.consent(COVENTRY, List.of(ConsentBodies.provision(List.of(recipient("ORGANISATION", FWT)),
                        List.of("REFERRAL"), List.of("NEEDS"))))).post("/api/subjects/" + subject + "/consents").then()
                .statusCode(201);
        ReferralService.sent("kairos.caseworker1", subject, FWT);
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
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
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
