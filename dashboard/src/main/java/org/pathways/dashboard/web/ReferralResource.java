package org.pathways.dashboard.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
import org.jboss.resteasy.reactive.RestForm;
import org.pathways.dashboard.api.ReferralApi;
import org.pathways.dashboard.security.Csrf;
import org.pathways.dashboard.security.CsrfForm;
import org.pathways.dashboard.security.CurrentUser;
import org.pathways.dashboard.view.Casework;
import org.pathways.dashboard.view.Dates;
import org.pathways.dashboard.view.FanOut;
import org.pathways.dashboard.view.FieldError;
import org.pathways.dashboard.view.Labels;
import org.pathways.dashboard.view.Moves;
import org.pathways.dashboard.view.Statutory;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;

/**
 * One referral: what was sent and by whom, her consented sections (and the withheld ones, with why), the contact
 * flags, the history, and the moves this user may make. Everything is read with the user's own token; a referral the
 * service does not show her (another organisation's) is "not found", exactly as the service answers.
 */
@Path("/referrals/{id}")
@Authenticated
public class ReferralResource {

    /** referral-service's actor for what her own request for help did (AuditTrail.SELF_ACTOR, ADR 0089). */
    static final String SELF_REFERRAL_ACTOR = "self-referral";


    /** Referral ids are UUIDs; anything else is not found without asking the service. */
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F-]{36}");
    /** The "What you can do" heading: where a refusal of the move as a whole links to. */
    private static final String MOVES = "moves";
    /** The escalation and decline-review forms' radios: where their refusals link to. */
    private static final String ESCALATE = "escalate-reasonCode";
    private static final String REVIEW = "review-reasonCode";
    /** The claim form's button: where a refused claim links to. */
    private static final String CLAIM = "claim";
    private static final Set<String> TARGETS = Set.of("ACCEPTED", "DECLINED", "WITHDRAWN", "ON_HOLD", "IN_PROGRESS", "COMPLETED",
            "NOT_COMPLETED");

    @Inject
    @RestClient
    ReferralApi api;

    @Inject
    Directory directory;

    @Inject
    Csrf csrfCheck;

    @Inject
    CurrentUser user;

    @Inject
    @Location("referral.html")
    Template referral;

    @Inject
    Pages pages;

    @Inject
    @Location("error.html")
    Template error;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@PathParam("id") String id, @QueryParam("done") String done, @QueryParam("children") String children) {
        if ("SPLIT".equals(done)) {
            List<String> ids = FanOut.ids(children);
            return page(id, 200, List.of(), ids.isEmpty() ? "It is split" : ids.size() == 1 ? "It is split: one referral was sent"
                    : "It is split: " + ids.size() + " referrals were sent", Map.of(), splitChildren(ids));
        }
        // SENT: the New referral screen's send lands here ("sent" rather than the receiver's word "new").
        String doneLabel = "SENT".equals(done) ? "The referral is now: Sent" : "CLAIMED".equals(done) ? "You have claimed it: it is yours to work on"
                : "ESCALATED".equals(done) ? "You escalated it: the service's single point of contact and the Partnership Connector are told"
                : "REVIEW".equals(done) ? "You asked for the decline to be reviewed: the service is told"
                : "ANSWERED".equals(done) ? "Your answer was sent to the referrer"
                : "COST".equals(done) ? "The cost line was recorded"
                : done != null && TARGETS.contains(done) ? "The referral is now: " + Labels.state(done) : null;
        return page(id, 200, List.of(), doneLabel, Map.of());
    }

    /**
     * A move (plain form post; works without JavaScript). If-Match carries the version the page showed. Fields:
     * {@code target}, {@code version}, {@code reason}, {@code reviewDate}, and for COMPLETED {@code outcome-<need>} per
     * need and {@code onwardNeeds} (repeatable).
     */
    @POST
    @Path("/moves")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response move(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Response refused = csrfCheck.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        if (!ID.matcher(id).matches()) return notFound();
        String target = form.getFirst("target");
        String version = form.getFirst("version");
        if (target == null || !TARGETS.contains(target) || version == null || !version.matches("\\d{1,9}")) {
            return page(id, 400, List.of(new FieldError(MOVES, "Choose a move from the page.")), null, Map.of());
        }
        String reason = form.getFirst("reason");
        String reviewDate = form.getFirst("reviewDate");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target", target);
        if (reason != null && !reason.isBlank()) body.put("reason", reason);
        if (reviewDate != null && !reviewDate.isBlank()) body.put("reviewDate", reviewDate);
        if ("COMPLETED".equals(target)) {
            Map<String, String> outcomes = new LinkedHashMap<>();
            form.forEach((k, v) -> {
                if (k.startsWith("outcome-") && v != null && !v.isEmpty() && !v.get(0).isBlank()) outcomes.put(k.substring(8), v.get(0));
            });
            body.put("outcomes", outcomes); // an unanswered need is left out: the service names it (outcomes.<need>)
            List<String> onward = form.get("onwardNeeds") == null ? List.of()
                    : form.get("onwardNeeds").stream().filter(n -> n != null && !n.isBlank()).toList();
            if (!onward.isEmpty()) body.put("onwardNeeds", onward);
        }
        try (Response r = Calls.answer(() -> api.move(id, "\"" + version + "\"", Json.write(body)))) {
            int s = r.getStatus();
            if (s == 200) {
                return Response.seeOther(URI.create("/referrals/" + id + "?done=" + target)).build();
            }
            if (s == 404) return notFound();
            if (s == 412) return page(id, 409, List.of(changedSinceOpened()), null, Map.of());
            if (s == 409) {
                Refusal refusal = Refusal.of(r);
                if (refusal.type().endsWith("open-children")) {
                    refusal.map((field, message) -> new FieldError(MOVES, "A child referral is still open (" + message
                            + "): it must end before this one closes."), null);
                    return page(id, 409, refusal.errors, null, form);
                }
                return page(id, 409, List.of(new FieldError(MOVES,
                        "That move is not possible from the referral's current state.")), null, Map.of());
            }
            if (s == 422 || s == 400) {
                Refusal refusal = Refusal.of(r, (field, message) -> {
                    if (field.equals("reason")) return new FieldError(target + "-reason", "Choose a reason");
                    if (field.equals("reviewDate")) return new FieldError(target + "-reviewDate", "Enter a review date after today");
                    if (field.startsWith("outcomes.")) {
                        String need = field.substring("outcomes.".length());
                        return new FieldError(target + "-outcome-" + need, "Choose the outcome for " + Labels.need(need));
                    }
                    if (field.startsWith("outcomes")) return new FieldError(MOVES, "Outcomes: " + message);
                    if (field.startsWith("onwardNeeds")) return new FieldError(target + "-onwardNeeds", "Onward needs: " + message);
                    return new FieldError(MOVES, "The referral service refused this move (" + field + ").");
                }, "The referral service refused this move.");
                return page(id, 422, refusal.errors, null, form);
            }
            return page(id, s >= 500 ? 502 : s, List.of(new FieldError(MOVES,
                    "The move was not made (answer " + s + "). Try again.")), null, Map.of());
        }
    }

    /**
     * Claiming: the receiving organisation's worker takes the referral as hers ({@code POST /api/referrals/{id}/claim},
     * If-Match the version the page showed). No state change: the page says it is hers.
     */
    @POST
    @Path("/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response claim(@PathParam("id") String id, @RestForm String csrf, @RestForm String version) {
        Response refused = csrfCheck.refusal(csrf);
        if (refused != null) return refused;
        if (!ID.matcher(id).matches()) return notFound();
        if (version == null || !version.matches("\\d{1,9}")) {
            return page(id, 400, List.of(new FieldError(CLAIM, "Claim it from the page.")), null, Map.of());
        }
        try (Response r = Calls.answer(() -> api.claim(id, "\"" + version + "\"", "{}"))) {
            int s = r.getStatus();
            if (s == 200 || s == 201) return Response.seeOther(URI.create("/referrals/" + id + "?done=CLAIMED")).build();
            if (s == 404) return notFound();
            if (s == 409 || s == 412) {
                String type = Refusal.of(r).type();
                FieldError e = type.endsWith("already-claimed") ? new FieldError(CLAIM,
                        "A colleague has already claimed this referral. Ask your single point of contact to reassign it.")
                        : type.endsWith("referral-ended") ? new FieldError(CLAIM, "This referral has ended: there is nothing to claim.")
                        : changedSinceOpened();
                return page(id, 409, List.of(e), null, Map.of());
            }
            if (s == 403) return page(id, 403, List.of(new FieldError(CLAIM, "Only the receiving organisation claims a referral.")), null, Map.of());
            return page(id, s >= 500 ? 502 : s, List.of(new FieldError(CLAIM, "It was not claimed (answer " + s + "). Try again.")), null, Map.of());
        }
    }

    // ---- issue 16: escalation and decline review (referrer), their answers (receiver); issue 17: cost lines --------

    /** The referrer escalates an open referral herself ({@code reasonCode} only, no free text; ADR 0055). */
    @POST
    @Path("/escalations")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response escalate(@PathParam("id") String id, @RestForm String csrf, @RestForm String reasonCode) {
        Response refused = csrfCheck.refusal(csrf);
        if (refused != null) return refused;
        return challenge(id, ESCALATE, reasonCode, "ESCALATED", () -> api.escalate(id, Json.write(reasonBody(reasonCode))));
    }

    /** The referrer asks for a decline to be reviewed, once. */
    @POST
    @Path("/decline-reviews")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response declineReview(@PathParam("id") String id, @RestForm String csrf, @RestForm String reasonCode) {
        Response refused = csrfCheck.refusal(csrf);
        if (refused != null) return refused;
        return challenge(id, REVIEW, reasonCode, "REVIEW", () -> api.declineReview(id, Json.write(reasonBody(reasonCode))));
    }

    /** The receiving organisation answers an escalation or a decline review. */
    @POST
    @Path("/challenges/{challengeId}/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response answer(@PathParam("id") String id, @PathParam("challengeId") String challengeId, @RestForm String csrf,
            @RestForm String outcome) {
        Response refused = csrfCheck.refusal(csrf);
        if (refused != null) return refused;
        if (!ID.matcher(challengeId).matches()) return notFound();
        String field = "answer-" + challengeId;
        if (outcome == null || outcome.isBlank()) {
            return page(id, 400, List.of(new FieldError(field, "Choose your answer")), null, Map.of());
        }
        return challenge(id, field, outcome, "ANSWERED",
                () -> api.answerChallenge(id, challengeId, Json.write(Map.of("outcome", outcome))));
    }

    private static Map<String, Object> reasonBody(String reasonCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reasonCode != null && !reasonCode.isBlank()) body.put("reasonCode", reasonCode);
        return body;
    }

    /** A challenge call and its answer: 201/200 back to the page; the service's refusal at the form's field. */
    private Response challenge(String id, String field, String code, String done, java.util.function.Supplier<Response> call) {
        if (!ID.matcher(id).matches()) return notFound();
        if (code == null || code.isBlank()) return page(id, 400, List.of(new FieldError(field, "Choose a reason")), null, Map.of());
        try (Response r = Calls.answer(call)) {
            int s = r.getStatus();
            if (s == 201 || s == 200) return Response.seeOther(URI.create("/referrals/" + id + "?done=" + done)).build();
            if (s == 404) return notFound();
            Refusal refusal = Refusal.of(r);
            String type = refusal.type();
            String message = type.endsWith("already-escalated") ? "It is already escalated: the service has not answered yet"
                    : type.endsWith("referral-ended") ? "This referral has ended: it cannot be escalated"
                    : type.endsWith("review-already-requested") ? "A review of this decline was already asked for"
                    : type.endsWith("not-declined") ? "Only a declined referral's decline can be reviewed"
                    : type.endsWith("already-answered") ? "This was already answered"
                    : s == 403 ? "Your organisation cannot do this on this referral" : null;
            if (message == null) {
                refusal.map((f, m) -> new FieldError(field, Labels.code(f) + ": " + m), "The referral service refused it (answer " + s + ").");
            } else {
                refusal.add(new FieldError(field, message));
            }
            List<FieldError> errors = refusal.errors.stream().map(e -> e.field().isEmpty() ? new FieldError(field, e.message()) : e).toList();
            return page(id, s >= 500 ? 502 : s, errors, null, Map.of());
        }
    }

    /** A cost line of the service provided (receiving organisation; amount in pounds, sent as whole pence). */
    @POST
    @Path("/costs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @CsrfForm
    public Response addCost(@PathParam("id") String id, MultivaluedMap<String, String> form) {
        Response refused = csrfCheck.refusal(form.getFirst("csrf"));
        if (refused != null) return refused;
        if (!ID.matcher(id).matches()) return notFound();
        Map<String, Object> body = new LinkedHashMap<>();
        String category = form.getFirst("category");
        String amount = form.getFirst("amount");
        String day = form.getFirst("providedOn");
        if (category != null && !category.isBlank()) body.put("category", category);
        if (amount != null && !amount.isBlank()) {
            Long pence = Casework.pence(amount);
            if (pence == null) {
                return page(id, 400, List.of(new FieldError("cost-amount", "Enter the amount in pounds, for example 12.50")), null, form);
            }
            body.put("amountPence", pence);
        }
        if (day != null && !day.isBlank()) body.put("providedOn", day.strip());
        try (Response r = Calls.answer(() -> api.addCost(id, Json.write(body)))) {
            int s = r.getStatus();
            if (s == 201 || s == 200) return Response.seeOther(URI.create("/referrals/" + id + "?done=COST")).build();
            if (s == 404) return notFound();
            Refusal refusal = Refusal.of(r);
            if (refusal.type().endsWith("not-taken-up")) {
                refusal.add(new FieldError("cost-category", "Your organisation never took this referral up: there is nothing to cost"));
            } else {
                refusal.map((field, message) -> switch (field) {
                    case "category" -> new FieldError("cost-category", "Choose what was provided");
                    case "amountPence" -> new FieldError("cost-amount", "Amount: " + message);
                    case "providedOn" -> new FieldError("cost-providedOn", "Date it was provided: " + message);
                    default -> new FieldError("cost-category", Labels.code(field) + ": " + message);
                }, s == 403 ? "Only the receiving organisation records costs" : "The cost line was not recorded (answer " + s + ").");
            }
            List<FieldError> errors = refusal.errors.stream().map(e -> e.field().isEmpty() ? new FieldError("cost-category", e.message()) : e)
                    .toList();
            return page(id, s >= 500 ? 502 : s == 409 ? 409 : 400, errors, null, form);
        }
    }

    private static FieldError changedSinceOpened() {
        return new FieldError(MOVES, "This referral has changed since you opened it. Check it again below, then choose what to do.");
    }

    /** The page as the service shows the referral now; {@code entered}: a refused form's answers, shown again. */
    private Response page(String id, int status, List<FieldError> errors, String done, Map<String, List<String>> entered) {
        return page(id, status, errors, done, entered, List.of());
    }

    /** The children a split just sent, for the banner: each as referral-service shows it now (id, service, needs). */
    private List<Map<String, Object>> splitChildren(List<String> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String child : ids) {
            try (Response r = Calls.answer(() -> api.referral(child))) {
                if (r.getStatus() != 200) continue;
                Map<String, Object> c = Json.map(r);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("id", child);
                row.put("shortId", child.substring(0, 8));
                row.put("to", directory.organisationName((String) c.get("toOrganisationId")));
                row.put("service", directory.serviceName((String) c.get("toServiceId")));
                row.put("needs", labels(c.get("needs")));
                out.add(row);
            }
        }
        return out;
    }

    private Response page(String id, int status, List<FieldError> errors, String done, Map<String, List<String>> entered,
            List<Map<String, Object>> splitChildren) {
        if (!ID.matcher(id).matches()) return notFound();
        Map<String, Object> ref;
        String etag;
        try (Response r = Calls.answer(() -> api.referral(id))) {
            if (r.getStatus() == 404 || r.getStatus() == 400) return notFound();
            if (r.getStatus() == 403) {
                return Response.status(403).type(MediaType.TEXT_HTML_TYPE).entity(error.data("heading", "You cannot open this referral")
                        .data("message", "Your role does not allow it.").data("status", 403).render()).build();
            }
            if (r.getStatus() != 200) throw new ServiceUnavailable("referral-service answered " + r.getStatus());
            etag = r.getHeaderString("ETag");
            ref = Json.map(r);
        }
        // The service leaves empty fields out; the page names them all (Qute renders strictly).
        for (String k : List.of("note", "safeContactInstructions", "sentAt", "urgency", "personKnows", "id", "pathwayId")) ref.putIfAbsent(k, null);
        String org = user.organisationId();
        boolean receiver = org.equals(ref.get("toOrganisationId"));
        String state = String.valueOf(ref.get("state"));

        TemplateInstance t = referral.instance();
        t.data("r", ref);
        t.data("version", ref.get("version") != null ? String.valueOf(ref.get("version")) : etag == null ? "" : etag.replace("\"", ""));
        t.data("receiver", receiver);
        t.data("stateLabel", Labels.state(state)).data("stateTag", Labels.stateTag(state));
        // A self-referral was sent by her, not by the Connector's organisation it is filed under (ADR 0089).
        boolean self = SELF_REFERRAL_ACTOR.equals(ref.get("fromUserId"));
        t.data("selfReferral", self);
        t.data("fromOrganisation", directory.organisationName((String) ref.get("fromOrganisationId")));
        t.data("from", self ? "Herself: she asked for help (self-referral)"
                : directory.organisationName((String) ref.get("fromOrganisationId")));
        t.data("to", directory.organisationName((String) ref.get("toOrganisationId")));
        t.data("service", directory.serviceName((String) ref.get("toServiceId")));
        t.data("needs", labels(ref.get("needs")));
        t.data("requestedSections", labels(ref.get("sections")));
        Map<String, Object> flags = asMap(ref.get("contactFlags"));
        t.data("statutory", statutory(asMap(ref.get("statutory")), ref.get("personKnows"),
                Set.of("DECLINED", "WITHDRAWN", "COMPLETED", "NOT_COMPLETED", "EXPIRED", "ENTERED_IN_ERROR").contains(state)));

        // Her sections through this referral: the receiving organisation only, as consent allows now.
        List<Map<String, Object>> sections = List.of();
        List<Map<String, Object>> withheld = List.of();
        String summaryNote = null;
        if (receiver) {
            try (Response s = Calls.answer(() -> api.summary(id))) {
                if (s.getStatus() == 200) {
                    Map<String, Object> summary = Json.map(s);
                    sections = Json.list(summary.get("sections")).stream().map(ReferralResource::section).toList();
                    withheld = Json.list(summary.get("withheld")).stream().map(ReferralResource::withheld).toList();
                    if (summary.get("contactFlags") instanceof Map<?, ?> m && flags.isEmpty()) flags = asMap(m);
                } else if (s.getStatus() == 403) {
                    summaryNote = "This referral has ended, so your organisation can no longer read her sections.";
                } else {
                    summaryNote = "Her sections could not be read just now (answer " + s.getStatus() + ").";
                }
            }
        }
        t.data("sections", sections).data("withheld", withheld).data("summaryNote", summaryNote);
        t.data("doNotContact", Boolean.TRUE.equals(flags.get("doNotContact")));
        t.data("viaNamedWorker", Boolean.TRUE.equals(flags.get("contactViaNamedWorkerOnly")));

        List<Map<String, Object>> history = List.of();
        try (Response h = Calls.answer(() -> api.history(id))) {
            if (h.getStatus() == 200) {
                String body = h.readEntity(String.class);
                history = body.trim().startsWith("[") ? Json.list(Json.map("{\"h\":" + body + "}").get("h"))
                        : Json.list(Json.map(body).get("items"));
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> h : history) {
            Map<String, Object> row = new LinkedHashMap<>(h);
            row.putIfAbsent("reviewDate", null);
            row.putIfAbsent("at", "");
            row.put("organisation", directory.organisationName((String) h.get("organisationId")));
            // Escalations and decline reviews are in the history too (ADR 0055): they move nothing.
            String event = h.get("event") == null ? "MOVED" : String.valueOf(h.get("event"));
            row.putIfAbsent("to", event);
            row.put("toLabel", switch (event) {
                case "ESCALATED" -> "Escalated by the referrer";
                case "DECLINE_REVIEW_REQUESTED" -> "Decline review asked for";
                case "ESCALATION_ANSWERED" -> "Escalation answered";
                case "DECLINE_REVIEW_ANSWERED" -> "Decline review answered";
                default -> Labels.state(String.valueOf(h.get("to")));
            });
            row.put("reasonLabel", h.get("reason") != null ? Labels.code(String.valueOf(h.get("reason")))
                    : h.get("challengeReason") != null ? Casework.label(String.valueOf(h.get("challengeReason")))
                    : h.get("challengeOutcome") != null ? Casework.label(String.valueOf(h.get("challengeOutcome"))) : "");
            Map<String, Object> outcomes = asMap(h.get("outcomes"));
            row.put("outcomesLabel", String.join("; ", outcomes.entrySet().stream()
                    .map(e -> Labels.need(e.getKey()) + ": " + Labels.outcome(String.valueOf(e.getValue()))).toList()));
            row.put("onwardLabel", h.get("onwardNeeds") instanceof List<?> l && !l.isEmpty()
                    ? String.join(", ", l.stream().map(String::valueOf).map(Labels::need).toList()) : "");
            row.put("actorLabel", h.get("actor") == null ? "" : Labels.code(String.valueOf(h.get("actor"))));
            rows.add(row);
        }
        t.data("history", rows);
        List<String> needCodes = ref.get("needs") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        Map<String, String> atField = new LinkedHashMap<>();
        for (FieldError e : errors) atField.putIfAbsent(e.field(), e.message());
        t.data("moves", Moves.offered(state, receiver ? Moves.Side.RECEIVER : Moves.Side.REFERRER).stream()
                .map(m -> moveView(m, needCodes, entered, atField)).toList());
        boolean terminal = Set.of("DECLINED", "WITHDRAWN", "COMPLETED", "NOT_COMPLETED", "EXPIRED", "ENTERED_IN_ERROR").contains(state);
        t.data("mayClaim", receiver && !terminal);
        // The sender of a declined or expired referral may find her another service (a re-route).
        t.data("mayReroute", !receiver && org.equals(ref.get("fromOrganisationId")) && ref.get("subjectId") != null
                && Set.of("DECLINED", "EXPIRED").contains(state));
        t.data("claimedByMe", receiver && !terminal && claimedByMe(id));
        // The Partnership Connector may split a taken-up referral to her Connector service by need (ADR 0093).
        t.data("maySplit", FanOut.maySplit(user.roles(), state, receiver, receiver && directory.isConnectorService((String) ref.get("toServiceId"))));
        t.data("splitChildren", splitChildren);
        casework(t, id, state, receiver, org.equals(ref.get("fromOrganisationId")), atField, entered);
        t.data("errors", errors);
        t.data("done", done);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(t.render()).build();
    }

    /**
     * Issue 16 and 17 on the referral page: its escalations and decline reviews (the referrer may raise one, the
     * receiver answers the open ones) and, for the receiver once taken up, its cost lines and the form for one more.
     */
    private void casework(TemplateInstance t, String id, String state, boolean receiver, boolean referrer, Map<String, String> atField,
            Map<String, List<String>> entered) {
        List<Map<String, Object>> challenges = new ArrayList<>();
        try (Response r = Calls.answer(() -> api.challenges(id))) {
            if (r.getStatus() == 200) {
                String body = r.readEntity(String.class);
                List<Map<String, Object>> raw = body.trim().startsWith("[") ? Json.list(Json.map("{\"c\":" + body + "}").get("c"))
                        : Json.list(Json.map(body).get("items"));
                for (Map<String, Object> c : raw) {
                    Map<String, Object> v = new LinkedHashMap<>();
                    String cid = String.valueOf(c.get("id"));
                    boolean review = "DECLINE_REVIEW".equals(c.get("kind"));
                    v.put("id", cid);
                    v.put("kind", review ? "Decline review" : "Escalation");
                    v.put("reason", Casework.label(String.valueOf(c.get("reasonCode"))));
                    v.put("raised", Dates.moment(c.get("raisedAt")));
                    boolean open = c.get("outcome") == null;
                    v.put("open", open);
                    v.put("answer", open ? "Not answered yet" : Casework.label(String.valueOf(c.get("outcome"))));
                    v.put("mayAnswer", open && receiver);
                    v.put("answers", review ? Casework.REVIEW_ANSWERS : Casework.ESCALATION_ANSWERS);
                    v.put("error", atField.get("answer-" + cid));
                    challenges.add(v);
                }
            }
        }
        t.data("challenges", challenges);
        boolean openEscalation = challenges.stream().anyMatch(c -> "Escalation".equals(c.get("kind")) && Boolean.TRUE.equals(c.get("open")));
        boolean reviewAsked = challenges.stream().anyMatch(c -> "Decline review".equals(c.get("kind")));
        t.data("mayEscalate", referrer && !receiver && Casework.OPEN.contains(state) && !openEscalation);
        t.data("mayAskReview", referrer && !receiver && "DECLINED".equals(state) && !reviewAsked);
        t.data("escalationReasons", Casework.ESCALATION_REASONS);
        t.data("reviewReasons", Casework.REVIEW_REASONS);
        t.data("escalateError", atField.get(ESCALATE)).data("reviewError", atField.get(REVIEW));

        boolean mayCost = receiver && Casework.TAKEN_UP.contains(state);
        List<Map<String, Object>> costs = new ArrayList<>();
        if (mayCost) {
            try (Response r = Calls.answer(() -> api.costs(id))) {
                if (r.getStatus() == 200) {
                    for (Map<String, Object> c : Json.list(Json.map("{\"c\":" + r.readEntity(String.class) + "}").get("c"))) {
                        Map<String, Object> v = new LinkedHashMap<>();
                        v.put("day", Dates.day(c.get("providedOn")));
                        v.put("category", Casework.label(Casework.COST_CATEGORIES, String.valueOf(c.get("category"))));
                        v.put("amount", Casework.pounds(c.get("amountPence")));
                        costs.add(v);
                    }
                }
            }
        }
        t.data("mayCost", mayCost).data("costs", costs).data("costCategories", Casework.COST_CATEGORIES);
        t.data("costCategory", first(entered, "category") == null ? "" : first(entered, "category"));
        t.data("costAmount", first(entered, "amount") == null ? "" : first(entered, "amount"));
        t.data("costDay", first(entered, "providedOn") == null ? "" : first(entered, "providedOn"));
        t.data("costCategoryError", atField.get("cost-category")).data("costAmountError", atField.get("cost-amount"))
                .data("costDayError", atField.get("cost-providedOn"));
    }

    /** Whether the signed-in worker holds the referral (the incoming queue's "assigned to me" filter). */
    private boolean claimedByMe(String id) {
        try (Response r = Calls.answer(() -> api.incomingAssigned("me", 200))) {
            if (r.getStatus() != 200) return false;
            return Json.list(Json.map(r).get("items")).stream().anyMatch(i -> id.equalsIgnoreCase(String.valueOf(i.get("id"))));
        }
    }

    /**
     * One move's form as the template draws it: every key present (Qute renders strictly); a refused form's answers
     * and the errors at its fields when it was this move that was refused.
     */
    private static Map<String, Object> moveView(Moves.Move m, List<String> needCodes, Map<String, List<String>> entered,
            Map<String, String> atField) {
        boolean refused = m.target().equals(first(entered, "target"));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("target", m.target());
        v.put("label", m.label());
        v.put("needsReason", m.needsReason());
        v.put("needsReviewDate", m.needsReviewDate());
        v.put("needsOutcomes", m.needsOutcomes());
        v.put("warning", m.warning());
        String reason = refused ? first(entered, "reason") : null;
        v.put("reasons", Moves.reasons().stream().map(r -> option(r.code(), r.label(), r.code().equals(reason))).toList());
        v.put("reasonError", atField.get(m.target() + "-reason"));
        v.put("reviewDate", refused ? first(entered, "reviewDate") : null);
        v.put("reviewDateError", atField.get(m.target() + "-reviewDate"));
        List<Map<String, Object>> needs = new ArrayList<>();
        for (String code : needCodes) {
            String chosen = refused ? first(entered, "outcome-" + code) : null;
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("code", code);
            n.put("label", Labels.need(code));
            n.put("error", atField.get(m.target() + "-outcome-" + code));
            n.put("outcomes", Moves.outcomes().stream().map(o -> option(o.code(), o.label(), o.code().equals(chosen))).toList());
            needs.add(n);
        }
        v.put("needs", needs);
        List<String> onward = refused && entered.get("onwardNeeds") != null ? entered.get("onwardNeeds") : List.of();
        v.put("onward", Moves.needs().stream().map(n -> option(n.code(), n.label(), onward.contains(n.code()))).toList());
        v.put("onwardError", atField.get(m.target() + "-onwardNeeds"));
        return v;
    }

    private static Map<String, Object> option(String code, String label, boolean checked) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("code", code);
        o.put("label", label);
        o.put("checked", checked);
        return o;
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private Response notFound() {
        return pages.notFound();
    }

    private static String labels(Object codes) {
        if (!(codes instanceof List<?> l)) return "";
        return String.join(", ", l.stream().map(String::valueOf).map(Labels::code).toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A section as the page lists it: its label and its fields as label/value lines (her words kept as written). */
    private static Map<String, Object> section(Map<String, Object> s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("category", s.get("category"));
        out.put("label", Labels.code(String.valueOf(s.get("category"))));
        Map<String, Object> basis = asMap(s.get("basis"));
        out.put("basis", basis.get("type") == null ? "" : Labels.code(String.valueOf(basis.get("type"))));
        List<Map<String, String>> lines = new ArrayList<>();
        flatten("", s.get("content"), lines);
        out.put("lines", lines);
        return out;
    }

    /**
     * A statutory referral's part as the service releases it (ADR 0091): its kind always; for MARAC the DASH level,
     * criterion and safe contact times while the receiver may see them, else listed as withheld with why. Null for an
     * ordinary referral.
     */
    static Map<String, Object> statutory(Map<String, Object> st, Object personKnows, boolean ended) {
        if (st.isEmpty() || st.get("kind") == null) return null;
        String kind = String.valueOf(st.get("kind"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", kind);
        out.put("kindLabel", Statutory.kindLabel(kind));
        out.put("marac", "MARAC".equals(kind));
        String dash = st.get("dashLevel") == null ? "" : Statutory.dashLabel(String.valueOf(st.get("dashLevel")));
        String criterion = st.get("criterion") == null ? "" : Statutory.criterionLabel(String.valueOf(st.get("criterion")));
        out.put("dashLevel", dash);
        out.put("criterion", criterion);
        out.put("aware", Boolean.TRUE.equals(personKnows) ? "Yes" : "No – made under a safeguarding override");
        out.put("safeContactTimes", st.get("safeContactTimes") == null ? "" : String.valueOf(st.get("safeContactTimes")));
        List<Map<String, Object>> withheld = new ArrayList<>();
        if (st.get("withheld") instanceof List<?> l) {
            for (Object c : l) {
                Map<String, Object> w = new LinkedHashMap<>();
                w.put("category", String.valueOf(c));
                w.put("label", Statutory.withheldLabel(String.valueOf(c)));
                w.put("why", Statutory.withheldWhy(String.valueOf(c), ended));
                withheld.add(w);
            }
        }
        out.put("withheld", withheld);
        out.put("riskWithheld", withheld.stream().anyMatch(w -> "RISK".equals(w.get("category"))));
        out.put("timesWithheld", withheld.stream().anyMatch(w -> "SAFE_CONTACT".equals(w.get("category"))));
        return out;
    }

    private static Map<String, Object> withheld(Map<String, Object> w) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("category", w.get("category"));
        out.put("label", Labels.code(String.valueOf(w.get("category"))));
        String reason = String.valueOf(w.get("reason"));
        out.put("why", switch (reason) {
            case "AWAITING_ACCEPTANCE" -> "Shown once your organisation accepts the referral";
            case "NO_CONSENT" -> "She has not agreed to share this with your organisation";
            default -> Labels.code(reason);
        });
        return out;
    }

    private static void flatten(String prefix, Object v, List<Map<String, String>> out) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                flatten(prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + " – " + e.getKey(), e.getValue(), out);
            }
        } else if (v instanceof List<?> l) {
            if (l.stream().allMatch(x -> !(x instanceof Map<?, ?>) && !(x instanceof List<?>))) {
                out.add(Map.of("key", Labels.code(humanise(prefix)), "value", String.join(", ", l.stream().map(String::valueOf).toList())));
            } else {
                int i = 1;
                for (Object x : l) flatten(prefix + " " + i++, x, out);
            }
        } else if (v != null) {
            out.add(Map.of("key", Labels.code(humanise(prefix)), "value", v instanceof Boolean b ? (b ? "Yes" : "No") : String.valueOf(v)));
        }
    }

    /** inHerWords -> "in her words". */
    private static String humanise(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.UK);
    }
}
