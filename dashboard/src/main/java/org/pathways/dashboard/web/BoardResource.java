package org.pathways.dashboard.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.dashboard.api.DirectoryApi;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.Board;
import org.pathways.dashboard.view.Nav;
import org.pathways.dashboard.view.SectionForms;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * The Connector board (issue 15, screen 4; ADR 0058): every referral in flight across the Partnership Connector's
 * partnerships, one group per state, overdue (escalated) and stalled first. Read with her own token from
 * {@code GET /api/connector/referrals} (metadata only: no subject ids, never sections). The filters are a GET form:
 * only a partnership id and "overdue only" reach the address, nothing about anyone.
 */
@Path("/board")
@Authenticated
public class BoardResource {

    /** A page of the connector API; the board reads at most {@link #PAGES} of them (1,000 referrals in flight). */
    static final int PAGE_SIZE = 200;
    static final int PAGES = 5;
    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-fA-F-]{36}");

    @Inject
    @RestClient
    ReferralApi referrals;

    @Inject
    @RestClient
    DirectoryApi directoryApi;

    @Inject
    Directory directory;

    @Inject
    CurrentUser user;

    @Inject
    @Location("board.html")
    Template board;

    @Inject
    @Location("error.html")
    Template error;

    @ConfigProperty(name = "pathways.dashboard.board.stalled-after", defaultValue = "P10D")
    Duration stalledAfter;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("partnership") String partnership, @QueryParam("overdue") String overdueOnly) {
        if (!Nav.mayUseBoard(user.roles())) {
            return Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(error.data("heading",
                    "The Connector board is for the Partnership Connector").data("message", "Your role does not include it.")
                    .data("status", 403).render()).build();
        }
        String pid = partnership != null && UUID_LIKE.matcher(partnership).matches() ? partnership : null;
        boolean overdue = "yes".equals(overdueOnly);
        List<Map<String, Object>> items = new ArrayList<>();
        long total = 0;
        boolean partial = false;
        String failed = null;
        for (int page = 0; page < PAGES; page++) {
            final int p = page;
            try (Response r = Calls.answer(() -> referrals.connector(pid, String.join(",", Board.IN_FLIGHT), overdue ? Boolean.TRUE : null,
                    p, PAGE_SIZE))) {
                if (r.getStatus() == 404 && pid != null) {
                    failed = "That partnership is not one of yours.";
                    break;
                }
                if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus() + " for the board");
                Map<String, Object> body = Json.map(r);
                List<Map<String, Object>> got = Json.list(body.get("items"));
                items.addAll(got);
                total = body.get("total") instanceof Number n ? n.longValue() : items.size();
                if (got.size() < PAGE_SIZE || items.size() >= total) break;
                partial = page == PAGES - 1;
            }
        }
        List<Board.Group> groups = Board.groups(items, directory::organisationName, directory::serviceName, directory::isConnectorService,
                user.organisationId(), Instant.now(), stalledAfter);
        TemplateInstance t = board.instance();
        List<Board.Declined> declined = failed == null ? declined(pid) : List.of();
        t.data("declined", declined).data("declinedMore", declined.size() >= PAGE_SIZE * PAGES);
        t.data("groups", groups).data("total", items.size()).data("partial", partial).data("failed", failed);
        t.data("overdueCount", groups.stream().mapToLong(Board.Group::overdue).sum());
        t.data("stalledCount", groups.stream().mapToLong(Board.Group::stalled).sum());
        t.data("stalledDays", stalledAfter.toDays());
        t.data("partnerships", partnerships()).data("partnership", pid == null ? "" : pid).data("overdueOnly", overdue);
        return Response.status(failed == null ? 200 : 404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(t.render()).build();
    }

    /**
     * The referrals her organisation sent (children and re-routes included) that were declined or expired and that
     * nothing replaces yet: the connector API's {@code organisationId} (either side) and {@code replaced=false}; up to
     * {@link #PAGES} pages of them, newest first (ADR 0093).
     */
    private List<Board.Declined> declined(String pid) {
        String org = user.organisationId();
        if (org == null) return List.of();
        List<Map<String, Object>> items = new ArrayList<>();
        for (int page = 0; page < PAGES; page++) {
            final int p = page;
            try (Response r = Calls.answer(() -> referrals.connectorOf(pid, String.join(",", Board.NOT_TAKEN_UP), org, Boolean.FALSE, p,
                    PAGE_SIZE))) {
                if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus() + " for the declined referrals");
                List<Map<String, Object>> got = Json.list(Json.map(r).get("items"));
                items.addAll(got);
                if (got.size() < PAGE_SIZE) break;
            }
        }
        return Board.declined(items, directory::organisationName, directory::serviceName, org);
    }

    private List<SectionForms.Option> partnerships() {
        try (Response r = Calls.answer(() -> directoryApi.partnerships())) {
            if (r.getStatus() != 200) return List.of();
            String body = r.readEntity(String.class);
            List<Map<String, Object>> ps = body.trim().startsWith("[") ? Json.list(Json.map("{\"p\":" + body + "}").get("p"))
                    : Json.list(Json.map(body).get("items"));
            Map<String, String> out = new LinkedHashMap<>();
            for (Map<String, Object> p : ps) out.put(String.valueOf(p.get("id")), String.valueOf(p.get("name")));
            return out.entrySet().stream().map(e -> new SectionForms.Option(e.getKey(), e.getValue())).toList();
        }
    }
}
