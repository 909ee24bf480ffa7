package org.pathways.dashboard.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.dashboard.api.ConsentApi;
import org.pathways.dashboard.api.NotificationApi;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CsrfForm;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.Dates;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Labels;
import org.pathways.dashboard.view.Nav;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * The privacy officer's screens (issue 15, screen 6; ADR 0068): safeguarding overrides awaiting a decision and alerts,
 * both from her inbox in notification-service (the entries consent-service's events gave her: ids only), each override
 * read from consent-service with her own token; approving one is consent-service's approval (a different person from
 * the requester; its refusals in the error summary), and so is refusing one with a reason code (ADR 0090): a request
 * neither approved nor refused still lapses at its end date, which the page says.
 */
@Path("/privacy")
@Authenticated
public class PrivacyResource {

    static final String REQUESTED = "CONSENT_OVERRIDE_REQUESTED";
    /** Inbox kinds shown as alerts to a privacy officer. */
    static final Set<String> ALERTS = Set.of("CONSENT_WIDENED", "CONSENT_OVERRIDE_APPROVED", "CONSENT_OVERRIDE_EXPIRED",
            "CONSENT_OVERRIDE_REQUEST_EXPIRED");
    static final Map<String, String> BASES = Map.of(
            "DPA2018_SCH1_PARA18_SAFEGUARDING", "Safeguarding of an individual at risk (DPA 2018 Schedule 1 paragraph 18)",
            "PREVENTION_DETECTION_OF_CRIME", "Preventing or detecting unlawful acts (DPA 2018 Schedule 1 paragraph 10)",
            "COURT_ORDER", "An order of a court or tribunal",
            "VITAL_INTERESTS", "Her vital interests (UK GDPR Articles 6(1)(d) and 9(2)(c))");

    /** consent-service's refusal reason codes, in the order the form offers them, with their words. */
    static final Map<String, String> REFUSAL_REASONS = orderedReasons();

