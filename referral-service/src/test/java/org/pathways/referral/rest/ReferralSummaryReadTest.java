package org.pathways.referral.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.FWT;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.awaitAuditChained;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.CELC;
import static org.pathways.referral.ReferralFixtures.CELC_IMMIGRATION;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.FWT_EMPLOYMENT;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;
import static org.pathways.referral.ReferralFixtures.withdraw;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Reads of her summary through referrals, against the real consent-service: triage only while SENT, every shared section
 * from ACCEPTED, consent asked at every read (a withdrawal denies the very next one), withheld sections marked, contact
 * flags always shown, every read and denied read in her access log. And the Coventry pathway end to end.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class ReferralSummaryReadTest {

    @Inject
    AgroalDataSource db;

    private String writeHerStoryOnce(String subject) {
        String worker = userId("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "SAFE_CONTACT", "{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":true,"
                + "\"namedWorkerId\":\"" + worker + "\",\"instructions\":\"Only on Tuesdays\"}");
        putSection("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"},"
                + "{\"code\":\"legal-immigration\",\"status\":\"IDENTIFIED\"},{\"code\":\"employment-skills\",\"status\":\"IDENTIFIED\"}]}");
        putSection("kairos.caseworker1", subject, "STORY", story("her story, told once"));
        putSection("kairos.caseworker1", subject, "IMMIGRATION", "{\"noRecourseToPublicFunds\":true}");
        putSection("kairos.caseworker1", subject, "RISK", "{\"level\":\"HIGH\"}");
        return worker;
    }

    @Test
    void triageWhileSentEverythingSharedOnceAcceptedAndAWithdrawalDeniesTheNextRead() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        String worker = writeHerStoryOnce(subject);
        String consent = recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL", "CASE_COORDINATION"),
                List.of("NEEDS", "SAFE_CONTACT", "STORY"));
        String id = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"),
                List.of("NEEDS", "SAFE_CONTACT", "STORY"))).statusCode(201).extract().path("id");

        // SENT: the triage sections only; STORY waits for acceptance. RISK was never shared.
        as("crasac.coordinator1").get("/api/referrals/" + id + "/summary").then().statusCode(200)
                .body("sections.category", contains("SAFE_CONTACT", "NEEDS"))
                .body("sections[0].basis.type", equalTo("CONSENT")).body("sections[0].basis.consentId", equalTo(consent))
                .body("withheld.category", contains("STORY")).body("withheld[0].status", equalTo("WITHHELD"))
                .body("withheld[0].reason", equalTo("AWAITING_ACCEPTANCE"))
                .body("contactFlags.contactViaNamedWorkerOnly", equalTo(true)).body("contactFlags.namedWorkerId", equalTo(worker));

        move("crasac.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        as("crasac.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(200)
                .body("sections.category", contains("SAFE_CONTACT", "NEEDS", "STORY")).body("withheld", empty())
                .body("sections[2].content.text", equalTo("her story, told once"));

        // She withdraws (with Kairos). consent-service acknowledged it: the very next read is denied, flags still shown.
        withdraw("kairos.caseworker1", consent);
        as("crasac.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(200)
                .body("sections", empty()).body("withheld.category", contains("SAFE_CONTACT", "NEEDS", "STORY"))
                .body("withheld.reason", contains("NO_CONSENT", "NO_CONSENT", "NO_CONSENT"))
                .body("contactFlags.contactViaNamedWorkerOnly", equalTo(true));

        // Her access log shows every read by CRASAC, granted and denied, with its basis.
        as("kairos.caseworker1").get("/api/subjects/" + subject + "/access-log").then().statusCode(200)
                .body("entries.findAll { it.action == 'REFERRAL_SUMMARY_READ' && it.outcome == 'GRANTED' }.organisationId",
                        hasItems(CRASAC))
                .body("entries.findAll { it.action == 'REFERRAL_SUMMARY_READ' && it.outcome == 'GRANTED' }.basisRef",
                        hasItem(consent + ":1"))
                .body("entries.findAll { it.action == 'REFERRAL_SUMMARY_READ' && it.outcome == 'DENIED' }.categories",
                        hasItems(List.of("STORY"), List.of("NEEDS", "SAFE_CONTACT", "STORY")));
        // Two granted reads (one consent basis each time); two denied: STORY while SENT, everything after the withdrawal.
        assertEquals(2, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REFERRAL_SUMMARY_READ' "
                + "and outcome = 'GRANTED'", uuid(subject)));
        assertEquals(2, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REFERRAL_SUMMARY_READ' "
                + "and outcome = 'DENIED'", uuid(subject)));
        awaitAuditChained(db);
        as("fwt.privacy1").get("/api/audit/verification").then().statusCode(200).body("valid", equalTo(true))
                .body("unchainedRows", equalTo(0));
    }

    @Test
    void onlyTheReceiverReadsThroughAReferral() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        writeHerStoryOnce(subject);
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        String id = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        as("kairos.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(403);
        as("celc.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(404);
        as("crasac.caseworker1").get("/api/subjects/" + subject + "/summary").then().statusCode(404);
        as("wbg.evaluator1").get("/api/referrals/" + id + "/summary").then().statusCode(403);
        as("crasac.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(200)
                .body("sections.category", contains("NEEDS")).body("sections.category", not(hasItem("RISK")));
    }

    /** The must-hold journey: Kairos -> CRASAC -> CELC -> FWT, her story written once, each receiver seeing only its share. */
    @Test
    void theCoventryPathwayRunsWithTheStoryWrittenOnce() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        writeHerStoryOnce(subject);
        Map<String, List<String>> shares = new LinkedHashMap<>();
        shares.put(CRASAC, List.of("NEEDS", "SAFE_CONTACT", "STORY"));
        shares.put(CELC, List.of("NEEDS", "SAFE_CONTACT", "IMMIGRATION"));
        shares.put(FWT, List.of("NEEDS"));
        recordConsent("kairos.caseworker1", subject, shares, List.of("REFERRAL", "CASE_COORDINATION"));

        // Kairos -> CRASAC counselling.
        String toCrasac = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"),
                List.of("NEEDS", "SAFE_CONTACT", "STORY"))).statusCode(201).extract().path("id");
        move("crasac.coordinator1", toCrasac, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        as("crasac.caseworker1").get("/api/referrals/" + toCrasac + "/summary").then().statusCode(200)
                .body("sections.category", contains("SAFE_CONTACT", "NEEDS", "STORY"));

        // CRASAC -> CELC immigration advice (onward, same pathway). STORY is not CELC's to see.
        Map<String, Object> story = referral(subject, CELC_IMMIGRATION, List.of("legal-immigration"), List.of("NEEDS", "STORY"));
        send("crasac.caseworker1", story).statusCode(422).body("errors.message", contains(org.hamcrest.Matchers.startsWith("STORY ")));
        String toCelc = send("crasac.caseworker1", referral(subject, CELC_IMMIGRATION, List.of("legal-immigration"),
                List.of("NEEDS", "SAFE_CONTACT", "IMMIGRATION"))).statusCode(201).body("pathwayId", equalTo(toCrasac))
                .body("fromOrganisationId", equalTo(CRASAC)).extract().path("id");
        move("celc.coordinator1", toCelc, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        as("celc.caseworker1").get("/api/referrals/" + toCelc + "/summary").then().statusCode(200)
                .body("sections.category", contains("SAFE_CONTACT", "NEEDS", "IMMIGRATION"))
                .body("sections.category", not(hasItem("STORY")));
        // CELC has no business with the Kairos -> CRASAC referral.
        as("celc.caseworker1").get("/api/referrals/" + toCrasac + "/summary").then().statusCode(404);

        // CELC -> FWT employment and skills: NEEDS only.
        String toFwt = send("celc.caseworker1", referral(subject, FWT_EMPLOYMENT, List.of("employment-skills"), List.of("NEEDS")))
                .statusCode(201).body("pathwayId", equalTo(toCrasac)).extract().path("id");
        move("fwt.coordinator1", toFwt, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        as("fwt.caseworker1").get("/api/referrals/" + toFwt + "/summary").then().statusCode(200)
                .body("sections.category", contains("NEEDS")).body("contactFlags.contactViaNamedWorkerOnly", equalTo(true));

        // One story version, written once by Kairos; the access log lists every read by every receiver.
        assertEquals(1, count(db, "select count(*) from summary_section where subject_id = ? and category = 'STORY'", uuid(subject)));
        assertEquals(3, count(db, "select count(*) from referral where pathway_id = ?", uuid(toCrasac)));
        as("kairos.caseworker1").get("/api/subjects/" + subject + "/access-log").then().statusCode(200)
                .body("entries.findAll { it.action == 'REFERRAL_SUMMARY_READ' && it.outcome == 'GRANTED' }.organisationId",
                        contains(CRASAC, CELC, FWT))
                .body("entries.findAll { it.action == 'REFERRAL_SENT' }.organisationId", contains(KAIROS, CRASAC, CELC))
                .body("entries.findAll { it.action == 'REFERRAL_SUMMARY_READ' }.basis", not(hasItem(nullValue())));
    }
}
