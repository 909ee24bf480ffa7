package org.pathways.consent.client;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * This service's own client-credentials token (role {@code internal-service}) for calling directory-service and
 * referral-service, reused until shortly before it expires.
 */
@ApplicationScoped
public class ServiceToken {

    private record Token(String value, long expiresAt) {
    }

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    @ConfigProperty(name = "pathways.oidc-client.client-id", defaultValue = "consent-service")
    String clientId;

    @ConfigProperty(name = "pathways.oidc-client.secret", defaultValue = "none")
    String secret;

    @Inject
    ObjectMapper json;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Token token;

    /** A valid token, fetched when there is none or it is about to expire. */
    public String get(Duration timeout) throws Exception {
        Token t = token;
        if (t != null && t.expiresAt() > System.nanoTime()) return t.value();
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl.replaceAll("/$", "") + "/protocol/openid-connect/token"))
                .timeout(timeout).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException("token endpoint answered " + response.statusCode());
        JsonNode body = json.readTree(response.body());
        long seconds = Math.max(10, body.path("expires_in").asLong(60) - 10);
        token = new Token(body.path("access_token").asText(), System.nanoTime() + Duration.ofSeconds(seconds).toNanos());
        return token.value();
    }

    /** The token was refused (expired or revoked): fetch a new one next time. */
    public void forget() {
        token = null;
    }
}
