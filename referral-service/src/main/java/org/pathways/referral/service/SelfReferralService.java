package org.pathways.referral.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.referral.client.DirectoryAndConsent;
import org.pathways.referral.client.DirectoryClient;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.domain.section.Needs;
import org.pathways.referral.domain.section.SafeContact;
import org.pathways.referral.domain.selfreferral.SelfReferralRules;
import org.pathways.referral.repository.SelfReferralRepository;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * A woman asks the partnership for help herself (issue 15 screen 8, ADR 0089). The directory is asked first, outside any
 * transaction (is this a Connector service, in which partnership); then the service-wide limit is taken in a short
 * transaction of its own; then one transaction registers her with the Connector's organisation under a new key, writes
 * her NEEDS and SAFE_CONTACT sections through the section writer and sends the referral through the send's own code
 * (history, timers, outbox, audit). Nothing about her is logged; events carry ids and states only.
 */
@ApplicationScoped
public class SelfReferralService {

    /** Thrown when the service-wide limit is reached; the resource answers 429 with Retry-After. */
    public static final class Limited extends RuntimeException {
        private final long retryAfterSeconds;

        public Limited(long retryAfterSeconds) {
            super(null, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    @Inject
    DirectoryAndConsent directory;

    @Inject
    SubjectService subjectService;

    @Inject
    SubjectSummaryService sections;

    @Inject
    ReferralService referrals;

    @Inject
    SelfReferralRepository selfReferrals;

    @Inject
    AuditTrail audit;

    @ConfigProperty(name = "pathways.self-referral.service-limit-per-hour", defaultValue = "200")
    int serviceLimit;

    /** Sends her request; returns her reference. Input already checked by {@link SelfReferralRules#check}. */
    public String send(SelfReferralRules.Request r) {
        UUID serviceId = UUID.fromString(r.serviceId());
        DirectoryClient.Routing routing = directory.routing(serviceId).orElseThrow(() -> ProblemException.notFound("The service"));
        if (!routing.connector()) {
            throw ProblemException.unprocessable("not-a-connector-service", "Requests for help go to a partnership's Connector "
                    + "service; this service is not one. Nothing was sent.", List.of(new Problem.FieldError("serviceId",
                            "is not a Partnership Connector service")));
        }
        if (!routing.acceptsReferrals() || (routing.status() != null && !"active".equalsIgnoreCase(routing.status()))) {
            throw ProblemException.unprocessable("service-not-accepting", "The service does not take requests at the moment. "
                    + "Nothing was sent.", List.of(new Problem.FieldError("serviceId", "does not accept referrals")));
        }
        UUID org = routing.organisationId();
        // The Connector's own organisation on both sides: its partnerships' agreements (ADR 0053); the one named, if named.
        Optional<UUID> named = Optional.ofNullable(r.partnershipId()).map(UUID::fromString);
        DirectoryClient.Agreement agreement = directory.agreements(org, org).stream()
                .filter(a -> named.isEmpty() || named.get().equals(a.partnershipId())).findFirst()
                .orElseThrow(() -> ProblemException.unprocessable("not-in-partnership", "The service is not the Connector service "
                        + "of a partnership " + (named.isPresent() ? "named" : "with a current agreement") + ". Nothing was sent.",
                        List.of(new Problem.FieldError(named.isPresent() ? "partnershipId" : "serviceId",
                                "is not a partnership of this Connector service"))));

        SelfReferralRules.Decision d = QuarkusTransaction.requiringNew()
                .call(() -> selfReferrals.takeGlobal(Duration.ofHours(1), serviceLimit));
        if (!d.allowed()) throw new Limited(d.retryAfterSeconds());

        return QuarkusTransaction.requiringNew().call(() -> store(r, serviceId, routing, agreement));
    }

    private String store(SelfReferralRules.Request r, UUID serviceId, DirectoryClient.Routing routing,
            DirectoryClient.Agreement agreement) {
        String reference = SelfReferralRules.newReference();
        while (selfReferrals.referenceTaken(reference)) reference = SelfReferralRules.newReference();
        String lead = routing.spoc() != null && routing.spoc().userId() != null ? routing.spoc().userId().toString() : AuditTrail.SELF_ACTOR;
        Subject subject = subjectService.registerSelfReferred(routing.organisationId(), lead, reference);

        List<Needs.Need> needs = new ArrayList<>();
        for (int i = 0; i < r.needs().size(); i++) {
            needs.add(new Needs.Need(r.needs().get(i), i == 0 ? r.inHerWords() : null, Needs.NeedStatus.REFERRED, null));
        }
        String instructions = SelfReferralRules.contactInstructions(r);
        List<SafeContact.ContactMethod> methods = r.contactMethods().stream().distinct().map(SafeContact.ContactMethod::valueOf).toList();
        sections.writeSelfReferred(subject, DataCategory.NEEDS, new Needs(needs), AuditTrail.SELF_ACTOR);
        sections.writeSelfReferred(subject, DataCategory.SAFE_CONTACT, new SafeContact(false, false, null, methods,
                r.safeTimes(), r.messageMayBeLeft(), instructions), AuditTrail.SELF_ACTOR);
        audit.recordSelfReferral(subject.id(), AuditAction.SECTION_WRITTEN, List.of(DataCategory.NEEDS, DataCategory.SAFE_CONTACT), reference);

        var referral = referrals.sendSelfReferral(subject, serviceId, routing, agreement, r.needs(), r.inHerWords(), instructions, reference);
        selfReferrals.record(referral.id(), subject.id(), reference, referral.createdAt());
        return reference;
    }
}
