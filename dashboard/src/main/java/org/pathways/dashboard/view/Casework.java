package org.pathways.dashboard.view;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import io.quarkus.qute.TemplateData;

/**
 * Words and choices of the casework screens for issue 16 and 17's APIs (ADR 0068): escalation and decline-review
 * reasons and answers (contracts {@code ChallengeReason}, {@code ChallengeOutcome}), cost categories
 * ({@code CostCategory}), turn-away reasons, and an amount in pounds as whole pence. Pure: unit-tested in
 * {@code CaseworkTest}.
 */
public final class Casework {

    @TemplateData
    public record Choice(String code, String label) {
    }

    /** The states an escalation may be raised in (referral-service: else 409 referral-ended). */
    public static final Set<String> OPEN = Set.of("SENT", "ACCEPTED", "ON_HOLD", "IN_PROGRESS");
    /** States in which the receiving organisation has taken the referral up (cost lines: else 409 not-taken-up). */
    public static final Set<String> TAKEN_UP = Set.of("ACCEPTED", "ON_HOLD", "IN_PROGRESS", "COMPLETED", "NOT_COMPLETED");

    public static final List<Choice> ESCALATION_REASONS = List.of(
            new Choice("NO_ANSWER", "No answer yet, and she cannot wait"),
            new Choice("NO_FIRST_CONTACT", "Accepted, but nobody has contacted her"),
            new Choice("WAITING_TOO_LONG", "On the waiting list too long for her situation"),
            new Choice("RISK_INCREASED", "Her risk has increased since it was sent"),
            new Choice("OTHER", "Another reason"));

    public static final List<Choice> REVIEW_REASONS = List.of(
            new Choice("DECLINE_REASON_DISPUTED", "The reason does not fit what was referred"),
            new Choice("ELIGIBILITY_MISREAD", "She meets the service's eligibility as published"),
            new Choice("NEED_IN_SCOPE", "The need is one the service lists"),
            new Choice("OTHER", "Another reason"));

    public static final List<Choice> ESCALATION_ANSWERS = List.of(
            new Choice("ACTIONED", "Actioned: we are dealing with it"),
            new Choice("CANNOT_ACT_NOW", "We cannot act on it now"));

    public static final List<Choice> REVIEW_ANSWERS = List.of(
            new Choice("DECLINE_UPHELD", "The decline stands"),
            new Choice("DECLINE_OVERTURNED", "Overturned: the referrer may send it again"));

    public static final List<Choice> COST_CATEGORIES = List.of(
            new Choice("COUNSELLING", "Counselling"), new Choice("SUPPORT_GROUPS", "Support groups"),
            new Choice("GROUP_WORK", "Group work"), new Choice("ADVOCACY_CASEWORK", "Advocacy and casework"),
            new Choice("LEGAL_SIGNPOSTING", "Legal signposting"), new Choice("ACCOMMODATION", "Accommodation"),
            new Choice("SUBSISTENCE", "Subsistence"), new Choice("OTHER", "Other"));

    public static final List<Choice> TURN_AWAY_REASONS = List.of(
            new Choice("NO_CAPACITY", "No capacity"), new Choice("NOT_ELIGIBLE", "Not eligible"),
            new Choice("OUT_OF_AREA", "Out of area"), new Choice("NEED_NOT_IN_SCOPE", "The need is not one the service meets"),
            new Choice("RISK_NOT_MANAGEABLE", "Her risk could not be managed safely here"),
            new Choice("REFERRED_ELSEWHERE", "Referred elsewhere"), new Choice("OTHER", "Another reason"));

    private Casework() {
    }

    /** Any code of these lists in words; unknown codes as codes. */
    public static String label(String code) {
        for (List<Choice> l : List.of(ESCALATION_REASONS, REVIEW_REASONS, ESCALATION_ANSWERS, REVIEW_ANSWERS, COST_CATEGORIES,
                TURN_AWAY_REASONS)) {
            for (Choice c : l) if (c.code().equals(code)) return c.label();
        }
        return Labels.code(code);
    }

    /** A code of one list in words (OTHER means different things in different lists). */
    public static String label(List<Choice> choices, String code) {
        for (Choice c : choices) if (c.code().equals(code)) return c.label();
        return Labels.code(code);
    }

    /** "12.50", "£12.5", "12" -> 1250 pence; null for anything else (more than two decimals, negative, not a number). */
    public static Long pence(String pounds) {
        if (pounds == null) return null;
        String s = pounds.strip().replace(",", "");
        if (s.startsWith("£")) s = s.substring(1).strip();
        if (!s.matches("\\d{1,9}(\\.\\d{1,2})?")) return null;
        return new BigDecimal(s).movePointRight(2).longValueExact();
    }

    /** 1250 -> "£12.50". */
    public static String pounds(Object pence) {
        if (!(pence instanceof Number n)) return "";
        return "£" + BigDecimal.valueOf(n.longValue()).movePointLeft(2).setScale(2).toPlainString();
    }
}
