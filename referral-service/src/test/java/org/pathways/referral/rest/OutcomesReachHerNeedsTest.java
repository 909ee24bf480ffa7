package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

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
 * Issue 17, item 6 (ADR 0066) on the real stack: CRASAC completes Kairos's referral with NEED_MET and her NEEDS section
 * gets a new version, attributed to CRASAC, with the need MET on the Coventry scale; a referral that ends NOT_COMPLETED
 * changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class OutcomesReachHerNeedsTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aCompletionUpdatesHerNeedsAsANewVersionByTheRecordingOrganisation() {
        String her = registeredAndKnownToConsent("kairos.caseworker1");
        putSection("kairos.caseworker1", her, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"inHerWords\":\"someone to talk to\","
                + "\"status\":\"IDENTIFIED\"},{\"code\":\"housing-homelessness\",\"status\":\"IDENTIFIED\"}]}");
        recordConsent("kairos.caseworker1", her, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        String needs = "/api/subjects/" + her + "/summary/sections/NEEDS";

        // Not completed: her needs stay as they were.
        String failed = send("kairos.caseworker1", referral(her, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("crasac.coordinator1", failed, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        move("crasac.coordinator1", failed, 2, Map.of("target", "NOT_COMPLETED", "reason", "DISENGAGED")).statusCode(200);
        as("kairos.caseworker1").get(needs).then().statusCode(200).body("version", equalTo(1));

        String done = send("kairos.caseworker1", referral(her, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("crasac.coordinator1", done, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        move("crasac.caseworker1", done, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
        move("crasac.caseworker1", done, 3, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET")))
                .statusCode(200);

        as("kairos.caseworker1").get(needs).then().statusCode(200).body("version", equalTo(2))
                .body("authorOrganisationId", equalTo(CRASAC))
                .body("content.needs[0].code", equalTo("counselling")).body("content.needs[0].status", equalTo("MET"))
                .body("content.needs[0].scale", equalTo("MET"))
                .body("content.needs[0].inHerWords", equalTo("someone to talk to"))
                .body("content.needs[1].status", equalTo("IDENTIFIED"));
        as("kairos.caseworker1").get(needs + "/versions/1").then().statusCode(200).body("content.needs[0].status", equalTo("IDENTIFIED"));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'SECTION_WRITTEN' "
                + "and categories = 'NEEDS' and actor_organisation_id = ?", uuid(her), uuid(CRASAC)));
    }
}
