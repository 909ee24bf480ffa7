package org.pathways.systemtests;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.restassured.path.json.JsonPath;

/**
 * Real tokens from the stack's Keycloak, for demo users (password grant) and confidential clients. Each is reused until
 * a minute before it expires (the realm's access tokens live 15 minutes; the system tests run longer than that).
 */
public final class Tokens {

    private record Token(String value, Instant renewAfter) {
    }

    private static final Map<String, Token> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String forUser(String username) {
        return cached("u:" + username, () -> given().formParam("grant_type", "password")
                .formParam("client_id", StackInfo.get("login.client-id")).formParam("username", username)
                .formParam("password", StackInfo.get("login.demo-password"))
                .post(StackInfo.get("keycloak.token-url")).then().statusCode(200).extract().jsonPath());
    }

    public static String forClient(String clientId) {
        return cached("c:" + clientId, () -> given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", clientId + "-demo-secret")
                .post(StackInfo.get("keycloak.token-url")).then().statusCode(200).extract().jsonPath());
    }

    private static String cached(String key, java.util.function.Supplier<JsonPath> fetch) {
        return CACHE.compute(key, (k, t) -> {
            if (t != null && Instant.now().isBefore(t.renewAfter())) return t;
            JsonPath answer = fetch.get();
            return new Token(answer.getString("access_token"), Instant.now().plusSeconds(Math.max(0, answer.getLong("expires_in") - 60)));
        }).value();
    }
}
