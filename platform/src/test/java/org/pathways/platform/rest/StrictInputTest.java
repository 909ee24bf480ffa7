package org.pathways.platform.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 14, findings 7 and 8 (ADR 0005, 0006), as every service gets them from the platform: strict JSON (duplicate
 * keys, coercion, trailing text), no control characters anywhere in the input, 415 for a body that is not JSON,
 * problem bodies for 406/413/414/431, and protective headers on every answer.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "sandbox"))
class StrictInputTest {

    @TestHTTPResource("/test/echo")
    URL echoUrl;

    @TestHTTPResource("/test/echo/loose")
    URL looseUrl;

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String VALID = "\"label\":\"x\",\"age\":30,\"purpose\":\"REFERRAL\"";

    private static RequestSpecification caseworker() {
        return given().auth().oauth2(Tokens.forUser("kairos.caseworker1"));
    }

    private static ValidatableResponse echo(String json) {
        return caseworker().contentType("application/json").body(json).post("/test/echo").then();
    }

    private static ValidatableResponse problem(ValidatableResponse r, int status) {
        return r.statusCode(status).contentType(startsWith("application/problem+json")).body("status", equalTo(status));
    }

    @Test
    void duplicateKeysAreRefusedByName() {
        problem(echo("{" + VALID + ",\"age\":31}"), 400).body("errors[0].field", equalTo("age"));
        problem(echo("{" + VALID + ",\"items\":[{\"code\":\"a\",\"code\":\"b\"}]}"), 400).body("errors[0].field", equalTo("items[0].code"));
        problem(caseworker().contentType("application/json").body("{\"enabled\":false,\"enabled\":false}").put("/test/echo/tree").then(), 400)
                .body("errors[0].field", equalTo("enabled"));
    }

    @Test
    void noScalarIsCoerced() {
        problem(echo("{\"label\":7,\"age\":30,\"purpose\":\"REFERRAL\"}"), 400).body("errors[0].field", equalTo("label"));
        problem(echo("{\"label\":true,\"age\":30,\"purpose\":\"REFERRAL\"}"), 400).body("errors[0].field", equalTo("label"));
        problem(echo("{\"label\":\"x\",\"age\":\"30\",\"purpose\":\"REFERRAL\"}"), 400).body("errors[0].field", equalTo("age"));
        problem(echo("{\"label\":\"x\",\"age\":30.5,\"purpose\":\"REFERRAL\"}"), 400).body("errors[0].field", equalTo("age"));
        problem(echo("{\"label\":\"x\",\"age\":30,\"purpose\":0}"), 400).body("errors[0].field", equalTo("purpose"));
        problem(echo("{" + VALID + ",\"born\":7}"), 400).body("errors[0].field", equalTo("born"));
        problem(echo("{" + VALID + ",\"until\":7}"), 400).body("errors[0].field", equalTo("until"));
        problem(echo("{" + VALID + ",\"flag\":\"true\"}"), 400).body("errors[0].field", equalTo("flag"));
        problem(echo("{" + VALID + ",\"plain\":1}"), 400).body("errors[0].field", equalTo("plain"));
        problem(echo("{" + VALID + ",\"organisationId\":\"\"}"), 400).body("errors[0].field", equalTo("organisationId"));
        echo("{" + VALID + ",\"born\":\"1990-01-31\",\"until\":\"2030-01-01T00:00:00Z\",\"flag\":true,\"plain\":true}")
                .statusCode(200).body("born", equalTo("1990-01-31")).body("flag", equalTo(true));
    }

    @Test
    void textAfterTheDocumentIsRefused() {
        problem(echo("{" + VALID + "} trailing"), 400).body("type", containsString("malformed-json"));
        problem(echo("{" + VALID + "}{}"), 400).body("type", containsString("trailing-content"));
        problem(caseworker().contentType("application/json").body("{\"a\":1} x").put("/test/echo/tree").then(), 400);
    }

    @Test
    void controlCharactersInJsonAreRefusedByField() {
        problem(echo("{\"label\":\"a\\u0000b\",\"age\":30,\"purpose\":\"REFERRAL\"}"), 400)
                .body("type", containsString("control-character")).body("errors[0].field", equalTo("label"));
        problem(echo("{" + VALID + ",\"items\":[{\"code\":\"a\\u0001\"}]}"), 400).body("errors[0].field", equalTo("items[0].code"));
        problem(caseworker().contentType("application/json").body("{\"text\":{\"deep\":[\"ok\",\"a\\u0000\"]}}").put("/test/echo/tree").then(), 400)
                .body("errors[0].field", equalTo("text.deep[1]"));
        problem(caseworker().contentType("application/json").body("{\"a\\u0000\":1}").put("/test/echo/tree").then(), 400)
                .body("errors[0].field", equalTo("(a field name)"));
        // Tab, CR and LF are text.
        caseworker().contentType("application/json").body("{\"text\":\"line one\\r\\n\\tline two\"}").put("/test/echo/tree").then()
                .statusCode(200);
    }

