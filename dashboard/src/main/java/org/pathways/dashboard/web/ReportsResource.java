package org.pathways.dashboard.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.dashboard.api.DirectoryApi;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Nav;
import org.pathways.dashboard.view.ReportView;
import org.pathways.dashboard.view.SectionForms;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * Reports (issue 15, screen 5; ADR 0067): a partnership's aggregate report of one closed period, read with the user's
 * own token from referral-service's reports API, shown as GOV.UK tables with every entry exactly as published (small
 * cells suppressed by the API, never recomputed here), and the API's CSV passed through as a download. The partnership
 * and period are chosen with a plain GET form: only their ids reach the address. For the roles the API admits
 * (Connector, partnership admin, evaluator); others 403.
 */
@Path("/reports")
@Authenticated
public class ReportsResource {

    private static final Pattern UUID_LIKE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** A period id as referral-service makes them (e.g. 20260101T000000Z_P6M): letters, digits, underscore. */
    private static final Pattern PERIOD_LIKE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

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
    Pages pages;

    @Inject
    @Location("reports.html")
    Template page;


    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response report(@QueryParam("partnership") String partnershipParam, @QueryParam("period") String periodParam) {
        if (!Nav.mayUseReports(user.roles())) return forbidden();
        List<SectionForms.Option> partnerships = partnerships();
        String partnership = partnershipParam != null && UUID_LIKE.matcher(partnershipParam).matches() ? partnershipParam.toLowerCase()
                : partnerships.isEmpty() ? null : partnerships.get(0).value();
        TemplateInstance t = page.data("partnerships", partnerships).data("partnership", partnership == null ? "" : partnership)
                .data("periods", List.of()).data("partnershipError", "").data("periodError", "").data("period", "").data("figures", List.of()).data("tables", List.of())
                .data("times", List.of()).data("generatedAt", "").data("periodLabel", "");
        if (partnership == null) return Pages.html(200, t.data("errors", List.of()).data("none", true));
        t.data("none", false);
        List<Map<String, Object>> periods;
        try (Response r = Calls.answer(() -> referrals.reportPeriods(partnership))) {
            if (r.getStatus() == 404 || r.getStatus() == 400) {
                return Pages.html(404, refused(t, List.of(new FieldError("partnership", "That partnership is not one of yours"))));
            }
            if (r.getStatus() == 403) return forbidden();
            if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus() + " for report periods");
            periods = Json.list(Json.map("{\"p\":" + r.readEntity(String.class) + "}").get("p"));
        }
        List<SectionForms.Option> periodOptions = new ArrayList<>();
        for (Map<String, Object> p : periods) {
            periodOptions.add(new SectionForms.Option(String.valueOf(p.get("id")), periodLabel(p)));
        }
        t.data("periods", periodOptions);
        if (periods.isEmpty()) return Pages.html(200, t.data("errors", List.of()));
        String period = periodParam != null && !periodParam.isBlank() ? periodParam : String.valueOf(periods.get(0).get("id"));
        t.data("period", period);
        if (!PERIOD_LIKE.matcher(period).matches()) {
            return Pages.html(400, refused(t, List.of(new FieldError("period", "Choose a reporting period from the list"))));
        }
        try (Response r = Calls.answer(() -> referrals.report(partnership, period))) {
            int s = r.getStatus();
            if (s == 403) return forbidden();
            if (s == 404) return Pages.html(404, refused(t, List.of(new FieldError("partnership", "That partnership is not one of yours"))));
            if (s == 400 || s == 409) {
                // referral-service's problem: its field (periodId) is this form's period; an open period is a 409.
                Refusal refusal = Refusal.of(r, (field, message) -> new FieldError("period", "Reporting period: " + message), null);
                if (refusal.errors.isEmpty()) refusal.add(new FieldError("period", s == 409
                        ? "That period has not closed yet: a report covers a closed period only" : "Choose a reporting period from the list"));
                return Pages.html(s, refused(t, refusal.errors));
            }
            if (s != 200) throw new ServiceUnavailable("referral-service answered " + s + " for a report");
            Map<String, Object> report = Json.map(r);
            Map<String, Object> reportPeriod = report.get("period") instanceof Map<?, ?> m ? cast(m) : Map.of();
            t.data("figures", ReportView.figures(report)).data("tables", ReportView.tables(report, directory::serviceName))
                    .data("times", List.of(
                            ReportView.times(report, "timeToAnswerHours", "Time from sending to the first answer", directory::serviceName),
                            ReportView.times(report, "timeToFirstContactHours", "Time from acceptance to first contact", directory::serviceName),
                            ReportView.sourceTimes(report)))
                    .data("generatedAt", org.pathways.dashboard.view.Dates.moment(report.get("generatedAt")))
                    .data("periodLabel", periodLabel(reportPeriod));
            return Pages.html(200, t.data("errors", List.of()));
        }
    }

    /** The API's CSV of the same report, passed through as a download (the user's token; nothing kept here). */
    @GET
    @Path("{partnership}/{period}.csv")
    @Produces({"text/csv", MediaType.TEXT_HTML})
    public Response csv(@PathParam("partnership") String partnership, @PathParam("period") String period) {
        if (!Nav.mayUseReports(user.roles())) return forbidden();
        if (!UUID_LIKE.matcher(partnership).matches() || !PERIOD_LIKE.matcher(period).matches()) return notFound();
        try (Response r = Calls.answer(() -> referrals.reportCsv(partnership, period))) {
            int s = r.getStatus();
            if (s == 403) return forbidden();
            if (s == 400 || s == 404 || s == 409) return notFound();
            if (s != 200) throw new ServiceUnavailable("referral-service answered " + s + " for a report's CSV");
            return Response.ok(r.readEntity(String.class), "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"pathways-report-" + period + ".csv\"").build();
        }
    }

    /** The refusal in the error summary and at its field (partnership or period). */
    private static TemplateInstance refused(TemplateInstance t, List<FieldError> errors) {
        for (FieldError e : errors) {
            if (e.field().equals("partnership")) t.data("partnershipError", e.message());
            if (e.field().equals("period")) t.data("periodError", e.message());
        }
        return t.data("errors", errors);
    }

    private static String periodLabel(Map<String, Object> p) {
        String start = String.valueOf(p.getOrDefault("start", ""));
        String end = String.valueOf(p.getOrDefault("end", ""));
        return org.pathways.dashboard.view.Dates.range(start, end);
    }

    private List<SectionForms.Option> partnerships() {
        try (Response r = Calls.answer(() -> directoryApi.partnerships())) {
            if (r.getStatus() != 200) return List.of();
            String body = r.readEntity(String.class);
            List<Map<String, Object>> ps = body.trim().startsWith("[") ? Json.list(Json.map("{\"p\":" + body + "}").get("p"))
                    : Json.list(Json.map(body).get("items"));
            return ps.stream().map(p -> new SectionForms.Option(String.valueOf(p.get("id")), String.valueOf(p.get("name")))).toList();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private Response forbidden() {
        return pages.error(403, "Reports are for the Partnership Connector, partnership admins and evaluators", "Your role does not include them.");
    }

    private Response notFound() {
        return pages.error(404, "Page not found", "There is no such report.");
    }

}
