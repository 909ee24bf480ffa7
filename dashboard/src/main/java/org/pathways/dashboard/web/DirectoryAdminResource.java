package org.pathways.dashboard.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import org.pathways.dashboard.api.DirectoryApi;
import org.pathways.dashboard.api.DirectoryFeedApi;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CsrfForm;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.Dates;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Nav;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.Authenticated;

/**
 * Screen 7, directory admin (issue 15, ADR 0090): an organisation admin's own services — capacity in one click, the
 * single point of contact and mailbox, the response target — through directory-service's own writes with her token, so
 * its rules (org-admin of the service's organisation only) apply unchanged. Its 400 problem's {@code errors[].field}
 * becomes the GOV.UK error at that service's input and in the summary; nothing is changed then.
 */
@Path("/directory")
@Authenticated
public class DirectoryAdminResource {

    static final List<String> STATUSES = List.of("HAS_CAPACITY", "WAITLIST", "NO_CAPACITY", "ASSESSMENT_REQUIRED");
    static final Map<String, String> STATUS_WORDS = Map.of("HAS_CAPACITY", "Taking referrals", "WAITLIST", "Waiting list",
            "NO_CAPACITY", "No capacity", "ASSESSMENT_REQUIRED", "Assessment first");
    static final Map<String, String> NATIONS = orderedNations();
    /** directory-service's field names -> this page's inputs (the input id is the name and the service id). */
    static final Set<String> FIELDS = Set.of("status", "waitWeeks", "username", "mailbox", "userId", "workingDays",
            "remindBeforeWorkingDays", "expireAfterWorkingDays", "nation");

