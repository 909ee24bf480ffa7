package org.pathways.platform.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.pathways.stack.testing.StackInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real access tokens from the real Keycloak of the test stack (password grant for demo users, client credentials for
 * clients). Each is reused until a minute before it expires (the realm's access tokens live 15 minutes; the system
 * tests run longer than that). One copy for the services' tests and the system tests.
 */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant expires) {
    }

    private Tokens() {
    }

    /** A demo user's access token, e.g. {@code forUser("kairos.caseworker1")}. */
    public static String forUser(String username) {
        return cached("user:" + username, Map.of("grant_type", "password", "client_id", StackInfo.get("login.client-id"),
                "username", username, "password", StackInfo.get("login.demo-password")));
    }

    /** A confidential client's own token (client credentials), e.g. {@code forClient("referral-service")}. */
    public static String forClient(String clientId) {
        return cached("client:" + clientId, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", clientId + "-demo-secret"));
    }

    // One fetch at a time: concurrent first logins of one user (AuditChainTest's 16 threads, when no earlier test
    // warmed the cache) were refused by Keycloak's brute-force protection (user_temporarily_disabled).
    private static synchronized String cached(String key, Map<String, String> form) {
        Cached c = CACHE.get(key);
        if (c != null && Instant.now().isBefore(c.expires())) return c.token();
        Cached fresh = fetch(form);
        CACHE.put(key, fresh);
        return fresh.token();
    }

    private static Cached fetch(Map<String, String> form) {
        String tokenUrl = StackInfo.get("keycloak.token-url");
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + r.statusCode() + ") for " + form.get("username")
                        + form.getOrDefault("client_id", ""));
            }
            JsonNode json = JSON.readTree(r.body());
            int expiresIn = json.path("expires_in").asInt(60);
            return new Cached(json.path("access_token").asText(), Instant.now().plusSeconds(Math.max(10, expiresIn - 60)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not reach Keycloak at " + tokenUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
