package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
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
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** consent-service really stopped: a send and a read through a referral answer 503 problems and store nothing. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class DependencyDownTest {

    @Inject
    AgroalDataSource db;

    @Test
    void aDownConsentServiceIsA503AndNothingIsStored() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        String id = send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
        move("crasac.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        long auditBefore = count(db, "select count(*) from access_audit where subject_id = ?", uuid(subject));

        StackManager stack = StackManager.forProfile("test");
        stack.stopComponent("consent");
        try {
            send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                    .statusCode(503).contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://pathways.example/problems/dependency-unavailable"));
            as("crasac.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(503)
                    .contentType(startsWith("application/problem+json"));
        } finally {
            stack.startComponent("consent");
        }
        assertEquals(1, count(db, "select count(*) from referral where subject_id = ?", uuid(subject)));
        assertEquals(auditBefore, count(db, "select count(*) from access_audit where subject_id = ?", uuid(subject)));
        as("crasac.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(200);
    }
}
