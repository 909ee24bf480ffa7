package org.pathways.platform.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Identity, errors, health and docs, as every service gets them from the platform, with real tokens from the real
 * Keycloak of the test stack.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "sandbox"))
class FoundationEndpointsTest {

    private static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    private static final String CELC = "5e1f0000-0000-4000-8000-000000000005";

    @Test
    void meReturnsTheCallersOrganisationAndRoles() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/me").then().statusCode(200)
                .body("organisationId", equalTo(KAIROS)).body("roles", hasItem("caseworker"))
                .body("service", equalTo("platform-test")).body("userId", not(nullValue()));
    }

    @Test
    void partnerSystemCarriesItsOrganisation() {
        given().auth().oauth2(Tokens.forClient("partner-celc-system")).get("/api/me").then().statusCode(200)
                .body("organisationId", equalTo(CELC)).body("roles", hasItems("caseworker", "referral-coordinator"));
    }

    @Test
    void ourServicesAreInternal() {
        given().auth().oauth2(Tokens.forClient("referral-service")).get("/api/me").then().statusCode(200)
                .body("roles", hasItem("internal-service")).body("organisationId", nullValue());
    }

    @Test
    void noTokenIs401ProblemWithChallenge() {
        given().get("/api/me").then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
    }

    @Test
    void forgedTokenIs401() {
        String token = Tokens.forUser("kairos.caseworker1");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA" + token.substring(token.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).get("/api/me").then().statusCode(401).contentType(startsWith("application/problem+json"));
    }

    @Test
    void evaluatorMayNotCallIt() {
        given().auth().oauth2(Tokens.forUser("wbg.evaluator1")).get("/api/me").then().statusCode(403)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(403));
    }

    @Test
    void unknownFieldIsRefusedByName() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json")
                .body("{\"label\":\"x\",\"age\":30,\"purpose\":\"REFERRAL\",\"surprise\":\"Jane Canary\"}")
                .post("/test/echo").then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("surprise")).body(not(containsString("Jane Canary")));
    }

    @Test
    void missingAndInvalidFieldsAreListed() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json")
                .body("{\"label\":\"\",\"age\":300,\"purpose\":\"REFERRAL\",\"items\":[{\"code\":\"\"}]}")
                .post("/test/echo").then().statusCode(400)
                .body("errors.field", hasItems("label", "age", "items[0].code"));
    }

    @Test
    void wrongTypeNamesTheFieldAndTheExpectedKind() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json")
                .body("{\"label\":\"x\",\"age\":30,\"purpose\":\"GOSSIP\"}")
                .post("/test/echo").then().statusCode(400)
                .body("errors[0].field", equalTo("purpose")).body("errors[0].message", containsString("REFERRAL"))
                .body(not(containsString("GOSSIP")));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json")
                .body("{\"label\":\"x\",\"age\":\"old\",\"purpose\":\"REFERRAL\"}")
                .post("/test/echo").then().statusCode(400).body("errors[0].field", equalTo("age"));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json")
                .body("{\"label\":\"x\",\"age\":3,\"purpose\":\"REFERRAL\",\"organisationId\":\"not-a-uuid\"}")
                .post("/test/echo").then().statusCode(400).body("errors[0].field", equalTo("organisationId"));
    }

    @Test
    void malformedJsonAndEmptyBodyAre400() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json").body("{\"label\":")
                .post("/test/echo").then().statusCode(400).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json")
                .post("/test/echo").then().statusCode(400).contentType(startsWith("application/problem+json"));
    }

    @Test
    void validInputIsAccepted() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("application/json")
                .body("{\"label\":\"x\",\"age\":30,\"purpose\":\"REFERRAL\",\"items\":[{\"code\":\"a\"}]}")
                .post("/test/echo").then().statusCode(200).body("purpose", equalTo("REFERRAL"));
    }

    @Test
    void unexpectedErrorsAre500ProblemsWithoutDetail() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).post("/test/echo/boom").then().statusCode(500)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("reference"))
                .body(not(containsString("Jane Canary")));
    }

    @Test
    void unknownPathAndWrongMethodAreProblems() {
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/nothing-here").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).delete("/api/me").then().statusCode(405)
                .contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType("text/plain").body("hi")
                .post("/test/echo").then().statusCode(415).contentType(startsWith("application/problem+json"));
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
    void openApiAndMetricsArePublished() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/api/me"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("pathways_outbox"));
    }
}
