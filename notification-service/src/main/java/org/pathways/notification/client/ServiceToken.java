package org.pathways.notification.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * This service's own access token (client credentials of the {@code notification-service} client), cached until
 * shortly before it expires. Its service account holds {@code internal-service} (directory's internal API) and
 * Keycloak's {@code view-users} (names and e-mail addresses), nothing more.
 */
@ApplicationScoped
public class ServiceToken {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    @ConfigProperty(name = "pathways.oidc-client.client-id", defaultValue = "notification-service")
    String clientId;

    @ConfigProperty(name = "pathways.oidc-client.secret")
    String secret;

    @Inject
    ObjectMapper json;

    private volatile String token;
    private volatile Instant expires = Instant.EPOCH;

    public String get() {
        if (token != null && Instant.now().isBefore(expires)) return token;
        synchronized (this) {
            if (token != null && Instant.now().isBefore(expires)) return token;
            String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                    + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
            try {
                HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new LookupUnavailableException("token-" + r.statusCode());
                JsonNode body = json.readTree(r.body());
                token = body.path("access_token").asText();
                expires = Instant.now().plusSeconds(Math.max(5, body.path("expires_in").asInt(60) - 30));
                return token;
            } catch (IOException e) {
                throw new LookupUnavailableException("token-unreachable");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LookupUnavailableException("interrupted");
            }
        }
    }

    /** Keycloak's admin API base of the realm, e.g. {@code http://host/admin/realms/pathways}. */
    public String adminBase() {
        int i = realmUrl.indexOf("/realms/");
        return realmUrl.substring(0, i) + "/admin" + realmUrl.substring(i);
    }

    /** GET {@code url} with this service's token; null on 404; throws {@link LookupUnavailableException} otherwise. */
    public JsonNode getJson(String url) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + get()).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) return null;
            if (r.statusCode() == 401) expires = Instant.EPOCH;
            if (r.statusCode() != 200) throw new LookupUnavailableException("http-" + r.statusCode());
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new LookupUnavailableException("unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LookupUnavailableException("interrupted");
        }
    }
}
