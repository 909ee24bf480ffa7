package org.pathways.dashboard.view;

import java.util.Locale;

/** Plain-language labels for the services' codes (states, reasons, categories, needs). Pure. */
public final class Labels {

    private Labels() {
    }

    /** NO_CAPACITY -> "No capacity"; counselling-support -> "Counselling support". */
    public static String code(String code) {
        if (code == null || code.isBlank()) return "";
        String s = code.replace('_', ' ').replace('-', ' ').toLowerCase(Locale.UK);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** A need code as the taxonomy names it ("counselling" -> "Counselling"); an unknown code as a code. */
    public static String need(String code) {
        try {
            return org.pathways.contracts.vocab.NeedCode.fromCode(code).label();
        } catch (IllegalArgumentException | NullPointerException e) {
            return code(code);
        }
    }

    /** NEED_MET -> "Met" (a completion's outcome per need). */
    public static String outcome(String code) {
        return switch (String.valueOf(code)) {
            case "NEED_MET" -> "Met";
            case "PARTLY_MET" -> "Partly met";
            case "NOT_MET" -> "Not met";
            default -> code(code);
        };
    }

    /** Where she stands with a need on the Coventry scale (ADR 0066), in plain words. */
    public static String scale(String code) {
        return switch (String.valueOf(code)) {
            case "DOES_NOT_NEED" -> "Does not need help with this";
            case "WANTS_HELP_DOES_NOT_KNOW_HOW" -> "Wants help, does not know how to get it";
            case "WANTS_HELP_KNOWS_WHERE" -> "Wants help, knows where to get it";
            case "GETTING_HELP" -> "Getting help";
            case "MET" -> "Need met";
            default -> code(code);
        };
    }

    public static String state(String state) {
        return switch (state) {
            case "SENT" -> "New";
            case "ON_HOLD" -> "On hold";
            case "NOT_COMPLETED" -> "Not completed";
            case "ENTERED_IN_ERROR" -> "Entered in error";
            default -> code(state);
        };
    }

    /** GOV.UK tag colour per state. */
    public static String stateTag(String state) {
        return switch (state) {
            case "SENT" -> "govuk-tag--blue";
            case "ACCEPTED", "IN_PROGRESS" -> "govuk-tag--green";
            case "ON_HOLD" -> "govuk-tag--yellow";
            case "DECLINED", "EXPIRED", "NOT_COMPLETED" -> "govuk-tag--red";
            case "COMPLETED" -> "govuk-tag--purple";
            default -> "govuk-tag--grey";
        };
    }
}
