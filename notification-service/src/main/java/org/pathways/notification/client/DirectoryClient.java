package org.pathways.notification.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * directory-service's internal API: who a service's single point of contact is, and which partnerships an organisation
 * belongs to (with their lead organisation, which hosts the Partnership Connector). Answers are cached briefly and
 * dropped when {@code pathways.directory.spoc.changed} arrives.
 */
@ApplicationScoped
public class DirectoryClient {

    /** A service's SPOC as routing answers it (ADR 0011): any of user id, username, mailbox; source SERVICE or ORGANISATION. */
    public record Spoc(UUID organisationId, UUID userId, String username, String mailbox) {
    }

    public record Membership(UUID partnershipId, UUID leadOrganisationId) {
    }

    @Inject
    ServiceToken token;

    @ConfigProperty(name = "pathways.directory.url")
    String directoryUrl;

    @ConfigProperty(name = "pathways.notification.lookup-cache-ttl", defaultValue = "60s")
    Duration ttl;

    private TtlCache<UUID, Optional<Spoc>> routing;
    private TtlCache<UUID, List<Membership>> partnerships;
    private TtlCache<UUID, Optional<String>> mailboxes;

    @PostConstruct
    void init() {
        routing = new TtlCache<>(ttl);
        partnerships = new TtlCache<>(ttl);
        mailboxes = new TtlCache<>(ttl);
    }

    /** The SPOC of a service; empty when the directory does not know the service. */
    public Optional<Spoc> spoc(UUID serviceId) {
        return routing.get(serviceId, id -> {
            JsonNode r = token.getJson(directoryUrl + "/internal/services/" + id + "/routing");
            if (r == null) return Optional.empty();
            JsonNode s = r.path("spoc");
            UUID org = UUID.fromString(r.path("organisationId").asText());
            UUID user = s.hasNonNull("userId") ? UUID.fromString(s.get("userId").asText()) : null;
            String username = s.hasNonNull("username") ? s.get("username").asText() : null;
            return Optional.of(new Spoc(org, user, username, s.hasNonNull("mailbox") ? s.get("mailbox").asText() : null));
        });
    }

    public List<Membership> partnerships(UUID organisationId) {
        return partnerships.get(organisationId, id -> {
            JsonNode r = token.getJson(directoryUrl + "/internal/organisations/" + id + "/partnerships");
            List<Membership> out = new ArrayList<>();
            if (r != null) {
                for (JsonNode m : r) {
                    if ("REPORTING".equals(m.path("role").asText())) continue;
                    out.add(new Membership(UUID.fromString(m.path("partnershipId").asText()),
                            UUID.fromString(m.path("leadOrganisationId").asText())));
                }
            }
            return List.copyOf(out);
        });
    }

    /**
     * Where an organisation's mailbox notice is e-mailed: the SPOC mailbox of the service it is about, when that service
     * belongs to the organisation and has one (routing answers the organisation's own when the service names no SPOC);
     * else the organisation's mailbox (its organisation-level SPOC's); empty when it named none. Never logged or stored.
     */
    public Optional<String> mailboxAddress(UUID organisationId, UUID serviceId) {
        if (serviceId != null) {
            Optional<Spoc> spoc = spoc(serviceId);
            if (spoc.isPresent() && organisationId.equals(spoc.get().organisationId()) && spoc.get().mailbox() != null) {
                return Optional.of(spoc.get().mailbox());
            }
        }
        return mailboxes.get(organisationId, id -> {
            JsonNode r = token.getJson(directoryUrl + "/internal/organisations/" + id + "/mailbox");
            return r == null || !r.hasNonNull("mailbox") ? Optional.empty() : Optional.of(r.get("mailbox").asText());
        });
    }

    public void forgetRouting(UUID serviceId) {
        if (serviceId == null) {
            routing.clear();
            mailboxes.clear(); // an organisation-level SPOC (and so its mailbox) changed
        } else {
            routing.invalidate(serviceId);
        }
    }
}
