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

import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.client.DirectoryClient;
import org.pathways.referral.client.DirectoryAndConsent;
import org.pathways.referral.domain.turnaway.TurnAwayRules;
import org.pathways.referral.repository.TurnAwayRepository;

/**
 * "How many were turned away?" (issue 17, item 4; ADR 0062): a receiving organisation's staff record that a service of
 * theirs could not take someone. Nothing about her is stored: no subject, no free text, so no consent, no audit row
 * about her and no event. Counted per service and reporting period in the partnership reports.
 */
@ApplicationScoped
public class TurnAwayService {

    /** Days are UK days (the reports' periods begin at midnight UK time). */
    static final ZoneId UK = ZoneId.of("Europe/London");

    public record Recorded(UUID id, UUID serviceId, String needCode, String reasonCode, LocalDate date, Instant recordedAt) {
    }

    @Inject
    DirectoryAndConsent directoryAndConsent;

    @Inject
    TurnAwayRepository repository;

    @Inject
    Caller caller;

    @Transactional
    public Recorded record(UUID serviceId, String needCode, String reasonCode, LocalDate on) {
        UUID org = caller.requireOrganisation();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // Every missing or invalid field in one answer: a caseworker fixes the form once.
        List<Problem.FieldError> errors = new ArrayList<>();
        if (serviceId == null) errors.add(new Problem.FieldError("serviceId", "is required (a service of your organisation)"));
        errors.addAll(TurnAwayRules.check(needCode, reasonCode, on, LocalDate.ofInstant(now, UK)));
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        DirectoryClient.Routing service = directoryAndConsent.routing(serviceId)
                .orElseThrow(() -> ProblemException.unprocessable("unknown-service", "The service is not in the directory.",
                        List.of(new Problem.FieldError("serviceId", "is not a service in the directory"))));
        if (!org.equals(service.organisationId())) {
            // Only the organisation that runs a service says whom it turned away.
            throw new ProblemException(Problem.of(403, "not-your-service", "Forbidden",
                    "Turn-aways are recorded by the organisation that runs the service."));
        }
        UUID id = UUID.randomUUID();
        repository.insert(id, org, serviceId, needCode, reasonCode, on, caller.userId(), now);
        return new Recorded(id, serviceId, needCode, reasonCode, on, now);
    }
}
