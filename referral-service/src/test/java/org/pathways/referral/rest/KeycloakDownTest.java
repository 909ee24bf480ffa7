package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.Fixtures.uuid;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Keycloak's admin API unreachable (nothing listens where this instance is told it answers; tokens still come from the
 * real realm): a handover or registration naming another worker is a 503 problem and changes nothing; naming oneself
 * needs no lookup and still works.
 */
@QuarkusTest
@TestProfile(KeycloakDownTest.AdminApiUnreachable.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class KeycloakDownTest {

    /** Port 1 on the loopback: nothing listens there, so every connection is refused. */
    public static class AdminApiUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pathways.keycloak.admin-url", "http://127.0.0.1:1/admin/realms/pathways");
        }
    }

    @Inject
    AgroalDataSource db;

    @Test
    void anUnreachableKeycloakIsA503AndNothingChanges() {
        String id = register("kairos.caseworker1");
        String colleague = userId("kairos.caseworker2");
        long subjects = count(db, "select count(*) from subject");

        as("kairos.caseworker1").body(Map.of("leadWorkerId", colleague)).put("/api/subjects/" + id + "/lead-worker").then()
                .statusCode(503).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://pathways.example/problems/dependency-unavailable"));
        as("kairos.caseworker1").body(Map.of("leadWorkerId", colleague)).post("/api/subjects").then().statusCode(503)
                .contentType(startsWith("application/problem+json"));
        assertEquals(subjects, count(db, "select count(*) from subject"));
        as("kairos.caseworker1").get("/api/subjects/" + id).then().statusCode(200).body("version", equalTo(0));
        assertEquals(0, count(db, "select count(*) from access_audit where subject_id = ? and action = 'LEAD_WORKER_CHANGED'", uuid(id)));

        // Another organisation still gets its 404 first: the lookup never runs for a subject the caller may not see.
        as("crasac.caseworker1").body(Map.of("leadWorkerId", colleague)).put("/api/subjects/" + id + "/lead-worker").then()
                .statusCode(404);
        // Naming oneself needs no lookup.
        as("kairos.coordinator1").body(Map.of("leadWorkerId", userId("kairos.coordinator1"))).put("/api/subjects/" + id + "/lead-worker")
                .then().statusCode(200);
    }
}
