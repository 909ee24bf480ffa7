package org.pathways.dashboard.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.quarkus.qute.TemplateData;

/**
 * Her access log in plain language (issue 15, screen 6; ADR 0068): each entry of referral-service's and consent-service's
 * access audit as who (role and organisation by name), when, what (the action and the sections), why (the purpose and
 * the basis: her consent, a safeguarding override, her own organisation's record) and whether it was allowed. Newest
 * first. Nothing is added to what the services recorded. Pure: unit-tested in {@code AccessLogViewTest}.
 */
public final class AccessLogView {

    @TemplateData
    public record Line(String at, String when, String who, String what, String why, String result, boolean refused) {
    }

    private AccessLogView() {
    }

    /** referral-service's entries ({@code GET /api/subjects/{id}/access-log}): her record, summary and referrals. */
    public static List<Line> record(List<Map<String, Object>> entries, Function<String, String> organisation) {
        List<Line> out = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            String at = str(e.get("at"));
            List<String> categories = strings(e.get("categories")).stream().map(Labels::code).toList();
            String what = action(str(e.get("action"))) + (categories.isEmpty() ? "" : ": " + String.join(", ", categories));
            boolean refused = "DENIED".equals(e.get("outcome"));
            out.add(new Line(at, Dates.moment(at), who(strings(e.get("roles")), name(organisation, e.get("organisationId"))), what,
                    why(str(e.get("purpose")), str(e.get("basis"))), refused ? "Refused: not shared" : "Allowed", refused));
        }
        // The service lists oldest first (by entry number): newest first here.
        java.util.Collections.reverse(out);
        return out;
    }

    /** consent-service's entries ({@code GET /api/subjects/{id}/access-log}): her consent records, receipts, overrides. */
    public static List<Line> consent(List<Map<String, Object>> entries, Function<String, String> organisation) {
        List<Line> out = new ArrayList<>();
        for (Map<String, Object> e : entries) {
            String at = str(e.get("at"));
            out.add(new Line(at, Dates.moment(at), who(strings(e.get("actorRoles")), name(organisation, e.get("actorOrganisationId"))),
                    action(str(e.get("action"))), why("", str(e.get("basis"))), "Allowed", false));
        }
        return out; // already newest first
    }

    static String who(List<String> roles, String organisation) {
        // Only Pathways' roles: a token may also carry Keycloak's own (default-roles-…, offline_access).
        List<String> ours = roles.stream().filter(r -> org.pathways.contracts.vocab.Roles.all().contains(r) || r.equals("system")).toList();
        String role = ours.isEmpty() ? "Someone" : String.join(" and ", ours.stream().map(AccessLogView::role).toList());
        return organisation.isEmpty() ? role : role + ", " + organisation;
    }

    static String role(String role) {
        return switch (role) {
            case "caseworker" -> "A caseworker";
            case "referral-coordinator" -> "A referral coordinator";
            case "connector" -> "The Partnership Connector";
            case "privacy-officer" -> "A privacy officer";
            case "org-admin" -> "An administrator";
            case "evaluator" -> "An evaluator";
            case "internal-service" -> "Pathways itself";
            case "system" -> "Pathways itself";
            default -> Labels.code(role);
        };
    }

    static String action(String action) {
        return switch (action) {
            case "SUBJECT_REGISTERED" -> "Registered her";
            case "LEAD_WORKER_CHANGED" -> "Changed her lead worker";
            case "RESTRICTION_CHANGED" -> "Changed who may see her record";
            case "SECTION_WRITTEN" -> "Wrote a section of her summary";
            case "SECTION_READ" -> "Read a section of her summary";
            case "SECTION_VERSION_READ" -> "Read an earlier version of a section";
            case "SUMMARY_READ" -> "Read her summary";
            case "REFERRAL_SENT" -> "Sent a referral, sharing";
            case "REFERRAL_MOVED" -> "Moved a referral on";
            case "REFERRAL_READ" -> "Read a referral";
            case "REFERRAL_SUMMARY_READ" -> "Read her summary through a referral";
            case "SIGNPOST_RECORDED" -> "Recorded a signpost outside the partnership";
            case "NO_SERVICE_FOUND_RECORDED" -> "Recorded a need no service could meet";
            case "ERASURE_REQUESTED" -> "Asked for her information to be erased";
            case "ERASURE_REJECTED" -> "Refused to erase her information";
            case "SUBJECT_ERASED" -> "Erased her information";
            case "SUBJECT_ACCESS_EXPORTED" -> "Exported everything held about her (subject access request)";
            case "REFERRAL_CHALLENGED" -> "Escalated a referral or asked for a decline to be reviewed";
            case "REFERRAL_CHALLENGE_ANSWERED" -> "Answered an escalation or a decline review";
            case "INFORMAL_SUPPORT_RECORDED" -> "Recorded support while she waits";
            case "PATHWAY_READ" -> "Read her pathway";
            case "CONSENT_READ" -> "Read her consent";
            case "CONSENTS_LISTED" -> "Looked at her consents";
            case "RECEIPT_READ" -> "Read her consent receipt";
            case "OVERRIDE_READ" -> "Read a request to share without her consent";
            case "OVERRIDES_LISTED" -> "Looked at requests to share without her consent";
            case "ACCESS_LOG_READ" -> "Read this access log";
            default -> Labels.code(action);
        };
    }

    static String why(String purpose, String basis) {
        String p = switch (purpose) {
            case "" -> "";
            case "REFERRAL" -> "to refer her";
            case "CASE_COORDINATION" -> "to coordinate her support";
            default -> Labels.code(purpose).toLowerCase(java.util.Locale.UK);
        };
        String b = switch (basis) {
            case "", "NONE" -> "";
            case "REGISTERING" -> "being her registering organisation";
            case "TAKEN_UP" -> "a referral it took up";
            case "LIVE_REFERRAL" -> "a live referral";
            case "OWNER", "ORGANISATION" -> "her own organisation's record";
            case "PARTNERSHIP_PRIVACY_OFFICER" -> "a partnership privacy officer's duty (an approved override)";
            case "CONSENT" -> "her consent";
            case "OVERRIDE" -> "a safeguarding override (without her consent)";
            case "REFERRAL" -> "a referral";
            case "SYSTEM" -> "Pathways' own rules";
            default -> Labels.code(basis).toLowerCase(java.util.Locale.UK);
        };
        if (p.isEmpty()) return b.isEmpty() ? "" : "On " + b;
        return Character.toUpperCase(p.charAt(0)) + p.substring(1) + (b.isEmpty() ? "" : ", on " + b);
    }

    private static String name(Function<String, String> organisation, Object id) {
        return id == null || String.valueOf(id).isBlank() ? "" : organisation.apply(String.valueOf(id));
    }

    private static String str(Object o) {
        return o == null ? "" : String.valueOf(o);
    }

    private static List<String> strings(Object o) {
        return o instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
