package org.pathways.systemtests;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.StackManager;
import org.pathways.stack.testing.StackInfo;

import io.restassured.config.RedirectConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Issue 20, fault 5: Keycloak stopped, then started again. While it is down, tokens already issued keep working (the
 * services verify them with the keys they hold; their own service tokens are cached), a send goes end to end
 * (referral-service asks consent-service with its cached client token), no service or the dashboard fails its health
 * checks, a new login gets no answer from Keycloak and the dashboard answers its own "sign in is unavailable" page (503, ADR 0086;
 * before, a redirect to Keycloak's address).
 * After the restart the realm keeps its signing keys (the launcher keeps Keycloak's database while the realm file is
 * unchanged; before, the test profile re-imported the realm with new keys, so a service fetching the keys again refused
 * every token issued before), old tokens and new logins work. (referral-service's own {@code KeycloakDownTest} is a
 * different fault: Keycloak's admin API unreachable for one call.)
 */
class KeycloakRestartTest {

    static final String[] SERVICES = { "directory", "consent", "referral", "notification" };

    @Test
    void issuedTokensKeepWorkingHealthHoldsAndNewLoginsFailCleanlyWhileKeycloakIsDownAndItsKeysSurviveTheRestart() throws Exception {
        StackManager stack = StackManager.forProfile("test");
        Journey j = new Journey("Keycloak stopped and started again");
        Instant start = Instant.now().minusSeconds(1);
        long t0 = System.nanoTime();
        Map<String, Object> figures = new LinkedHashMap<>();
        String referral = StackInfo.serviceUrl("referral");
        boolean stopped = false;
        try {
            List<String> women = j.step("Kairos registers a woman with her need and consent for CELC",
                    () -> Faults.women(1, Faults.IMMIGRATION_NEED, i -> referral, i -> StackInfo.serviceUrl("consent")));
            String before = j.step("a send before the outage (referral-service's service token to consent-service is cached)", () -> {
                Faults.Outcome o = Faults.send(referral, women.get(0), Faults.CELC_IMMIGRATION, Faults.IMMIGRATION_NEED);
                assertEquals(201, o.status(), o.toString());
                return o.id();
            });
            // Tokens issued before the outage (Tokens keeps each for at least another minute, longer than the outage).
            String kairos = Tokens.forUser("kairos.caseworker1");
            String celc = Tokens.forUser("celc.coordinator1");
            Set<String> keysBefore = signingKeys();
            figures.put("realm signing keys", keysBefore.size());

            j.step("Keycloak stops", () -> stack.stopComponent("keycloak"));
            stopped = true;
            long downAt = System.nanoTime();

            String during = j.step("issued tokens keep working on every service; a send goes end to end", () -> {
                for (String s : SERVICES) {
                    given().auth().oauth2(kairos).get(StackInfo.serviceUrl(s) + "/api/me").then().statusCode(200);
                }
                given().auth().oauth2(kairos).get(referral + "/api/subjects/" + women.get(0)).then().statusCode(200);
                Faults.Outcome o = Faults.send(referral, women.get(0), Faults.CELC_IMMIGRATION, Faults.IMMIGRATION_NEED);
                assertEquals(201, o.status(), "a send while Keycloak is down: " + o);
                return o.id();
            });

            j.step("no service and not the dashboard fails its health checks because of it", () -> {
                for (String s : SERVICES) {
                    Journey.anonymous().get(StackInfo.serviceUrl(s) + "/q/health/ready").then().statusCode(200);
                    Journey.anonymous().get(StackInfo.serviceUrl(s) + "/q/health/live").then().statusCode(200);
                }
                Journey.anonymous().get(StackInfo.get("dashboard.url") + "/q/health/ready").then().statusCode(200);
            });

            j.step("a new login gets no answer from Keycloak; the dashboard answers its own \"sign in is unavailable\" page (503, ADR 0086)", () -> {
                try {
                    login("kairos.caseworker1");
                    throw new AssertionError("Keycloak answered while stopped");
                } catch (Exception e) {
                    assertTrue(Faults.causedBy(e, ConnectException.class), e.toString());
                }
                Response page = given().config(RestAssuredConfig.config().redirect(RedirectConfig.redirectConfig().followRedirects(false)))
                        .get(StackInfo.get("dashboard.url") + "/");
                figures.put("dashboard sign-in while Keycloak is down", page.statusCode() + " " + String.valueOf(page.header("Location")).replaceAll("\\?.*", ""));
                // Before ADR 0086 a 302 to Keycloak's address, where the browser showed its own connection error.
                assertEquals(503, page.statusCode(), "the dashboard answered " + page.statusCode());
                assertTrue(page.asString().contains("Sign in is unavailable"), "the dashboard's own page");
            });

            j.step("CELC's coordinator reads her inbox with her token issued before the outage", () ->
                    given().auth().oauth2(celc).get(StackInfo.serviceUrl("notification") + "/api/inbox/unread-count").then().statusCode(200));

            long upAt = System.nanoTime();
            j.step("Keycloak starts again", () -> stack.startComponent("keycloak"));
            stopped = false;
            figures.put("seconds Keycloak did not answer (stop to ready)", Math.round((System.nanoTime() - downAt) / 1e9));
            figures.put("of which starting", Math.round((System.nanoTime() - upAt) / 1e9));

            j.step("the realm kept its signing keys: a token issued before is signed by a key Keycloak still publishes", () -> {
                Set<String> keysAfter = signingKeys();
                assertEquals(keysBefore, keysAfter, "the realm's keys changed across the restart (re-imported?)");
                assertTrue(keysAfter.contains(keyId(kairos)), "the token issued before is signed by " + keyId(kairos));
            });

            j.step("old tokens and new logins work", () -> {
                for (String s : SERVICES) {
                    given().auth().oauth2(kairos).get(StackInfo.serviceUrl(s) + "/api/me").then().statusCode(200);
                }
                String fresh = login("kairos.caseworker1").then().statusCode(200).extract().path("access_token");
                given().auth().oauth2(fresh).get(referral + "/api/me").then().statusCode(200);
            });

            j.step("CELC's coordinator is told of both sends, once each", () ->
                    figures.put("notices (each once)", Faults.toldOnce(StackInfo.serviceUrl("notification"),
                            Map.of("celc.coordinator1", List.of("REFERRAL_SENT")), Set.of(before, during), start)));
        } finally {
            if (stopped || !stack.component("keycloak").isRunning()) stack.startComponent("keycloak");
            figures.put("seconds", Math.round((System.nanoTime() - t0) / 1e9));
            System.out.println("[faults] Keycloak stopped and restarted: " + figures);
        }
    }

    /** A new login (password grant of the CLI client), straight at Keycloak. */
    private static Response login(String user) {
        return given().formParam("grant_type", "password").formParam("client_id", StackInfo.get("login.client-id"))
                .formParam("username", user).formParam("password", StackInfo.get("login.demo-password"))
                .post(StackInfo.get("keycloak.token-url"));
    }

    /** The key ids the realm publishes for signing (its JWKS). */
    private static Set<String> signingKeys() {
        JsonPath jwks = given().get(StackInfo.get("keycloak.realm-url") + "/protocol/openid-connect/certs")
                .then().statusCode(200).extract().jsonPath();
        Set<String> kids = new TreeSet<>(jwks.getList("keys.findAll { it.use == 'sig' }.kid", String.class));
        assertFalse(kids.isEmpty(), "the realm publishes no signing key");
        return kids;
    }

    private static String keyId(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))), StandardCharsets.UTF_8);
        return new JsonPath(header).getString("kid");
    }
}