    private static Map<String, String> orderedReasons() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("NOT_PROPORTIONATE", "Sharing would go further than the risk justifies");
        m.put("INSUFFICIENT_GROUNDS", "The grounds given do not meet the legal basis");
        m.put("CONSENT_OBTAINABLE", "Her consent can be asked for safely");
        m.put("OTHER", "Another reason (talk to the requester)");
        return java.util.Collections.unmodifiableMap(m);
    }

    @Inject
    @RestClient
    ConsentApi consents;

    @Inject
    @RestClient
    NotificationApi notifications;

    @Inject
    Directory directory;

    @Inject
    CurrentUser user;

    @Inject
    Csrf csrf;

    @Inject
    @Location("privacy.html")
    Template list;

    @Inject
    @Location("privacy-override.html")
    Template overridePage;

    @Inject
    HerCaseRefs refs;

    @Inject
    Pages pages;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        if (!Nav.mayUsePrivacy(user.roles())) return forbidden();
        List<Map<String, Object>> items;
        try (Response r = Calls.answer(() -> notifications.inbox(0, 100))) {
            if (r.getStatus() != 200) throw new ServiceUnavailable("notification-service answered " + r.getStatus() + " for the inbox");
            items = Json.list(Json.map(r).get("items"));
        }
        Set<String> requested = new LinkedHashSet<>();
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> i : items) {
            String kind = String.valueOf(i.get("kind"));
            if (REQUESTED.equals(kind) && i.get("aggregateId") != null) requested.add(String.valueOf(i.get("aggregateId")));
            if (ALERTS.contains(kind)) {
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("text", String.valueOf(i.get("text")));
                a.put("when", Dates.moment(i.get("createdAt")));
                a.put("kind", kind);
                a.put("overrideId", kind.startsWith("CONSENT_OVERRIDE") ? String.valueOf(i.get("aggregateId")) : "");
                a.put("reference", i.get("reference") == null ? "" : String.valueOf(i.get("reference")));
                alerts.add(a);
            }
        }
        List<Map<String, Object>> pending = new ArrayList<>();
        for (String id : requested) {
            if (Forms.uuid(id) == null) continue;
            try (Response r = Calls.answer(() -> consents.override(id))) {
                if (r.getStatus() != 200) continue; // erased, or no longer hers to read: not listed
                Map<String, Object> o = Json.map(r);
                if (!"REQUESTED".equals(o.get("state"))) continue; // decided or lapsed: no longer awaiting
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", id);
                row.put("shortId", id.substring(0, 8).toUpperCase());
                row.put("requested", Dates.moment(o.get("requestedAt")));
                row.put("basis", BASES.getOrDefault(String.valueOf(o.get("legalBasis")), Labels.code(String.valueOf(o.get("legalBasis")))));
                row.put("organisation", directory.organisationName(String.valueOf(o.get("organisationId"))));
                row.put("until", Dates.day(o.get("validUntil")));
                pending.add(row);
            }
        }
        return Pages.html(200, list.data("pending", pending).data("alerts", alerts));
    }

    @GET
    @Path("overrides/{id}")
    @Produces(MediaType.TEXT_HTML)
    public Response override(@PathParam("id") String id, @QueryParam("done") String done) {
        if (!Nav.mayUsePrivacy(user.roles())) return forbidden();
        if (Forms.uuid(id) == null) return pages.notFound();
        return show(id, "approved".equals(done) ? "approved" : "refused".equals(done) ? "refused" : "", List.of(), 200, "");
    }

    /** The second person's "no" (ADR 0090): a reason code from radios; consent-service's refusals shown in place. */
    @POST
    @Path("overrides/{id}/refusal")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response refuse(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        if (!Nav.mayUsePrivacy(user.roles())) return forbidden();
        if (Forms.uuid(id) == null) return pages.notFound();
        String reason = form.getFirst("reasonCode");
        if (reason == null || !REFUSAL_REASONS.containsKey(reason)) {
            return show(id, "", List.of(new FieldError("reasonCode-NOT_PROPORTIONATE", "Select why you are refusing the request")), 400, "");
        }
        try (Response r = Calls.answer(() -> consents.refuseOverride(id, "{\"reasonCode\":\"" + reason + "\"}"))) {
            int s = r.getStatus();
            if (s == 200) return Response.seeOther(URI.create("/privacy/overrides/" + id + "?done=refused")).build();
            if (s == 404) return pages.notFound();
            if (s == 403 || s == 409 || s == 400 || s == 422) {
                Refusal refusal = Refusal.of(r);
                String type = refusal.type();
                // A 400 names the reason code: shown at the radios, like any field error.
                if (s == 400) return show(id, "", List.of(new FieldError("reasonCode-NOT_PROPORTIONATE",
                        "Select why you are refusing the request")), 400, reason);
                String message = s == 403 ? "You cannot refuse this request: " + refusal.detail()
                        : type.endsWith("override-lapsed") ? "This request has lapsed: it permits nothing and needs no decision"
                        : type.endsWith("override-not-pending") ? "This request has already been decided"
                        : String.valueOf(refusal.detail());
                return show(id, "", List.of(new FieldError("", message)), s, reason);
            }
            throw new ServiceUnavailable("consent-service answered " + s + " to a refusal");
        }
    }

    @POST
    @Path("overrides/{id}/approval")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response approve(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        if (!Nav.mayUsePrivacy(user.roles())) return forbidden();
        if (Forms.uuid(id) == null) return pages.notFound();
        if (!"yes".equals(form.getFirst("confirm"))) {
            return show(id, "", List.of(new FieldError("confirm",
                    "Confirm that you have checked the reasons and that sharing without her consent is justified")), 400, "");
        }
        try (Response r = Calls.answer(() -> consents.approveOverride(id, "{}"))) {
            int s = r.getStatus();
            if (s == 200) return Response.seeOther(URI.create("/privacy/overrides/" + id + "?done=approved")).build();
            if (s == 404) return pages.notFound();
            if (s == 403 || s == 409 || s == 400 || s == 422) {
                Refusal refusal = Refusal.of(r);
                String type = refusal.type();
                String message = s == 403 ? "You cannot approve this request: " + refusal.detail()
                        : type.endsWith("override-lapsed") ? "This request has lapsed: it can no longer be approved"
                        : type.endsWith("override-not-pending") ? "This request has already been decided"
                        : String.valueOf(refusal.detail());
                return show(id, "", List.of(new FieldError("", message)), s, "");
            }
            throw new ServiceUnavailable("consent-service answered " + s + " to an approval");
        }
    }

    /** {@code done}: "approved", "refused" or empty; {@code chosenReason}: the radio to keep checked after an error. */
    private Response show(String id, String done, List<FieldError> errors, int status, String chosenReason) {
        Map<String, Object> o;
        try (Response r = Calls.answer(() -> consents.override(id))) {
            if (r.getStatus() == 404 || r.getStatus() == 403) return pages.notFound();
            if (r.getStatus() != 200) throw new ServiceUnavailable("consent-service answered " + r.getStatus() + " for an override");
            o = Json.map(r);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", id);
        view.put("state", String.valueOf(o.get("state")));
        view.put("stateLabel", Labels.code(String.valueOf(o.get("state"))));
        view.put("pending", "REQUESTED".equals(o.get("state")));
        view.put("basis", BASES.getOrDefault(String.valueOf(o.get("legalBasis")), Labels.code(String.valueOf(o.get("legalBasis")))));
        view.put("justification", o.get("justification") == null ? "" : String.valueOf(o.get("justification")));
        List<String> recipients = new ArrayList<>();
        for (Map<String, Object> rcp : Json.list(o.get("recipients"))) {
            String rid = String.valueOf(rcp.get("id"));
            recipients.add("ORGANISATION".equals(rcp.get("type")) ? directory.organisationName(rid)
                    : "SERVICE".equals(rcp.get("type")) ? directory.serviceName(rid) : Labels.code(String.valueOf(rcp.get("type"))));
        }
        view.put("recipients", String.join(", ", recipients));
        view.put("purposes", joinCodes(o.get("purposes")));
        view.put("categories", joinCodes(o.get("categories")));
        view.put("until", Dates.day(o.get("validUntil")));
        view.put("requested", Dates.moment(o.get("requestedAt")));
        view.put("organisation", directory.organisationName(String.valueOf(o.get("organisationId"))));
        view.put("approved", o.get("approvedAt") == null ? "" : Dates.moment(o.get("approvedAt")));
        view.put("refused", o.get("refusedAt") == null ? "" : Dates.moment(o.get("refusedAt")));
        view.put("refusalReason", o.get("refusalReason") == null ? ""
                : REFUSAL_REASONS.getOrDefault(String.valueOf(o.get("refusalReason")), Labels.code(String.valueOf(o.get("refusalReason")))));
        UUID subject = Forms.uuid(String.valueOf(o.get("subjectId")));
        // Her access log through her case reference sealed for this sign-in: her subject id never reaches an address.
        view.put("logRef", subject == null ? "" : refs.seal(subject));
        List<Map<String, Object>> reasons = new ArrayList<>();
        REFUSAL_REASONS.forEach((code, words) -> reasons.add(Map.of("code", code, "words", words, "checked", code.equals(chosenReason))));
        TemplateInstance t = overridePage.data("o", view).data("errors", errors).data("done", done).data("reasons", reasons)
                .data("reasonError", errors.stream().filter(e -> e.field().startsWith("reasonCode")).map(FieldError::message).findFirst().orElse(""))
                .data("confirmError", errors.stream().filter(e -> e.field().equals("confirm")).map(FieldError::message).findFirst().orElse(""));
        return Pages.html(status, t);
    }

    private static String joinCodes(Object o) {
        return o instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).map(Labels::code).toList()) : "";
    }


    private Response forbidden() {
        return pages.error(403, "These pages are for privacy officers", "Your role does not include them.");
    }


}
