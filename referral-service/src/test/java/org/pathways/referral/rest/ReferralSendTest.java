package org.pathways.referral.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.approvedOverride;
import static org.pathways.referral.ReferralFixtures.demoId;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Sending a referral against the real directory-service and consent-service: routing, data sharing agreement, consent
 * per section, the safeguarding override when she does not know, and everything stored (or nothing) in one go.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class ReferralSendTest {

    static final List<String> SHARED = List.of("NEEDS", "SAFE_CONTACT", "STORY");

    @Inject
    AgroalDataSource db;

    /** Kairos has written her story once; she agreed CRASAC may see NEEDS, SAFE_CONTACT and STORY for referral work. */
    private String kairosSubjectWithConsentForCrasac() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
        putSection("kairos.caseworker1", subject, "STORY", story("written once"));
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL", "CASE_COORDINATION"), SHARED);
        return subject;
    }

    @Test
    void aReferralIsSentWithConsentAndEverythingIsStoredTogether() {
        String subject = kairosSubjectWithConsentForCrasac();
        String canaryNote = "CANARY-NOTE-" + UUID.randomUUID();
        String canarySafe = "CANARY-SAFE-" + UUID.randomUUID();
        Map<String, Object> body = referral(subject, CRASAC_COUNSELLING, List.of("counselling", "sexual-violence"), SHARED);
        body.put("note", canaryNote);
        body.put("safeContactInstructions", canarySafe);
        body.put("urgency", "SOON");

        var sent = send("kairos.caseworker1", body).statusCode(201).header("ETag", "\"1\"")
                .header("Location", notNullValue())
                .body("state", equalTo("SENT")).body("version", equalTo(1)).body("fromOrganisationId", equalTo(KAIROS))
                .body("toOrganisationId", equalTo(CRASAC)).body("toServiceId", equalTo(CRASAC_COUNSELLING))
                .body("needs", contains("counselling", "sexual-violence")).body("sections", contains("SAFE_CONTACT", "NEEDS", "STORY"))
                .body("spoc.source", equalTo("SERVICE")).body("partnershipId", equalTo(COVENTRY))
                .extract();
        String id = sent.path("id");
        assertEquals(id, sent.path("pathwayId"), "a first referral starts her pathway");

        // Both sides read it with its free texts; a third organisation cannot tell it exists.
        as("kairos.caseworker1").get("/api/referrals/" + id).then().statusCode(200).body("note", equalTo(canaryNote))
                .body("safeContactInstructions", equalTo(canarySafe)).header("ETag", "\"1\"");
        as("crasac.coordinator1").get("/api/referrals/" + id).then().statusCode(200).body("note", equalTo(canaryNote));
        as("celc.caseworker1").get("/api/referrals/" + id).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        as("kairos.caseworker1").get("/api/referrals/" + id + "/history").then().statusCode(200)
                .body("$", hasSize(1)).body("[0].from", equalTo("DRAFT")).body("[0].to", equalTo("SENT"))
                .body("[0].actor", equalTo("REFERRER")).body("[0].organisationId", equalTo(KAIROS));

        // Stored with its event and its audit, in the same transaction; the free texts only encrypted.
        assertEquals(1, count(db, "select count(*) from outbox_event where event_type = 'pathways.referral.sent' and message_key = ?", id));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REFERRAL_SENT' "
                + "and basis = 'CONSENT' and categories = 'NEEDS,SAFE_CONTACT,STORY'", uuid(subject)));
        assertEquals(0, count(db, "select count(*) from outbox_event where payload like ? or payload like ?",
                "%" + canaryNote + "%", "%" + canarySafe + "%"));
        assertEquals(0, count(db, "select count(*) from access_audit where coalesce(basis_ref, '') like ? or categories like ?",
                "%CANARY%", "%CANARY%"));
        assertEquals(0, count(db, "select count(*) from referral where position(convert_to(?, 'UTF8') in note_ciphertext) > 0",
                canaryNote));

        // On Kafka: the sent event, ids and codes only.
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .anyMatch(r -> id.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains("pathways.referral.sent")));
        assertFalse(TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8)).anyMatch(v -> v.contains("CANARY")));

        // Her access log shows the sharing and its basis (consent id:version).
        as("kairos.caseworker1").get("/api/subjects/" + subject + "/access-log").then().statusCode(200)
                .body("entries.action", hasItem("REFERRAL_SENT")).body("entries.basis", hasItem("CONSENT"));
    }

    @Test
    void sectionsConsentDoesNotCoverAreListedAndNothingIsStored() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS", "STORY", "RISK")))
                .statusCode(422).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://pathways.example/problems/consent-not-covering"))
                .body("errors.message", contains(startsWith("RISK "), startsWith("STORY "))).body("allowed", contains("NEEDS"));
        assertNothingStored(subject);

        // No consent at all (consent-service has none for her): every section is listed.
        String bare = registeredAndKnownToConsent("kairos.caseworker1");
        send("kairos.caseworker1", referral(bare, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(422).body("errors", hasSize(1));
        assertNothingStored(bare);
    }

    @Test
    void withoutADataSharingAgreementNothingIsSent() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        // Southall Black Sisters is in another partnership: no agreement with Kairos.
        send("kairos.caseworker1", referral(subject, demoId("service:sbs-smv"), List.of("domestic-abuse"), List.of("NEEDS")))
                .statusCode(422).body("type", equalTo("https://pathways.example/problems/no-data-sharing-agreement"))
                .body("errors[0].field", equalTo("toServiceId"));
        assertNothingStored(subject);
    }

    @Test
    void anUnknownServiceIsNamedAsTheField() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        send("kairos.caseworker1", referral(subject, UUID.randomUUID().toString(), List.of("counselling"), List.of("NEEDS")))
                .statusCode(422).body("type", equalTo("https://pathways.example/problems/unknown-service"))
                .body("errors[0].field", equalTo("toServiceId"));
        assertNothingStored(subject);
    }

    @Test
    void badInputIsRefusedWithTheFieldAndChangesNothing() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        Map<String, Object> body = referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"));
        body.put("note", "x".repeat(ReferralDtos.NOTE_MAX + 1));
        send("kairos.caseworker1", body).statusCode(400).body("errors.field", hasItem("note"));

        body = referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"));
        body.put("safeContactInstructions", "y".repeat(ReferralDtos.SAFE_CONTACT_MAX + 1));
        send("kairos.caseworker1", body).statusCode(400).body("errors.field", hasItem("safeContactInstructions"));

        body = referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"));
        body.put("herName", "Jane");
        send("kairos.caseworker1", body).statusCode(400).body("type", equalTo("https://pathways.example/problems/unknown-field"))
                .body("errors[0].field", equalTo("herName"));

        send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("astrology"), List.of("NEEDS")))
                .statusCode(400).body("errors[0].field", equalTo("needs[0]"));
        send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of(), List.of("NEEDS")))
                .statusCode(400).body("errors.field", hasItem("needs"));
        send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("GOSSIP")))
                .statusCode(400).body("errors[0].field", startsWith("sections"));
        body = referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"));
        body.remove("personKnows");
        send("kairos.caseworker1", body).statusCode(400).body("errors.field", hasItem("personKnows"));
        assertNothingStored(subject);
    }

    @Test
    void onlyCaseRolesOfAnOrganisationThatMayReferHerCanSend() {
        String subject = kairosSubjectWithConsentForCrasac();
        Map<String, Object> body = referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"));
        anonymous().body(body).post("/api/referrals").then().statusCode(401).contentType(startsWith("application/problem+json"));
        send("wbg.evaluator1", body).statusCode(403);
        send("kairos.admin1", body).statusCode(403);
        // Another organisation with no referral for her: she does not exist for it.
        send("celc.caseworker1", body).statusCode(404);
        send("crasac.caseworker1", body).statusCode(404);
        assertNothingStored(subject);
        send("kairos.coordinator1", body).statusCode(201);
    }

    @Test
    void whenSheDoesNotKnowOnlyAnApprovedOverrideCarriesTheReferral() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        Map<String, Object> body = referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS"));
        body.put("personKnows", false);
        // Consent alone does not do: she would not know about this referral.
        send("kairos.caseworker1", body).statusCode(422).body("type", equalTo("https://pathways.example/problems/override-required"))
                .body("errors[0].field", equalTo("personKnows"));
        assertNothingStored(subject);

        String other = registeredAndKnownToConsent("kairos.caseworker1");
        String overrideId = approvedOverride("kairos.caseworker1", "kairos.coordinator1", other, CRASAC, List.of("REFERRAL"),
                List.of("NEEDS", "SAFE_CONTACT"));
        body = referral(other, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS", "SAFE_CONTACT"));
        body.put("personKnows", false);
        send("kairos.caseworker1", body).statusCode(201).body("personKnows", equalTo(false)).body("overrideId", equalTo(overrideId));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REFERRAL_SENT' "
                + "and basis = 'OVERRIDE' and basis_ref = ?", uuid(other), overrideId));
    }

    private void assertNothingStored(String subject) {
        assertEquals(0, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));
        assertEquals(0, count(db, "select count(*) from outbox_event where event_type = 'pathways.referral.sent' and payload like ?",
                "%" + subject + "%"));
        assertEquals(0, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REFERRAL_SENT'", uuid(subject)));
    }
}
