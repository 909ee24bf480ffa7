package org.pathways.referral.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.outbox.Outbox;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.client.DirectoryClient;
import org.pathways.referral.client.DirectoryAndConsent;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.support.SupportPeriodRules;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.repository.SupportPeriodRepository;
import org.pathways.referral.repository.SupportPeriodRepository.Extension;
import org.pathways.referral.repository.SupportPeriodRepository.Period;
import org.pathways.contracts.events.payload.ReferralSupportPeriod;

/**
 * Support periods (issue 17, item 1; ADR 0073). The receiving organisation starts one on a referral it took up; its limit
 * comes from the service (shorter where she is DDVC-eligible); a caseworker asks for an extension with a reason code and
 * the service's coordinator approves or refuses it; the period ends with a reason code. Each change writes a
 * {@code support-period} event (ids and codes) in its transaction, so the sender and the coordinator learn of it without
 * asking; a poller writes the "ending soon" reminder once per planned end.
 */
@ApplicationScoped
public class SupportPeriodService {

    static final ZoneId UK = ZoneId.of("Europe/London");

    /** A period as shown: its extensions, days so far (or in all) and days left before the planned end. */
    public record View(UUID id, UUID referralId, UUID serviceId, LocalDate startedOn, boolean ddvcEligible, Integer limitWeeks,
            LocalDate plannedEnd, Long daysLeft, long days, LocalDate endedOn, String endReason, String status,
            List<Extension> extensions) {
    }

    @Inject
    ReferralRepository referrals;

    @Inject
    SupportPeriodRepository periods;

    @Inject
    DirectoryAndConsent directoryAndConsent;

    @Inject
    Caller caller;

    @Inject
    Outbox outbox;

    @ConfigProperty(name = "pathways.support.remind-before-days", defaultValue = "14")
    int remindBeforeDays;

    static LocalDate today() {
        return LocalDate.now(UK);
    }

    @Transactional
    public View start(UUID referralId, LocalDate startedOn, Boolean ddvcEligible) {
        Referral r = receivedReferral(referralId, true, "started");
        Instant now = now();
        List<Problem.FieldError> errors = SupportPeriodRules.checkStart(startedOn, today(), LocalDate.ofInstant(r.createdAt(), UK));
        DirectoryClient.Routing routing = directoryAndConsent.routing(r.toServiceId())
                .orElseThrow(() -> ProblemException.conflict("service-unknown", "The directory no longer knows the service."));
        if (ddvcEligible == null && routing.supportWeeksIfDdvcEligible() != null) {
            // The service's limit depends on it: the worker, who reads her IMMIGRATION section under her consent, states it.
            errors.add(new Problem.FieldError("ddvcEligible", "is required: this service's limit depends on DDVC eligibility"));
        }
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        if (r.state() != ReferralState.ACCEPTED && r.state() != ReferralState.IN_PROGRESS) {
            throw ProblemException.conflict("not-taken-up", "Support starts on a referral that was accepted and is live.");
        }
        if (periods.forReferral(referralId, false).isPresent()) {
            throw ProblemException.conflict("support-started", "Support has already started on this referral.");
        }
        boolean ddvc = Boolean.TRUE.equals(ddvcEligible);
        Integer limit = SupportPeriodRules.limitWeeks(routing.supportWeeks(), routing.supportWeeksIfDdvcEligible(), ddvc);
        Period p = new Period(UUID.randomUUID(), referralId, r.partnershipId(), r.toOrganisationId(), r.toServiceId(), startedOn,
                ddvc, limit, SupportPeriodRules.plannedEnd(startedOn, limit, 0), null, null, null, now, now);
        periods.insert(p, caller.userId());
        publish(r, p, "STARTED", null, null, now);
        return view(p);
    }

    /** Both organisations on the referral read it (the sender plans her move-on from it); 404 for everyone else. */
    @Transactional
    public View read(UUID referralId) {
        UUID org = caller.requireOrganisation();
        referrals.findForOrganisation(referralId, org, false).orElseThrow(() -> ProblemException.notFound("The referral"));
        return view(periods.forReferral(referralId, false).orElseThrow(() -> ProblemException.notFound("The support period")));
    }

    @Transactional
    public View requestExtension(UUID referralId, Integer weeks, String reasonCode) {
        Referral r = receivedReferral(referralId, false, "extended");
        List<Problem.FieldError> errors = SupportPeriodRules.checkExtension(weeks, reasonCode);
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        Period p = openPeriod(referralId);
        if (p.limitWeeks() == null) {
            throw ProblemException.conflict("no-limit", "This service sets no limit on support: there is nothing to extend.");
        }
        if (periods.extensions(p.id()).stream().anyMatch(x -> "REQUESTED".equals(x.status()))) {
            throw ProblemException.conflict("extension-pending", "An extension is already waiting for the coordinator.");
        }
        Instant now = now();
        Extension x = new Extension(UUID.randomUUID(), p.id(), weeks, reasonCode, "REQUESTED", now, null);
        periods.insertExtension(x, caller.userId());
        publish(r, p, "EXTENSION_REQUESTED", x.id(), reasonCode, now);
        return view(p);
    }

