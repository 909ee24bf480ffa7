package org.pathways.dashboard.web;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
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

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.dashboard.api.ConsentApi;
import org.pathways.dashboard.api.DirectoryApi;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.CaseRefs;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CsrfForm;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Inputs;
import org.pathways.dashboard.view.Labels;
import org.pathways.dashboard.view.SectionForms;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * New referral (issue 15, screen 3; ADR 0052): find or register her, write her summary one section per form, record her
 * consent and print her discreet receipt, search the directory, answer "does she know?", send — each step a plain form
 * post answered by a redirect (or by the same page with an error summary), every call with the user's own token. URLs
 * carry only her case reference (her subject id sealed for this sign-in, {@link CaseRefs}); titles name the step.
 */
@Path("/new")
@Authenticated
public class NewReferralResource {

    private static final List<String> PURPOSES = List.of("REFERRAL", "CASE_COORDINATION");
    /** consent-service's override legal bases (OverrideLegalBasis), in plain words. */
    private static final Map<String, String> OVERRIDE_BASES = new LinkedHashMap<>();

    static {
        OVERRIDE_BASES.put("DPA2018_SCH1_PARA18_SAFEGUARDING", "Safeguarding of an individual at risk (DPA 2018 Schedule 1 paragraph 18)");
        OVERRIDE_BASES.put("PREVENTION_DETECTION_OF_CRIME", "Preventing or detecting unlawful acts (DPA 2018 Schedule 1 paragraph 10)");
        OVERRIDE_BASES.put("COURT_ORDER", "An order of a court or tribunal");
        OVERRIDE_BASES.put("VITAL_INTERESTS", "Her vital interests (UK GDPR Articles 6(1)(d) and 9(2)(c))");
    }

    private static final List<String> ART6 = List.of("CONSENT", "CONTRACT", "LEGAL_OBLIGATION", "VITAL_INTERESTS", "PUBLIC_TASK",
            "LEGITIMATE_INTERESTS");
    private static final List<String> ART9 = List.of("EXPLICIT_CONSENT", "EMPLOYMENT_SOCIAL_SECURITY", "VITAL_INTERESTS",
            "NOT_FOR_PROFIT_BODY", "MADE_PUBLIC", "LEGAL_CLAIMS", "SUBSTANTIAL_PUBLIC_INTEREST", "HEALTH_SOCIAL_CARE", "PUBLIC_HEALTH",
            "ARCHIVING_RESEARCH_STATISTICS");

    @Inject
    @RestClient
    ReferralApi referrals;

    @Inject
    @RestClient
    ConsentApi consents;

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
    @Location("new-consent.html")
    Template consentPage;

    @Inject
    @Location("new-withdraw.html")
    Template withdrawPage;

    @Inject
    @Location("new-override.html")
    Template overridePage;

    @Inject
    @Location("new-receipt.html")
    Template receiptPage;

    @Inject
    @Location("new-search.html")
    Template searchPage;

    @Inject
    @Location("new-send.html")
    Template sendPage;

    @Inject
    @Location("notfound.html")
    Template notFound;

    private final CaseRefs refs;

