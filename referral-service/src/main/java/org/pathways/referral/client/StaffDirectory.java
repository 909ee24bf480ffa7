package org.pathways.referral.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.client.Dependency;
import org.pathways.platform.rest.ProblemException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.runtime.TokensHelper;

/**
 * Whether a user id names a member of staff of an organisation who can hold a case (lead worker, claimed referral):
 * Keycloak's admin API, asked with this service's own client credentials, whose service account may only view users
 * (realm-management {@code view-users}). Asked at the moment of the change, never cached: a handover or claim is rare,
 * and a user who left must not stay assignable. Keycloak down, slow or refusing us: 503, never 500.
 */
@ApplicationScoped
public class StaffDirectory {


    /** The roles that work cases (the roles of the subject and queue APIs). */
    public static final Set<String> CASE_ROLES = Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR);

    /** What Keycloak says about the user for this organisation. */
    public enum Standing { STAFF, NOT_IN_ORGANISATION, NO_CASE_ROLE }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final TokensHelper tokens = new TokensHelper();

    @Inject
    OidcClient oidcClient;

    @Inject
    ObjectMapper json;

    @Inject
    Dependencies dependencies;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String realmUrl;

    /** Where the realm's admin API answers; by default derived from the realm URL. */
    @ConfigProperty(name = "pathways.keycloak.admin-url")
    Optional<String> adminUrl;

    public Standing standing(String userId, UUID organisationId) {
        UUID id;
        try {
            id = UUID.fromString(userId);
        } catch (IllegalArgumentException e) {
            return Standing.NOT_IN_ORGANISATION;
        }
        JsonNode user = get("/users/" + id);
        // Unknown, disabled and another organisation's users are one answer: the caller learns nothing about others.
        if (user == null || !user.path("enabled").asBoolean(true)) return Standing.NOT_IN_ORGANISATION;
        boolean member = false;
        for (JsonNode v : user.path("attributes").path(Roles.ORG_CLAIM)) member |= organisationId.toString().equals(v.asText());
        if (!member) return Standing.NOT_IN_ORGANISATION;
        JsonNode roles = get("/users/" + id + "/role-mappings/realm/composite");
        if (roles != null) {
            for (JsonNode r : roles) if (CASE_ROLES.contains(r.path("name").asText())) return Standing.STAFF;
        }
        return Standing.NO_CASE_ROLE;
    }

    /**
     * Refuses (400, naming {@code field}) a user who is not a member of staff of the organisation with a case role.
     */
    public void requireCaseWorker(String field, String userId, UUID organisationId) {
        switch (standing(userId, organisationId)) {
            case STAFF -> {
            }
            case NOT_IN_ORGANISATION -> throw ProblemException.invalidField(field, "is not a user of your organisation");
            case NO_CASE_ROLE -> throw ProblemException.invalidField(field,
                    "is not a caseworker, referral coordinator or connector of your organisation");
        }
    }

    /** GET below the admin base; null on 404; 503 problem for anything else that is not a 200. */
    private JsonNode get(String path) {
        return dependencies.keycloak().guarded(() -> fetch(path));
    }

    private JsonNode fetch(String path) {
        String token;
        try {
            token = tokens.getTokens(oidcClient).await().atMost(Duration.ofSeconds(5)).getAccessToken();
        } catch (RuntimeException e) {
            // Keycloak's token endpoint down, slow or refusing our credentials.
            throw new Dependency.Unavailable("token-" + e.getClass().getSimpleName());
        }
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(adminBase() + path)).timeout(Duration.ofSeconds(5))
                    .header("Authorization", "Bearer " + token).header("Accept", "application/json").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 404) return null;
            if (r.statusCode() != 200) throw new Dependency.Unavailable("http-" + r.statusCode());
            return json.readTree(r.body());
        } catch (IOException e) {
            throw new Dependency.Unavailable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Dependency.Unavailable("interrupted");
        }
    }

    String adminBase() {
        if (adminUrl.isPresent()) return adminUrl.get();
        int i = realmUrl.indexOf("/realms/");
        return realmUrl.substring(0, i) + "/admin" + realmUrl.substring(i);
    }
}
