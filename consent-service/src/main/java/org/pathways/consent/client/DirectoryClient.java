package org.pathways.consent.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks directory-service which partnerships an organisation belongs to, and in which role
 * ({@code GET /internal/organisations/{id}/partnerships}, with this service's client-credentials token). Answers are
 * cached for {@code pathways.consent.directory.membership-ttl} (default 30 s): membership changes are rare admin acts,
 * and this is not consent — a withdrawal is never cached. Any failure answers "unknown" (empty), and callers deny
 * (ADR 0023).
 */
@ApplicationScoped
public class DirectoryClient {

    private static final Logger LOG = Logger.getLogger(DirectoryClient.class);

    /** An organisation's role in one partnership: LEAD, MEMBER or REPORTING. */
    public record Membership(UUID partnershipId, String role) {
    }

    private record Cached(Map<UUID, String> roles, long expiresAt) {
    }

    @ConfigProperty(name = "pathways.directory.url", defaultValue = "none")
    String directoryUrl;

    @ConfigProperty(name = "pathways.consent.directory.membership-ttl", defaultValue = "PT30S")
    Duration ttl;

    /** How long one call (token or membership) may take before the answer is "unknown" (deny). */
    @ConfigProperty(name = "pathways.consent.directory.timeout", defaultValue = "PT3S")
    Duration timeout;

    @Inject
    ObjectMapper json;

    @Inject
    ServiceToken serviceToken;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    /** The organisation's role in each of its partnerships, or empty when the directory could not be asked. */
    public Optional<Map<UUID, String>> partnerships(UUID organisationId) {
        Cached c = cache.get(organisationId);
        if (c != null && c.expiresAt() > System.nanoTime()) return Optional.of(c.roles());
        if ("none".equals(directoryUrl)) return Optional.empty();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(directoryUrl.replaceAll("/$", "") + "/internal/organisations/"
                    + organisationId + "/partnerships")).timeout(timeout)
                    .header("Authorization", "Bearer " + serviceToken.get(timeout)).header("Accept", "application/json").GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<UUID, String> roles = new HashMap<>();
            if (response.statusCode() == 200) {
                for (JsonNode m : json.readTree(response.body())) {
                    roles.put(UUID.fromString(m.path("partnershipId").asText()), m.path("role").asText());
                }
            } else if (response.statusCode() == 401) {
                serviceToken.forget(); // expired or revoked: fetch a new one next time
                return Optional.empty();
            } else if (response.statusCode() != 404) { // 404: not in the directory, so in no partnership
                LOG.warnf("directory answered %d for an organisation's partnerships", response.statusCode());
                return Optional.empty();
            }
            Map<UUID, String> answer = Map.copyOf(roles);
            cache.put(organisationId, new Cached(answer, System.nanoTime() + ttl.toNanos()));
            return Optional.of(answer);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.warnf("directory unavailable for membership (%s); whole-partnership grants are denied", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** True only if the directory says the organisation is a LEAD or MEMBER (not REPORTING) of the partnership. */
    public boolean isSharingMember(UUID organisationId, UUID partnershipId) {
        return partnerships(organisationId).map(m -> {
            String role = m.get(partnershipId);
            return "LEAD".equals(role) || "MEMBER".equals(role);
        }).orElse(false);
    }
}