    @Inject
    NewReferralResource(@ConfigProperty(name = "pathways.dashboard.case-ref-secret") String secret) {
        this.refs = new CaseRefs(secret);
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
            if (r.getStatus() != 201) return failed(r, "registering her");
            String id = String.valueOf(Json.map(r).get("id"));
            return see("/new/" + seal(id) + "?done=registered");
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
            if (r.getStatus() == 200) return see("/new/" + seal(id.toString()));
            if (r.getStatus() == 404 || r.getStatus() == 400) {
                return html(404, start.data("errors", List.of(new FieldError("reference",
                        "Nobody with this reference is registered with your organisation"))).data("reference", reference));
            }
            return failed(r, "finding her");
        }
    }

    // ---- 2. her case: the task list ---------------------------------------------------------------------------------

    @GET
    @Path("{ref}")
    @Produces(MediaType.TEXT_HTML)
    public Response casePage(@PathParam("ref") String ref, @QueryParam("done") String done) {
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        Map<String, Map<String, Object>> written = sections(subject.get());
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
        List<Map<String, Object>> records = consentRecords(subject.get());
        TemplateInstance t = casePage.data("ref", ref).data("reference", subject.get()).data("sections", rows)
                .data("others", String.join(", ", others)).data("consents", consentLines(records))
                .data("overrides", overrideLines(subject.get())).data("done", doneLabel(done));
        return html(200, t);
    }

    // ---- 3. one section of her summary ------------------------------------------------------------------------------

    @GET
    @Path("{ref}/sections/{category}")
    @Produces(MediaType.TEXT_HTML)
    public Response sectionForm(@PathParam("ref") String ref, @PathParam("category") String category) {
        Optional<String> subject = open(ref);
        if (subject.isEmpty() || !SectionForms.hasForm(category)) return notFound();
        Map<String, Object> content = Map.of();
        String version = "0";
        try (Response r = Calls.answer(() -> referrals.section(subject.get(), category))) {
            if (r.getStatus() == 200) {
                Map<String, Object> s = Json.map(r);
                content = asMap(s.get("content"));
                version = String.valueOf(s.get("version"));
            } else if (r.getStatus() != 404) {
                return failed(r, "reading the section");
            }
        }
        int rows = SectionForms.needRows(content);
        return html(200, section(ref, category, version, rows, SectionForms.toForm(category, content), Map.of(), List.of()));
    }

    @POST
    @Path("{ref}/sections/{category}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response writeSection(@PathParam("ref") String ref, @PathParam("category") String category, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Optional<String> subject = open(ref);
        if (subject.isEmpty() || !SectionForms.hasForm(category)) return notFound();
        String version = form.getFirst("version");
        if (version == null || !version.matches("\\d{1,9}")) version = "0";
        Map<String, List<String>> values = new LinkedHashMap<>(form);
        values.remove("csrf");
        values.remove("version");
        Map<String, Object> content = SectionForms.toContent(category, values, user.userId());
        int rows = Math.max(SectionForms.needRows(content), countRows(values));
        final String v = version;
        try (Response r = Calls.answer(() -> referrals.writeSection(subject.get(), category, "\"" + v + "\"", Json.write(content)))) {
            int s = r.getStatus();
            if (s == 200) return see("/new/" + ref + "?done=" + category);
            if (s == 404) return notFound();
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
            return failed(r, "saving the section");
        }
    }

    private TemplateInstance section(String ref, String category, String version, int rows, Map<String, List<String>> values,
            Map<String, String> fieldErrors, List<FieldError> errors) {
        return sectionPage.data("ref", ref).data("category", category).data("title", SectionForms.title(category))
                .data("version", version).data("inputs", Inputs.section(category, rows, values, fieldErrors)).data("errors", errors);
    }

    private static int countRows(Map<String, List<String>> values) {
        int n = 0;
        while (values.containsKey("needs-" + n + "-code")) n++;
        return n;
    }

    // ---- 4. her consent and her receipt -----------------------------------------------------------------------------

    @GET
    @Path("{ref}/consent")
    @Produces(MediaType.TEXT_HTML)
    public Response consentForm(@PathParam("ref") String ref, @QueryParam("partnership") String asked) {
        String partnership = asked;
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("purpose", PURPOSES);
        values.put("months", List.of("6"));
        values.put("obtainedMethod", List.of("VERBAL"));
        values.put("language", List.of("en"));
        values.put("interpreterUsed", List.of("no"));
        values.put("art6Basis", List.of("CONSENT"));
        values.put("art9Condition", List.of("EXPLICIT_CONSENT"));
        // Changing her consent starts from what she agreed last time in this partnership (a new version replaces it).
        List<Map<String, Object>> records = consentRecords(subject.get());
        Map<String, Object> existing = records.stream()
                .filter(c -> asked == null || asked.equals(String.valueOf(c.get("partnershipId")))).findFirst().orElse(null);
        if (existing != null) {
            if (partnership == null) partnership = String.valueOf(existing.get("partnershipId"));
            Map<String, Object> current = Json.list(existing.get("versions")).stream()
                    .filter(v -> String.valueOf(v.get("version")).equals(String.valueOf(existing.get("currentVersion")))).findFirst().orElse(Map.of());
            Set<String> recipients = new LinkedHashSet<>();
            Set<String> purposes = new LinkedHashSet<>();
            Set<String> categories = new LinkedHashSet<>();
            for (Map<String, Object> p : Json.list(current.get("provisions"))) {
                recipients(p).forEach(x -> recipients.add(String.valueOf(x.get("id"))));
                values(p, "purpose", "purposes").forEach(x -> purposes.add(String.valueOf(x)));
                values(p, "category", "categories").forEach(x -> categories.add(String.valueOf(x)));
            }
            values.put("recipient", new ArrayList<>(recipients));
            values.put("purpose", new ArrayList<>(purposes));
            values.put("category", new ArrayList<>(categories));
            for (String k : List.of("obtainedMethod", "language", "art6Basis", "art9Condition")) {
                if (current.get(k) != null) values.put(k, List.of(String.valueOf(current.get(k))));
            }
            if (current.get("interpreterUsed") != null) values.put("interpreterUsed", List.of(Boolean.TRUE.equals(current.get("interpreterUsed")) ? "yes" : "no"));
        }
        return consent(ref, partnership, values, Map.of(), List.of(), 200);
    }

    @POST
    @Path("{ref}/consent")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response recordConsent(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        Map<String, List<String>> values = new LinkedHashMap<>(form);
        values.remove("csrf");
        String partnership = form.getFirst("partnershipId");
        Map<String, String> fe = new LinkedHashMap<>();
        if (list(form, "recipient").isEmpty()) fe.put("recipient", "Select the organisations she agrees may see her information");
        if (list(form, "purpose").isEmpty()) fe.put("purpose", "Select what they may use it for");
        if (list(form, "category").isEmpty()) fe.put("category", "Select the sections of her summary she agrees to share");
        String months = form.getFirst("months");
        if (months == null || !Set.of("1", "3", "6", "12").contains(months)) fe.put("months", "Choose how long her consent lasts");
        if (blank(form.getFirst("obtainedMethod"))) fe.put("obtainedMethod", "Choose how she gave her consent");
        if (blank(form.getFirst("language"))) fe.put("language", "Enter the language she gave consent in, for example en");
        if (blank(form.getFirst("interpreterUsed"))) fe.put("interpreterUsed", "Say whether an interpreter was used");
        if (uuid(partnership) == null) fe.put("partnershipId", "Choose the partnership");
        if (!fe.isEmpty()) return consent(ref, partnership, values, fe, errorsOf(fe), 400);

        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> provision = new LinkedHashMap<>();
        provision.put("recipients", list(form, "recipient").stream().map(o -> Map.of("type", "ORGANISATION", "id", o)).toList());
        provision.put("purposes", list(form, "purpose"));
        provision.put("categories", list(form, "category"));
        provision.put("validFrom", now.minusMinutes(1).toString());
        provision.put("validUntil", now.plusMonths(Integer.parseInt(months)).toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provisions", List.of(provision));
        body.put("obtainedMethod", form.getFirst("obtainedMethod"));
        body.put("language", strip(form.getFirst("language")));
        body.put("interpreterUsed", "yes".equals(form.getFirst("interpreterUsed")));
        body.put("art6Basis", form.getFirst("art6Basis"));
        body.put("art9Condition", form.getFirst("art9Condition"));
        // One consent record per partnership: a first consent records it, a later one is a new version of it.
        Map<String, Object> existing = consentRecords(subject.get()).stream()
                .filter(c -> partnership.equals(String.valueOf(c.get("partnershipId")))).findFirst().orElse(null);
        Response r;
        if (existing == null) {
            body.put("partnershipId", partnership);
            r = Calls.answer(() -> consents.record(subject.get(), Json.write(body)));
        } else {
            body.put("basedOnVersion", existing.get("currentVersion"));
            r = Calls.answer(() -> consents.newVersion(String.valueOf(existing.get("id")), Json.write(body)));
        }
        try (r) {
            int s = r.getStatus();
            if (s == 201 || s == 200) return see("/new/" + ref + "?done=consent");
            if (s == 404) return notFound();
            Refusal refusal = Refusal.of(r, (field, message) -> {
                String input = field.contains("recipients") ? "recipient" : field.contains("purposes") ? "purpose"
                        : field.contains("categories") ? "category" : field.contains("valid") ? "months"
                        : Set.of("obtainedMethod", "language", "interpreterUsed", "art6Basis", "art9Condition", "partnershipId").contains(field) ? field : "";
                return new FieldError(input, Labels.code(input.isEmpty() ? field : input) + ": " + message);
            }, s == 403 ? "Your organisation may not widen her consent." : s == 409
                    ? "Her consent was changed since you opened this page. Go back to her case and try again."
                    : "Her consent could not be recorded (answer " + s + ").");
            refusal.atFields.forEach(fe::putIfAbsent);
            return consent(ref, partnership, values, fe, refusal.errors, s >= 500 ? 502 : s == 409 ? 409 : 400);
        }
    }

    private Response consent(String ref, String partnership, Map<String, List<String>> values, Map<String, String> fe,
            List<FieldError> errors, int status) {
        List<Map<String, Object>> partnerships = partnerships();
        Map<String, Object> chosen = partnerships.stream().filter(p -> String.valueOf(p.get("id")).equals(partnership)).findFirst()
                .orElse(partnerships.isEmpty() ? Map.of() : partnerships.get(0));
        String own = user.organisationId();
        List<SectionForms.Option> orgs = new ArrayList<>();
        for (Map<String, Object> m : Json.list(chosen.get("members"))) {
            String id = String.valueOf(m.get("organisationId"));
            if (!id.equals(own) && !"REPORTING".equals(m.get("role"))) orgs.add(new SectionForms.Option(id, String.valueOf(m.get("name"))));
        }
        List<SectionForms.Option> ps = partnerships.stream()
                .map(p -> new SectionForms.Option(String.valueOf(p.get("id")), String.valueOf(p.get("name")))).toList();
        String pid = chosen.isEmpty() ? "" : String.valueOf(chosen.get("id"));
        List<Inputs.Input> inputs = new ArrayList<>();
        inputs.add(Inputs.of("recipient", "Who may see it", "The organisations she agrees may receive her information", "CHECKBOXES",
                orgs, values.get("recipient"), false, fe));
        inputs.add(Inputs.of("purpose", "What for", null, "CHECKBOXES", List.of(new SectionForms.Option("REFERRAL", "Taking a referral"),
                new SectionForms.Option("CASE_COORDINATION", "Coordinating her support")), values.get("purpose"), false, fe));
        List<SectionForms.Option> cats = new ArrayList<>();
        for (DataCategory c : DataCategory.values()) cats.add(new SectionForms.Option(c.code(), Labels.code(c.code()) + " – " + c.description()));
        inputs.add(Inputs.of("category", "Which parts of her summary", "Only what she agrees to: RISK is never shared unless she names it",
                "CHECKBOXES", cats, values.get("category"), false, fe));
        inputs.add(Inputs.of("months", "For how long", "From now", "RADIOS", List.of(new SectionForms.Option("1", "1 month"),
                new SectionForms.Option("3", "3 months"), new SectionForms.Option("6", "6 months"), new SectionForms.Option("12", "12 months")),
                values.get("months"), false, fe));
        inputs.add(Inputs.of("obtainedMethod", "How she gave it", null, "RADIOS", List.of(new SectionForms.Option("VERBAL", "She said so"),
                new SectionForms.Option("WRITTEN", "In writing"), new SectionForms.Option("ELECTRONIC", "Electronically")),
                values.get("obtainedMethod"), false, fe));
        inputs.add(Inputs.of("language", "Language she gave it in", "A language code, for example en, pa (Punjabi), ur (Urdu)", "TEXT",
                List.of(), values.get("language"), false, fe));
        inputs.add(Inputs.of("interpreterUsed", "Was an interpreter used?", null, "RADIOS", Inputs.yesNo(), values.get("interpreterUsed"),
                false, fe));
        inputs.add(Inputs.of("art6Basis", "Lawful basis (UK GDPR Article 6)", null, "SELECT",
                ART6.stream().map(c -> new SectionForms.Option(c, Labels.code(c))).toList(), values.get("art6Basis"), false, fe));
        inputs.add(Inputs.of("art9Condition", "Condition for special category data (UK GDPR Article 9)", null, "SELECT",
                ART9.stream().map(c -> new SectionForms.Option(c, Labels.code(c))).toList(), values.get("art9Condition"), false, fe));
        TemplateInstance t = consentPage.data("ref", ref).data("partnershipId", pid).data("partnerships", ps)
                .data("severalPartnerships", ps.size() > 1).data("inputs", inputs).data("errors", errors);
        return html(status, t);
    }

    @GET
    @Path("{ref}/receipt")
    @Produces(MediaType.TEXT_HTML)
    public Response receipt(@PathParam("ref") String ref) {
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        List<Map<String, Object>> receipts = new ArrayList<>();
        for (Map<String, Object> c : consentRecords(subject.get())) {
            // Discreet: names no sensitive service or organisation, safe for her to carry (consent-service's own wording).
            try (Response r = Calls.answer(() -> consents.receipt(String.valueOf(c.get("id")), true))) {
                if (r.getStatus() != 200) continue;
                Map<String, Object> rec = Json.map(r);
                for (String k : List.of("title", "status", "notShared", "recorded", "howToChange", "lawfulBasis")) rec.putIfAbsent(k, "");
                List<Map<String, Object>> shares = new ArrayList<>();
                for (Map<String, Object> s : Json.list(rec.get("shares"))) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("who", s.get("who"));
                    line.put("whatFor", join(s.get("whatFor")));
                    line.put("what", join(s.get("what")));
                    line.put("from", s.get("from") == null ? "" : s.get("from"));
                    line.put("until", s.get("until") == null ? "" : s.get("until"));
                    shares.add(line);
                }
                rec.put("shares", shares);
                receipts.add(rec);
            }
        }
        return html(200, receiptPage.data("ref", ref).data("receipts", receipts));
    }

    // ---- 5. search the directory ------------------------------------------------------------------------------------

    @GET
    @Path("{ref}/search")
    @Produces(MediaType.TEXT_HTML)
    public Response searchForm(@PathParam("ref") String ref, @QueryParam("replaces") String replaces) {
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (uuid(replaces) != null) values.put("replaces", List.of(replaces)); // a re-route: carried to the send
        Map<String, Object> communication = content(subject.get(), "COMMUNICATION");
        values.put("need", herNeeds(subject.get()));
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
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        Map<String, List<String>> values = new LinkedHashMap<>(form);
        values.remove("csrf");
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
            return failed(r, "searching the directory");
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
    private static Map<String, Object> result(Map<String, Object> s) {
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

    // ---- 6. choose a service, answer "does she know?", send ---------------------------------------------------------

    @POST
    @Path("{ref}/choose")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response choose(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Optional<String> subject = open(ref);
        UUID service = uuid(form.getFirst("serviceId"));
        if (subject.isEmpty() || service == null) return notFound();
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("needs", herNeeds(subject.get()));
        values.put("urgency", List.of("ROUTINE"));
        values.put("sections", new ArrayList<>(sections(subject.get()).keySet()));
        if (uuid(form.getFirst("replaces")) != null) values.put("replaces", List.of(form.getFirst("replaces")));
        return send(ref, subject.get(), service.toString(), values, Map.of(), List.of(), List.of(), 200);
    }

    @POST
    @Path("{ref}/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response send(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Optional<String> subject = open(ref);
        UUID service = uuid(form.getFirst("serviceId"));
        if (subject.isEmpty() || service == null) return notFound();
        Map<String, List<String>> values = new LinkedHashMap<>(form);
        values.remove("csrf");
        Map<String, String> fe = new LinkedHashMap<>();
        if (list(form, "needs").isEmpty()) fe.put("needs", "Select the needs this referral is for");
        if (list(form, "sections").isEmpty()) fe.put("sections", "Select the sections of her summary to share");
        if (blank(form.getFirst("urgency"))) fe.put("urgency", "Choose how urgent it is");
        String knows = form.getFirst("personKnows");
        if (!"yes".equals(knows) && !"no".equals(knows)) fe.put("personKnows", "Answer whether she knows about this referral");
        if (!fe.isEmpty()) return send(ref, subject.get(), service.toString(), values, fe, errorsOf(fe), List.of(), 400);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("subjectId", subject.get());
        body.put("toServiceId", service.toString());
        body.put("needs", list(form, "needs"));
        body.put("urgency", form.getFirst("urgency"));
        body.put("sections", list(form, "sections"));
        body.put("personKnows", "yes".equals(knows));
        if (!blank(form.getFirst("note"))) body.put("note", form.getFirst("note"));
        if (!blank(form.getFirst("safeContactInstructions"))) body.put("safeContactInstructions", form.getFirst("safeContactInstructions"));
        if (replaces(values) != null) body.put("replacesReferralId", replaces(values));
        try (Response r = Calls.answer(() -> referrals.send(Json.write(body)))) {
            int s = r.getStatus();
            if (s == 201) {
                String id = String.valueOf(Json.map(r).get("id"));
                return see("/referrals/" + id + "?done=SENT");
            }
            if (s == 404) return notFound();
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
                return send(ref, subject.get(), service.toString(), values, fe, refusal.errors, uncovered, 422);
            }
            return failed(r, "sending the referral");
        }
    }

    private Response send(String ref, String subject, String serviceId, Map<String, List<String>> values, Map<String, String> fe,
            List<FieldError> errors, List<String> uncovered, int status) {
        Map<String, Object> service;
        try (Response r = Calls.answer(() -> directory.service(serviceId))) {
            if (r.getStatus() == 404) return notFound();
            if (r.getStatus() != 200) return failed(r, "reading the service");
            service = result(Json.map(r));
        }
        Set<String> needs = new LinkedHashSet<>(herNeeds(subject));
        needs.addAll(values.getOrDefault("needs", List.of()));
        List<SectionForms.Option> needOptions = needs.stream().map(n -> new SectionForms.Option(n, Labels.need(n))).toList();
        Set<String> written = sections(subject).keySet();
        List<SectionForms.Option> sectionOptions = written.stream().map(c -> new SectionForms.Option(c,
                Labels.code(c) + (uncovered.contains(c) ? " – not covered by her consent for this service" : ""))).toList();
        List<Inputs.Input> inputs = new ArrayList<>();
        inputs.add(Inputs.of("needs", "Which of her needs is this referral for?", null, "CHECKBOXES", needOptions, values.get("needs"), false, fe));
        inputs.add(Inputs.of("sections", "Which sections of her summary to share",
                "Only sections she has agreed this service may see. What her consent does not cover cannot be sent.", "CHECKBOXES",
                sectionOptions, values.get("sections"), false, fe));
        inputs.add(Inputs.of("urgency", "How urgent is it?", null, "RADIOS", List.of(new SectionForms.Option("ROUTINE", "Routine"),
                new SectionForms.Option("SOON", "Soon"), new SectionForms.Option("URGENT", "Urgent")), values.get("urgency"), false, fe));
        inputs.add(Inputs.of("personKnows", "Does she know about this referral?",
                "If she does not, it can only be sent under an approved safeguarding override", "RADIOS", Inputs.yesNo(),
                values.get("personKnows"), false, fe));
        inputs.add(Inputs.of("note", "A note for the service (optional)", "Shown to them only while her consent lets them see her needs",
                "TEXTAREA", List.of(), values.get("note"), true, fe));
        inputs.add(Inputs.of("safeContactInstructions", "Safe contact instructions (optional)",
                "Shown to them only while her consent lets them see her safe contact section", "TEXTAREA", List.of(),
                values.get("safeContactInstructions"), true, fe));
        TemplateInstance t = sendPage.data("ref", ref).data("service", service).data("serviceId", serviceId).data("inputs", inputs)
                .data("errors", errors).data("noSections", written.isEmpty()).data("replaces", replaces(values));
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

    private List<Map<String, Object>> consentRecords(String subject) {
        try (Response r = Calls.answer(() -> consents.consents(subject))) {
            if (r.getStatus() != 200) return List.of();
            return Json.list(Json.map("{\"c\":" + r.readEntity(String.class) + "}").get("c"));
        }
    }

    /** Her consents in plain words for the task list: partnership, state, who may see what. */
    private List<Map<String, Object>> consentLines(List<Map<String, Object>> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, String> partnershipNames = new LinkedHashMap<>();
        for (Map<String, Object> p : partnerships()) partnershipNames.put(String.valueOf(p.get("id")), String.valueOf(p.get("name")));
        for (Map<String, Object> c : records) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("partnership", partnershipNames.getOrDefault(String.valueOf(c.get("partnershipId")), "Partnership"));
            line.put("state", Labels.code(String.valueOf(c.get("state"))));
            List<String> shares = new ArrayList<>();
            Map<String, Object> current = Json.list(c.get("versions")).stream()
                    .filter(v -> String.valueOf(v.get("version")).equals(String.valueOf(c.get("currentVersion")))).findFirst().orElse(Map.of());
            // consent-service lists one provision per recipient × purpose × category: grouped here per recipient.
            Map<String, Set<String>> byRecipient = new LinkedHashMap<>();
            for (Map<String, Object> p : Json.list(current.get("provisions"))) {
                for (Map<String, Object> x : recipients(p)) {
                    Set<String> cats = byRecipient.computeIfAbsent(recipientName(x), k -> new LinkedHashSet<>());
                    for (Object cat : values(p, "category", "categories")) cats.add(Labels.code(String.valueOf(cat)));
                }
            }
            byRecipient.forEach((who, cats) -> shares.add(who + ": " + String.join(", ", cats)));
            line.put("shares", shares);
            out.add(line);
        }
        return out;
    }

    private List<Map<String, Object>> partnerships() {
        try (Response r = Calls.answer(() -> directory.partnerships())) {
            if (r.getStatus() != 200) return List.of();
            String body = r.readEntity(String.class);
            return body.trim().startsWith("[") ? Json.list(Json.map("{\"p\":" + body + "}").get("p")) : Json.list(Json.map(body).get("items"));
        }
    }

    private Optional<String> open(String ref) {
        return refs.open(ref, user.userId(), user.sessionId()).map(UUID::toString);
    }

    private String seal(String subjectId) {
        return refs.seal(UUID.fromString(subjectId), user.userId(), user.sessionId());
    }

    // ---- her consent withdrawn, a safeguarding override requested (issue 15, ADR 0057) -------------------------------

    /** Her current consent in the partnership (or her first one) and the withdrawal form: all of it, or part of it. */
    @GET
    @Path("{ref}/consent/withdraw")
    @Produces(MediaType.TEXT_HTML)
    public Response withdrawForm(@PathParam("ref") String ref, @QueryParam("partnership") String partnership) {
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("method", List.of("VERBAL"));
        return withdraw(ref, subject.get(), partnership, values, Map.of(), List.of(), 200);
    }

    @POST
    @Path("{ref}/consent/withdraw")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response withdrawConsent(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        String partnership = form.getFirst("partnershipId");
        Map<String, List<String>> values = new LinkedHashMap<>(form);
        values.remove("csrf");
        Map<String, Object> current = currentConsent(subject.get(), partnership);
        if (current == null) return withdraw(ref, subject.get(), partnership, values, Map.of(), List.of(), 404);
        // Her consent as the page showed it: a newer version means someone changed it meanwhile (the service checks too).
        String based = form.getFirst("basedOnVersion");
        String scope = form.getFirst("scope");
        String recipient = form.getFirst("recipient");
        String category = form.getFirst("category");
        Map<String, String> fe = new LinkedHashMap<>();
        if (!"WHOLE".equals(scope) && !"PARTIAL".equals(scope)) fe.put("scope", "Choose whether she withdraws all of her consent or part of it");
        if ("PARTIAL".equals(scope) && blank(recipient) && blank(category)) {
            fe.put("recipient", "Choose the organisation, the part of her summary, or both, that she withdraws");
        }
        if (blank(form.getFirst("method"))) fe.put("method", "Choose how she told you");
        if (!"yes".equals(form.getFirst("confirm"))) fe.put("confirm", "Confirm that she asked for this and knows what it means");
        if (!fe.isEmpty()) return withdraw(ref, subject.get(), partnership, values, fe, errorsOf(fe), 400);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", scope);
        if ("PARTIAL".equals(scope)) {
            if (!blank(recipient) && recipient.contains(":")) {
                String[] tid = recipient.split(":", 2);
                body.put("recipient", Map.of("type", tid[0], "id", tid[1]));
            }
            if (!blank(category)) body.put("category", category);
        }
        body.put("method", form.getFirst("method"));
        if (based != null && based.matches("\\d{1,9}")) body.put("basedOnVersion", Integer.parseInt(based));
        String consentId = String.valueOf(current.get("id"));
        try (Response r = Calls.answer(() -> consents.withdraw(consentId, Json.write(body)))) {
            int s = r.getStatus();
            if (s == 200) return see("/new/" + ref + "?done=withdrawn");
            if (s == 404) return notFound();
            Refusal refusal = Refusal.of(r);
            if (s == 409) {
                // Shown as she is now: the form carries the current version again.
                values.remove("basedOnVersion");
                values.remove("confirm");
                String message = refusal.type().endsWith("stale-version")
                        ? "Her consent has changed since you opened this page. Check it again below, then confirm again."
                        : "Her consent here is no longer active (already withdrawn, or ended): there is nothing to withdraw.";
                return withdraw(ref, subject.get(), partnership, values, Map.of(), List.of(new FieldError("", message)), 409);
            }
            if (s == 403) {
                return withdraw(ref, subject.get(), partnership, values, Map.of(), List.of(new FieldError("",
                        "Your organisation cannot change her consent now (it has no live referral for her).")), 403);
            }
            if (s == 400 || s == 422) {
                refusal.map((field, message) -> {
                    String input = field.startsWith("recipient") ? "recipient" : field.startsWith("category") ? "category"
                            : Set.of("scope", "method").contains(field) ? field : "";
                    String said = refusal.type().endsWith("nothing-to-withdraw")
                            ? "Her current consent does not contain this: " + message : Labels.code(field) + ": " + message;
                    return new FieldError(input, said);
                }, "Her consent was not withdrawn (answer " + s + ").");
                refusal.atFields.forEach(fe::putIfAbsent);
                return withdraw(ref, subject.get(), partnership, values, fe, refusal.errors, s);
            }
            return failed(r, "withdrawing her consent");
        }
    }

    /** Her consent record in the partnership (or the first one), as consent-service lists it; null when she has none. */
    private Map<String, Object> currentConsent(String subject, String partnership) {
        List<Map<String, Object>> records = consentRecords(subject);
        return records.stream().filter(c -> blank(partnership) || partnership.equals(String.valueOf(c.get("partnershipId"))))
                .findFirst().orElse(null);
    }

    private Response withdraw(String ref, String subject, String partnership, Map<String, List<String>> values, Map<String, String> fe,
            List<FieldError> errors, int status) {
        Map<String, Object> c = currentConsent(subject, partnership);
        TemplateInstance t = withdrawPage.data("ref", ref).data("errors", errors);
        if (c == null) {
            return html(status == 200 ? 404 : status, t.data("consent", null).data("inputs", List.of()).data("consentId", "")
                    .data("partnershipId", "").data("basedOnVersion", "").data("active", false));
        }
        Map<String, Object> line = consentLines(List.of(c)).get(0);
        Map<String, Object> current = Json.list(c.get("versions")).stream()
                .filter(v -> String.valueOf(v.get("version")).equals(String.valueOf(c.get("currentVersion")))).findFirst().orElse(Map.of());
        Set<String> recipients = new LinkedHashSet<>();
        List<SectionForms.Option> recipientOptions = new ArrayList<>();
        recipientOptions.add(new SectionForms.Option("", "Every organisation"));
        Set<String> categories = new LinkedHashSet<>();
        for (Map<String, Object> p : Json.list(current.get("provisions"))) {
            for (Map<String, Object> x : recipients(p)) {
                String key = x.get("type") + ":" + x.get("id");
                if (recipients.add(key)) recipientOptions.add(new SectionForms.Option(key, recipientName(x)));
            }
            values(p, "category", "categories").forEach(x -> categories.add(String.valueOf(x)));
        }
        List<SectionForms.Option> categoryOptions = new ArrayList<>();
        categoryOptions.add(new SectionForms.Option("", "Every part"));
        for (String k : categories) categoryOptions.add(new SectionForms.Option(k, Labels.code(k)));
        List<Inputs.Input> inputs = new ArrayList<>();
        inputs.add(Inputs.of("scope", "What does she withdraw?", null, "RADIOS", List.of(
                new SectionForms.Option("WHOLE", "All of her consent in this partnership: nothing more is shared under it"),
                new SectionForms.Option("PARTIAL", "Part of it: one organisation, one part of her summary, or both")),
                values.get("scope"), false, fe));
        inputs.add(Inputs.of("recipient", "If part of it: which organisation", null, "SELECT", recipientOptions, values.get("recipient"), false, fe));
        inputs.add(Inputs.of("category", "If part of it: which part of her summary", null, "SELECT", categoryOptions,
                values.get("category"), false, fe));
        inputs.add(Inputs.of("method", "How did she tell you?", null, "RADIOS", List.of(new SectionForms.Option("VERBAL", "She said so"),
                new SectionForms.Option("WRITTEN", "In writing"), new SectionForms.Option("ELECTRONIC", "Electronically")),
                values.get("method"), false, fe));
        inputs.add(Inputs.of("confirm", "Confirm", "Organisations stop seeing what she withdraws at once, including on referrals already sent.",
                "CHECKBOXES", List.of(new SectionForms.Option("yes", "She asked for this, and I have told her what it means")),
                values.get("confirm"), false, fe));
        boolean active = "ACTIVE".equals(String.valueOf(c.get("state")));
        return html(status, t.data("consent", line).data("inputs", inputs).data("consentId", String.valueOf(c.get("id")))
                .data("partnershipId", String.valueOf(c.get("partnershipId"))).data("basedOnVersion", String.valueOf(c.get("currentVersion")))
                .data("active", active));
    }

    /** The request for a safeguarding override (when she does not know, or must not be asked): approved by another person. */
    @GET
    @Path("{ref}/override")
    @Produces(MediaType.TEXT_HTML)
    public Response overrideForm(@PathParam("ref") String ref) {
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("purpose", List.of("REFERRAL"));
        values.put("days", List.of("30"));
        return override(ref, null, values, Map.of(), List.of(), 200);
    }

    @POST
    @Path("{ref}/override")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response requestOverride(@PathParam("ref") String ref, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        Optional<String> subject = open(ref);
        if (subject.isEmpty()) return notFound();
        String partnership = form.getFirst("partnershipId");
        Map<String, List<String>> values = new LinkedHashMap<>(form);
        values.remove("csrf");
        Map<String, String> fe = new LinkedHashMap<>();
        if (blank(form.getFirst("legalBasis"))) fe.put("legalBasis", "Choose the legal basis");
        if (blank(form.getFirst("justification"))) fe.put("justification", "Say why her consent cannot be asked for or relied on");
        if (list(form, "recipient").isEmpty()) fe.put("recipient", "Choose at least one organisation");
        if (list(form, "purpose").isEmpty()) fe.put("purpose", "Choose what it is for");
        if (list(form, "category").isEmpty()) fe.put("category", "Choose the parts of her summary it covers");
        String days = form.getFirst("days");
        if (days == null || !days.matches("7|30|90")) fe.put("days", "Choose how long it lasts");
        if (uuid(partnership) == null) fe.put("legalBasis", "Choose the partnership first");
        if (!fe.isEmpty()) return override(ref, partnership, values, fe, errorsOf(fe), 400);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("partnershipId", partnership);
        body.put("legalBasis", form.getFirst("legalBasis"));
        body.put("justification", form.getFirst("justification")); // as written: encrypted under her key by consent-service
        body.put("recipients", list(form, "recipient").stream().map(id -> Map.of("type", "ORGANISATION", "id", id)).toList());
        body.put("purposes", list(form, "purpose"));
        body.put("categories", list(form, "category"));
        body.put("validUntil", java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).plusDays(Integer.parseInt(days)).withNano(0).toString());
        try (Response r = Calls.answer(() -> consents.requestOverride(subject.get(), Json.write(body)))) {
            int s = r.getStatus();
            if (s == 201 || s == 200) return see("/new/" + ref + "?done=override");
            if (s == 404) return notFound();
            Refusal refusal = Refusal.of(r, (field, message) -> {
                String input = field.startsWith("recipients") ? "recipient" : field.startsWith("purposes") ? "purpose"
                        : field.startsWith("categories") ? "category" : field.equals("validUntil") ? "days"
                        : Set.of("legalBasis", "justification").contains(field) ? field : "";
                return new FieldError(input, Labels.code(input.isEmpty() ? field : input) + ": " + message);
            }, s == 403 ? "Your organisation may not request an override for her." : "The override was not requested (answer " + s + ").");
            refusal.atFields.forEach(fe::putIfAbsent);
            return override(ref, partnership, values, fe, refusal.errors, s >= 500 ? 502 : s == 403 ? 403 : 400);
        }
    }

    private Response override(String ref, String partnership, Map<String, List<String>> values, Map<String, String> fe,
            List<FieldError> errors, int status) {
        List<Map<String, Object>> partnerships = partnerships();
        Map<String, Object> chosen = partnerships.stream().filter(p -> String.valueOf(p.get("id")).equals(partnership)).findFirst()
                .orElse(partnerships.isEmpty() ? Map.of() : partnerships.get(0));
        String own = user.organisationId();
        List<SectionForms.Option> orgs = new ArrayList<>();
        for (Map<String, Object> m : Json.list(chosen.get("members"))) {
            String id = String.valueOf(m.get("organisationId"));
            if (!id.equals(own) && !"REPORTING".equals(m.get("role"))) orgs.add(new SectionForms.Option(id, String.valueOf(m.get("name"))));
        }
        List<Inputs.Input> inputs = new ArrayList<>();
        inputs.add(Inputs.of("legalBasis", "Legal basis", null, "RADIOS", OVERRIDE_BASES.entrySet().stream()
                .map(e -> new SectionForms.Option(e.getKey(), e.getValue())).toList(), values.get("legalBasis"), false, fe));
        inputs.add(Inputs.of("justification", "Why her consent cannot be asked for or relied on",
                "Kept encrypted with her record; the approver and privacy officers read it", "TEXTAREA", List.of(),
                values.get("justification"), true, fe));
        inputs.add(Inputs.of("recipient", "Which organisations it covers", null, "CHECKBOXES", orgs, values.get("recipient"), false, fe));
        inputs.add(Inputs.of("purpose", "What for", null, "CHECKBOXES", List.of(new SectionForms.Option("REFERRAL", "Taking a referral"),
                new SectionForms.Option("CASE_COORDINATION", "Coordinating her support"),
                new SectionForms.Option("SAFEGUARDING", "Safeguarding")), values.get("purpose"), false, fe));
        List<SectionForms.Option> cats = new ArrayList<>();
        for (DataCategory c : DataCategory.values()) cats.add(new SectionForms.Option(c.code(), Labels.code(c.code()) + " – " + c.description()));
        inputs.add(Inputs.of("category", "Which parts of her summary", "No more than the referral needs", "CHECKBOXES", cats,
                values.get("category"), false, fe));
        inputs.add(Inputs.of("days", "For how long", "From its approval's request; it then ends by itself", "RADIOS", List.of(
                new SectionForms.Option("7", "7 days"), new SectionForms.Option("30", "30 days"), new SectionForms.Option("90", "90 days")),
                values.get("days"), false, fe));
        TemplateInstance t = overridePage.data("ref", ref).data("partnershipId", chosen.isEmpty() ? "" : String.valueOf(chosen.get("id")))
                .data("partnership", chosen.isEmpty() ? "" : String.valueOf(chosen.get("name"))).data("inputs", inputs).data("errors", errors);
        return html(status, t);
    }

    /** Her overrides in plain words for her case page (state, legal basis, until when); nothing of the justification. */
    private List<String> overrideLines(String subject) {
        try (Response r = Calls.answer(() -> consents.overrides(subject))) {
            if (r.getStatus() != 200) return List.of();
            List<String> out = new ArrayList<>();
            for (Map<String, Object> o : Json.list(Json.map("{\"o\":" + r.readEntity(String.class) + "}").get("o"))) {
                String until = String.valueOf(o.get("validUntil"));
                String basis = String.valueOf(o.get("legalBasis"));
                out.add(Labels.code(String.valueOf(o.get("state"))) + " – " + OVERRIDE_BASES.getOrDefault(basis, Labels.code(basis))
                        + (until.length() >= 10 ? ", until " + until.substring(0, 10) : ""));
            }
            return out;
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
        if (id == null) return notFound();
        try (Response r = Calls.answer(() -> referrals.referral(id.toString()))) {
            if (r.getStatus() != 200) return notFound();
            Map<String, Object> ref = Json.map(r);
            Object subject = ref.get("subjectId");
            if (subject == null || !user.organisationId().equals(String.valueOf(ref.get("fromOrganisationId")))) return notFound();
            return see("/new/" + seal(String.valueOf(subject)) + "/search?replaces=" + id);
        }
    }

    /** A provision's recipients: consent-service lists one per provision ({@code recipient}); a list is read too. */
    private static List<Map<String, Object>> recipients(Map<String, Object> provision) {
        if (provision.get("recipient") instanceof Map<?, ?>) return List.of(asMap(provision.get("recipient")));
        return Json.list(provision.get("recipients"));
    }

    /** A provision's value(s) of one kind: {@code category} (one) or {@code categories} (a list). */
    private static List<Object> values(Map<String, Object> provision, String one, String many) {
        if (provision.get(many) instanceof List<?> l) return new ArrayList<>(l);
        return provision.get(one) == null ? List.of() : List.of(provision.get(one));
    }

    private String recipientName(Map<String, Object> r) {
        String id = String.valueOf(r.get("id"));
        return "PARTNERSHIP".equals(r.get("type")) ? "The whole partnership"
                : "SERVICE".equals(r.get("type")) ? names.serviceName(id) : names.organisationName(id);
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

    private static List<FieldError> errorsOf(Map<String, String> fe) {
        return fe.entrySet().stream().map(e -> new FieldError(e.getKey(), e.getValue())).toList();
    }

    private static List<String> list(MultivaluedMap<String, String> form, String key) {
        List<String> v = form.get(key);
        return v == null ? List.of() : v.stream().filter(s -> s != null && !s.isBlank()).toList();
    }

    private static String join(Object o) {
        return o instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).map(Labels::code).toList()) : "";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    private static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private Response failed(Response r, String what) {
        throw new ServiceUnavailable("answer " + r.getStatus() + " while " + what);
    }

    private Response notFound() {
        return Response.status(404).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(notFound.render()).build();
    }

    private static Response see(String path) {
        return Response.seeOther(URI.create(path)).build();
    }

    private static Response html(int status, TemplateInstance t) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(t.render()).build();
    }
}
