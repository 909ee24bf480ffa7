package org.pathways.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.Labels;
import org.pathways.dashboard.view.Nav;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;

/**
 * Screen 4's pathway tree (issue 15, ADR 0090): one person's referrals as referral-service's
 * {@code GET /api/pathways/{id}} gives them to this user (her owning organisation every step; others their own and what
 * her consent lets them see, ADR 0046) — the first referral, onward referrals, the Connector's fan-out children and
 * re-routes under the declined one. Ids, states, organisation and service names only: nothing about her, and the
 * address carries the pathway id (its first referral's id) alone.
 */
@Path("/pathways/{id}")
@Authenticated
public class PathwayResource {

    static final Map<String, String> RELATIONS = Map.of("START", "First referral", "ONWARD", "Onward referral",
            "CHILD", "Fan-out child", "REROUTE", "Re-route of a declined or expired referral");

    @Inject
    @RestClient
    ReferralApi api;

    @Inject
    Directory directory;

    @Inject
    CurrentUser user;

    @Inject
    Pages pages;

    @Inject
    @Location("pathway.html")
    Template page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@PathParam("id") String id) {
        if (!Nav.mayUseCases(user.roles())) {
            return pages.error(403, "You cannot open pathways", "Your role does not include casework.");
        }
        if (Forms.uuid(id) == null) return pages.notFound();
        Map<String, Object> body;
        try (Response r = Calls.answer(() -> api.pathway(id))) {
            // Not hers to see and unknown are the same 404 (the services' rule reaches the user as "not found").
            if (r.getStatus() == 404 || r.getStatus() == 400) return pages.notFound();
            if (r.getStatus() == 403) return pages.error(403, "You cannot open this pathway", "Your role does not allow it.");
            if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus() + " for a pathway");
            body = Json.map(r);
        }
        List<Map<String, Object>> rows = tree(Json.list(body.get("steps")));
        return Pages.html(200, page.data("pathwayId", id).data("shortId", id.substring(0, 8).toUpperCase()).data("steps", rows));
    }

    /** The steps depth first under the one each follows, numbered as an outline (1, 1.1, 1.1.1), in the service's order. */
    List<Map<String, Object>> tree(List<Map<String, Object>> steps) {
        Map<String, List<Map<String, Object>>> under = new LinkedHashMap<>();
        List<Map<String, Object>> roots = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (Map<String, Object> s : steps) ids.add(String.valueOf(asMap(s.get("referral")).get("id")));
        for (Map<String, Object> s : steps) {
            Object follows = s.get("follows");
            // A step whose predecessor was left out (not this user's to see) is shown as a root.
            if (follows == null || !ids.contains(String.valueOf(follows))) roots.add(s);
            else under.computeIfAbsent(String.valueOf(follows), k -> new ArrayList<>()).add(s);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) walk(roots.get(i), String.valueOf(i + 1), 0, under, out);
        return out;
    }

    private void walk(Map<String, Object> step, String position, int depth, Map<String, List<Map<String, Object>>> under,
                      List<Map<String, Object>> out) {
        Map<String, Object> ref = asMap(step.get("referral"));
        String rid = String.valueOf(ref.get("id"));
        String state = String.valueOf(ref.get("state"));
        String relation = String.valueOf(step.get("relation"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", rid);
        row.put("shortId", rid.length() >= 8 ? rid.substring(0, 8).toUpperCase() : rid);
        row.put("position", position);
        row.put("depth", depth);
        row.put("relation", relation);
        row.put("relationLabel", RELATIONS.getOrDefault(relation, Labels.code(relation)));
        row.put("follows", step.get("follows") == null ? "" : String.valueOf(step.get("follows")).substring(0, 8).toUpperCase());
        row.put("state", state);
        row.put("stateLabel", Labels.state(state));
        row.put("stateTag", Labels.stateTag(state));
        row.put("from", directory.organisationName(ref.get("fromOrganisationId") == null ? null : String.valueOf(ref.get("fromOrganisationId"))));
        row.put("to", directory.organisationName(ref.get("toOrganisationId") == null ? null : String.valueOf(ref.get("toOrganisationId"))));
        row.put("service", directory.serviceName(ref.get("toServiceId") == null ? null : String.valueOf(ref.get("toServiceId"))));
        out.add(row);
        List<Map<String, Object>> next = under.getOrDefault(rid, List.of());
        for (int i = 0; i < next.size(); i++) walk(next.get(i), position + "." + (i + 1), depth + 1, under, out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
