package org.pathways.systemtests;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real tokens from the stack's Keycloak, for demo users (password grant) and confidential clients. */
public final class Tokens {

    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String forUser(String username) {
        return CACHE.computeIfAbsent("u:" + username, k -> given().formParam("grant_type", "password")
                .formParam("client_id", StackInfo.get("login.client-id")).formParam("username", username)
                .formParam("password", StackInfo.get("login.demo-password"))
                .post(StackInfo.get("keycloak.token-url")).then().statusCode(200).extract().path("access_token"));
    }

    public static String forClient(String clientId) {
        return CACHE.computeIfAbsent("c:" + clientId, k -> given().formParam("grant_type", "client_credentials")
                .formParam("client_id", clientId).formParam("client_secret", clientId + "-demo-secret")
                .post(StackInfo.get("keycloak.token-url")).then().statusCode(200).extract().path("access_token"));
    }
}
