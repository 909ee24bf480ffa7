package org.pathways.referral.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.approvedOverride;
import static org.pathways.referral.ReferralFixtures.consentUrl;
import static org.pathways.referral.ReferralFixtures.demoId;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;
import static org.pathways.referral.ReferralFixtures.withdraw;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.platform.testing.Tokens;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 16 item 9, ADR 0091: referrals to statutory partners (MARAC, POLICE, SARC) outside the partnership agreement,
 * on her consent or an approved safeguarding override, against the real directory and consent-service. Every send names
 * the partnership: other modules' tests put Kairos in more partnerships.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class StatutoryReferralTest {

    static final String MARAC_ORG = "5e1f0000-0000-4000-8000-00000000000f";
    static final String MARAC_SERVICE = demoId("service:coventry-marac-referrals");
    static final String POLICE_SERVICE = demoId("service:wmp-da-referrals");
    static final String PROBLEM = "https://pathways.example/problems/";
    static final List<String> SHARED = List.of("NEEDS", "RISK", "SAFE_CONTACT");

    @Inject
    AgroalDataSource db;

    private static Map<String, Object> marac(String subject, String dash, String criterion, Boolean aware, String times) {
        Map<String, Object> body = referral(subject, MARAC_SERVICE, List.of("domestic-abuse"), SHARED);
        body.put("kind", "MARAC");
        body.put("partnershipId", COVENTRY);
        Map<String, Object> m = new HashMap<>();
        m.put("dashLevel", dash);
        m.put("criterion", criterion);
        if (aware != null) m.put("sheIsAware", aware);
        if (times != null) m.put("safeContactTimes", times);
        body.put("marac", m);
        return body;
    }

    private String subjectWithConsentForMarac(String user) {
        String subject = registeredAndKnownToConsent(user);
        putSection(user, subject, "NEEDS", "{\"needs\":[{\"code\":\"domestic-abuse\",\"status\":\"IDENTIFIED\"}]}");
        return subject;
    }

    @Test
    void aMaracReferralWithHerConsentReachesTheCoordinatorWhoSeesRiskAndContactTimesWhileConsentCovers() {
        String subject = subjectWithConsentForMarac("kairos.caseworker1");
        String consent = recordConsent("kairos.caseworker1", subject, List.of(MARAC_ORG), List.of("REFERRAL"), SHARED);
        String canary = "CANARY-TIMES-" + UUID.randomUUID();
        String id = send("kairos.caseworker1", marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, canary)).statusCode(201)
                .body("statutory.kind", equalTo("MARAC")).body("partnershipId", equalTo(COVENTRY))
                .body("toOrganisationId", equalTo(MARAC_ORG)).body("state", equalTo("SENT")).extract().path("id");

        // Stored outside any agreement; the contact times only as ciphertext; nothing of the MARAC part in events.
        assertEquals(1, count(db, "select count(*) from referral where id = ? and agreement_id is null and partnership_id = ?",
                uuid(id), uuid(COVENTRY)));
        assertEquals(1, count(db, "select count(*) from statutory_referral where referral_id = ? and kind = 'MARAC' "
                + "and dash_level = 'HIGH' and criterion = 'VISIBLE_HIGH_RISK'", uuid(id)));
        assertEquals(1, count(db, "select count(*) from statutory_referral where referral_id = ? and safe_contact_times is not null",
                uuid(id)));
        assertEquals(0, count(db, "select count(*) from statutory_referral where referral_id = ? "
                + "and position(convert_to(?, 'UTF8') in safe_contact_times) > 0", uuid(id), canary));
        assertEquals(0, count(db, "select count(*) from outbox_event where payload like ? and (payload like '%MARAC%' "
                + "or payload like '%HIGH%' or payload like ?)", "%" + id + "%", "%" + canary + "%"));

        // The coordinator sees it with the DASH level and contact times, audited on her consent.
        as("marac.coordinator1").get("/api/referrals?direction=incoming").then().statusCode(200).body("id", hasItem(id));
        // The queues say its kind (and nothing more of it): the coordinator's incoming, Kairos's outgoing.
        as("marac.coordinator1").get("/api/queues/incoming?size=200").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.kind", equalTo("MARAC"))
                .body("items.find { it.id == '" + id + "' }.dashLevel", nullValue());
        as("kairos.caseworker1").get("/api/queues/outgoing?size=200").then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.kind", equalTo("MARAC"));
        as("marac.coordinator1").get("/api/referrals/" + id).then().statusCode(200)
                .body("statutory.kind", equalTo("MARAC")).body("statutory.dashLevel", equalTo("HIGH"))
                .body("statutory.criterion", equalTo("VISIBLE_HIGH_RISK")).body("statutory.safeContactTimes", equalTo(canary))
                .body("personKnows", equalTo(true));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REFERRAL_READ' "
                + "and outcome = 'GRANTED' and basis = 'CONSENT' and categories like '%RISK%'", uuid(subject)));

        // She withdraws: the coordinator keeps the referral, not the DASH level nor the contact times (audited DENIED).
        withdraw("kairos.caseworker1", consent);
        as("marac.coordinator1").get("/api/referrals/" + id).then().statusCode(200)
                .body("statutory.kind", equalTo("MARAC")).body("statutory.dashLevel", nullValue())
                .body("statutory.safeContactTimes", nullValue()).body("statutory.withheld", contains("SAFE_CONTACT", "RISK"));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REFERRAL_READ' "
                + "and outcome = 'DENIED' and categories like '%RISK%'", uuid(subject)));
        // The sender reads what it wrote.
        as("kairos.caseworker1").get("/api/referrals/" + id).then().statusCode(200)
                .body("statutory.dashLevel", equalTo("HIGH")).body("statutory.safeContactTimes", equalTo(canary));
        // Others: 404.
        as("crasac.caseworker1").get("/api/referrals/" + id).then().statusCode(404);
    }

    @Test
    void withoutHerConsentOnlyAnApprovedOverrideCarriesIt() {
        String subject = subjectWithConsentForMarac("kairos.caseworker1");
        Map<String, Object> body = marac(subject, "MEDIUM", "PROFESSIONAL_JUDGEMENT", false, "after 6pm only");
        body.put("personKnows", false);
        body.put("sections", List.of("NEEDS", "RISK"));

        // No consent, no override: refused per section, nothing stored.
        send("kairos.caseworker1", body).statusCode(422).body("type", equalTo(PROBLEM + "consent-not-covering"));
        // A requested override not yet approved sends nothing either.
        Map<String, Object> request = Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                "justification", "High risk; telling her now would endanger her.",
                "recipients", List.of(Map.of("type", "ORGANISATION", "id", MARAC_ORG)), "purposes", List.of("REFERRAL"),
                "categories", List.of("NEEDS", "RISK"), "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString());
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON).body(request)
                .post(consentUrl() + "/api/subjects/" + subject + "/overrides").then().statusCode(201);
        send("kairos.caseworker1", body).statusCode(422);
        assertEquals(0, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));

        // Approved by a second person: it goes, on the override, audited as such.
        String other = subjectWithConsentForMarac("kairos.caseworker1");
        String overrideId = approvedOverride("kairos.caseworker1", "kairos.coordinator1", other, MARAC_ORG, List.of("REFERRAL"),
                List.of("NEEDS", "RISK"));
        body = marac(other, "MEDIUM", "PROFESSIONAL_JUDGEMENT", false, "after 6pm only");
        body.put("personKnows", false);
        body.put("sections", List.of("NEEDS", "RISK"));
        String id = send("kairos.caseworker1", body).statusCode(201).body("overrideId", equalTo(overrideId))
                .body("personKnows", equalTo(false)).extract().path("id");
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REFERRAL_SENT' "
                + "and basis = 'OVERRIDE' and basis_ref = ?", uuid(other), overrideId));
        // The receiver sees the DASH level (RISK, on the override), not the contact times (SAFE_CONTACT not covered).
        as("marac.coordinator1").get("/api/referrals/" + id).then().statusCode(200)
                .body("statutory.dashLevel", equalTo("MEDIUM")).body("statutory.safeContactTimes", nullValue())
                .body("statutory.withheld", contains("SAFE_CONTACT"));

        // personKnows false with an override approved for her consent-less sections, but sheIsAware says otherwise: 422.
        Map<String, Object> mismatch = marac(other, "MEDIUM", "PROFESSIONAL_JUDGEMENT", true, null);
        mismatch.put("personKnows", false);
        send("kairos.caseworker1", mismatch).statusCode(422).body("type", equalTo(PROBLEM + "she-is-aware"))
                .body("errors[0].field", equalTo("marac.sheIsAware"));
    }

    @Test
    void refusals() {
        String subject = subjectWithConsentForMarac("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(MARAC_ORG), List.of("REFERRAL"), SHARED);

        // A MARAC referral to the police unit, or to a partnership service: 422 naming the service.
        Map<String, Object> wrong = marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, null);
        wrong.put("toServiceId", POLICE_SERVICE);
        send("kairos.caseworker1", wrong).statusCode(422).body("type", equalTo(PROBLEM + "not-statutory-partner"))
                .body("errors[0].field", equalTo("toServiceId"));
        wrong.put("toServiceId", CRASAC_COUNSELLING);
        send("kairos.caseworker1", wrong).statusCode(422).body("type", equalTo(PROBLEM + "not-statutory-partner"));
        // An ordinary referral to a statutory partner's service: 422 (name the kind).
        Map<String, Object> ordinary = referral(subject, MARAC_SERVICE, List.of("domestic-abuse"), List.of("NEEDS"));
        ordinary.put("partnershipId", COVENTRY);
        send("kairos.caseworker1", ordinary).statusCode(422).body("type", equalTo(PROBLEM + "statutory-partner"))
                .body("errors[0].field", equalTo("kind"));
        // Visible high risk below HIGH: 422 on the criterion.
        send("kairos.caseworker1", marac(subject, "MEDIUM", "VISIBLE_HIGH_RISK", true, null)).statusCode(422)
                .body("type", equalTo(PROBLEM + "marac-criterion")).body("errors[0].field", equalTo("marac.criterion"));
        // A partnership that is not the referrer's: 422.
        Map<String, Object> elsewhere = marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, null);
        elsewhere.put("partnershipId", UUID.randomUUID().toString());
        send("kairos.caseworker1", elsewhere).statusCode(422).body("type", equalTo(PROBLEM + "unknown-partnership"))
                .body("errors[0].field", equalTo("partnershipId"));
        // Sections her consent does not cover for the coordinator: 422 per section.
        Map<String, Object> story = marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, null);
        story.put("sections", List.of("NEEDS", "STORY"));
        send("kairos.caseworker1", story).statusCode(422).body("type", equalTo(PROBLEM + "consent-not-covering"));
        // Roles and organisations: an evaluator 403; another organisation (not hers): 404.
        as("wbg.evaluator1").body(marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, null)).post("/api/referrals").then().statusCode(403);
        send("crasac.caseworker1", marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, null)).statusCode(404);
        assertEquals(0, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));
    }

    @Test
    void badInput() {
        String subject = subjectWithConsentForMarac("kairos.caseworker1");
        Map<String, Object> body = marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, null);
        body.put("kind", "COURT");
        send("kairos.caseworker1", body).statusCode(400);
        body = marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, null);
        body.remove("marac");
        send("kairos.caseworker1", body).statusCode(400).body("errors.field", hasItem("marac"));
        body = marac(subject, "SEVERE", "VISIBLE_HIGH_RISK", true, null);
        send("kairos.caseworker1", body).statusCode(400);
        body = marac(subject, null, "VISIBLE_HIGH_RISK", true, null);
        send("kairos.caseworker1", body).statusCode(400).body("errors.field", hasItem("marac.dashLevel"));
        body = marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, "x".repeat(1001));
        send("kairos.caseworker1", body).statusCode(400).body("errors.field", hasItem("marac.safeContactTimes"));
        // MARAC fields on a police referral: 400.
        body = marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, null);
        body.put("kind", "POLICE");
        body.put("toServiceId", POLICE_SERVICE);
        send("kairos.caseworker1", body).statusCode(400).body("errors.field", hasItem("marac"));
        assertEquals(0, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));
    }

    @Test
    void theContactTimesAreInHerSubjectAccessExportAndGoWithErasure() {
        String subject = subjectWithConsentForMarac("fwt.caseworker1");
        recordConsent("fwt.caseworker1", subject, List.of(MARAC_ORG), List.of("REFERRAL"), SHARED);
        String canary = "CANARY-SAR-" + UUID.randomUUID();
        String id = send("fwt.caseworker1", marac(subject, "HIGH", "VISIBLE_HIGH_RISK", true, canary)).statusCode(201)
                .extract().path("id");
        as("fwt.privacy1").get("/api/subjects/" + subject + "/subject-access-export").then().statusCode(200)
                .body("referrals.find { it.id == '" + id + "' }.statutory.kind", equalTo("MARAC"))
                .body("referrals.find { it.id == '" + id + "' }.statutory.dashLevel", equalTo("HIGH"))
                .body("referrals.find { it.id == '" + id + "' }.statutory.safeContactTimes", equalTo(canary));
        // The readable page lists it under its own heading, with the times she gave.
        String page = as("fwt.privacy1").accept("text/html").get("/api/subjects/" + subject + "/subject-access-export/page")
                .then().statusCode(200).extract().asString();
        String part = page.substring(page.indexOf("Referrals to the police, MARAC or a SARC"));
        part = part.substring(0, part.indexOf("<h2", 10));
        assertTrue(part.contains(id) && part.contains("MARAC") && part.contains(canary), part);
        // Erased: the ciphertext goes with her key and is cleared.
        String request = as("fwt.caseworker1").body(Map.of("reasonCode", "SUBJECT_REQUEST"))
                .post("/api/subjects/" + subject + "/erasure-requests").then().extract().path("id");
        as("fwt.privacy1").post("/api/erasure-requests/" + request + "/approval").then().statusCode(200);
        assertEquals(1, count(db, "select count(*) from statutory_referral where referral_id = ? and safe_contact_times is null",
                uuid(id)));
    }
}
