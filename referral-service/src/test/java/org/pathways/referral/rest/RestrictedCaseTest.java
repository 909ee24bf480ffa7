package org.pathways.referral.rest;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.FWT;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.Fixtures;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The restricted flag (ADR 0032): inside her organisation only her lead worker, referral coordinators and privacy
 * officers know she exists; the receiving organisation's access through a referral is unchanged; the Connector sees ids
 * and states only; setting and clearing it are audited. Against the real stack, directory and consent as processes.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class RestrictedCaseTest {

    static final List<String> SHARED = List.of("NEEDS", "STORY");

    @Inject
    AgroalDataSource db;

    @Test
    void aRestrictedCaseIsHiddenFromOtherStaffOfHerOrganisationOnly() {
        // FWT registers her (fwt.caseworker1 is her lead worker), writes her story, and refers her to CRASAC.
        String subject = registeredAndKnownToConsent("fwt.caseworker1");
        putSection("fwt.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
        putSection("fwt.caseworker1", subject, "STORY", story("told once"));
        recordConsent("fwt.caseworker1", subject, List.of(Fixtures.CRASAC), List.of("REFERRAL", "CASE_COORDINATION"), SHARED);
        String r1 = send("fwt.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), SHARED)).statusCode(201)
                .extract().path("id");

        // Before: a colleague sees her.
        as("fwt.caseworker2").get("/api/subjects/" + subject).then().statusCode(200);

        // Her lead worker restricts her case.
        as("fwt.caseworker1").header("If-Match", "\"0\"").body("{\"restricted\":true}").put("/api/subjects/" + subject + "/restricted")
                .then().statusCode(200).body("restricted", equalTo(true));

        // Other staff of FWT: she does not exist (404 problem), and she is left out of every list.
        for (String colleague : List.of("fwt.caseworker2", "fwt.connector1")) {
            for (String path : List.of("", "/summary", "/summary/sections/STORY", "/summary/sections/STORY/versions",
                    "/summary/sections/STORY/versions/1", "/access-log")) {
                as(colleague).get("/api/subjects/" + subject + path).then().statusCode(404)
                        .contentType(startsWith("application/problem+json"));
            }
            as(colleague).get("/api/referrals/" + r1).then().statusCode(404);
            as(colleague).get("/api/referrals/" + r1 + "/history").then().statusCode(404);
            as(colleague).get("/api/pathways/" + r1).then().statusCode(404);
            as(colleague).header("If-Match", "\"1\"").body(Map.of("target", "WITHDRAWN", "reason", "OTHER"))
                    .post("/api/referrals/" + r1 + "/transitions").then().statusCode(404);
            as(colleague).queryParam("size", "200").get("/api/queues/outgoing").then().statusCode(200)
                    .body("items.id", not(hasItem(r1)));
            as(colleague).queryParam("direction", "outgoing").queryParam("limit", "200").get("/api/referrals").then().statusCode(200)
                    .body("id", not(hasItem(r1)));
            as(colleague).body(story("x")).put("/api/subjects/" + subject + "/summary/sections/STORY").then().statusCode(404);
            as(colleague).body("{\"restricted\":false}").put("/api/subjects/" + subject + "/restricted").then().statusCode(404);
            as(colleague).body(Map.of("leadWorkerId", userId(colleague))).put("/api/subjects/" + subject + "/lead-worker").then()
                    .statusCode(404);
            send(colleague, referral(subject, CRASAC_COUNSELLING, List.of("counselling"), SHARED)).statusCode(404);
            as(colleague).body(Map.of("needCode", "counselling", "externalOrganisation", "A service outside"))
                    .post("/api/subjects/" + subject + "/signposts").then().statusCode(404);
            as(colleague).body(Map.of("needCode", "counselling")).post("/api/subjects/" + subject + "/no-service-found").then()
                    .statusCode(404);
        }
        as("fwt.caseworker2").body("{\"reasonCode\":\"ENTERED_IN_ERROR\"}").post("/api/subjects/" + subject + "/erasure-requests")
                .then().statusCode(404);

        // Her lead worker and the organisation's referral coordinators still see her and her referral.
        for (String allowed : List.of("fwt.caseworker1", "fwt.coordinator1")) {
            as(allowed).get("/api/subjects/" + subject + "/summary").then().statusCode(200);
            as(allowed).get("/api/referrals/" + r1).then().statusCode(200);
            as(allowed).queryParam("size", "200").get("/api/queues/outgoing").then().statusCode(200).body("items.id", hasItem(r1));
            as(allowed).get("/api/pathways/" + r1).then().statusCode(200);
        }
        // Privacy officers: her access log and subject access export.
        as("fwt.privacy1").get("/api/subjects/" + subject + "/access-log").then().statusCode(200);
        as("fwt.privacy1").get("/api/subjects/" + subject + "/subject-access-export").then().statusCode(200)
                .body("subject.restricted", equalTo(true));

        // The receiving organisation's access through the referral is unchanged.
        as("crasac.coordinator1").get("/api/referrals/" + r1 + "/summary").then().statusCode(200);
        as("crasac.coordinator1").get("/api/referrals/" + r1).then().statusCode(200);
        as("crasac.coordinator1").queryParam("size", "200").get("/api/queues/incoming").then().statusCode(200)
                .body("items.id", hasItem(r1))
                .body("items.find { it.id == '" + r1 + "' }.needs", equalTo(List.of("counselling")));
        // The Connector's partnership view: ids and state only, and an overdue filter does not reveal her timing.
        as("fwt.connector1").queryParam("partnershipId", COVENTRY).queryParam("state", "SENT").queryParam("size", "200")
                .get("/api/connector/referrals").then().statusCode(200)
                .body("items.find { it.id == '" + r1 + "' }.state", equalTo("SENT"))
                .body("items.find { it.id == '" + r1 + "' }.fromOrganisationId", equalTo(FWT))
                .body("items.find { it.id == '" + r1 + "' }.needs", empty())
                .body("items.find { it.id == '" + r1 + "' }.urgency", nullValue())
                .body("items.find { it.id == '" + r1 + "' }.dueAt", nullValue())
                .body("items.find { it.id == '" + r1 + "' }.sentAt", nullValue());
        as("fwt.connector1").queryParam("partnershipId", COVENTRY).queryParam("overdue", "false").queryParam("size", "200")
                .get("/api/connector/referrals").then().statusCode(200).body("items.id", not(hasItem(r1)));

        // Handover: the new lead worker sees her, the old one no longer does.
        as("fwt.coordinator1").body(Map.of("leadWorkerId", userId("fwt.caseworker2")))
                .put("/api/subjects/" + subject + "/lead-worker").then().statusCode(200);
        as("fwt.caseworker2").get("/api/subjects/" + subject + "/summary").then().statusCode(200);
        as("fwt.caseworker1").get("/api/subjects/" + subject).then().statusCode(404);

        // Auth failures on the flag: no token, a role that may not call, another organisation.
        anonymous().body("{\"restricted\":false}").put("/api/subjects/" + subject + "/restricted").then().statusCode(401);
        as("wbg.evaluator1").body("{\"restricted\":false}").put("/api/subjects/" + subject + "/restricted").then().statusCode(403);
        as("fwt.admin1").body("{\"restricted\":false}").put("/api/subjects/" + subject + "/restricted").then().statusCode(403);
        as("crasac.coordinator1").body("{\"restricted\":false}").put("/api/subjects/" + subject + "/restricted").then().statusCode(404);
        as("crasac.coordinator1").get("/api/subjects/" + subject).then().statusCode(404);

        // Lifting it: everyone of her organisation sees her again.
        as("fwt.caseworker2").body("{\"restricted\":false}").put("/api/subjects/" + subject + "/restricted").then().statusCode(200)
                .body("restricted", equalTo(false));
        as("fwt.caseworker1").get("/api/subjects/" + subject + "/summary").then().statusCode(200);
        as("fwt.connector1").get("/api/referrals/" + r1).then().statusCode(200);

        // Setting and clearing are both in her access log, saying which way it went and who did it.
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'RESTRICTION_CHANGED' "
                + "and basis_ref = 'RESTRICTED' and actor_user_id = ?", uuid(subject), userId("fwt.caseworker1")));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'RESTRICTION_CHANGED' "
                + "and basis_ref = 'UNRESTRICTED' and actor_user_id = ?", uuid(subject), userId("fwt.caseworker2")));
        as("fwt.privacy1").get("/api/subjects/" + subject + "/access-log").then().statusCode(200)
                .body("entries.action", hasItem("RESTRICTION_CHANGED"));
    }

    @Test
    void registeringARestrictedCaseIsAuditedAndHidesHerAtOnce() {
        String lead = userId("fwt.caseworker2");
        String subject = as("fwt.caseworker1").body(Map.of("restricted", true, "leadWorkerId", lead)).post("/api/subjects").then()
                .statusCode(201).body("restricted", equalTo(true)).extract().path("id");
        // The registering worker named someone else as lead: she does not keep access herself.
        as("fwt.caseworker1").get("/api/subjects/" + subject).then().statusCode(404);
        as("fwt.caseworker2").get("/api/subjects/" + subject).then().statusCode(200);
        as("fwt.coordinator2").get("/api/subjects/" + subject).then().statusCode(200);
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'RESTRICTION_CHANGED' "
                + "and basis_ref = 'RESTRICTED'", uuid(subject)));
    }
}
