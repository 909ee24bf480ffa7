package org.pathways.referral.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.ReferralFixtures.CELC;
import static org.pathways.referral.ReferralFixtures.CELC_IMMIGRATION;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.FWT;
import static org.pathways.referral.ReferralFixtures.FWT_EMPLOYMENT;
import static org.pathways.referral.ReferralFixtures.consentUrl;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;
import static org.pathways.referral.ReferralFixtures.withdraw;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.platform.testing.Tokens;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Issue 14, findings 1 and 2, on the real stack (consent-service asked live): the pathway shows another organisation's
 * step only as her consent lets the viewer see it for CASE_COORDINATION; a referral's free texts follow consent like
 * the sections they belong to.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class AccessGateTest {

    static final List<String> NEEDS = List.of("NEEDS");

    private static String sent(String user, Map<String, Object> body) {
        return send(user, body).statusCode(201).extract().path("id");
    }

    private static String pathway(String user, String id) {
        return as(user).get("/api/pathways/" + id).then().statusCode(200).extract().asString();
    }

    /** A new version of her consent: organisation -> purposes, each with NEEDS. */
    private static void newVersion(String consentId, int basedOn, Map<String, List<String>> purposesByOrganisation) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Map<String, Object>> provisions = purposesByOrganisation.entrySet().stream().map(e -> Map.<String, Object>of(
                "recipients", List.of(Map.of("type", "ORGANISATION", "id", e.getKey())), "purposes", e.getValue(),
                "categories", NEEDS, "validFrom", now.minusMinutes(5).toString(), "validUntil", now.plusMonths(6).toString())).toList();
        Map<String, Object> body = new HashMap<>(Map.of("basedOnVersion", basedOn, "provisions", provisions, "obtainedMethod", "VERBAL",
                "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT", "art9Condition", "EXPLICIT_CONSENT"));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON).body(body)
                .post(consentUrl() + "/api/consents/" + consentId + "/versions").then().statusCode(200);
    }

    @Test
    void aPathwayShowsAnotherOrganisationsStepOnlyAsHerConsentForCaseCoordinationAllows() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
        // Each organisation may receive referrals (REFERRAL) with her needs; none may coordinate her case yet.
        Map<String, List<String>> referralOnly = new LinkedHashMap<>();
        referralOnly.put(CRASAC, NEEDS);
        referralOnly.put(CELC, NEEDS);
        referralOnly.put(FWT, NEEDS);
        String consent = recordConsent("kairos.caseworker1", subject, referralOnly, List.of("REFERRAL"));

        // Kairos -> CRASAC (a rape crisis centre) -> CELC; CRASAC completes proposing employment; Kairos -> FWT.
        String r1 = sent("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), NEEDS));
        move("crasac.coordinator1", r1, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        String r2 = sent("crasac.coordinator1", referral(subject, CELC_IMMIGRATION, List.of("legal-immigration"), NEEDS));
        move("crasac.coordinator1", r1, 2, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET"),
                "onwardNeeds", List.of("employment-skills", "housing-homelessness"))).statusCode(200);
        Map<String, Object> onward = referral(subject, FWT_EMPLOYMENT, List.of("employment-skills"), NEEDS);
        onward.put("pathwayId", r1);
        String r3 = sent("kairos.caseworker1", onward);

        // Her registering organisation sees the whole pathway, proposals included.
        as("kairos.caseworker1").get("/api/pathways/" + r1).then().statusCode(200)
                .body("steps.referral.id", equalTo(List.of(r1, r2, r3)))
                .body("steps.referral.toOrganisationId", equalTo(List.of(CRASAC, CELC, FWT)))
                .body("proposals", hasSize(1)).body("proposals[0].needs", equalTo(List.of("housing-homelessness")));

        // CELC, without her consent to coordinate: its own referral only, nothing that names CRASAC, its service, its
        // need or FWT's step; its referral starts what it sees.
        String celc = pathway("celc.coordinator1", r1);
        assertEquals(List.of(r2), JsonPath.from(celc).getList("steps.referral.id"));
        JsonPath.from(celc).getList("proposals").forEach(p -> { throw new AssertionError("a proposal leaked: " + p); });
        for (String secret : List.of(CRASAC_COUNSELLING, FWT, FWT_EMPLOYMENT, r3, "counselling", "employment-skills", "housing-homelessness")) {
            assertFalse(celc.contains(secret), "CELC's view names " + secret + ": " + celc);
        }
        // (CRASAC's id is in CELC's own step as its sender: that is CELC's own referral.)
        as("celc.coordinator1").get("/api/pathways/" + r1).then().body("steps[0].follows", nullValue())
                .body("steps[0].relation", equalTo("START"));

        // CRASAC after completing: its own two referrals, not Kairos's onward referral to FWT.
        String crasac = pathway("crasac.coordinator1", r1);
        assertEquals(List.of(r1, r2), JsonPath.from(crasac).getList("steps.referral.id"));
        for (String secret : List.of(FWT, FWT_EMPLOYMENT, r3, "employment-skills\",\"urgency")) {
            assertFalse(crasac.contains(secret), "CRASAC's view names " + secret + ": " + crasac);
        }
        // Nor does Kairos's hidden step change CRASAC's proposal: both needs still open for CRASAC (before the fix the
        // hidden step took employment-skills off it, telling CRASAC someone had taken it up).
        assertEquals(List.of("employment-skills", "housing-homelessness"), JsonPath.from(crasac).getList("proposals[0].needs"));

        // She agrees CELC may coordinate her case (NEEDS): CELC sees every step, re-linked as for the owner.
        Map<String, List<String>> celcCoordinates = new LinkedHashMap<>();
        celcCoordinates.put(CRASAC, List.of("REFERRAL"));
        celcCoordinates.put(CELC, List.of("REFERRAL", "CASE_COORDINATION"));
        celcCoordinates.put(FWT, List.of("REFERRAL"));
        newVersion(consent, 1, celcCoordinates);
        as("celc.coordinator1").get("/api/pathways/" + r1).then().statusCode(200)
                .body("steps.referral.id", equalTo(List.of(r1, r2, r3)))
                .body("steps.referral.toOrganisationId", equalTo(List.of(CRASAC, CELC, FWT)))
                .body("steps[1].follows", equalTo(r1)).body("steps[1].relation", equalTo("ONWARD"))
                .body("proposals", hasSize(1));
        // CRASAC still has no such consent.
        assertEquals(List.of(r1, r2), JsonPath.from(pathway("crasac.coordinator1", r1)).getList("steps.referral.id"));

        // She withdraws: the very next view is CELC's own step again.
        withdraw("kairos.caseworker1", consent);
        assertEquals(List.of(r2), JsonPath.from(pathway("celc.coordinator1", r1)).getList("steps.referral.id"));
        assertEquals(List.of(r1, r2, r3), JsonPath.from(pathway("kairos.caseworker1", r1)).getList("steps.referral.id"));

        // Her access log: CELC's pathway reads on her consent (GRANTED, NEEDS) and the masked ones (DENIED).
        String log = as("kairos.caseworker1").queryParam("limit", "1000").get("/api/subjects/" + subject + "/access-log").then()
                .statusCode(200).extract().asString();
        List<Map<String, Object>> entries = JsonPath.from(log).getList("entries");
        if (entries == null) entries = JsonPath.from(log).getList("items");
        assertTrue(log.contains("PATHWAY_READ"), log);
        assertTrue(entries.stream().anyMatch(e -> "PATHWAY_READ".equals(e.get("action")) && "GRANTED".equals(e.get("outcome"))
                && CELC.equals(e.get("organisationId"))), log);
        assertTrue(entries.stream().anyMatch(e -> "PATHWAY_READ".equals(e.get("action")) && "DENIED".equals(e.get("outcome"))
                && CELC.equals(e.get("organisationId"))), log);
        assertTrue(entries.stream().noneMatch(e -> "PATHWAY_READ".equals(e.get("action")) && KAIROS.equals(e.get("organisationId"))),
                "her own organisation's view rests on ownership, not her consent");
    }

    @Test
    void afterAWholeWithdrawalTheReceiverNoLongerReadsTheReferralsFreeTextsButKeepsTheContactFlags() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
        putSection("kairos.caseworker1", subject, "SAFE_CONTACT", "{\"doNotContact\":true,\"contactViaNamedWorkerOnly\":false}");
        String consent = recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"),
                List.of("NEEDS", "SAFE_CONTACT"));
        Map<String, Object> body = referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS", "SAFE_CONTACT"));
        body.put("note", "Fatima asked for a female counsellor.");
        body.put("safeContactInstructions", "Call Fatima only on Tuesdays.");
        String r = sent("kairos.caseworker1", body);

        as("crasac.coordinator1").get("/api/referrals/" + r).then().statusCode(200)
                .body("note", equalTo("Fatima asked for a female counsellor."))
                .body("safeContactInstructions", equalTo("Call Fatima only on Tuesdays."))
                .body("contactFlags.doNotContact", equalTo(true));
        move("crasac.coordinator1", r, 1, Map.of("target", "ACCEPTED")).statusCode(200);

        withdraw("kairos.caseworker1", consent);
        // The live referral: the receiver keeps the referral and the flags, not her words.
        as("crasac.coordinator1").get("/api/referrals/" + r).then().statusCode(200).body("state", equalTo("ACCEPTED"))
                .body("note", nullValue()).body("safeContactInstructions", nullValue())
                .body("contactFlags.doNotContact", equalTo(true)).body("contactFlags.contactViaNamedWorkerOnly", equalTo(false));
        // The sender always reads its own texts, and gets no contact flags there (it holds her record).
        as("kairos.caseworker1").get("/api/referrals/" + r).then().statusCode(200)
                .body("note", equalTo("Fatima asked for a female counsellor."))
                .body("safeContactInstructions", equalTo("Call Fatima only on Tuesdays.")).body("contactFlags", nullValue());

        // Audited like section reads: GRANTED on her consent (NEEDS, SAFE_CONTACT) before, DENIED after.
        String log = as("kairos.caseworker1").queryParam("limit", "1000").get("/api/subjects/" + subject + "/access-log").then()
                .statusCode(200).extract().asString();
        List<Map<String, Object>> entries = JsonPath.from(log).getList("entries");
        if (entries == null) entries = JsonPath.from(log).getList("items");
        assertTrue(entries.stream().anyMatch(e -> "REFERRAL_READ".equals(e.get("action")) && "GRANTED".equals(e.get("outcome"))
                && CRASAC.equals(e.get("organisationId")) && "CONSENT".equals(e.get("basis"))
                && String.valueOf(e.get("categories")).contains("SAFE_CONTACT")), log);
        assertTrue(entries.stream().anyMatch(e -> "REFERRAL_READ".equals(e.get("action")) && "DENIED".equals(e.get("outcome"))
                && CRASAC.equals(e.get("organisationId")) && String.valueOf(e.get("categories")).contains("NEEDS")), log);
    }

    private static void assertEquals(Object expected, Object actual) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual);
    }
}
