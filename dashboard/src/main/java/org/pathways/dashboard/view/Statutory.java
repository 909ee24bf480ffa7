package org.pathways.dashboard.view;

import java.util.List;

/**
 * Statutory referrals (issue 16 item 9, ADR 0091) in words: the kind a statutory partner's role fixes, the kind as the
 * pages and queues name it, the MARAC criteria and DASH levels. Pure: unit-tested in {@code StatutoryTest}.
 */
public final class Statutory {

    private Statutory() {
    }

    /** The referral kind a statutory partner of this directory role takes (null: not a statutory partner's). */
    public static String kindFor(String statutoryRole) {
        if (statutoryRole == null) return null;
        return switch (statutoryRole) {
            case "MARAC_COORDINATOR" -> "MARAC";
            case "POLICE_DA_UNIT" -> "POLICE";
            case "SARC" -> "SARC";
            default -> null;
        };
    }

    /** "MARAC referral", "Police referral", "SARC referral"; null for an ordinary referral. */
    public static String kindLabel(String kind) {
        if (kind == null || kind.isBlank()) return null;
        return switch (kind) {
            case "MARAC" -> "MARAC referral";
            case "POLICE" -> "Police referral";
            case "SARC" -> "SARC referral";
            default -> Labels.code(kind) + " referral";
        };
    }

    /** The statutory partner a directory role names, for the search and send pages. */
    public static String roleLabel(String statutoryRole) {
        if (statutoryRole == null) return null;
        return switch (statutoryRole) {
            case "MARAC_COORDINATOR" -> "Statutory partner: MARAC coordinator";
            case "POLICE_DA_UNIT" -> "Statutory partner: police domestic abuse unit";
            case "SARC" -> "Statutory partner: sexual assault referral centre";
            default -> "Statutory partner";
        };
    }

    public static final List<SectionForms.Option> DASH_LEVELS = List.of(
            new SectionForms.Option("HIGH", "High (14 or more ticks on the DASH checklist)"),
            new SectionForms.Option("MEDIUM", "Medium"),
            new SectionForms.Option("STANDARD", "Standard"));

    public static final List<SectionForms.Option> CRITERIA = List.of(
            new SectionForms.Option("VISIBLE_HIGH_RISK", "Visible high risk – a high DASH risk level"),
            new SectionForms.Option("PROFESSIONAL_JUDGEMENT", "Professional judgement – you believe she is at high risk of serious harm"),
            new SectionForms.Option("POTENTIAL_ESCALATION", "Potential escalation – repeated incidents or police call-outs in the last 12 months"));

    public static String dashLabel(String level) {
        if (level == null) return null;
        return switch (level) {
            case "HIGH" -> "High";
            case "MEDIUM" -> "Medium";
            case "STANDARD" -> "Standard";
            default -> Labels.code(level);
        };
    }

    public static String criterionLabel(String criterion) {
        if (criterion == null) return null;
        return switch (criterion) {
            case "VISIBLE_HIGH_RISK" -> "Visible high risk";
            case "PROFESSIONAL_JUDGEMENT" -> "Professional judgement";
            case "POTENTIAL_ESCALATION" -> "Potential escalation";
            default -> Labels.code(criterion);
        };
    }

    /** Why the receiver does not see a withheld statutory detail (the {@code withheld[]} category: RISK or SAFE_CONTACT). */
    public static String withheldWhy(String category, boolean ended) {
        if (ended) return "The referral has ended, so your organisation no longer sees it";
        return "RISK".equals(category)
                ? "Neither her consent nor an approved safeguarding override lets your organisation see her risk now"
                : "Neither her consent nor an approved safeguarding override lets your organisation see her safe contact details now";
    }

    /** What a withheld category hides, in words. */
    public static String withheldLabel(String category) {
        return "RISK".equals(category) ? "DASH risk level and MARAC criterion"
                : "SAFE_CONTACT".equals(category) ? "Safe contact times" : Labels.code(category);
    }
}
