package org.pathways.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.CostCategory;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.repository.CostRepository;
import org.pathways.referral.repository.CostRepository.CostLine;
import org.pathways.referral.repository.ReferralRepository;

/**
 * Cost lines per service provided (issue 17, item 3; ADR 0065): recorded by the organisation that provided the service
 * (the receiving organisation of a referral it took up) and read by it. Codes, amounts
 * and days only; the reports sum them per service and category under disclosure control.
 */
@ApplicationScoped
public class CostService {

    static final ZoneId UK = ZoneId.of("Europe/London");
    /** One line at most £100,000: a typo guard, not a budget rule. */
    public static final long MAX_PENCE = 10_000_000L;

    @Inject
    ReferralRepository referrals;

    @Inject
    CostRepository costs;

    @Inject
    Caller caller;

    @Transactional
    public CostLine record(UUID referralId, String category, Long amountPence, LocalDate providedOn) {
        UUID org = caller.requireOrganisation();
        Referral r = referrals.findForOrganisation(referralId, org, true).orElseThrow(() -> ProblemException.notFound("The referral"));
        if (!r.toOrganisationId().equals(org)) {
            throw ProblemException.forbidden("Cost lines are recorded by the organisation that provided the service.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Problem.FieldError> errors = check(category, amountPence, providedOn, LocalDate.ofInstant(now, UK),
                LocalDate.ofInstant(r.createdAt(), UK));
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        if (!costs.takenUp(referralId)) {
            throw ProblemException.conflict("not-taken-up", "Nothing was provided: the referral was never accepted.");
        }
        CostLine line = new CostLine(UUID.randomUUID(), referralId, org, r.toServiceId(), category, amountPence, providedOn, now);
        costs.insert(line, caller.userId());
        return line;
    }

    /** The provider's own lines: the receiving organisation only (the sender 403: it knows the referral exists). */
    @Transactional
    public List<CostLine> list(UUID referralId) {
        UUID org = caller.requireOrganisation();
        Referral r = referrals.findForOrganisation(referralId, org, false).orElseThrow(() -> ProblemException.notFound("The referral"));
        if (!r.toOrganisationId().equals(org)) {
            throw ProblemException.forbidden("Cost lines are read by the organisation that provided the service.");
        }
        return costs.forReferral(referralId);
    }

    /** Field errors of a cost line (empty when valid): a category code, a whole number of pence, a day in range. */
    public static List<Problem.FieldError> check(String category, Long amountPence, LocalDate providedOn, LocalDate today,
            LocalDate sentOn) {
        List<Problem.FieldError> errors = new ArrayList<>();
        try {
            CostCategory.fromCode(category);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("category", "must be one of " + java.util.Arrays.toString(CostCategory.values())));
        }
        if (amountPence == null) errors.add(new Problem.FieldError("amountPence", "is required (whole pence)"));
        else if (amountPence < 0 || amountPence > MAX_PENCE) errors.add(new Problem.FieldError("amountPence", "must be 0 to " + MAX_PENCE));
        if (providedOn == null) errors.add(new Problem.FieldError("providedOn", "is required (YYYY-MM-DD)"));
        else if (providedOn.isAfter(today)) errors.add(new Problem.FieldError("providedOn", "is in the future"));
        else if (providedOn.isBefore(sentOn)) errors.add(new Problem.FieldError("providedOn", "is before the referral was sent"));
        return errors;
    }
}
