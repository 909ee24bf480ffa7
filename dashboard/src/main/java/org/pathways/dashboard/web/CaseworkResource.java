package org.pathways.dashboard.web;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.dashboard.api.DirectoryFeedApi;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CsrfForm;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.Casework;
import org.pathways.dashboard.view.Dates;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Labels;
import org.pathways.dashboard.view.Nav;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * Casework screens on issue 16 and 17's APIs (ADR 0068), for caseworkers, referral coordinators and the Connector:
 * My caseload ({@code GET /api/caseload}), the organisation's waiting lists ({@code GET /api/queues/waiting-list}) and
 * recording a turn-away ({@code POST /api/turn-aways}: no record of her, codes and a day only). With the user's own
 * token; the services' refusals in the error summary at their fields. Her case is linked by her reference sealed for
 * this sign-in, never her subject id in an address.
 */
@Path("/")
@Authenticated
public class CaseworkResource {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Inject
    @RestClient
    ReferralApi referrals;

    @Inject
    @RestClient
    DirectoryFeedApi feed;

    @Inject
    Directory directory;

    @Inject
    CurrentUser user;

    @Inject
    Csrf csrf;

    @Inject
    @Location("caseload.html")
    Template caseloadPage;

    @Inject
    @Location("waiting-lists.html")
    Template waitingPage;

    @Inject
    @Location("turn-away.html")
    Template turnAwayPage;

    @Inject
    HerCaseRefs refs;

    @Inject
    Pages pages;

    // ---- My caseload ------------------------------------------------------------------------------------------------

