package org.pathways.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What every service must do from day one, against the real test stack. A service's test class extends this, adds
 * {@code @QuarkusTest} and the {@code LocalStackTestResource} for its database, and names itself.
 */
public abstract class ServiceFoundationContract {

    private static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    private static final String FWT = "5e1f0000-0000-4000-8000-000000000001";

    /** The service's quarkus.application.name, e.g. "directory-service". */
    protected abstract String serviceName();

    /**
     * Answers the service's integration tests see, by "METHOD /path" (as in the OpenAPI document): each must be
     * documented (ADR 0007). A representative set per service.
     */
    protected Map<String, Set<String>> answersSeenInTests() {
        return Map.of();
    }

    @Test
    void meReturnsTheCallersOrganisationAndRoles() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/me").then().statusCode(200)
                .body("service", equalTo(serviceName())).body("organisationId", equalTo(KAIROS))
                .body("roles", hasItem("caseworker"));
        given().auth().oauth2(Tokens.forUser("fwt.connector1")).get("/api/me").then().statusCode(200)
                .body("organisationId", equalTo(FWT)).body("roles", hasItem("connector"));
        given().auth().oauth2(Tokens.forUser("fwt.privacy2")).get("/api/me").then().statusCode(200)
                .body("roles", hasItem("privacy-officer"));
    }

    @Test
    void meWithoutATokenIs401Problem() {
        given().get("/api/me").then().statusCode(401).contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void meForAnEvaluatorIs403Problem() {
        given().auth().oauth2(Tokens.forUser("wbg.evaluator2")).get("/api/me").then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void unknownFieldsAndUnknownPathsAreProblems() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/does-not-exist").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void readinessIsTheDatabaseAndWellnessTheOutbox() {
        // Readiness: the database, not Kafka (a broker outage leaves the API in rotation: the outbox absorbs it, ADR 0081).
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check"))
                .body("checks.name", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("Kafka connection health check")));
        given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItems("Outbox relay (Kafka publishing)"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void openApiSwaggerAndMetricsArePublished() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", hasKey("/api/me"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void everyOperationDocumentsItsAnswersAndTypedBodies() throws Exception {
        String json = given().get("/q/openapi?format=json").then().statusCode(200).extract().asString();
        java.util.List<String> failures = ApiDescriptionRules.check(new ObjectMapper().readTree(json), answersSeenInTests());
        org.junit.jupiter.api.Assertions.assertTrue(failures.isEmpty(), "the OpenAPI document breaks ADR 0007:\n"
                + String.join("\n", failures));
    }
}
