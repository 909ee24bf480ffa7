package org.pathways.dashboard.web;

import static org.pathways.dashboard.web.Forms.asMap;
import static org.pathways.dashboard.web.Forms.blank;
import static org.pathways.dashboard.web.Forms.errorsOf;
import static org.pathways.dashboard.web.Forms.list;
import static org.pathways.dashboard.web.Forms.strip;
import static org.pathways.dashboard.web.Pages.html;
import static org.pathways.dashboard.web.Pages.see;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.dashboard.api.DirectoryApi;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CsrfForm;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Inputs;
import org.pathways.dashboard.view.Labels;
import org.pathways.dashboard.view.SectionForms;
import org.pathways.dashboard.view.Statutory;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * New referral (issue 15, screen 3; ADR 0052): find or register her, write her summary one section per form, record her
 * consent and print her discreet receipt, search the directory, answer "does she know?", send — each step a plain form
 * post answered by a redirect (or by the same page with an error summary), every call with the user's own token. URLs
 * carry only her case reference (her subject id sealed for this sign-in, {@link HerCaseRefs}); titles name the step.
 */
@Path("/new")
@Authenticated
public class NewReferralResource {

    @Inject
    @RestClient
    ReferralApi referrals;

    @Inject
    @RestClient
    DirectoryApi directory;

    @Inject
    Directory names;

    @Inject
    Csrf csrf;

    @Inject
    CurrentUser user;

    @Inject
    @Location("new-start.html")
    Template start;

    @Inject
    @Location("new-case.html")
    Template casePage;

    @Inject
    @Location("new-section.html")
    Template sectionPage;

    @Inject
    @Location("new-search.html")
    Template searchPage;

    @Inject
    @Location("new-send.html")
    Template sendPage;

    @Inject
    @Location("new-statutory.html")
    Template statutoryPage;

    @Inject
    HerCaseRefs refs;

    @Inject
    HerConsentSteps consent;

    @Inject
    Pages pages;

    /** A step of her case answering a posted form, once its CSRF token is checked and her case reference opened. */
    @FunctionalInterface
    interface PostedStep {
        Response answer(String ref, String subject, MultivaluedMap<String, String> form);
    }

