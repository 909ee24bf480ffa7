package org.pathways.dashboard.web;

import static org.pathways.dashboard.web.Forms.asMap;
import static org.pathways.dashboard.web.Forms.blank;
import static org.pathways.dashboard.web.Forms.errorsOf;
import static org.pathways.dashboard.web.Forms.list;
import static org.pathways.dashboard.web.Forms.strip;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.dashboard.api.ConsentApi;
import org.pathways.dashboard.api.DirectoryApi;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Inputs;
import org.pathways.dashboard.view.Labels;
import org.pathways.dashboard.view.SectionForms;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;

/**
 * New referral's consent steps (issue 15, ADR 0052 and 0057), split out of {@link NewReferralResource}, which keeps
 * their addresses, the CSRF check and opening her case reference: her consent recorded or changed, her discreet receipt,
 * her consent withdrawn in whole or in part, a safeguarding override requested. Every call with the user's own token.
 */
@RequestScoped
public class HerConsentSteps {

    private static final List<String> PURPOSES = List.of("REFERRAL", "CASE_COORDINATION");
    /** consent-service's override legal bases (OverrideLegalBasis), in plain words. */
    static final Map<String, String> OVERRIDE_BASES = new LinkedHashMap<>();

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

    /** How she gave her consent, or told you she withdraws it. */
    private static final List<SectionForms.Option> HOW_SHE_SAID = List.of(new SectionForms.Option("VERBAL", "She said so"),
            new SectionForms.Option("WRITTEN", "In writing"), new SectionForms.Option("ELECTRONIC", "Electronically"));

    @Inject
    @RestClient
    ConsentApi consents;

    @Inject
    @RestClient
    DirectoryApi directory;

    @Inject
    Directory names;

    @Inject
    CurrentUser user;

    @Inject
    Pages pages;

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

