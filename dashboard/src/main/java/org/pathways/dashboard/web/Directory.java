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

/** Names of organisations (the user's partnerships) and services, read once per request with the user's token. */
@RequestScoped
public class Directory {

    @Inject
    @RestClient
    DirectoryApi api;

    private Map<String, String> organisations;
    /** Service names already read in this request (a report names the same services in several tables). */
    private final Map<String, Service> services = new HashMap<>();

    public String organisationName(String id) {
        if (id == null) return "";
        if (organisations == null) organisations = loadOrganisations();
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
}