    /** Every form of her case: the CSRF token first (403 "This form has expired"), then her reference (else 404). */
    private Response posted(String ref, MultivaluedMap<String, String> form, PostedStep step) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Optional<String> subject = refs.open(ref);
        return subject.isEmpty() ? pages.notFound() : step.answer(ref, subject.get(), form);
    }

    /** Every page of her case: her reference opened (else 404). */
    private Response opened(String ref, java.util.function.Function<String, Response> page) {
        Optional<String> subject = refs.open(ref);
        return subject.isEmpty() ? pages.notFound() : page.apply(subject.get());
    }

    // ---- 1. find or register her ------------------------------------------------------------------------------------

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response startPage() {
        return html(200, start.data("errors", List.of()).data("reference", ""));
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @CsrfForm
    public Response register(MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        try (Response r = Calls.answer(() -> referrals.register("{}"))) {
            if (r.getStatus() != 201) return Pages.failed(r, "registering her");
            String id = String.valueOf(Json.map(r).get("id"));
            return see("/new/" + refs.seal(id) + "?done=registered");
        }
    }

    @POST
    @Path("find")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response find(MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        String reference = strip(form.getFirst("reference"));
        UUID id = uuid(reference);
        if (id == null) {
            return html(400, start.data("errors", List.of(new FieldError("reference", "Enter her Pathways reference, as shown on her case page")))
                    .data("reference", reference));
        }
        try (Response r = Calls.answer(() -> referrals.subject(id.toString()))) {
            if (r.getStatus() == 200) return see("/new/" + refs.seal(id));
            if (r.getStatus() == 404 || r.getStatus() == 400) {
                return html(404, start.data("errors", List.of(new FieldError("reference",
                        "Nobody with this reference is registered with your organisation"))).data("reference", reference));
            }
            return Pages.failed(r, "finding her");
        }
    }

    // ---- 2. her case: the task list ---------------------------------------------------------------------------------

    @GET
    @Path("{ref}")
    @Produces(MediaType.TEXT_HTML)
    public Response casePage(@PathParam("ref") String ref, @QueryParam("done") String done) {
        return opened(ref, subject -> casePage(ref, subject, done));
    }

    private Response casePage(String ref, String subject, String done) {
        Map<String, Map<String, Object>> written = sections(subject);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String c : SectionForms.CATEGORIES) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("category", c);
            row.put("title", SectionForms.title(c));
            Map<String, Object> s = written.get(c);
            row.put("status", s == null ? "Not written" : "Written (version " + s.get("version") + ")");
            row.put("written", s != null);
            rows.add(row);
        }
        List<String> others = new ArrayList<>();
        for (DataCategory c : DataCategory.values()) {
            if (!SectionForms.hasForm(c.code())) {
                Map<String, Object> s = written.get(c.code());
                others.add(Labels.code(c.code()) + (s == null ? "" : " (written, version " + s.get("version") + ")"));
            }
        }
        List<Map<String, Object>> records = consent.consentRecords(subject);
        TemplateInstance t = casePage.data("ref", ref).data("reference", subject).data("sections", rows)
                .data("others", String.join(", ", others)).data("consents", consent.consentLines(records))
                .data("overrides", consent.overrideLines(subject)).data("done", doneLabel(done));
        return html(200, t);
    }

    // ---- 3. one section of her summary ------------------------------------------------------------------------------

    @GET
    @Path("{ref}/sections/{category}")
    @Produces(MediaType.TEXT_HTML)
    public Response sectionForm(@PathParam("ref") String ref, @PathParam("category") String category) {
        return opened(ref, subject -> sectionForm(ref, subject, category));
    }

    private Response sectionForm(String ref, String subject, String category) {
        if (!SectionForms.hasForm(category)) return pages.notFound();
        Map<String, Object> content = Map.of();
        String version = "0";
        try (Response r = Calls.answer(() -> referrals.section(subject, category))) {
            if (r.getStatus() == 200) {
                Map<String, Object> s = Json.map(r);
                content = asMap(s.get("content"));
                version = String.valueOf(s.get("version"));
            } else if (r.getStatus() != 404) {
                return Pages.failed(r, "reading the section");
            }
        }
        int rows = SectionForms.rows(category, content);
        return html(200, section(ref, category, version, rows, SectionForms.toForm(category, content), Map.of(), List.of()));
    }

    @POST
    @Path("{ref}/sections/{category}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response writeSection(@PathParam("ref") String ref, @PathParam("category") String category, MultivaluedMap<String, String> form) {
        return posted(ref, form, (r, subject, f) -> writeSection(r, subject, category, f));
    }

    private Response writeSection(String ref, String subject, String category, MultivaluedMap<String, String> form) {
        if (!SectionForms.hasForm(category)) return pages.notFound();
        String version = form.getFirst("version");
        if (version == null || !version.matches("\\d{1,9}")) version = "0";
        Map<String, List<String>> posted = Forms.values(form);
        posted.remove("version");
        // Blank rows of a repeatable group left out, so the service's children[1] is the form's second filled row.
        Map<String, List<String>> values = SectionForms.compact(category, posted);
        Map<String, Object> content = SectionForms.toContent(category, values, user.userId());
        int rows = Math.max(SectionForms.rows(category, content), SectionForms.rowsIn(category, values));
        final String v = version;
        try (Response r = Calls.answer(() -> referrals.writeSection(subject, category, "\"" + v + "\"", Json.write(content)))) {
            int s = r.getStatus();
            if (s == 200) return see("/new/" + ref + "?done=" + category);
            if (s == 404) return pages.notFound();
            if (s == 409) {
                return html(409, section(ref, category, version, rows, values, Map.of(), List.of(new FieldError("",
                        "Someone saved this section since you opened it. Open it again from her case to see their version."))));
            }
            if (s == 400 || s == 422) {
                Refusal refusal = Refusal.of(r, (field, said) -> {
                    String input = SectionForms.inputFor(category, field, rows);
                    String label = input == null ? null : SectionForms.labelFor(category, input, rows);
                    // Bean Validation's "must not be null/blank/empty" reads as a plain "this needs an answer".
                    return new FieldError(input == null ? "" : input, (label == null ? Labels.code(field) : label)
                            + (said.startsWith("must not be") ? " – this needs an answer" : ": " + said));
                }, "The section could not be saved. Check what you entered.");
                return html(400, section(ref, category, version, rows, values, refusal.atFields, refusal.errors));
            }
            return Pages.failed(r, "saving the section");
        }
    }

    private TemplateInstance section(String ref, String category, String version, int rows, Map<String, List<String>> values,
            Map<String, String> fieldErrors, List<FieldError> errors) {
        return sectionPage.data("ref", ref).data("category", category).data("title", SectionForms.title(category))
                .data("version", version).data("inputs", Inputs.section(category, rows, values, fieldErrors)).data("errors", errors);
    }

    // ---- 4. her consent and her receipt -----------------------------------------------------------------------------

    @GET
    @Path("{ref}/consent")
    @Produces(MediaType.TEXT_HTML)
    public Response consentForm(@PathParam("ref") String ref, @QueryParam("partnership") String asked) {
        return opened(ref, subject -> consent.consentForm(ref, subject, asked));
    }

    @POST
    @Path("{ref}/consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response recordConsent(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        return posted(ref, form, consent::recordConsent);
    }

    @GET
    @Path("{ref}/receipt")
    @Produces(MediaType.TEXT_HTML)
    public Response receipt(@PathParam("ref") String ref) {
        return opened(ref, subject -> consent.receipt(ref, subject));
    }

    // ---- her consent withdrawn, a safeguarding override requested (issue 15, ADR 0057) -------------------------------

    /** Her current consent in the partnership (or her first one) and the withdrawal form: all of it, or part of it. */
    @GET
    @Path("{ref}/consent/withdraw")
    @Produces(MediaType.TEXT_HTML)
    public Response withdrawForm(@PathParam("ref") String ref, @QueryParam("partnership") String partnership) {
        return opened(ref, subject -> consent.withdrawForm(ref, subject, partnership));
    }

    @POST
    @Path("{ref}/consent/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response withdrawConsent(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        return posted(ref, form, consent::withdrawConsent);
    }

    /** The request for a safeguarding override (when she does not know, or must not be asked): approved by another person. */
    @GET
    @Path("{ref}/override")
    @Produces(MediaType.TEXT_HTML)
    public Response overrideForm(@PathParam("ref") String ref) {
        return opened(ref, subject -> consent.overrideForm(ref));
    }

    @POST
    @Path("{ref}/override")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response requestOverride(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        return posted(ref, form, consent::requestOverride);
    }

    // ---- 5. search the directory ------------------------------------------------------------------------------------

    @GET
    @Path("{ref}/search")
    @Produces(MediaType.TEXT_HTML)
    public Response searchForm(@PathParam("ref") String ref, @QueryParam("replaces") String replaces) {
        return opened(ref, subject -> searchForm(ref, subject, replaces));
    }

    private Response searchForm(String ref, String subject, String replaces) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (uuid(replaces) != null) values.put("replaces", List.of(replaces)); // a re-route: carried to the send
        Map<String, Object> communication = content(subject, "COMMUNICATION");
        // A re-route searches for the needs of the referral it replaces (an onward referrer may not read her summary).
        List<String> replacedNeeds = replacedList(replaces(values), "needs");
        values.put("need", replacedNeeds.isEmpty() ? herNeeds(subject) : replacedNeeds);
        // The directory searches by ISO 639 language (pa), her summary holds a BCP 47 tag (pa-IN): its language part.
        if (communication.get("preferredLanguage") != null) {
            values.put("language", List.of(String.valueOf(communication.get("preferredLanguage")).split("-")[0]));
        }
        if (Boolean.TRUE.equals(communication.get("interpreterNeeded"))) values.put("interpreter", List.of("yes"));
        return search(ref, values, Map.of(), List.of(), null, 200);
    }

    /** A POST, so what she needs, her language and her area never appear in the address bar or the history. */
    @POST
    @Path("{ref}/search")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response runSearch(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        return posted(ref, form, this::runSearch);
    }

    private Response runSearch(String ref, String subject, MultivaluedMap<String, String> form) {
        Map<String, List<String>> values = Forms.values(form);
        List<String> needs = list(form, "need");
        if (needs.isEmpty()) {
            Map<String, String> fe = Map.of("need", "Select at least one need");
            return search(ref, values, fe, errorsOf(fe), null, 400);
        }
        String language = blank(form.getFirst("language")) ? null : strip(form.getFirst("language"));
        Boolean interpreter = "yes".equals(form.getFirst("interpreter")) ? Boolean.TRUE : null;
        String area = blank(form.getFirst("area")) ? null : strip(form.getFirst("area"));
        Boolean nrpf = "yes".equals(form.getFirst("nrpf")) ? Boolean.TRUE : null;
        // Ranked by capacity (services with room first); "hide" leaves out those with none.
        String capacity = "yes".equals(form.getFirst("hideFull")) ? "hide" : "rank";
        try (Response r = Calls.answer(() -> directory.search(needs, language, interpreter, area, nrpf, capacity, 20))) {
            if (r.getStatus() == 200) {
                List<Map<String, Object>> results = Json.list(Json.map(r).get("contents")).stream().map(NewReferralResource::result).toList();
                return search(ref, values, Map.of(), List.of(), results, 200);
            }
            if (r.getStatus() == 400 || r.getStatus() == 422) {
                Refusal refusal = Refusal.of(r, (field, message) -> new FieldError(
                        Set.of("need", "language", "interpreter", "area", "nrpf").contains(field) ? field : "area",
                        field.equals("area") ? "We do not know that place: enter a town, local authority or region, for example Coventry"
                                : Labels.code(field) + ": " + message), null);
                if (refusal.atFields.isEmpty()) refusal.add(new FieldError("area", "The search could not be run. Check what you entered."));
                // One message per input (the service may name a field twice).
                return search(ref, values, refusal.atFields, errorsOf(refusal.atFields), null, 400);
            }
            return Pages.failed(r, "searching the directory");
        }
    }

    private Response search(String ref, Map<String, List<String>> values, Map<String, String> fe, List<FieldError> errors,
            List<Map<String, Object>> results, int status) {
        List<SectionForms.Option> needOptions = new ArrayList<>();
        for (NeedCode n : NeedCode.values()) needOptions.add(new SectionForms.Option(n.code(), n.label()));
        List<Inputs.Input> inputs = List.of(
                Inputs.of("need", "What she needs", "Her needs from her summary are ticked", "CHECKBOXES", needOptions, values.get("need"), false, fe),
                Inputs.of("language", "Her language (optional)", "A language code, for example pa (Punjabi): services that work in it or arrange an interpreter",
                        "TEXT", List.of(), values.get("language"), false, fe),
                Inputs.of("interpreter", "Interpreter (optional)", null, "CHECKBOXES",
                        List.of(new SectionForms.Option("yes", "The service must arrange an interpreter for her language")), values.get("interpreter"), false, fe),
                Inputs.of("area", "Area (optional)", "A town, local authority or region, for example Coventry", "TEXT", List.of(),
                        values.get("area"), false, fe),
                Inputs.of("nrpf", "Eligibility (optional)", null, "CHECKBOXES", List.of(new SectionForms.Option("yes",
                        "She has no recourse to public funds: only services that accept her")), values.get("nrpf"), false, fe),
                Inputs.of("hideFull", "Capacity (optional)", "Services with room are listed first", "CHECKBOXES", List.of(
                        new SectionForms.Option("yes", "Leave out services with no capacity")), values.get("hideFull"), false, fe));
        TemplateInstance t = searchPage.data("ref", ref).data("inputs", inputs).data("errors", errors)
                .data("searched", results != null).data("results", results == null ? List.of() : results)
                .data("replaces", replaces(values));
        return html(status, t);
    }

    /** One search result as the page shows it: capacity and response target before anything is sent. */
    static Map<String, Object> result(Map<String, Object> s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.get("id"));
        out.put("name", s.get("name"));
        out.put("organisation", asMap(s.get("organisation")).getOrDefault("name", ""));
        Map<String, Object> cap = asMap(s.get("capacity"));
        out.put("capacity", capacityLabel(cap));
        out.put("capacityTag", capacityTag(String.valueOf(cap.get("status"))));
        out.put("target", targetLabel(asMap(s.get("responseTarget"))));
        List<Object> matched = s.get("matchedNeedCodes") instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
        out.put("needs", String.join(", ", matched.stream().map(String::valueOf).map(Labels::need).toList()));
        List<String> langs = new ArrayList<>();
        if (s.get("languages") instanceof List<?> l) l.forEach(x -> langs.add(String.valueOf(x)));
        if (s.get("interpretingLanguages") instanceof List<?> l && !l.isEmpty()) {
            langs.add("interpreting: " + String.join(", ", l.stream().map(String::valueOf).toList()));
        }
        out.put("languages", String.join(", ", langs));
        out.put("eligibility", String.valueOf(asMap(s.get("eligibility")).getOrDefault("description", "") == null ? ""
                : asMap(s.get("eligibility")).getOrDefault("description", "")));
        out.put("sharesAgreement", !Boolean.FALSE.equals(s.get("sharesDataSharingAgreement")));
        // A statutory partner's service (ADR 0091): no agreement asked; the partner's role fixes the referral's kind.
        Map<String, Object> org = asMap(s.get("organisation"));
        String role = org.get("statutoryRole") == null ? null : String.valueOf(org.get("statutoryRole"));
        boolean statutory = "STATUTORY".equals(org.get("kind")) && Statutory.kindFor(role) != null;
        out.put("statutory", statutory);
        out.put("statutoryLabel", statutory ? Statutory.roleLabel(role) : "");
        out.put("kind", statutory ? Statutory.kindFor(role) : "");
        out.put("kindLabel", statutory ? Statutory.kindLabel(Statutory.kindFor(role)) : "");
        out.put("connector", Boolean.TRUE.equals(s.get("connector")));
        return out;
    }

    static String capacityLabel(Map<String, Object> cap) {
        String status = String.valueOf(cap.get("status"));
        String label = switch (status) {
            case "HAS_CAPACITY" -> "Has capacity";
            case "ASSESSMENT_REQUIRED" -> "Assessment required";
            case "WAITLIST" -> "Waiting list" + (cap.get("waitWeeks") != null ? " (about " + cap.get("waitWeeks") + " weeks)" : "");
            case "NO_CAPACITY" -> "No capacity";
            default -> "Not known";
        };
        return label + (Boolean.TRUE.equals(cap.get("stale")) ? " – not confirmed recently" : "");
    }

    static String capacityTag(String status) {
        return switch (status) {
            case "HAS_CAPACITY" -> "govuk-tag--green";
            case "ASSESSMENT_REQUIRED", "WAITLIST" -> "govuk-tag--yellow";
            case "NO_CAPACITY" -> "govuk-tag--red";
            default -> "govuk-tag--grey";
        };
    }

    static String targetLabel(Map<String, Object> t) {
        Object days = t.get("workingDays");
        return days == null ? "No response target published" : "Responds within " + days + " working days";
    }

    // ---- 5b. statutory partners: MARAC, police, SARC (issue 16 item 9, ADR 0091) ------------------------------------

    /**
     * The statutory partners' services (police domestic abuse unit, MARAC coordinator, SARC), whatever her needs: the
     * directory's search over every need, keeping the services of statutory organisations.
     */
    @GET
    @Path("{ref}/statutory")
    @Produces(MediaType.TEXT_HTML)
    public Response statutoryServices(@PathParam("ref") String ref) {
        return opened(ref, subject -> html(200, statutoryPage.data("ref", ref).data("results", names.statutoryServices().stream()
                .map(NewReferralResource::result).filter(x -> Boolean.TRUE.equals(x.get("statutory"))).toList())));
    }

    // ---- 6. choose a service, answer "does she know?", send ---------------------------------------------------------

    @POST
    @Path("{ref}/choose")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response choose(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        return posted(ref, form, this::choose);
    }

    private Response choose(String ref, String subject, MultivaluedMap<String, String> form) {
        UUID service = uuid(form.getFirst("serviceId"));
        if (service == null) return pages.notFound();
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (uuid(form.getFirst("replaces")) != null) values.put("replaces", List.of(form.getFirst("replaces")));
        // A re-route starts from what the referral it replaces was for and shared.
        List<String> replacedNeeds = replacedList(replaces(values), "needs");
        List<String> replacedSections = replacedList(replaces(values), "sections");
        values.put("needs", replacedNeeds.isEmpty() ? herNeeds(subject) : replacedNeeds);
        values.put("urgency", List.of("ROUTINE"));
        values.put("sections", replacedSections.isEmpty() ? new ArrayList<>(sections(subject).keySet()) : replacedSections);
        return send(ref, subject, service.toString(), values, Map.of(), List.of(), List.of(), 200);
    }

    @POST
    @Path("{ref}/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response send(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        return posted(ref, form, this::send);
    }

    private Response send(String ref, String subject, MultivaluedMap<String, String> form) {
        UUID service = uuid(form.getFirst("serviceId"));
        if (service == null) return pages.notFound();
        Map<String, List<String>> values = Forms.values(form);
        Map<String, String> fe = new LinkedHashMap<>();
        if (list(form, "needs").isEmpty()) fe.put("needs", "Select the needs this referral is for");
        if (list(form, "sections").isEmpty()) fe.put("sections", "Select the sections of her summary to share");
        if (blank(form.getFirst("urgency"))) fe.put("urgency", "Choose how urgent it is");
        String knows = form.getFirst("personKnows");
        if (!"yes".equals(knows) && !"no".equals(knows)) fe.put("personKnows", "Answer whether she knows about this referral");
        // A statutory partner's service: the kind is its role's, never the form's (ADR 0091).
        Map<String, Object> chosen = serviceView(service.toString());
        if (chosen == null) return pages.notFound();
        String kind = Boolean.TRUE.equals(chosen.get("statutory")) ? String.valueOf(chosen.get("kind")) : null;
        boolean marac = "MARAC".equals(kind);
        if (marac) {
            if (!Set.of("STANDARD", "MEDIUM", "HIGH").contains(String.valueOf(form.getFirst("dashLevel")))) {
                fe.put("dashLevel", "Choose her DASH risk level");
            }
            if (!Set.of("VISIBLE_HIGH_RISK", "PROFESSIONAL_JUDGEMENT", "POTENTIAL_ESCALATION").contains(String.valueOf(form.getFirst("criterion")))) {
                fe.put("criterion", "Choose on what ground she is referred to MARAC");
            }
        }
        if (kind != null && blank(form.getFirst("partnershipId")) && partnerships().size() > 1) {
            fe.put("partnershipId", "Choose the partnership she is referred under");
        }
        if (!fe.isEmpty()) return send(ref, subject, service.toString(), values, fe, errorsOf(fe), List.of(), 400);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectId", subject);
        body.put("toServiceId", service.toString());
        body.put("needs", list(form, "needs"));
        body.put("urgency", form.getFirst("urgency"));
        body.put("sections", list(form, "sections"));
        body.put("personKnows", "yes".equals(knows));
        if (!blank(form.getFirst("note"))) body.put("note", form.getFirst("note"));
        if (!blank(form.getFirst("safeContactInstructions"))) body.put("safeContactInstructions", form.getFirst("safeContactInstructions"));
        if (replaces(values) != null) body.put("replacesReferralId", replaces(values));
        if (kind != null) {
            body.put("kind", kind);
            if (uuid(form.getFirst("partnershipId")) != null) body.put("partnershipId", uuid(form.getFirst("partnershipId")).toString());
            if (marac) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dashLevel", form.getFirst("dashLevel"));
                m.put("criterion", form.getFirst("criterion"));
                m.put("sheIsAware", "yes".equals(knows)); // one answer: "Does she know?" is "Is she aware?"
                // Her words as written (never trimmed).
                if (!blank(form.getFirst("safeContactTimes"))) m.put("safeContactTimes", form.getFirst("safeContactTimes"));
                body.put("marac", m);
            }
        }
        try (Response r = Calls.answer(() -> referrals.send(Json.write(body)))) {
            int s = r.getStatus();
            if (s == 201) {
                String id = String.valueOf(Json.map(r).get("id"));
                return see("/referrals/" + id + "?done=SENT");
            }
            if (s == 404) return pages.notFound();
            if (s == 400 || s == 422) {
                Refusal refusal = Refusal.of(r);
                String type = refusal.type();
                List<String> uncovered = new ArrayList<>();
                refusal.map((field, message) -> {
                    if (type.endsWith("consent-not-covering")) {
                        String category = message.split(" ", 2)[0];
                        uncovered.add(category);
                        return new FieldError("sections", "Her consent does not cover " + Labels.code(category)
                                + " for this service: untick it, or record her consent for it first");
                    }
                    if (field.startsWith("marac")) return maracError(field, type, message);
                    if (field.equals("partnershipId")) {
                        return new FieldError("partnershipId", type.endsWith("partnership-required")
                                ? "Choose the partnership she is referred under: your organisation is in several"
                                : "Choose one of your organisation's partnerships");
                    }
                    if (field.equals("kind")) return new FieldError("", "This service takes only statutory referrals: " + message);
                    if (field.equals("personKnows")) {
                        return new FieldError("personKnows", "She does not know: a referral without her knowing needs an approved "
                                + "safeguarding override covering this service and every section");
                    }
                    if (field.equals("toServiceId")) return new FieldError("", "This service cannot take the referral: " + message);
                    if (field.equals("replacesReferralId")) return new FieldError("", "It cannot be sent as a re-route of the earlier referral: " + message);
                    String base = field.replaceAll("\\[.*", "");
                    return new FieldError(Set.of("needs", "sections", "urgency", "note", "safeContactInstructions").contains(base) ? base : "",
                            Labels.code(field) + ": " + message);
                }, null);
                if (refusal.errors.isEmpty()) refusal.add(new FieldError("", "The referral was not sent: " + refusal.detail()));
                refusal.atFields.forEach(fe::putIfAbsent);
                return send(ref, subject, service.toString(), values, fe, refusal.errors, uncovered, 422);
            }
            return Pages.failed(r, "sending the referral");
        }
    }

    /** The MARAC part's refusals at their inputs (400 {@code marac.*}, 422 {@code marac-criterion}, {@code she-is-aware}). */
    static FieldError maracError(String field, String type, String message) {
        return switch (field) {
            case "marac.dashLevel" -> new FieldError("dashLevel", "Choose her DASH risk level");
            case "marac.criterion" -> new FieldError("criterion", type.endsWith("marac-criterion")
                    ? "Visible high risk needs a high DASH risk level: below high, refer her on professional judgement or potential escalation"
                    : "Choose on what ground she is referred to MARAC");
            case "marac.sheIsAware" -> new FieldError("personKnows", "Whether she is aware of this referral must be your answer to whether she knows about it");
            case "marac.safeContactTimes" -> new FieldError("safeContactTimes", "Safe contact times: " + message);
            default -> new FieldError("", "The MARAC details were refused: " + message);
        };
    }

    /** A service as the search and send pages show it, or null when the directory does not know it. */
    private Map<String, Object> serviceView(String serviceId) {
        try (Response r = Calls.answer(() -> directory.service(serviceId))) {
            if (r.getStatus() == 404) return null;
            if (r.getStatus() != 200) throw new ServiceUnavailable("directory-service answered " + r.getStatus());
            return result(Json.map(r));
        }
    }

    /** The user's organisation's partnerships (a statutory referral is made under one of them). */
    private List<Map<String, Object>> partnerships() {
        return consent.partnerships();
    }

    private Response send(String ref, String subject, String serviceId, Map<String, List<String>> values, Map<String, String> fe,
            List<FieldError> errors, List<String> uncovered, int status) {
        Map<String, Object> service = serviceView(serviceId);
        if (service == null) return pages.notFound();
        boolean statutory = Boolean.TRUE.equals(service.get("statutory"));
        String kind = statutory ? String.valueOf(service.get("kind")) : null;
        Set<String> needs = new LinkedHashSet<>(herNeeds(subject));
        needs.addAll(values.getOrDefault("needs", List.of()));
        List<SectionForms.Option> needOptions = needs.stream().map(n -> new SectionForms.Option(n, Labels.need(n))).toList();
        Set<String> written = new LinkedHashSet<>(sections(subject).keySet());
        // A re-route may share what the referral it replaces shared (all an onward referrer has: she is not its record).
        written.addAll(replacedList(replaces(values), "sections"));
        List<SectionForms.Option> sectionOptions = written.stream().map(c -> new SectionForms.Option(c,
                Labels.code(c) + (uncovered.contains(c) ? " – not covered by her consent for this service" : ""))).toList();
        List<Inputs.Input> inputs = new ArrayList<>();
        inputs.add(Inputs.of("needs", "Which of her needs is this referral for?", null, "CHECKBOXES", needOptions, values.get("needs"), false, fe));
        inputs.add(Inputs.of("sections", "Which sections of her summary to share",
                "Only sections she has agreed this service may see. What her consent does not cover cannot be sent.", "CHECKBOXES",
                sectionOptions, values.get("sections"), false, fe));
        inputs.add(Inputs.of("urgency", "How urgent is it?", null, "RADIOS", List.of(new SectionForms.Option("ROUTINE", "Routine"),
                new SectionForms.Option("SOON", "Soon"), new SectionForms.Option("URGENT", "Urgent")), values.get("urgency"), false, fe));
        // For a MARAC referral "Is she aware of this referral?" is this same answer: one question, so they cannot disagree.
        inputs.add(Inputs.of("personKnows", "MARAC".equals(kind) ? "Does she know about this referral? (Is she aware of it?)"
                : "Does she know about this referral?",
                "If she does not, it can only be sent under an approved safeguarding override"
                        + ("MARAC".equals(kind) ? ". The MARAC coordinator is told the same answer." : ""), "RADIOS", Inputs.yesNo(),
                values.get("personKnows"), false, fe));
        if (statutory) {
            List<Map<String, Object>> ps = partnerships();
            if (ps.size() > 1 || fe.containsKey("partnershipId")) {
                inputs.add(0, Inputs.of("partnershipId", "Which partnership is she referred under?",
                        "A statutory partner is in no partnership: the referral is made under one of yours", "RADIOS",
                        ps.stream().map(p -> new SectionForms.Option(String.valueOf(p.get("id")), String.valueOf(p.get("name")))).toList(),
                        values.get("partnershipId"), false, fe));
            }
        }
        if ("MARAC".equals(kind)) {
            inputs.add(Inputs.of("dashLevel", "Her DASH risk level", "From the DASH risk identification checklist", "RADIOS",
                    Statutory.DASH_LEVELS, values.get("dashLevel"), false, fe));
            inputs.add(Inputs.of("criterion", "Why she is referred to MARAC",
                    "Visible high risk needs a high DASH risk level", "RADIOS", Statutory.CRITERIA, values.get("criterion"), false, fe));
            inputs.add(Inputs.of("safeContactTimes", "Safe contact times (optional)",
                    "When and how the MARAC coordinator may safely reach her, in her words", "TEXTAREA", List.of(),
                    values.get("safeContactTimes"), true, fe));
        }
        inputs.add(Inputs.of("note", "A note for the service (optional)", "Shown to them only while her consent lets them see her needs",
                "TEXTAREA", List.of(), values.get("note"), true, fe));
        inputs.add(Inputs.of("safeContactInstructions", "Safe contact instructions (optional)",
                "Shown to them only while her consent lets them see her safe contact section", "TEXTAREA", List.of(),
                values.get("safeContactInstructions"), true, fe));
        TemplateInstance t = sendPage.data("ref", ref).data("service", service).data("serviceId", serviceId).data("inputs", inputs)
                .data("errors", errors).data("noSections", written.isEmpty()).data("replaces", replaces(values))
                .data("statutory", statutory).data("kindLabel", statutory ? Statutory.kindLabel(kind) : "");
        return html(status, t);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    /** The latest version of each of her sections (category -> {version, content}), read with the user's token. */
    private Map<String, Map<String, Object>> sections(String subject) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        try (Response r = Calls.answer(() -> referrals.subjectSummary(subject))) {
            if (r.getStatus() == 404) return out;
            if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus());
            for (Map<String, Object> s : Json.list(Json.map(r).get("sections"))) out.put(String.valueOf(s.get("category")), s);
        }
        return out;
    }

    private Map<String, Object> content(String subject, String category) {
        Map<String, Object> s = sections(subject).get(category);
        return s == null ? Map.of() : asMap(s.get("content"));
    }

    private List<String> herNeeds(String subject) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> n : Json.list(content(subject, "NEEDS").get("needs"))) {
            if (n.get("code") != null && !out.contains(String.valueOf(n.get("code")))) out.add(String.valueOf(n.get("code")));
        }
        return out;
    }

    /** A list field ({@code needs}, {@code sections}) of the referral a re-route replaces, as the user may read it; else empty. */
    private List<String> replacedList(String replaces, String field) {
        if (replaces == null) return List.of();
        try (Response r = Calls.answer(() -> referrals.referral(replaces))) {
            if (r.getStatus() != 200) return List.of();
            Object v = Json.map(r).get(field);
            return v instanceof List<?> l ? new ArrayList<>(l.stream().map(String::valueOf).toList()) : List.of();
        }
    }

    /** The declined or expired referral this one re-routes (an id, from the form), or null. */
    private static String replaces(Map<String, List<String>> values) {
        List<String> v = values.get("replaces");
        return v == null || v.isEmpty() || uuid(v.get(0)) == null ? null : uuid(v.get(0)).toString();
    }

    /**
     * Re-routing (issue 15): the referrer of a DECLINED or EXPIRED referral finds her another service. Her case opens
     * under her sealed reference with the search, and the send carries {@code replacesReferralId}; referral-service
     * checks that it may (its 422 is shown in place).
     */
    @POST
    @Path("reroute")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response reroute(MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        UUID id = uuid(form.getFirst("referralId"));
        if (id == null) return pages.notFound();
        try (Response r = Calls.answer(() -> referrals.referral(id.toString()))) {
            if (r.getStatus() != 200) return pages.notFound();
            Map<String, Object> ref = Json.map(r);
            Object subject = ref.get("subjectId");
            if (subject == null || !user.organisationId().equals(String.valueOf(ref.get("fromOrganisationId")))) return pages.notFound();
            return see("/new/" + refs.seal(String.valueOf(subject)) + "/search?replaces=" + id);
        }
    }

    private static String doneLabel(String done) {
        if (done == null) return null;
        if (done.equals("registered")) return "She is registered. Write her summary, one section at a time.";
        if (done.equals("consent")) return "Her consent is recorded.";
        if (done.equals("withdrawn")) return "Her consent is withdrawn: organisations stop seeing what she withdrew at once.";
        if (done.equals("override")) return "The safeguarding override is requested. It permits nothing until someone else approves it.";
        if (SectionForms.hasForm(done)) return SectionForms.title(done) + " saved.";
        return null;
    }

    /** An id from a form or an address (surrounding blanks ignored: her reference may be pasted), or null. */
    private static UUID uuid(String s) {
        return Forms.uuid(s == null ? null : s.strip());
    }
}
