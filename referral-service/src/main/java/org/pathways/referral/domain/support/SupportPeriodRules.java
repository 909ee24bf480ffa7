package org.pathways.referral.domain.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.pathways.contracts.vocab.SupportEndReason;
import org.pathways.contracts.vocab.SupportExtensionReason;
import org.pathways.platform.rest.Problem;

/**
 * The rules of a support period (issue 17, item 1; ADR 0073), on plain values so they are tested without a stack: the
 * limit from the service (the DDVC rule: a shorter limit where she is DDVC-eligible), the planned end with approved
 * extensions, and the field checks of a start, an extension request and an end.
 */
public final class SupportPeriodRules {

    /** One extension at most half a year: a typo guard, not a policy. */
    public static final int MAX_EXTENSION_WEEKS = 26;

    private SupportPeriodRules() {
    }

    /** The weeks of support: the service's DDVC limit where she is DDVC-eligible and it has one, else its limit (null: none). */
    public static Integer limitWeeks(Integer serviceWeeks, Integer serviceWeeksIfDdvcEligible, boolean ddvcEligible) {
        if (ddvcEligible && serviceWeeksIfDdvcEligible != null) return serviceWeeksIfDdvcEligible;
        return serviceWeeks;
    }

    /** The planned end: the start plus the limit and every approved extension, in weeks; null when there is no limit. */
    public static LocalDate plannedEnd(LocalDate startedOn, Integer limitWeeks, int approvedExtensionWeeks) {
        if (limitWeeks == null) return null;
        return startedOn.plusWeeks(limitWeeks + (long) approvedExtensionWeeks);
    }

    /** Whole days from the start to the end (or to {@code today} while open). */
    public static long days(LocalDate startedOn, LocalDate endedOn, LocalDate today) {
        return java.time.temporal.ChronoUnit.DAYS.between(startedOn, endedOn != null ? endedOn : today);
    }

    /** Field errors of a start (empty when valid): a day, not in the future, not before the referral was sent. */
    public static List<Problem.FieldError> checkStart(LocalDate startedOn, LocalDate today, LocalDate sentOn) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (startedOn == null) errors.add(new Problem.FieldError("startedOn", "is required (YYYY-MM-DD)"));
        else if (startedOn.isAfter(today)) errors.add(new Problem.FieldError("startedOn", "is in the future"));
        else if (startedOn.isBefore(sentOn)) errors.add(new Problem.FieldError("startedOn", "is before the referral was sent"));
        return errors;
    }

    /** Field errors of an extension request: 1 to {@value #MAX_EXTENSION_WEEKS} weeks and a reason code. */
    public static List<Problem.FieldError> checkExtension(Integer weeks, String reasonCode) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (weeks == null) errors.add(new Problem.FieldError("weeks", "is required"));
        else if (weeks < 1 || weeks > MAX_EXTENSION_WEEKS) errors.add(new Problem.FieldError("weeks", "must be 1 to " + MAX_EXTENSION_WEEKS));
        try {
            SupportExtensionReason.fromCode(reasonCode);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("reasonCode", "must be one of " + Arrays.toString(SupportExtensionReason.values())));
        }
        return errors;
    }

    /** Field errors of an end: a day from the start to today and a reason code. */
    public static List<Problem.FieldError> checkEnd(LocalDate endedOn, String reasonCode, LocalDate startedOn, LocalDate today) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (endedOn == null) errors.add(new Problem.FieldError("endedOn", "is required (YYYY-MM-DD)"));
        else if (endedOn.isAfter(today)) errors.add(new Problem.FieldError("endedOn", "is in the future"));
        else if (endedOn.isBefore(startedOn)) errors.add(new Problem.FieldError("endedOn", "is before support started"));
        try {
            SupportEndReason.fromCode(reasonCode);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("reasonCode", "must be one of " + Arrays.toString(SupportEndReason.values())));
        }
        return errors;
    }
}