    private static Map<String, String> orderedNations() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ENGLAND_AND_WALES", "England and Wales");
        m.put("SCOTLAND", "Scotland");
        m.put("NORTHERN_IRELAND", "Northern Ireland");
        return m;
    }

    @Inject
    @RestClient
    DirectoryApi directory;

    @Inject
    @RestClient
    DirectoryFeedApi feed;

    @Inject
    CurrentUser user;

    @Inject
    Csrf csrf;

    @Inject
    Pages pages;

    @Inject
    @Location("directory-admin.html")
    Template page;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@QueryParam("done") String done, @QueryParam("service") String service) {
        if (!Nav.mayAdminDirectory(user.roles())) return forbidden();
        String doneText = "capacity".equals(done) ? "Capacity updated" : "spoc".equals(done) ? "Single point of contact updated"
                : "target".equals(done) ? "Response target updated" : "";
        return render(200, doneText, Forms.uuid(service) == null ? "" : service, null, List.of(), Map.of());
    }

    @POST
    @Path("services/{id}/capacity")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response capacity(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Response refused = guard(id, form);
        if (refused != null) return refused;
        String status = form.getFirst("status");
        List<FieldError> errors = new ArrayList<>();
        if (status == null || !STATUSES.contains(status)) errors.add(new FieldError("status-" + id, "Choose the service's capacity"));
        Integer weeks = number(form, "waitWeeks", id, "Enter the wait in whole weeks, for example 6", errors);
        if (!errors.isEmpty()) return render(400, "", id, id, errors, form);
        // The write replaces the whole capacity: places and unit are kept as they are, only status and wait change.
        Map<String, Object> current = capacityOf(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        if ("WAITLIST".equals(status) && weeks != null) body.put("waitWeeks", weeks);
        for (String k : List.of("available", "maximum", "unit")) if (current.get(k) != null) body.put(k, current.get(k));
        return write(id, form, "capacity", () -> directory.putCapacity(id, Json.write(body)));
    }

    @POST
    @Path("services/{id}/spoc")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response spoc(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Response refused = guard(id, form);
        if (refused != null) return refused;
        Map<String, Object> body = new LinkedHashMap<>();
        String username = blankToNull(form.getFirst("username"));
        String mailbox = blankToNull(form.getFirst("mailbox"));
        if (username != null) body.put("username", username);
        if (mailbox != null) body.put("mailbox", mailbox);
        if (body.isEmpty()) {
            return render(400, "", id, id, List.of(new FieldError("username-" + id,
                    "Enter the single point of contact's username or the mailbox, or both")), form);
        }
        return write(id, form, "spoc", () -> directory.putSpoc(id, Json.write(body)));
    }

    @POST
    @Path("services/{id}/response-target")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response responseTarget(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Response refused = guard(id, form);
        if (refused != null) return refused;
        List<FieldError> errors = new ArrayList<>();
        Integer days = number(form, "workingDays", id, "Enter the working days to answer as a whole number", errors);
        Integer remind = number(form, "remindBeforeWorkingDays", id, "Enter the reminder's working days as a whole number", errors);
        Integer expire = number(form, "expireAfterWorkingDays", id, "Enter the working days before it lapses as a whole number", errors);
        String nation = form.getFirst("nation");
        if (nation == null || !NATIONS.containsKey(nation)) errors.add(new FieldError("nation-" + id, "Choose the nation whose bank holidays count"));
        if (!errors.isEmpty()) return render(400, "", id, id, errors, form);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workingDays", days);
        body.put("remindBeforeWorkingDays", remind);
        body.put("expireAfterWorkingDays", expire);
        body.put("nation", nation);
        return write(id, form, "target", () -> directory.putResponseTarget(id, Json.write(body)));
    }

    private Response guard(String id, MultivaluedMap<String, String> form) {
        Response refused = csrf.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        if (!Nav.mayAdminDirectory(user.roles())) return forbidden();
        if (Forms.uuid(id) == null) return pages.notFound();
        return null;
    }

    private Response write(String id, MultivaluedMap<String, String> form, String done, java.util.function.Supplier<Response> call) {
        try (Response r = Calls.answer(call)) {
            int s = r.getStatus();
            if (s == 200 || s == 204) return Pages.see("/directory?done=" + done + "&service=" + id + "#service-" + id);
            if (s == 404) return pages.notFound();
            if (s == 403) return forbidden();
            if (s == 400 || s == 409 || s == 422) {
                // The service's field detail at this service's inputs (a field this page has no input for: the summary).
                Refusal refusal = Refusal.of(r, (field, message) -> new FieldError(
                        FIELDS.contains(field) ? field + "-" + id : "", label(field) + " " + message), "The directory refused the change");
                return render(s, "", id, id, refusal.errors, form);
            }
            throw new ServiceUnavailable("directory-service answered " + s + " to a " + done + " change");
        }
    }

    private static String label(String field) {
        return switch (field) {
            case "waitWeeks" -> "Wait in weeks:";
            case "username" -> "Username:";
            case "mailbox" -> "Mailbox:";
            case "workingDays" -> "Working days to answer:";
            case "remindBeforeWorkingDays" -> "Reminder:";
            case "expireAfterWorkingDays" -> "Lapses after:";
            case "nation" -> "Nation:";
            default -> "";
        };
    }

    private static Integer number(MultivaluedMap<String, String> form, String field, String id, String message, List<FieldError> errors) {
        String v = blankToNull(form.getFirst(field));
        if (v == null) return null;
        if (!v.matches("\\d{1,6}")) {
            errors.add(new FieldError(field + "-" + id, message));
            return null;
        }
        return Integer.valueOf(v);
    }

    private Map<String, Object> capacityOf(String id) {
        try (Response r = Calls.answer(() -> directory.service(id))) {
            if (r.getStatus() != 200) return Map.of();
            return asMap(Json.map(r).get("capacity"));
        }
    }

    /**
     * The page: her organisation's services (the open feed lists them by organisation; each is then read as staff see
     * it). {@code errorsFor}: the service whose form was refused, shown with what she entered.
     */
    private Response render(int status, String done, String doneService, String errorsFor, List<FieldError> errors,
                            Map<String, List<String>> entered) {
        List<String> ids = new ArrayList<>();
        try (Response r = Calls.answer(() -> feed.services(user.organisationId(), 100))) {
            if (r.getStatus() != 200) throw new ServiceUnavailable("directory-service answered " + r.getStatus() + " for the services");
            for (Map<String, Object> s : Json.list(Json.map(r).get("contents"))) ids.add(String.valueOf(s.get("id")));
        }
        Map<String, String> atFields = new LinkedHashMap<>();
        for (FieldError e : errors) if (!e.field().isEmpty()) atFields.putIfAbsent(e.field(), e.message());
        List<Map<String, Object>> services = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> s;
            try (Response r = Calls.answer(() -> directory.service(id))) {
                if (r.getStatus() != 200) continue;
                s = Json.map(r);
            }
            Map<String, Object> org = asMap(s.get("organisation"));
            if (org.get("id") != null && !user.organisationId().equals(String.valueOf(org.get("id")))) continue;
            boolean mine = id.equals(errorsFor);
            Map<String, Object> cap = asMap(s.get("capacity"));
            Map<String, Object> spoc = asMap(s.get("spoc"));
            Map<String, Object> target = asMap(s.get("responseTarget"));
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", id);
            v.put("name", String.valueOf(s.getOrDefault("name", "")));
            String st = cap.get("status") == null ? "" : String.valueOf(cap.get("status"));
            v.put("status", st);
            v.put("statusWords", STATUS_WORDS.getOrDefault(st, "Not set"));
            v.put("waitWeeks", value(mine, entered, "waitWeeks", cap.get("waitWeeks")));
            v.put("capacityUpdated", cap.get("updatedAt") == null ? "never" : Dates.moment(cap.get("updatedAt")));
            v.put("stale", Boolean.TRUE.equals(cap.get("stale")));
            v.put("username", value(mine, entered, "username", "SERVICE".equals(spoc.get("source")) ? spoc.get("username") : null));
            v.put("mailbox", value(mine, entered, "mailbox", "SERVICE".equals(spoc.get("source")) ? spoc.get("mailbox") : null));
            v.put("spocNow", spocWords(spoc));
            v.put("workingDays", value(mine, entered, "workingDays", target.get("workingDays")));
            v.put("remind", value(mine, entered, "remindBeforeWorkingDays", target.get("remindBeforeWorkingDays")));
            v.put("expire", value(mine, entered, "expireAfterWorkingDays", target.get("expireAfterWorkingDays")));
            String nation = mine && entered.get("nation") != null ? entered.get("nation").get(0)
                    : target.get("nation") == null ? "ENGLAND_AND_WALES" : String.valueOf(target.get("nation"));
            List<Map<String, Object>> nations = new ArrayList<>();
            NATIONS.forEach((code, words) -> nations.add(Map.of("code", code, "words", words, "selected", code.equals(nation))));
            v.put("nations", nations);
            List<Map<String, Object>> statuses = new ArrayList<>();
            for (String code : STATUSES) statuses.add(Map.of("code", code, "words", STATUS_WORDS.get(code), "current", code.equals(st)));
            v.put("statuses", statuses);
            Map<String, String> err = new LinkedHashMap<>();
            for (String f : FIELDS) err.put(f, atFields.getOrDefault(f + "-" + id, ""));
            v.put("err", err);
            v.put("done", id.equals(doneService) ? done : "");
            services.add(v);
        }
        return Pages.html(status, page.data("services", services).data("errors", errors));
    }

    private static String value(boolean mine, Map<String, List<String>> entered, String field, Object current) {
        if (mine && entered.get(field) != null && !entered.get(field).isEmpty()) return entered.get(field).get(0);
        return current == null ? "" : String.valueOf(current);
    }

    private static String spocWords(Map<String, Object> spoc) {
        if (spoc.isEmpty()) return "None: referrals go nowhere until one is set";
        List<String> parts = new ArrayList<>();
        if (spoc.get("username") != null) parts.add(String.valueOf(spoc.get("username")));
        if (spoc.get("mailbox") != null) parts.add(String.valueOf(spoc.get("mailbox")));
        String who = String.join(", ", parts);
        return "ORGANISATION".equals(spoc.get("source")) ? who + " (your organisation's, as this service has none of its own)" : who;
    }

    private static String blankToNull(String s) {
        return Forms.blank(s) ? null : s.strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private Response forbidden() {
        return pages.error(403, "These pages are for organisation admins", "Your role does not include them.");
    }
}
