package org.pathways.systemtests;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.restassured.response.ValidatableResponse;
import org.pathways.stack.testing.StackInfo;
import org.pathways.platform.testing.Tokens;

/**
 * Issue 14, finding 8 (ADR 0006): every answer of every service — a JSON answer, an error, an HTML page — carries
 * {@code Cache-Control: no-store}, {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy: no-referrer} and
 * frame protection; her HTML pages (consent receipt, subject access page) also a Content-Security-Policy that allows
 * no script at all, and they hold none.
 */
class ProtectiveHeadersTest {

    static List<String> services() {
        return List.of("directory", "consent", "referral", "notification");
    }

    @ParameterizedTest
    @MethodSource("services")
    void jsonAnswersErrorsAndDocsAreProtected(String service) {
        String url = StackInfo.serviceUrl(service);
        common(given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get(url + "/api/me").then().statusCode(200));
        common(given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get(url + "/api/nothing-here").then().statusCode(404)
                .contentType(startsWith("application/problem+json")));
        common(given().get(url + "/api/me").then().statusCode(401));
        common(given().get(url + "/q/openapi?format=json").then().statusCode(200));
        // Swagger UI needs its own inline script: it gets frame protection, not the strict page policy.
        common(given().get(url + "/q/swagger-ui/").then().statusCode(200))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
    }

    @Test
    void herPagesAllowNoScriptAndNoFraming() {
        Journey j = new Journey("Protective headers on her pages");
        String subject = j.step("FWT registers her and records her consent", () -> registerKnownToConsent("fwt.caseworker1"));
        String consent = j.step("FWT records her consent for CRASAC",
                () -> recordConsent("fwt.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS"))));
        j.step("Her consent receipt page", () -> page(given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).accept("text/html")
                .get(Journey.url("consent", "/api/consents/" + consent + "/receipt.html")).then().statusCode(200)));
        j.step("Her subject access page", () -> page(given().auth().oauth2(Tokens.forUser("fwt.privacy1")).accept("text/html")
                .get(Journey.url("referral", "/api/subjects/" + subject + "/subject-access-export/page")).then().statusCode(200)));
    }

    private static ValidatableResponse common(ValidatableResponse r) {
        return r.header("Cache-Control", equalTo("no-store")).header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer")).header("X-Frame-Options", equalTo("DENY"));
    }

    private static void page(ValidatableResponse r) {
        common(r).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("script-src")))
                .body(not(containsString("<script")));
    }
}