    /** The receiving service's coordinator approves (the planned end moves) or refuses an extension asked for. */
    @Transactional
    public View decideExtension(UUID referralId, UUID extensionId, Boolean approve) {
        // Parties first (others 404, the sender 403), then the role: a caseworker of the provider 403.
        Referral r = receivedReferral(referralId, false, "extended");
        if (!caller.hasRole(Roles.REFERRAL_COORDINATOR)) {
            throw ProblemException.forbidden("Extensions are decided by the service's referral coordinator.");
        }
        if (approve == null) throw ProblemException.invalidField("approve", "is required (true or false)");
        Period p = openPeriod(referralId);
        Extension x = periods.extensions(p.id()).stream().filter(e -> e.id().equals(extensionId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("The extension"));
        if (!"REQUESTED".equals(x.status())) {
            throw ProblemException.conflict("already-decided", "This extension was " + x.status().toLowerCase() + " already.");
        }
        Instant now = now();
        periods.decide(x.id(), approve ? "APPROVED" : "REFUSED", caller.userId(), now);
        Period updated = p;
        if (approve) {
            // Every approved extension, this one included (decided above).
            int approvedWeeks = periods.extensions(p.id()).stream().filter(e -> "APPROVED".equals(e.status()))
                    .mapToInt(Extension::weeks).sum();
            updated = new Period(p.id(), p.referralId(), p.partnershipId(), p.organisationId(), p.serviceId(), p.startedOn(),
                    p.ddvcEligible(), p.limitWeeks(), SupportPeriodRules.plannedEnd(p.startedOn(), p.limitWeeks(), approvedWeeks),
                    null, null, p.remindedFor(), p.createdAt(), now);
            periods.update(updated);
        }
        publish(r, updated, approve ? "EXTENSION_APPROVED" : "EXTENSION_REFUSED", x.id(), x.reasonCode(), now);
        return view(updated);
    }

    /** Ends support with a reason: the end-of-support notice (the event) tells the referrer to plan her move-on. */
    @Transactional
    public View end(UUID referralId, LocalDate endedOn, String reasonCode) {
        Referral r = receivedReferral(referralId, false, "ended");
        Period p = periods.forReferral(referralId, true).orElseThrow(() -> ProblemException.notFound("The support period"));
        List<Problem.FieldError> errors = SupportPeriodRules.checkEnd(endedOn, reasonCode, p.startedOn(), today());
        if (!errors.isEmpty()) throw ProblemException.badRequest("Some fields are invalid.", errors);
        if (p.endedOn() != null) throw ProblemException.conflict("support-ended", "Support on this referral has ended already.");
        Instant now = now();
        Period ended = new Period(p.id(), p.referralId(), p.partnershipId(), p.organisationId(), p.serviceId(), p.startedOn(),
                p.ddvcEligible(), p.limitWeeks(), p.plannedEnd(), endedOn, reasonCode, p.remindedFor(), p.createdAt(), now);
        periods.update(ended);
        publish(r, ended, "ENDED", null, reasonCode, now);
        return view(ended);
    }

    /** Writes the "ending soon" reminder of up to {@code max} open periods, once per planned end; returns how many. */
    @Transactional
    public int remindDue(int max) {
        Instant now = now();
        int n = 0;
        for (Period p : periods.claimDueReminders(today(), remindBeforeDays, max)) {
            Referral r = referrals.find(p.referralId()).orElseThrow();
            periods.update(new Period(p.id(), p.referralId(), p.partnershipId(), p.organisationId(), p.serviceId(), p.startedOn(),
                    p.ddvcEligible(), p.limitWeeks(), p.plannedEnd(), null, null, p.plannedEnd(), p.createdAt(), now));
            publish(r, p, "ENDING_SOON", null, null, now);
            n++;
        }
        return n;
    }

    /** The referral, for the organisation that received it; 403 for the sender (it knows it exists), 404 for others. */
    private Referral receivedReferral(UUID referralId, boolean forUpdate, String verb) {
        UUID org = caller.requireOrganisation();
        Referral r = referrals.findForOrganisation(referralId, org, forUpdate).orElseThrow(() -> ProblemException.notFound("The referral"));
        if (!r.toOrganisationId().equals(org)) {
            throw ProblemException.forbidden("Support periods are " + verb + " by the organisation providing the support.");
        }
        return r;
    }

    private Period openPeriod(UUID referralId) {
        Period p = periods.forReferral(referralId, true).orElseThrow(() -> ProblemException.notFound("The support period"));
        if (p.endedOn() != null) throw ProblemException.conflict("support-ended", "Support on this referral has ended.");
        return p;
    }

    private View view(Period p) {
        LocalDate today = today();
        Long left = p.plannedEnd() == null || p.endedOn() != null ? null : ChronoUnit.DAYS.between(today, p.plannedEnd());
        String status = p.endedOn() != null ? "ENDED" : p.plannedEnd() != null && !today.isBefore(p.plannedEnd()) ? "OVERDUE" : "OPEN";
        return new View(p.id(), p.referralId(), p.serviceId(), p.startedOn(), p.ddvcEligible(), p.limitWeeks(), p.plannedEnd(), left,
                SupportPeriodRules.days(p.startedOn(), p.endedOn(), today), p.endedOn(), p.endReason(), status,
                periods.extensions(p.id()));
    }

    private void publish(Referral r, Period p, String change, UUID extensionId, String reasonCode, Instant at) {
        String actor = "ENDING_SOON".equals(change) ? null : caller.userId();
        UUID actorId = actor != null && actor.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
                ? UUID.fromString(actor) : null;
        outbox.publish(new ReferralSupportPeriod(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                r.toOrganisationId(), r.toServiceId(), actorId, p.id(), extensionId, change, reasonCode, r.state().name(),
                r.version(), at.toString()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
