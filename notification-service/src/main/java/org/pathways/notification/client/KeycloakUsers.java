package org.pathways.notification.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Keycloak's admin API with our service account, which may only view users: user ids for usernames, the users of an
 * organisation with their realm roles, and a user's e-mail address when an e-mail is about to go. Cached briefly;
 * nothing is stored in our database.
 */
@ApplicationScoped
public class KeycloakUsers {

    public record User(UUID id, UUID organisationId, Set<String> roles) {
    }

    @Inject
    ServiceToken token;

    @ConfigProperty(name = "pathways.notification.lookup-cache-ttl", defaultValue = "60s")
    Duration ttl;

    private TtlCache<String, Optional<UUID>> byUsername;
    private TtlCache<UUID, List<User>> byOrganisation;
    private TtlCache<UUID, Optional<String>> emails;

    @PostConstruct
    void init() {
        byUsername = new TtlCache<>(ttl);
        byOrganisation = new TtlCache<>(ttl);
        emails = new TtlCache<>(ttl);
    }

    public Optional<UUID> idOf(String username) {
        return byUsername.get(username, u -> {
            JsonNode r = token.getJson(token.adminBase() + "/users?exact=true&briefRepresentation=true&username="
                    + URLEncoder.encode(u, StandardCharsets.UTF_8));
            if (r == null) return Optional.empty();
            for (JsonNode user : r) {
                if (u.equalsIgnoreCase(user.path("username").asText()) && user.path("enabled").asBoolean(true)) {
                    return Optional.of(UUID.fromString(user.path("id").asText()));
                }
            }
            return Optional.empty();
        });
    }

    /** Enabled users whose {@code org} attribute is this organisation, with their effective realm roles. */
    public List<User> usersOf(UUID organisationId) {
        return byOrganisation.get(organisationId, org -> {
            JsonNode r = token.getJson(token.adminBase() + "/users?briefRepresentation=false&max=500&q="
                    + URLEncoder.encode("org:" + org, StandardCharsets.UTF_8));
            List<User> out = new ArrayList<>();
            if (r == null) return out;
            for (JsonNode user : r) {
                if (!user.path("enabled").asBoolean(true)) continue;
                // q= matches substrings in some Keycloak versions: keep exact matches only.
                boolean member = false;
                for (JsonNode v : user.path("attributes").path("org")) member |= org.toString().equals(v.asText());
                if (!member) continue;
                UUID id = UUID.fromString(user.path("id").asText());
                Set<String> roles = new TreeSet<>();
                JsonNode mappings = token.getJson(token.adminBase() + "/users/" + id + "/role-mappings/realm/composite");
                if (mappings != null) for (JsonNode m : mappings) roles.add(m.path("name").asText());
                out.add(new User(id, org, Set.copyOf(roles)));
            }
            return List.copyOf(out);
        });
    }

    /** Users of the organisation holding any of the roles. */
    public List<UUID> withRoles(UUID organisationId, Set<String> anyOf) {
        return usersOf(organisationId).stream().filter(u -> u.roles().stream().anyMatch(anyOf::contains))
                .map(User::id).toList();
    }

    /** The user's e-mail address, if the account is enabled and has one. Never logged, never stored. */
    public Optional<String> email(UUID userId) {
        return emails.get(userId, id -> {
            JsonNode u = token.getJson(token.adminBase() + "/users/" + id);
            if (u == null || !u.path("enabled").asBoolean(true) || !u.hasNonNull("email")) return Optional.empty();
            return Optional.of(u.get("email").asText());
        });
    }
}
