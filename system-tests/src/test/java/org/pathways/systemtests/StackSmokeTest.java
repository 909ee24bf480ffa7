package org.pathways.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathways.stack.testing.StackInfo;
import org.pathways.platform.testing.Tokens;

/**
 * The whole stack as the run command starts it: every service is a separate process, ready, and answers a real token
 * with the caller's organisation and roles.
 */
class StackSmokeTest {

    static List<String> services() {
        return List.of("directory", "consent", "referral", "notification");
    }

    @ParameterizedTest
    @MethodSource("services")
    void serviceIsReadyWithDatabaseAndKafka(String service) {
        given().get(StackInfo.serviceUrl(service) + "/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void demoUserTokenGivesOrganisationAndRoles(String service) {
        given().auth().oauth2(Tokens.forUser("crasac.coordinator1")).get(StackInfo.serviceUrl(service) + "/api/me")
                .then().statusCode(200)
                .body("service", equalTo(service + "-service"))
                .body("organisationId", equalTo("5e1f0000-0000-4000-8000-000000000002"))
                .body("roles", hasItem("referral-coordinator"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void partnerSystemAndInternalClientsAreRecognised(String service) {
        given().auth().oauth2(Tokens.forClient("partner-celc-system")).get(StackInfo.serviceUrl(service) + "/api/me")
                .then().statusCode(200).body("organisationId", equalTo("5e1f0000-0000-4000-8000-000000000005"));
        given().auth().oauth2(Tokens.forClient("notification-service")).get(StackInfo.serviceUrl(service) + "/api/me")
                .then().statusCode(200).body("roles", hasItem("internal-service"));
    }

    @ParameterizedTest
    @MethodSource("services")
    void withoutTokenIs401(String service) {
        given().get(StackInfo.serviceUrl(service) + "/api/me").then().statusCode(401);
    }
}
