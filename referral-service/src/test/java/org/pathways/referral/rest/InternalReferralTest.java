package org.pathways.referral.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.FWT;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.FWT_CONNECTOR;
import static org.pathways.referral.ReferralFixtures.FWT_EMPLOYMENT;
import static org.pathways.referral.ReferralFixtures.consentUrl;
import static org.pathways.referral.ReferralFixtures.demoId;
import static org.pathways.referral.ReferralFixtures.directoryUrl;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;
import org.pathways.platform.testing.Tokens;
import org.pathways.referral.Fixtures;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Issue 16, item 1 (ADR 0053): referrals between two services of one organisation against the real directory-service
 * and consent-service — the Connector to FWT's own employment programme, MWNUK's helpline to its caseworker service
 * (complex cases only), and an organisation that is not her registering one, whose receiving service needs her consent.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class InternalReferralTest {

    static final String MWNUK_CASEWORK = demoId("service:mwnuk-casework");

    @Inject
    AgroalDataSource db;

    @Test
    void fwtRefersHerToItsOwnEmploymentProgrammeWithTheSameLifecycleAndNoConsentQuestion() {
        // Her registering organisation, no consent recorded at all: it already sees every section of hers.
        String subject = Fixtures.register("fwt.caseworker1");
        putSection("fwt.caseworker1", subject, "STORY", story("told once at FWT"));
        Map<String, Object> body = referral(subject, FWT_EMPLOYMENT, List.of("employment-skills"), List.of("NEEDS", "STORY"));
        body.put("note", "INTERNAL-NOTE");
        String id = send("fwt.caseworker1", body).statusCode(201).body("state", equalTo("SENT"))
                .body("internal", equalTo(true)).body("fromOrganisationId", equalTo(FWT)).body("toOrganisationId", equalTo(FWT))
                .body("partnershipId", notNullValue()).extract().path("id"); // FWT's partnership (the test stack may hold others)

        // The event says internal, and carries no free text.
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .anyMatch(r -> id.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains("pathways.referral.sent")
                        && new String(r.value(), StandardCharsets.UTF_8).contains("\"internal\":true")));
        assertEquals(0, TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains("INTERNAL-NOTE")).count());

        // In FWT's incoming queue (the SPOC of the programme) and in its outgoing one, with response timers.
        as("fwt.coordinator1").get("/api/queues/incoming?serviceId=" + FWT_EMPLOYMENT + "&size=200").then().statusCode(200)
                .body("items.id", hasItem(id));
        as("fwt.caseworker1").get("/api/queues/outgoing?size=200").then().statusCode(200).body("items.id", hasItem(id));
        assertEquals(1, count(db, "select count(*) from referral_timer where referral_id = ? and kind = 'ESCALATE'", uuid(id)));

        // The organisation reads its own note; her summary it reads from her record, not through the referral.
        as("fwt.coordinator1").get("/api/referrals/" + id).then().statusCode(200).body("note", equalTo("INTERNAL-NOTE"));
        as("fwt.coordinator1").get("/api/referrals/" + id + "/summary").then().statusCode(403);

        // Accepting is the receiving side's move; withdrawing the referring side's - both in one organisation.
        move("fwt.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200).body("state", equalTo("ACCEPTED"));
        move("fwt.caseworker1", id, 2, Map.of("target", "WITHDRAWN", "reason", "PERSON_DECLINED")).statusCode(200);
        as("fwt.caseworker1").get("/api/referrals/" + id + "/history").then().statusCode(200)
                .body("actor", contains("REFERRER", "RECEIVER", "REFERRER")).body("to", contains("SENT", "ACCEPTED", "WITHDRAWN"));

        // Her access log: the send rests on her own organisation's record (OWNER), not on a consent.
        as("fwt.caseworker1").get("/api/subjects/" + subject + "/access-log").then().statusCode(200)
                .body("entries.findAll { it.action == 'REFERRAL_SENT' }.basis", contains("OWNER"));
    }

    @Test
    void anIllegalMoveOnAnInternalReferralListsBothSidesMoves() {
        String subject = Fixtures.register("fwt.caseworker1");
        String id = send("fwt.caseworker1", referral(subject, FWT_EMPLOYMENT, List.of("employment-skills"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("fwt.caseworker1", id, 1, Map.of("target", "COMPLETED")).statusCode(409)
                .body("allowed", hasItem("ACCEPTED")).body("allowed", hasItem("WITHDRAWN"));
        move("fwt.coordinator1", id, 1, Map.of("target", "DECLINED")).statusCode(422).body("errors[0].field", equalTo("reason"));
        move("fwt.coordinator1", id, 1, Map.of("target", "DECLINED", "reason", "NOT_ELIGIBLE")).statusCode(200)
                .body("state", equalTo("DECLINED"));
    }

    @Test
    void mwnukCaseworkerServiceTakesOnlyComplexCasesAndTheDirectoryShowsIt() {
        given().auth().oauth2(Tokens.forUser("mwnuk.caseworker1")).get(directoryUrl() + "/api/services/" + MWNUK_CASEWORK).then()
                .statusCode(200).body("eligibility.minimumNeeds", equalTo(3));

        String subject = Fixtures.register("mwnuk.caseworker1");
        long before = count(db, "select count(*) from referral where subject_id = ?", uuid(subject));
        send("mwnuk.caseworker1", referral(subject, MWNUK_CASEWORK, List.of("forced-marriage", "housing-homelessness"), List.of("NEEDS")))
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://pathways.example/problems/too-few-needs"))
                .body("errors[0].field", equalTo("needs"));
        assertEquals(before, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));

        send("mwnuk.caseworker1", referral(subject, MWNUK_CASEWORK,
                List.of("forced-marriage", "housing-homelessness", "legal-immigration"), List.of("NEEDS")))
                .statusCode(201).body("internal", equalTo(true));
    }

    @Test
    void anotherOrganisationsInternalReferralNeedsHerConsentForTheReceivingService() {
        // Kairos registered her; she agreed that the FWT Connector service only (not FWT as a whole) sees her NEEDS.
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"employment-skills\",\"status\":\"IDENTIFIED\"}]}");
        consent("kairos.caseworker1", subject, Map.of("type", "SERVICE", "id", FWT_CONNECTOR));
        String first = send("kairos.caseworker1", referral(subject, FWT_CONNECTOR, List.of("employment-skills"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("fwt.connector1", first, 1, Map.of("target", "ACCEPTED")).statusCode(200);

        // FWT's employment programme would see NEEDS it could not see before: her consent does not cover it.
        send("fwt.connector1", referral(subject, FWT_EMPLOYMENT, List.of("employment-skills"), List.of("NEEDS")))
                .statusCode(422).body("type", equalTo("https://pathways.example/problems/consent-not-covering"))
                .body("errors[0].field", equalTo("sections"));
        assertEquals(1, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));

        // Another woman agreed that FWT as an organisation sees her NEEDS: the internal referral goes, and the programme
        // reads her NEEDS through it on that consent.
        String other = registeredAndKnownToConsent("kairos.caseworker1");
        putSection("kairos.caseworker1", other, "NEEDS", "{\"needs\":[{\"code\":\"employment-skills\",\"status\":\"IDENTIFIED\"}]}");
        consent("kairos.caseworker1", other, Map.of("type", "ORGANISATION", "id", FWT));
        String toConnector = send("kairos.caseworker1", referral(other, FWT_CONNECTOR, List.of("employment-skills"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("fwt.connector1", toConnector, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        String internal = send("fwt.connector1", referral(other, FWT_EMPLOYMENT, List.of("employment-skills"), List.of("NEEDS")))
                .statusCode(201).body("internal", equalTo(true)).extract().path("id");
        as("fwt.coordinator1").get("/api/referrals/" + internal + "/summary").then().statusCode(200)
                .body("sections.category", hasItem("NEEDS")).body("sections[0].basis.type", equalTo("CONSENT"))
                .body("withheld.category", not(hasItem("NEEDS")));
        // Kairos (her registering organisation) is not on the internal referral: it sees it on her pathway only.
        as("kairos.caseworker1").get("/api/referrals/" + internal).then().statusCode(404);
    }

    /** Her first consent: NEEDS for referral work, to one recipient (an organisation or one service). */
    private static void consent(String user, String subject, Map<String, Object> recipient) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> provision = Map.of("recipients", List.of(recipient), "purposes", List.of("REFERRAL"),
                "categories", List.of("NEEDS"), "validFrom", now.minusMinutes(5).toString(), "validUntil", now.plusMonths(6).toString());
        Map<String, Object> body = new HashMap<>(Map.of("partnershipId", COVENTRY, "provisions", List.of(provision),
                "obtainedMethod", "VERBAL", "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT",
                "art9Condition", "EXPLICIT_CONSENT"));
        given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON).body(body)
                .post(consentUrl() + "/api/subjects/" + subject + "/consents").then().statusCode(201);
    }
}
