package org.pathways.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.dashboard.api.DirectoryApi;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CsrfForm;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.FanOut;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Inputs;
import org.pathways.dashboard.view.Labels;
import org.pathways.dashboard.view.SectionForms;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * "Split into referrals for each need" (issue 15, screen 4; ADR 0093): the Partnership Connector, on a referral to her
 * organisation's Connector service that she has taken up, chooses a service for one or more of its needs (the
 * directory's search for that need, capacity and response target shown), the parent's sections to share, urgency,
 * whether she knows, a note — and the dashboard sends one child referral per service chosen
 * ({@code POST /api/referrals/{id}/children}, her own token). Only the referral id is in the address.
 */
@Path("/referrals/{id}") // the Referral page's class path on purpose: Quarkus REST merges classes with identical paths
@Authenticated
public class FanOutResource {

    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");
    /** Services listed per need: the directory's first ones, those with room first. */
    static final int RESULTS_PER_NEED = 20;

    @Inject
    @RestClient
    ReferralApi api;

    @Inject
    @RestClient
    DirectoryApi directoryApi;

    @Inject
    Directory directory;

    @Inject
    CurrentUser user;

    @Inject
    Csrf csrf;

    @Inject
    Pages pages;

    @Inject
    @Location("split.html")
    Template split;

    /** The parent as referral-service shows it to her, and whether she may split it; null: not found for her. */
    private record Parent(Map<String, Object> ref, List<String> needs, List<String> sections, String state, boolean maySplit) {
    }

    @GET
    @Path("/split")
    @Produces(MediaType.TEXT_HTML)
    public Response form(@PathParam("id") String id) {
        Parent p = parent(id);
        if (p == null || !p.maySplit()) return pages.notFound();
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("sections", p.sections());
        values.put("urgency", List.of(p.ref().get("urgency") == null ? "ROUTINE" : String.valueOf(p.ref().get("urgency"))));
        values.put("personKnows", List.of(Boolean.FALSE.equals(p.ref().get("personKnows")) ? "no" : "yes"));
        return page(id, p, values, Map.of(), List.of(), List.of(), List.of(), 200);
    }

    @POST
    @Path("/split")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response send(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Parent p = parent(id);
        // Not hers to split: as not found (the service's 409s below still answer a state that changed meanwhile).
        if (p == null || !user.has(org.pathways.contracts.vocab.Roles.CONNECTOR)
                || !java.util.Objects.equals(user.organisationId(), p.ref().get("toOrganisationId"))) {
            return pages.notFound();
        }
        Map<String, List<String>> values = Forms.values(form);
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String need : p.needs()) chosen.put(need, form.getFirst(FanOut.field(need)));
        List<FanOut.Child> children = FanOut.children(p.needs(), chosen);
        Map<String, String> fe = new LinkedHashMap<>();
        String firstNeed = p.needs().isEmpty() ? "split-heading" : FanOut.field(p.needs().get(0));
        if (children.isEmpty()) fe.put(firstNeed, "Choose a service for at least one of her needs");
        List<String> sections = Forms.list(form, "sections");
        if (sections.isEmpty()) fe.put("sections", "Select the sections of her summary to share");
        String urgency = form.getFirst("urgency");
        if (Forms.blank(urgency)) fe.put("urgency", "Choose how urgent it is");
        String knows = form.getFirst("personKnows");
        if (!"yes".equals(knows) && !"no".equals(knows)) fe.put("personKnows", "Answer whether she knows about these referrals");
        if (!fe.isEmpty()) return page(id, p, values, fe, Forms.errorsOf(fe), List.of(), List.of(), 400);

