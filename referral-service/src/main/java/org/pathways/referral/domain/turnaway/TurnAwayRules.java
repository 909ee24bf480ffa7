package org.pathways.referral.domain.turnaway;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.pathways.contracts.vocab.NeedCode;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.platform.rest.Problem;

/**
 * What a turn-away record may say (issue 17, item 4; ADR 0062). Plain functions, unit-tested in TurnAwayRulesTest.
 * It names a service, a need, a reason and a day, never her: there is nothing about her to validate, and so nothing
 * is accepted that could be.
 */
public final class TurnAwayRules {

    /**
     * The reasons a service turns someone away, from the partnership's fixed list. Codes that describe her
     * (PERSON_DECLINED, DISENGAGED, COULD_NOT_CONTACT) or a referral (DUPLICATE) are not reasons for turning away.
     */
    public static final Set<ReasonCode> REASONS = Set.of(ReasonCode.NO_CAPACITY, ReasonCode.NOT_ELIGIBLE, ReasonCode.OUT_OF_AREA,
            ReasonCode.NEED_NOT_IN_SCOPE, ReasonCode.RISK_NOT_MANAGEABLE, ReasonCode.REFERRED_ELSEWHERE, ReasonCode.OTHER);

    /** How far back a turn-away may be dated: it is recorded when it happens, or soon after. */
    public static final int MAX_DAYS_BACK = 31;

    private TurnAwayRules() {
    }

    /** Field errors for a request (empty when it is valid); {@code today} is the UK date. */
    public static List<Problem.FieldError> check(String needCode, String reasonCode, LocalDate on, LocalDate today) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (needCode == null || !isNeed(needCode)) {
            errors.add(new Problem.FieldError("needCode", "must be a need code of the partnership taxonomy"));
        }
        if (reasonCode == null || REASONS.stream().noneMatch(r -> r.code().equals(reasonCode))) {
            errors.add(new Problem.FieldError("reasonCode", "must be one of " + REASONS.stream().map(ReasonCode::code).sorted().toList()));
        }
        if (on == null) {
            errors.add(new Problem.FieldError("date", "is required (the day she was turned away, YYYY-MM-DD)"));
        } else if (on.isAfter(today)) {
            errors.add(new Problem.FieldError("date", "is in the future"));
        } else if (on.isBefore(today.minusDays(MAX_DAYS_BACK))) {
            errors.add(new Problem.FieldError("date", "is more than " + MAX_DAYS_BACK + " days ago"));
        }
        return errors;
    }

    private static boolean isNeed(String code) {
        try {
            NeedCode.fromCode(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