    @GET
    @Path("caseload")
    @Produces(MediaType.TEXT_HTML)
    public Response caseload() {
        if (!Nav.mayUseCases(user.roles())) return forbidden();
        Map<String, Object> body;
        try (Response r = Calls.answer(() -> referrals.caseload())) {
            if (r.getStatus() == 403) return forbidden();
            if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus() + " for the caseload");
            body = Json.map(r);
        }
        List<Map<String, Object>> people = new ArrayList<>();
        for (Map<String, Object> p : Json.list(body.get("people"))) {
            String subject = String.valueOf(p.get("subjectId"));
            Map<String, Object> row = new LinkedHashMap<>();
            UUID id = Forms.uuid(subject);
            // Her case opens through her reference sealed for this sign-in (ADR 0052): no subject id in the address.
            row.put("ref", id == null ? "" : refs.seal(id));
            row.put("shortRef", subject.length() >= 8 ? subject.substring(0, 8).toUpperCase() : subject);
            row.put("role", "LEAD_WORKER".equals(p.get("role")) ? "Her lead worker" : "Referral assigned to you");
            row.put("restricted", Boolean.TRUE.equals(p.get("restricted")));
            row.put("open", String.valueOf(p.getOrDefault("openReferrals", 0)));
            long overdue = p.get("overdueReferrals") instanceof Number n ? n.longValue() : 0L;
            row.put("overdue", String.valueOf(overdue));
            row.put("hasOverdue", overdue > 0);
            row.put("last", Dates.moment(p.get("lastActivityAt")));
            people.add(row);
        }
        Map<String, Object> limit = body.get("limit") instanceof Map<?, ?> m ? cast(m) : Map.of();
        String limitText = limit.isEmpty() ? "" : (limit.get("minimum") != null ? "between " + limit.get("minimum") + " and " : "up to ")
                + limit.get("maximum");
        TemplateInstance t = caseloadPage.data("people", people).data("size", String.valueOf(body.getOrDefault("size", people.size())))
                .data("limit", limitText).data("over", Boolean.TRUE.equals(body.get("overLimit")))
                .data("under", Boolean.TRUE.equals(body.get("underLimit")));
        return Pages.html(200, t);
    }

    // ---- waiting lists ----------------------------------------------------------------------------------------------

    @GET
    @Path("waiting-lists")
    @Produces(MediaType.TEXT_HTML)
    public Response waitingLists() {
        if (!Nav.mayUseCases(user.roles())) return forbidden();
        Map<String, Object> body;
        try (Response r = Calls.answer(() -> referrals.waitingList(null))) {
            if (r.getStatus() == 403) return forbidden();
            if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus() + " for waiting lists");
            body = Json.map(r);
        }
        List<Map<String, Object>> services = new ArrayList<>();
        for (Map<String, Object> s : Json.list(body.get("services"))) {
            Map<String, Object> v = new LinkedHashMap<>();
            String sid = String.valueOf(s.get("serviceId"));
            v.put("id", sid);
            v.put("name", directory.serviceName(sid));
            v.put("count", String.valueOf(s.getOrDefault("count", 0)));
            v.put("held", String.valueOf(s.getOrDefault("heldInformally", 0)));
            List<Map<String, Object>> items = new ArrayList<>();
            for (Map<String, Object> i : Json.list(s.get("items"))) {
                Map<String, Object> row = new LinkedHashMap<>();
                String rid = String.valueOf(i.get("referralId"));
                row.put("id", rid);
                row.put("shortId", rid.length() >= 8 ? rid.substring(0, 8).toUpperCase() : rid);
                row.put("from", directory.organisationName(String.valueOf(i.get("fromOrganisationId"))));
                row.put("needs", i.get("needs") instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).map(Labels::need).toList()) : "");
                row.put("urgency", Labels.code(String.valueOf(i.getOrDefault("urgency", ""))));
                row.put("waited", String.valueOf(i.getOrDefault("waitedDays", "")));
                row.put("since", Dates.day(i.get("onListSince")));
                row.put("review", i.get("reviewDate") == null ? "" : Dates.day(i.get("reviewDate")));
                row.put("held", Boolean.TRUE.equals(i.get("heldInformally")));
                items.add(row);
            }
            v.put("items", items);
            services.add(v);
        }
        return Pages.html(200, waitingPage.data("services", services).data("asOf", Dates.moment(body.get("asOf"))));
    }

    // ---- turn-aways -------------------------------------------------------------------------------------------------

    @GET
    @Path("turn-aways")
    @Produces(MediaType.TEXT_HTML)
    public Response turnAwayForm(@QueryParam("done") String done) {
        if (!Nav.mayUseCases(user.roles())) return forbidden();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("date", LocalDate.now(LONDON).toString());
        return turnAway(values, List.of(), "yes".equals(done), 200);
    }

    @POST
    @Path("turn-aways")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response recordTurnAway(MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        if (!Nav.mayUseCases(user.roles())) return forbidden();
        Map<String, String> values = new LinkedHashMap<>();
        for (String k : List.of("serviceId", "needCode", "reasonCode", "date")) {
            String v = form.getFirst(k);
            values.put(k, v == null ? "" : v.strip());
        }
        // No free text and no subject: the body holds codes and a day only (ADR 0062). Blank answers are left out for
        // referral-service to name.
        Map<String, Object> body = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) body.put(k, v);
        });
        try (Response r = Calls.answer(() -> referrals.turnAway(Json.write(body)))) {
            int s = r.getStatus();
            if (s == 201 || s == 200) return Response.seeOther(URI.create("/turn-aways?done=yes")).build();
            Refusal refusal = Refusal.of(r);
            if (refusal.type().endsWith("not-your-service")) {
                refusal.add(new FieldError("serviceId", "Choose one of your organisation's services"));
            } else {
                refusal.map((field, message) -> switch (field) {
                    case "serviceId" -> new FieldError("serviceId", "Service: " + message);
                    case "needCode" -> new FieldError("needCode", "Need: " + message);
                    case "reasonCode" -> new FieldError("reasonCode", "Reason: " + message);
                    case "date" -> new FieldError("date", "Date: " + message);
                    default -> new FieldError("serviceId", Labels.code(field) + ": " + message);
                }, "It was not recorded (answer " + s + ").");
            }
            return turnAway(values, refusal.errors, false, s >= 500 ? 502 : s == 403 ? 403 : 400);
        }
    }

    private Response turnAway(Map<String, String> values, List<FieldError> errors, boolean done, int status) {
        List<Casework.Choice> services = new ArrayList<>();
        try (Response r = Calls.answer(() -> feed.services(user.organisationId(), 100))) {
            if (r.getStatus() == 200) {
                for (Map<String, Object> s : Json.list(Json.map(r).get("contents"))) {
                    services.add(new Casework.Choice(String.valueOf(s.get("id")), String.valueOf(s.get("name"))));
                }
            }
        }
        List<Casework.Choice> needs = new ArrayList<>();
        for (NeedCode n : NeedCode.values()) {
            needs.add(new Casework.Choice(n.code(), n.parent() == null ? n.label() : n.parent().label() + ": " + n.label()));
        }
        Map<String, String> at = new LinkedHashMap<>();
        for (FieldError e : errors) at.putIfAbsent(e.field(), e.message());
        TemplateInstance t = turnAwayPage.data("services", services).data("needs", needs).data("reasons", Casework.TURN_AWAY_REASONS)
                .data("v", values).data("errors", errors).data("done", done)
                .data("serviceError", at.get("serviceId")).data("needError", at.get("needCode"))
                .data("reasonError", at.get("reasonCode")).data("dateError", at.get("date"));
        for (String k : List.of("serviceId", "needCode", "reasonCode", "date")) values.putIfAbsent(k, "");
        return Pages.html(status, t);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }


    private Response forbidden() {
        return pages.error(403, "This page is for caseworkers, referral coordinators and the Partnership Connector",
                "Your role does not include it.");
    }
}