    /** Before StrictJson's primitive rule, {"plain":null} was read as false (200). */
    @Test
    void nullForAPrimitiveIsRefusedAndALeftOutOneKeepsItsDefault() {
        problem(echo("{" + VALID + ",\"plain\":null}"), 400).body("errors[0].field", equalTo("plain"))
                .body("errors[0].message", equalTo("must be true or false"));
        echo("{" + VALID + ",\"flag\":null}").statusCode(200).body("flag", org.hamcrest.Matchers.nullValue());
        echo("{" + VALID + "}").statusCode(200).body("plain", equalTo(false));
    }

    /** Before StrictBooleans, ?discreet=banana was read as false (200). */
    @Test
    void aBooleanParameterIsTrueOrFalse() {
        for (String bad : new String[] { "banana", "yes", "1", "TRUE" }) {
            problem(caseworker().queryParam("discreet", bad).get("/test/echo/flags").then(), 400)
                    .body("errors[0].field", equalTo("discreet")).body("errors[0].message", equalTo("must be true or false"));
            problem(caseworker().queryParam("maybe", bad).get("/test/echo/flags").then(), 400)
                    .body("errors[0].field", equalTo("maybe"));
        }
        caseworker().queryParam("discreet", "true").queryParam("maybe", "false").get("/test/echo/flags").then().statusCode(200)
                .body("discreet", equalTo(true)).body("maybe", equalTo(false));
        caseworker().get("/test/echo/flags").then().statusCode(200).body("discreet", equalTo(false))
                .body("maybe", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void controlCharactersInParametersAndHeadersAreRefusedByName() throws Exception {
        problem(caseworker().urlEncodingEnabled(false).get("/test/echo/found/x?search=a%00b").then(), 400)
                .body("errors[0].field", equalTo("search"));
        problem(caseworker().urlEncodingEnabled(false).get("/test/echo/found/a%00b").then(), 400)
                .body("errors[0].field", equalTo("id"));
        // A control character in a header value never reaches us: the HTTP codec (Netty) refuses the request with a
        // bare 400 first (clients such as RestAssured's cannot even send one). ADR 0005 records the limit.
        assertTrue(rawStatusLine("X-Note: a\u0001b").startsWith("HTTP/1.1 400"));
        caseworker().queryParam("search", "tab\tok").get("/test/echo/found/x").then().statusCode(200)
                .header("Cache-Control", "no-store");
    }

    @Test
    void aBodyMustBeDeclaredJson() throws Exception {
        // No Content-Type at all (RestAssured always sends one for a body; the JDK client sends none).
        assertNoContentTypeIs415(echoUrl, "{" + VALID + "}");
        assertNoContentTypeIs415(looseUrl, "{\"code\":\"a\"}");
        problem(caseworker().contentType("text/plain").body("{" + VALID + "}").post("/test/echo").then(), 415);
        problem(caseworker().contentType("text/plain").body("{\"code\":\"a\"}").post("/test/echo/loose").then(), 415);
        caseworker().contentType("application/json").body("{\"code\":\"a\"}").post("/test/echo/loose").then().statusCode(200);
    }

    private String rawStatusLine(String header) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(echoUrl.getHost(), echoUrl.getPort())) {
            socket.getOutputStream().write(("GET /test/echo/found/x HTTP/1.1\r\nHost: localhost\r\n" + header
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return answer.substring(0, Math.max(0, answer.indexOf('\r')));
        }
    }

    private static void assertNoContentTypeIs415(URL url, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(url.toURI()).timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Tokens.forUser("kairos.caseworker1"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, r.statusCode(), url.getPath());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(r.headers().firstValue("Content-Type").isPresent());
    }

    @Test
    void limitsAnswerWithProblems() throws Exception {
        // The body is refused on its declared length (the JDK client sends it all, then reads the answer).
        HttpResponse<String> tooLarge = HTTP.send(HttpRequest.newBuilder(echoUrl.toURI()).timeout(java.time.Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + Tokens.forUser("kairos.caseworker1")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + "a".repeat(600 * 1024) + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertTrue(tooLarge.body().contains("\"status\":413"), tooLarge.body());
        problem(caseworker().get("/test/echo/found/x?pad=" + "a".repeat(9000)).then(), 414);
        problem(caseworker().header("X-Pad", "a".repeat(30 * 1024)).get("/test/echo/found/x").then(), 431);
        problem(caseworker().accept("text/csv").get("/api/me").then(), 406);
    }

    @Test
    void everyAnswerCarriesProtectiveHeaders() {
        for (ValidatableResponse r : new ValidatableResponse[] {
                caseworker().get("/api/me").then().statusCode(200),
                caseworker().get("/api/nothing-here").then().statusCode(404),
                given().get("/api/me").then().statusCode(401),
                given().get("/q/openapi?format=json").then().statusCode(200) }) {
            r.header("Cache-Control", "no-store").header("X-Content-Type-Options", "nosniff")
                    .header("Referrer-Policy", "no-referrer").header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"));
        }
        given().get("/test/echo/page").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Cache-Control", "no-store").header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("script")));
    }
}