        List<String> sent = new ArrayList<>();
        List<Map<String, Object>> sentRows = new ArrayList<>();
        for (FanOut.Child child : children) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("toServiceId", child.serviceId());
            body.put("needs", child.needs());
            body.put("urgency", urgency);
            body.put("sections", sections);
            body.put("personKnows", "yes".equals(knows));
            if (!Forms.blank(form.getFirst("note"))) body.put("note", form.getFirst("note"));
            if (!Forms.blank(form.getFirst("safeContactInstructions"))) {
                body.put("safeContactInstructions", form.getFirst("safeContactInstructions"));
            }
            try (Response r = Calls.answer(() -> api.child(id, Json.write(body)))) {
                int s = r.getStatus();
                if (s == 201) {
                    String childId = String.valueOf(Json.map(r).get("id"));
                    sent.add(childId);
                    sentRows.add(sentRow(childId, child));
                    continue;
                }
                if (s == 404 && sent.isEmpty()) return pages.notFound();
                if (s >= 500) return Pages.failed(r, "sending a child referral");
                // Refused: this child and those after it are not sent; those before it are, and the page says so.
                String field = FanOut.field(child.needs().get(0));
                String serviceName = directory.serviceName(child.serviceId());
                List<String> uncovered = new ArrayList<>();
                Refusal refusal = Refusal.of(r);
                String type = refusal.type();
                if (type.endsWith("not-a-connector-referral")) {
                    refusal.add(new FieldError(field, "Only a referral to your Partnership Connector service is split into referrals for each need"));
                } else if (type.endsWith("parent-not-taken-up")) {
                    refusal.add(new FieldError(field, "Accept the referral before splitting it: it is not taken up now"));
                } else if (type.endsWith("no-data-sharing-agreement")) {
                    refusal.add(new FieldError(field, "Your organisation has no data sharing agreement with the organisation of "
                            + serviceName + ": choose another service"));
                } else if (s == 403) {
                    refusal.add(new FieldError(field, "Only the Partnership Connector of the receiving organisation splits a referral"));
                } else {
                    refusal.map((f, message) -> {
                        if (type.endsWith("consent-not-covering")) {
                            String category = FanOut.uncoveredSection(message);
                            uncovered.add(category);
                            return new FieldError("sections", "Her consent does not cover " + Labels.code(category) + " for "
                                    + serviceName + ": untick it, or choose another service");
                        }
                        if (f.equals("personKnows") || type.endsWith("override-required")) {
                            return new FieldError("personKnows", "She does not know: a referral to " + serviceName + " without her knowing "
                                    + "needs an approved safeguarding override covering that service and every section");
                        }
                        String base = f.replaceAll("[\\[.].*", "");
                        if (List.of("sections", "urgency", "note", "safeContactInstructions").contains(base)) {
                            return new FieldError(base, Labels.code(base) + ": " + message);
                        }
                        return new FieldError(field, serviceName + " cannot take this referral: " + message);
                    }, null);
                    if (refusal.errors.isEmpty()) refusal.add(new FieldError(field, serviceName + " cannot take this referral: "
                            + refusal.detail()));
                }
                // What was sent is not sent again: those needs show as sent, their choice cleared.
                for (FanOut.Child done : children.subList(0, sent.size())) {
                    for (String need : done.needs()) values.remove(FanOut.field(need));
                }
                return page(id, p, values, refusal.atFields, refusal.errors, uncovered, sentRows, s == 409 ? 409 : 422);
            }
        }
        return Pages.see("/referrals/" + id + "?done=SPLIT&children=" + String.join(",", sent));
    }

    private Map<String, Object> sentRow(String childId, FanOut.Child child) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", childId);
        row.put("shortId", childId.substring(0, Math.min(8, childId.length())));
        row.put("service", directory.serviceName(child.serviceId()));
        row.put("needs", String.join(", ", child.needs().stream().map(Labels::need).toList()));
        row.put("needCodes", child.needs());
        return row;
    }

    /** The parent referral read with her token; null when referral-service does not show it to her. */
    private Parent parent(String id) {
        if (id == null || !ID.matcher(id).matches()) return null;
        try (Response r = Calls.answer(() -> api.referral(id))) {
            if (r.getStatus() == 404 || r.getStatus() == 400 || r.getStatus() == 403) return null;
            if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus());
            Map<String, Object> ref = Json.map(r);
            List<String> needs = strings(ref.get("needs"));
            List<String> sections = strings(ref.get("sections"));
            String state = String.valueOf(ref.get("state"));
            boolean received = user.organisationId() != null && user.organisationId().equals(ref.get("toOrganisationId"));
            boolean maySplit = FanOut.maySplit(user.roles(), state, received,
                    received && directory.isConnectorService((String) ref.get("toServiceId")));
            return new Parent(ref, needs, sections, state, maySplit);
        }
    }

    private Response page(String id, Parent p, Map<String, List<String>> values, Map<String, String> fe, List<FieldError> errors,
            List<String> uncovered, List<Map<String, Object>> sentRows, int status) {
        List<String> sentNeeds = new ArrayList<>();
        for (Map<String, Object> row : sentRows) sentNeeds.addAll(strings(row.get("needCodes")));
        String ownService = String.valueOf(p.ref().get("toServiceId"));
        List<Map<String, Object>> needs = new ArrayList<>();
        for (String need : p.needs()) {
            Map<String, Object> n = new LinkedHashMap<>();
            String field = FanOut.field(need);
            List<String> v = values.get(field);
            String chosen = v == null || v.isEmpty() ? "" : v.get(0);
            n.put("code", need);
            n.put("label", Labels.need(need));
            n.put("field", field);
            n.put("error", fe.get(field));
            n.put("sent", sentNeeds.contains(need));
            List<Map<String, Object>> results = new ArrayList<>();
            int withoutAgreement = 0;
            if (!sentNeeds.contains(need)) {
                for (Map<String, Object> s : search(need)) {
                    if (ownService.equals(String.valueOf(s.get("id"))) || Boolean.TRUE.equals(s.get("connector"))) continue;
                    if (!Boolean.TRUE.equals(s.get("sharesAgreement"))) {
                        withoutAgreement++;
                        continue;
                    }
                    Map<String, Object> o = new LinkedHashMap<>(s);
                    o.put("radioId", results.isEmpty() ? field : field + "-" + s.get("id"));
                    o.put("checked", chosen.equals(String.valueOf(s.get("id"))));
                    results.add(o);
                }
            }
            n.put("results", results);
            n.put("withoutAgreement", withoutAgreement);
            n.put("noneId", results.isEmpty() ? field : field + "-none");
            n.put("noneChecked", chosen.isEmpty() || results.stream().noneMatch(o -> Boolean.TRUE.equals(o.get("checked"))));
            needs.add(n);
        }
        List<SectionForms.Option> sectionOptions = p.sections().stream().map(c -> new SectionForms.Option(c,
                Labels.code(c) + (uncovered.contains(c) ? " – not covered by her consent for that service" : ""))).toList();
        List<Inputs.Input> inputs = new ArrayList<>();
        inputs.add(Inputs.of("sections", "Which sections of her summary to share",
                "The sections shared with your service. Each service sees only what her consent lets it see.", "CHECKBOXES",
                sectionOptions, values.get("sections"), false, fe));
        inputs.add(Inputs.of("urgency", "How urgent is it?", null, "RADIOS", List.of(new SectionForms.Option("ROUTINE", "Routine"),
                new SectionForms.Option("SOON", "Soon"), new SectionForms.Option("URGENT", "Urgent")), values.get("urgency"), false, fe));
        inputs.add(Inputs.of("personKnows", "Does she know about these referrals?",
                "If she does not, they can only be sent under an approved safeguarding override", "RADIOS", Inputs.yesNo(),
                values.get("personKnows"), false, fe));
        inputs.add(Inputs.of("note", "A note for the services (optional)", "Shown to them only while her consent lets them see her needs",
                "TEXTAREA", List.of(), values.get("note"), true, fe));
        inputs.add(Inputs.of("safeContactInstructions", "Safe contact instructions (optional)",
                "Shown to them only while her consent lets them see her safe contact section", "TEXTAREA", List.of(),
                values.get("safeContactInstructions"), true, fe));
        String rid = String.valueOf(p.ref().get("id"));
        TemplateInstance t = split.instance();
        t.data("id", id).data("shortId", rid.substring(0, Math.min(8, rid.length())));
        t.data("service", directory.serviceName(ownService));
        t.data("from", directory.organisationName((String) p.ref().get("fromOrganisationId")));
        t.data("needs", needs).data("inputs", inputs).data("errors", errors).data("sent", sentRows);
        return Pages.html(status, t);
    }

    /** The directory's services for one need, those with room first, as the New referral search shows them. */
    private List<Map<String, Object>> search(String need) {
        try (Response r = Calls.answer(() -> directoryApi.search(List.of(need), null, null, null, null, "rank", RESULTS_PER_NEED))) {
            if (r.getStatus() != 200) return List.of();
            return Json.list(Json.map(r).get("contents")).stream().map(NewReferralResource::result).toList();
        }
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
