package org.pathways.dashboard.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.dashboard.api.DirectoryApi;

import com.fasterxml.jackson.core.type.TypeReference;

/**
 * Names of organisations (the user's partnerships, and the statutory partners, which are in none) and services, read
 * once per request with the user's token.
 */
@RequestScoped
public class Directory {

    @Inject
    @RestClient
    DirectoryApi api;

    private Map<String, String> organisations;
    private List<Map<String, Object>> searched;
    private List<Map<String, Object>> statutory;
    /** Service names already read in this request (a report names the same services in several tables). */
    private final Map<String, Service> services = new HashMap<>();

    public String organisationName(String id) {
        if (id == null) return "";
        if (organisations == null) organisations = loadOrganisations();
        // Statutory partners are in no partnership (ADR 0091), nor is a referrer to a statutory partner in its: the search's.
        if (!organisations.containsKey(id) && searched == null) addSearchedOrganisations();
        return organisations.getOrDefault(id, "Organisation " + id.substring(0, Math.min(8, id.length())));
    }

    public String serviceName(String id) {
        if (id == null) return "";
        return service(id).name();
    }

    /** Whether the service is a partnership's Partnership Connector service (directory-service's {@code connector}). */
    public boolean isConnectorService(String id) {
        return id != null && service(id).connector();
    }

    /** A service as the pages name it; a service the directory does not answer for is named by its id. */
    record Service(String name, boolean connector) {
    }

    private Service service(String id) {
        return services.computeIfAbsent(id, this::readService);
    }

    private Service readService(String id) {
        try (Response r = Calls.answer(() -> api.service(id))) {
            if (r.getStatus() == 200) {
                Map<String, Object> s = Json.map(r);
                Object name = s.get("name");
                if (name != null) return new Service(name.toString(), Boolean.TRUE.equals(s.get("connector")));
            }
        } catch (RuntimeException e) {
            // the name is a convenience: the page still shows the referral
        }
        return new Service("Service " + id.substring(0, Math.min(8, id.length())), false);
    }

    private Map<String, String> loadOrganisations() {
        Map<String, String> names = new HashMap<>();
        try (Response r = Calls.answer(() -> api.partnerships())) {
            if (r.getStatus() != 200) return names;
            String body = r.readEntity(String.class);
            List<Map<String, Object>> partnerships = body.trim().startsWith("[")
                    ? Json.MAPPER.readValue(body, new TypeReference<>() { })
                    : Json.list(Json.map(body).get("items"));
            for (Map<String, Object> p : partnerships) {
                for (Map<String, Object> m : Json.list(p.get("members"))) {
                    names.put(String.valueOf(m.get("organisationId")), String.valueOf(m.get("name")));
                }
            }
        } catch (Exception e) {
            // names are a convenience: ids are shown instead
        }
        return names;
    }

    /** Organisation names as the directory's search shows them to staff (roles that may not search learn none). */
    private void addSearchedOrganisations() {
        try {
            for (Map<String, Object> s : searchEveryNeed()) {
                Map<String, Object> o = Forms.asMap(s.get("organisation"));
                if (o.get("id") != null) organisations.putIfAbsent(String.valueOf(o.get("id")), String.valueOf(o.get("name")));
            }
        } catch (RuntimeException e) {
            searched = List.of(); // names are a convenience: ids are shown instead
        }
    }

    /** The directory's search over every need, page by page (at most 10 pages of 100), once per request. */
    private List<Map<String, Object>> searchEveryNeed() {
        if (searched != null) return searched;
        String every = String.join(",", java.util.Arrays.stream(org.pathways.contracts.vocab.NeedCode.values())
                .map(org.pathways.contracts.vocab.NeedCode::code).toList());
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        for (int page = 1; page <= 10; page++) {
            final int p = page;
            try (Response r = Calls.answer(() -> api.searchPage(every, p, 100))) {
                if (r.getStatus() != 200) throw new ServiceUnavailable("directory-service answered " + r.getStatus());
                Map<String, Object> body = Json.map(r);
                all.addAll(Json.list(body.get("contents")));
                if (!(body.get("totalPages") instanceof Number n) || page >= n.intValue()) break;
            }
        }
        searched = all;
        return searched;
    }

    /**
     * The statutory partners' services (ADR 0091: police domestic abuse unit, MARAC coordinator, SARC), as the
     * directory's search shows them: a search over every need, keeping the services of STATUTORY organisations.
     */
    public List<Map<String, Object>> statutoryServices() {
        if (statutory != null) return statutory;
        statutory = searchEveryNeed().stream().filter(s -> "STATUTORY".equals(Forms.asMap(s.get("organisation")).get("kind"))).toList();
        return statutory;
    }
}
