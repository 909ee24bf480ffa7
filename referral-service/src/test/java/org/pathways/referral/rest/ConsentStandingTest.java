package org.pathways.referral.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.ReferralFixtures.CELC;
import static org.pathways.referral.ReferralFixtures.CELC_IMMIGRATION;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.FWT;
import static org.pathways.referral.ReferralFixtures.HAVEN;
import static org.pathways.referral.ReferralFixtures.approvedOverride;
import static org.pathways.referral.ReferralFixtures.consentUrl;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.send;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.testing.Tokens;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.service.SubjectStanding;
import org.pathways.referral.service.SubjectStanding.Relation;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 14 through the real services: consent-service (a process) asks this referral-service for the caller's standing
 * on every end-user request (ADR 0027). A restricted case is 404 there too for the colleagues referral-service hides
 * her from (finding 3); recording consent right after registering her works at once (finding 10); a receiver widens
 * her consent only once it has taken up a referral (finding 4).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class ConsentStandingTest {

    static RequestSpecification internal() {
        return given().auth().oauth2(Tokens.forClient("referral-service")).contentType(ContentType.JSON);
    }

    static RequestSpecification consent(String user) {
        return given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON);
    }

    static Map<String, Object> question(String subject, String org, String user, List<String> roles) {
        return Map.of("subjectId", subject, "organisationId", org, "userId", userId(user), "roles", roles);
    }

    @Test
    void relationsFromReferralStatesArePlainRules() {
        // Only the receiver takes a referral up; sender and receiver of any live referral are on it; ended ones count for nothing.
        for (ReferralState s : ReferralState.values()) {
            Relation receiver = SubjectStanding.relationOf(s, true);
            Relation sender = SubjectStanding.relationOf(s, false);
            Relation expected = s == ReferralState.ACCEPTED || s == ReferralState.IN_PROGRESS ? Relation.TAKEN_UP
                    : s == ReferralState.DRAFT || s.isTerminal() ? Relation.NONE : Relation.LIVE_REFERRAL;
            assertEquals(expected, receiver, s.name());
            assertEquals(expected == Relation.TAKEN_UP ? Relation.LIVE_REFERRAL : expected, sender, s.name());
        }
    }

    @Test
    void theStandingNamesHerOrganisationLeadWorkerRestrictionVisibilityAndRelation() {
        String subject = register("fwt.caseworker1");
        String lead = userId("fwt.caseworker1");
        internal().body(question(subject, FWT, "fwt.caseworker2", List.of("caseworker"))).post("/internal/subject-standing")
                .then().statusCode(200).body("subjectId", equalTo(subject)).body("registeringOrganisationId", equalTo(FWT))
                .body("leadWorkerUserId", equalTo(lead)).body("restricted", equalTo(false)).body("visible", equalTo(true))
                .body("relation", equalTo("REGISTERING")).body("version", equalTo(0));
        as("fwt.caseworker1").header("If-Match", "\"0\"").body("{\"restricted\":true}").put("/api/subjects/" + subject + "/restricted")
                .then().statusCode(200);
        internal().body(question(subject, FWT, "fwt.caseworker2", List.of("caseworker"))).post("/internal/subject-standing")
                .then().statusCode(200).body("restricted", equalTo(true)).body("visible", equalTo(false));
        internal().body(question(subject, FWT, "fwt.caseworker1", List.of("caseworker"))).post("/internal/subject-standing")
                .then().statusCode(200).body("visible", equalTo(true));
        internal().body(question(subject, FWT, "fwt.caseworker2", List.of("referral-coordinator"))).post("/internal/subject-standing")
                .then().statusCode(200).body("visible", equalTo(true));
        internal().body(question(subject, CELC, "celc.caseworker1", List.of("caseworker"))).post("/internal/subject-standing")
                .then().statusCode(200).body("relation", equalTo("NONE"));
        internal().body(question(UUID.randomUUID().toString(), FWT, "fwt.caseworker1", List.of())).post("/internal/subject-standing")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        // Bad input: 400 naming the fields; users and other systems: 403.
        internal().body(Map.of("subjectId", "not-an-id", "organisationId", FWT, "userId", "u", "roles", List.of()))
                .post("/internal/subject-standing").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("subjectId"));
        internal().body(Map.of("subjectId", subject)).post("/internal/subject-standing").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("organisationId"));
        as("fwt.coordinator1").body(question(subject, FWT, "fwt.coordinator1", List.of("referral-coordinator")))
                .post("/internal/subject-standing").then().statusCode(403);
    }

    /** Finding 10: "Recording consent right after registering her fails for 0.2–3.3 s": it works at once. */
    @Test
    void recordingConsentRightAfterRegisteringHerWorksAtOnce() {
        for (int i = 0; i < 3; i++) {
            String subject = register("fwt.caseworker1");
            recordConsent("fwt.caseworker1", subject, List.of(CELC), List.of("REFERRAL"), List.of("NEEDS"));
        }
    }

    /** Finding 3: another caseworker of her organisation got 404 here but 200 from consent-service. */
    @Test
    void aRestrictedCaseDoesNotExistInConsentServiceForTheColleaguesItIsHiddenFrom() {
        String subject = register("fwt.caseworker1");
        String consentId = recordConsent("fwt.caseworker1", subject, List.of(CELC), List.of("REFERRAL"), List.of("NEEDS"));
        String overrideId = approvedOverride("fwt.caseworker1", "fwt.coordinator1", subject, CELC, List.of("SAFEGUARDING"),
                List.of("RISK"));
        consent("fwt.caseworker2").get(consentUrl() + "/api/consents/" + consentId).then().statusCode(200);
        as("fwt.caseworker1").header("If-Match", "\"0\"").body("{\"restricted\":true}").put("/api/subjects/" + subject + "/restricted")
                .then().statusCode(200);

        for (String path : List.of("/api/subjects/" + subject + "/consents", "/api/consents/" + consentId,
                "/api/consents/" + consentId + "/receipt", "/api/consents/" + consentId + "/receipt.html",
                "/api/subjects/" + subject + "/overrides", "/api/overrides/" + overrideId)) {
            consent("fwt.caseworker2").get(consentUrl() + path).then().statusCode(404)
                    .contentType(startsWith("application/problem+json"));
            consent("fwt.caseworker1").get(consentUrl() + path).then().statusCode(200); // her lead worker
            consent("fwt.coordinator1").get(consentUrl() + path).then().statusCode(200);
        }
        Map<String, Object> override = Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                "justification", "Risk to life.", "recipients", List.of(Map.of("type", "ORGANISATION", "id", CELC)),
                "purposes", List.of("SAFEGUARDING"), "categories", List.of("RISK"),
                "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(3).toString());
        consent("fwt.caseworker2").body(override).post(consentUrl() + "/api/subjects/" + subject + "/overrides").then()
                .statusCode(404);
        consent("fwt.caseworker2").body(Map.of("scope", "WHOLE", "method", "VERBAL"))
                .post(consentUrl() + "/api/consents/" + consentId + "/withdrawals").then().statusCode(404);
        // Her access log: FWT's privacy officer (privileged) still reads it; it shows who recorded her consent.
        consent("fwt.privacy1").get(consentUrl() + "/api/subjects/" + subject + "/access-log").then().statusCode(200)
                .body("entries.action", hasItem("CONSENT_RECORDED"));
    }

    /** Finding 4 through the real standing: CELC holding a SENT referral cannot widen; after accepting it can. */
    @Test
    void aReceiverWidensHerConsentOnlyOnceItTookUpTheReferral() {
        String subject = register("fwt.caseworker1");
        String consentId = recordConsent("fwt.caseworker1", subject, List.of(CELC), List.of("REFERRAL", "CASE_COORDINATION"),
                List.of("NEEDS"));
        String id = send("fwt.caseworker1", referral(subject, CELC_IMMIGRATION, List.of("legal-immigration"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        Map<String, Object> wider = new HashMap<>(Map.of("basedOnVersion", 1, "obtainedMethod", "VERBAL", "language", "en",
                "interpreterUsed", false, "art6Basis", "CONSENT", "art9Condition", "EXPLICIT_CONSENT",
                "provisions", List.of(Map.of("recipients", List.of(Map.of("type", "ORGANISATION", "id", HAVEN)),
                        "purposes", List.of("REFERRAL"), "categories", List.of("STORY", "IDENTITY"),
                        "validFrom", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString(),
                        "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusMonths(3).toString()))));
        consent("celc.coordinator1").body(wider).post(consentUrl() + "/api/consents/" + consentId + "/versions").then()
                .statusCode(403).body("type", endsWith("/widening-not-allowed"));
        move("celc.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        consent("celc.coordinator1").body(wider).post(consentUrl() + "/api/consents/" + consentId + "/versions").then()
                .statusCode(200).body("currentVersion", equalTo(2)).body("versions[1].recordedBy.organisationId", equalTo(CELC));
        // Her receipt says who recorded each version.
        consent("fwt.caseworker1").get(consentUrl() + "/api/consents/" + consentId + "/receipt").then().statusCode(200)
                .body("versions[0].recordedByOrganisationId", equalTo(FWT)).body("versions[1].recordedByOrganisationId", equalTo(CELC))
                .body("versions[2]", nullValue());
    }
}
