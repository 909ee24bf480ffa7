package org.pathways.consent.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.pathways.consent.domain.OverrideLegalBasis;
import org.pathways.consent.domain.OverrideState;
import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.SafeguardingOverride;
import org.pathways.consent.domain.Times;
import org.pathways.consent.repository.AuditRepository.Action;
import org.pathways.consent.repository.OverrideRepository;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.OverrideRefusalReason;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.ProblemException;

/**
 * Sharing without consent. A request permits nothing; it takes effect only when a different person (a privacy officer
 * or referral coordinator of an organisation working with her) approves it in a separate call. Both steps raise an
 * event: the request for approvers, the approval for the partnership's privacy officers. The same people may refuse it
 * instead (ADR 0090), with a reason code.
 */
@ApplicationScoped
public class OverrideService {

    private static final Logger LOG = Logger.getLogger(OverrideService.class);

    @Inject
    OverrideRepository overrides;

    @Inject
    AccessPolicy access;

    @Inject
    ConsentEvents events;

    @Inject
    AccessAudit audit;

    public record OverrideCommand(UUID partnershipId, OverrideLegalBasis legalBasis, String justification,
                                  List<Recipient> recipients, List<Purpose> purposes, List<DataCategory> categories,
                                  OffsetDateTime validUntil) {
    }

    @Transactional
    public SafeguardingOverride request(UUID subjectId, OverrideCommand c) {
        access.requireAccess(subjectId);
        OffsetDateTime now = Times.now();
        SafeguardingOverride o = new SafeguardingOverride(UUID.randomUUID(), subjectId, c.partnershipId(),
                access.organisationId(), OverrideState.REQUESTED, c.legalBasis(), c.justification().strip(),
                c.validUntil(), access.userId(), now, null, null, null, 1, c.recipients(), c.purposes(), c.categories(),
                null, null, null, null);
        overrides.insert(o);
        events.override(EventTypes.CONSENT_OVERRIDE_REQUESTED, o, now);
        LOG.infof("override %s requested for subject %s (%s)", o.id(), subjectId, c.legalBasis());
        return overrides.find(o.id()).orElseThrow();
    }

    @Transactional
    public SafeguardingOverride approve(UUID overrideId) {
        SafeguardingOverride o = overrides.lock(overrideId).orElseThrow(() -> ProblemException.notFound("The override"));
        access.requireAccess(o.subjectId(), "The override");
        UUID approver = access.userId();
        if (approver.equals(o.requestedByUser())) {
            throw ProblemException.forbidden("An override must be approved by someone other than the person who requested it.");
        }
        if (o.state() != OverrideState.REQUESTED) {
            throw ProblemException.conflict("override-not-pending", "The override is already " + o.state() + ".");
        }
        OffsetDateTime now = Times.now();
        if (!o.validUntil().isAfter(now)) {
            throw ProblemException.conflict("override-lapsed", "The override's period has already ended; request a new one.");
        }
        overrides.approve(overrideId, approver, access.organisationId(), now);
        SafeguardingOverride approved = overrides.find(overrideId).orElseThrow();
        events.override(EventTypes.CONSENT_OVERRIDE_APPROVED, approved, now);
        LOG.infof("override %s approved", overrideId);
        return approved;
    }

    /**
     * The second person's "no" (ADR 0090): the same people and checks as an approval, in the same order, so a refusal
     * error leaks nothing an approval error would not and changes nothing. It permitted nothing and still permits
     * nothing; the event tells the requester's side it will not take effect (ids and the reason code only).
     */
    @Transactional
    public SafeguardingOverride refuse(UUID overrideId, OverrideRefusalReason reason) {
        SafeguardingOverride o = overrides.lock(overrideId).orElseThrow(() -> ProblemException.notFound("The override"));
        access.requireAccess(o.subjectId(), "The override");
        UUID refuser = access.userId();
        if (refuser.equals(o.requestedByUser())) {
            throw ProblemException.forbidden("An override must be refused by someone other than the person who requested it.");
        }
        if (o.state() != OverrideState.REQUESTED) {
            throw ProblemException.conflict("override-not-pending", "The override is already " + o.state() + ".");
        }
        OffsetDateTime now = Times.now();
        if (!o.validUntil().isAfter(now)) {
            throw ProblemException.conflict("override-lapsed", "The override's period has already ended; it permits nothing.");
        }
        overrides.refuse(overrideId, refuser, access.organisationId(), now, reason);
        SafeguardingOverride refused = overrides.find(overrideId).orElseThrow();
        events.override(EventTypes.CONSENT_OVERRIDE_REFUSED, refused, now);
        LOG.infof("override %s refused (%s)", overrideId, reason);
        return refused;
    }

    /** One override by id; the read is audited with the basis that allowed it (ADR 0025). */
    @Transactional
    public SafeguardingOverride get(UUID overrideId) {
        SafeguardingOverride o = overrides.find(overrideId).orElseThrow(() -> ProblemException.notFound("The override"));
        AccessPolicy.ReadBasis basis = access.requireOverrideReader(o);
        audit.read(Action.OVERRIDE_READ, new AccessAudit.Target(o.subjectId(), null, o.id(), o.partnershipId()), basis);
        return o;
    }

    @Transactional
    public List<SafeguardingOverride> forSubject(UUID subjectId) {
        AccessPolicy.ReadBasis basis = access.requireReader(subjectId, "The subject");
        audit.read(Action.OVERRIDES_LISTED, AccessAudit.Target.subject(subjectId), basis);
        return overrides.forSubject(subjectId);
    }
}