    Response consentForm(String ref, String subject, String asked) {
        String partnership = asked;
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("purpose", PURPOSES);
        values.put("months", List.of("6"));
        values.put("obtainedMethod", List.of("VERBAL"));
        values.put("language", List.of("en"));
        values.put("interpreterUsed", List.of("no"));
        values.put("art6Basis", List.of("CONSENT"));
        values.put("art9Condition", List.of("EXPLICIT_CONSENT"));
        // Changing her consent starts from what she agreed last time in this partnership (a new version replaces it).
        List<Map<String, Object>> records = consentRecords(subject);
        Map<String, Object> existing = records.stream()
                .filter(c -> asked == null || asked.equals(String.valueOf(c.get("partnershipId")))).findFirst().orElse(null);
        if (existing != null) {
            if (partnership == null) partnership = String.valueOf(existing.get("partnershipId"));
            Map<String, Object> current = currentVersion(existing);
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

    Response recordConsent(String ref, String subject, MultivaluedMap<String, String> form) {
        Map<String, List<String>> values = Forms.values(form);
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
        Map<String, Object> existing = consentRecords(subject).stream()
                .filter(c -> partnership.equals(String.valueOf(c.get("partnershipId")))).findFirst().orElse(null);
        Response r;
        if (existing == null) {
            body.put("partnershipId", partnership);
            r = Calls.answer(() -> consents.record(subject, Json.write(body)));
        } else {
            body.put("basedOnVersion", existing.get("currentVersion"));
            r = Calls.answer(() -> consents.newVersion(String.valueOf(existing.get("id")), Json.write(body)));
        }
        try (r) {
            int s = r.getStatus();
            if (s == 201 || s == 200) return Pages.see("/new/" + ref + "?done=consent");
            if (s == 404) return pages.notFound();
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
        Map<String, Object> chosen = chosen(partnerships, partnership);
        List<SectionForms.Option> orgs = organisations(chosen);
        List<SectionForms.Option> ps = partnerships.stream()
                .map(p -> new SectionForms.Option(String.valueOf(p.get("id")), String.valueOf(p.get("name")))).toList();
        String pid = chosen.isEmpty() ? "" : String.valueOf(chosen.get("id"));
        List<Inputs.Input> inputs = new ArrayList<>();
        inputs.add(Inputs.of("recipient", "Who may see it", "The organisations she agrees may receive her information", "CHECKBOXES",
                orgs, values.get("recipient"), false, fe));
        inputs.add(Inputs.of("purpose", "What for", null, "CHECKBOXES", List.of(new SectionForms.Option("REFERRAL", "Taking a referral"),
                new SectionForms.Option("CASE_COORDINATION", "Coordinating her support")), values.get("purpose"), false, fe));
        List<SectionForms.Option> cats = categoryOptions();
        inputs.add(Inputs.of("category", "Which parts of her summary", "Only what she agrees to: RISK is never shared unless she names it",
                "CHECKBOXES", cats, values.get("category"), false, fe));
        inputs.add(Inputs.of("months", "For how long", "From now", "RADIOS", List.of(new SectionForms.Option("1", "1 month"),
                new SectionForms.Option("3", "3 months"), new SectionForms.Option("6", "6 months"), new SectionForms.Option("12", "12 months")),
                values.get("months"), false, fe));
        inputs.add(Inputs.of("obtainedMethod", "How she gave it", null, "RADIOS", HOW_SHE_SAID,
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
        return Pages.html(status, t);
    }

    Response receipt(String ref, String subject) {
        List<Map<String, Object>> receipts = new ArrayList<>();
        for (Map<String, Object> c : consentRecords(subject)) {
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
        return Pages.html(200, receiptPage.data("ref", ref).data("receipts", receipts));
    }

    List<Map<String, Object>> consentRecords(String subject) {
        try (Response r = Calls.answer(() -> consents.consents(subject))) {
            if (r.getStatus() != 200) return List.of();
            return Json.list(Json.map("{\"c\":" + r.readEntity(String.class) + "}").get("c"));
        }
    }

    /** Her consents in plain words for the task list: partnership, state, who may see what. */
    List<Map<String, Object>> consentLines(List<Map<String, Object>> records) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, String> partnershipNames = new LinkedHashMap<>();
        for (Map<String, Object> p : partnerships()) partnershipNames.put(String.valueOf(p.get("id")), String.valueOf(p.get("name")));
        for (Map<String, Object> c : records) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("partnership", partnershipNames.getOrDefault(String.valueOf(c.get("partnershipId")), "Partnership"));
            line.put("state", Labels.code(String.valueOf(c.get("state"))));
            List<String> shares = new ArrayList<>();
            Map<String, Object> current = currentVersion(c);
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

    List<Map<String, Object>> partnerships() {
        try (Response r = Calls.answer(() -> directory.partnerships())) {
            if (r.getStatus() != 200) return List.of();
            String body = r.readEntity(String.class);
            return body.trim().startsWith("[") ? Json.list(Json.map("{\"p\":" + body + "}").get("p")) : Json.list(Json.map(body).get("items"));
        }
    }

    /** Her current consent in the partnership (or her first one) and the withdrawal form: all of it, or part of it. */
    Response withdrawForm(String ref, String subject, String partnership) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("method", List.of("VERBAL"));
        return withdraw(ref, subject, partnership, values, Map.of(), List.of(), 200);
    }

    Response withdrawConsent(String ref, String subject, MultivaluedMap<String, String> form) {
        String partnership = form.getFirst("partnershipId");
        Map<String, List<String>> values = Forms.values(form);
        Map<String, Object> current = currentConsent(subject, partnership);
        if (current == null) return withdraw(ref, subject, partnership, values, Map.of(), List.of(), 404);
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
        if (!fe.isEmpty()) return withdraw(ref, subject, partnership, values, fe, errorsOf(fe), 400);
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
            if (s == 200) return Pages.see("/new/" + ref + "?done=withdrawn");
            if (s == 404) return pages.notFound();
            Refusal refusal = Refusal.of(r);
            if (s == 409) {
                // Shown as she is now: the form carries the current version again.
                values.remove("basedOnVersion");
                values.remove("confirm");
                String message = refusal.type().endsWith("stale-version")
                        ? "Her consent has changed since you opened this page. Check it again below, then confirm again."
                        : "Her consent here is no longer active (already withdrawn, or ended): there is nothing to withdraw.";
                return withdraw(ref, subject, partnership, values, Map.of(), List.of(new FieldError("", message)), 409);
            }
            if (s == 403) {
                return withdraw(ref, subject, partnership, values, Map.of(), List.of(new FieldError("",
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
                return withdraw(ref, subject, partnership, values, fe, refusal.errors, s);
            }
            return Pages.failed(r, "withdrawing her consent");
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
            return Pages.html(status == 200 ? 404 : status, t.data("consent", null).data("inputs", List.of()).data("consentId", "")
                    .data("partnershipId", "").data("basedOnVersion", "").data("active", false));
        }
        Map<String, Object> line = consentLines(List.of(c)).get(0);
        Map<String, Object> current = currentVersion(c);
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
        inputs.add(Inputs.of("method", "How did she tell you?", null, "RADIOS", HOW_SHE_SAID,
                values.get("method"), false, fe));
        inputs.add(Inputs.of("confirm", "Confirm", "Organisations stop seeing what she withdraws at once, including on referrals already sent.",
                "CHECKBOXES", List.of(new SectionForms.Option("yes", "She asked for this, and I have told her what it means")),
                values.get("confirm"), false, fe));
        boolean active = "ACTIVE".equals(String.valueOf(c.get("state")));
        return Pages.html(status, t.data("consent", line).data("inputs", inputs).data("consentId", String.valueOf(c.get("id")))
                .data("partnershipId", String.valueOf(c.get("partnershipId"))).data("basedOnVersion", String.valueOf(c.get("currentVersion")))
                .data("active", active));
    }

    /** The request for a safeguarding override (when she does not know, or must not be asked): approved by another person. */
    Response overrideForm(String ref) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("purpose", List.of("REFERRAL"));
        values.put("days", List.of("30"));
        return override(ref, null, values, Map.of(), List.of(), 200);
    }

    Response requestOverride(String ref, String subject, MultivaluedMap<String, String> form) {
        String partnership = form.getFirst("partnershipId");
        Map<String, List<String>> values = Forms.values(form);
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
        try (Response r = Calls.answer(() -> consents.requestOverride(subject, Json.write(body)))) {
            int s = r.getStatus();
            if (s == 201 || s == 200) return Pages.see("/new/" + ref + "?done=override");
            if (s == 404) return pages.notFound();
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
        Map<String, Object> chosen = chosen(partnerships, partnership);
        List<SectionForms.Option> orgs = organisations(chosen);
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
        List<SectionForms.Option> cats = categoryOptions();
        inputs.add(Inputs.of("category", "Which parts of her summary", "No more than the referral needs", "CHECKBOXES", cats,
                values.get("category"), false, fe));
        inputs.add(Inputs.of("days", "For how long", "From its approval's request; it then ends by itself", "RADIOS", List.of(
                new SectionForms.Option("7", "7 days"), new SectionForms.Option("30", "30 days"), new SectionForms.Option("90", "90 days")),
                values.get("days"), false, fe));
        TemplateInstance t = overridePage.data("ref", ref).data("partnershipId", chosen.isEmpty() ? "" : String.valueOf(chosen.get("id")))
                .data("partnership", chosen.isEmpty() ? "" : String.valueOf(chosen.get("name"))).data("inputs", inputs).data("errors", errors);
        return Pages.html(status, t);
    }

    /** Her overrides in plain words for her case page (state, legal basis, until when); nothing of the justification. */
    List<String> overrideLines(String subject) {
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

    private static String join(Object o) {
        return o instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).map(Labels::code).toList()) : "";
    }

    /** An id from the form (surrounding blanks ignored), or null. */
    private static java.util.UUID uuid(String s) {
        return Forms.uuid(s == null ? null : s.strip());
    }

    /** The version of her consent record in force (consent-service lists every version). */
    private static Map<String, Object> currentVersion(Map<String, Object> record) {
        return Json.list(record.get("versions")).stream()
                .filter(v -> String.valueOf(v.get("version")).equals(String.valueOf(record.get("currentVersion")))).findFirst().orElse(Map.of());
    }

    /** The partnership a form is for: the one asked for, else the first of the user's. */
    private static Map<String, Object> chosen(List<Map<String, Object>> partnerships, String partnership) {
        return partnerships.stream().filter(p -> String.valueOf(p.get("id")).equals(partnership)).findFirst()
                .orElse(partnerships.isEmpty() ? Map.of() : partnerships.get(0));
    }

    /** The organisations of a partnership she may share with: not the user's own, not reporting partners. */
    private List<SectionForms.Option> organisations(Map<String, Object> partnership) {
        String own = user.organisationId();
        List<SectionForms.Option> orgs = new ArrayList<>();
        for (Map<String, Object> m : Json.list(partnership.get("members"))) {
            String id = String.valueOf(m.get("organisationId"));
            if (!id.equals(own) && !"REPORTING".equals(m.get("role"))) orgs.add(new SectionForms.Option(id, String.valueOf(m.get("name"))));
        }
        // Statutory partners (ADR 0091) are in no partnership: she may still agree that one receives her referral.
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Map<String, Object>> statutory;
        try {
            statutory = names.statutoryServices();
        } catch (RuntimeException e) {
            statutory = List.of(); // the partnership's members can still be chosen
        }
        for (Map<String, Object> s : statutory) {
            Map<String, Object> o = Forms.asMap(s.get("organisation"));
            String id = String.valueOf(o.get("id"));
            if (!id.equals(own) && seen.add(id)) {
                orgs.add(new SectionForms.Option(id, o.get("name") + " (" + org.pathways.dashboard.view.Statutory.roleLabel(
                        o.get("statutoryRole") == null ? null : String.valueOf(o.get("statutoryRole"))).toLowerCase(java.util.Locale.UK) + ")"));
            }
        }
        return orgs;
    }

    /** Every section of her summary, with what it holds. */
    private static List<SectionForms.Option> categoryOptions() {
        List<SectionForms.Option> cats = new ArrayList<>();
        for (DataCategory c : DataCategory.values()) cats.add(new SectionForms.Option(c.code(), Labels.code(c.code()) + " – " + c.description()));
        return cats;
    }
}
