package org.pathways.consent.service;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.pathways.consent.domain.Times;
import org.pathways.consent.repository.ConsentRepository;
import org.pathways.platform.repository.Jdbc;
import org.pathways.consent.repository.OverrideRepository;
import org.pathways.consent.repository.SubjectRepository;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.MalformedEventException;
import org.pathways.contracts.events.payload.EventPayloads;
import org.pathways.contracts.events.payload.ReferralPayload;
import org.pathways.contracts.events.payload.SubjectErased;
import org.pathways.contracts.events.payload.SubjectLeadWorkerChanged;
import org.pathways.contracts.events.payload.SubjectRegistered;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.messaging.ProcessedEvents;


/**
 * Applies referral-service's events: who she is (an opaque id, the organisation that registered her and her lead
 * worker there), which organisations have a live referral for her, and her erasure. Each event is applied at most
 * once, in the same transaction that records it as processed.
 */
@ApplicationScoped
public class SubjectEventsService {

    static final String CONSUMER = "consent-service.referral-events";
    private static final Logger LOG = Logger.getLogger(SubjectEventsService.class);

    public enum Outcome { APPLIED, DUPLICATE, IGNORED, UNKNOWN_TYPE }

    @Inject
    ProcessedEvents processed;

    @Inject
    SubjectRepository subjects;

    @Inject
    ConsentRepository consents;

    @Inject
    OverrideRepository overrides;

    @Inject
    Jdbc jdbc;

    @Transactional
    public Outcome apply(EventEnvelope event) {
        if (!EventTypes.isKnown(event.type())) return Outcome.UNKNOWN_TYPE;
        if (!processed.firstDelivery(CONSUMER, event.id())) return Outcome.DUPLICATE;
        OffsetDateTime at = event.time();
        switch (event.type()) {
            case EventTypes.SUBJECT_REGISTERED -> {
                SubjectRegistered r = EventPayloads.read(event, SubjectRegistered.class);
                subjects.register(r.subjectId(), r.organisationId(), r.leadWorkerUserId(), at);
            }
            case EventTypes.SUBJECT_ERASED -> erase(EventPayloads.read(event, SubjectErased.class).subjectId());
            case EventTypes.SUBJECT_LEAD_WORKER_CHANGED -> {
                // A handover (ADR 0024): applied only if its subject version is newer than the lead worker we hold.
                SubjectLeadWorkerChanged h = EventPayloads.read(event, SubjectLeadWorkerChanged.class);
                boolean changed = subjects.changeLeadWorker(h.subjectId(), h.organisationId(), h.leadWorkerUserId(),
                        h.version(), at);
                if (!changed) return Outcome.IGNORED;
            }
            case EventTypes.REFERRAL_REMINDER, EventTypes.REFERRAL_ESCALATED, EventTypes.REFERRAL_ACCESS_ENDED -> {
                // Timers and access notices: the referral's state events already tell us whether it is live.
                return Outcome.IGNORED;
            }
            default -> {
                if (!event.type().startsWith("pathways.referral.")) return Outcome.IGNORED;
                ReferralPayload r = EventPayloads.read(event, ReferralPayload.class);
                ReferralState state = state(r.state());
                subjects.recordReferral(r.referralId(), r.subjectId(), r.fromOrganisationId(), r.toOrganisationId(),
                        r.toServiceId(), state.code(), !state.isTerminal() && state != ReferralState.DRAFT,
                        (int) r.version(), at);
            }
        }
        return Outcome.APPLIED;
    }

    /** Everything about her that is not an id, a code or a date goes; nothing she consented to counts any more. */
    void erase(UUID subjectId) {
        OffsetDateTime now = Times.now();
        subjects.markErased(subjectId, now);
        consents.eraseFreeText(subjectId);
        overrides.eraseFreeText(subjectId);
        jdbc.update("update consent_provision set active = false where subject_id = ?", ps -> ps.setObject(1, subjectId));
        jdbc.update("update override_scope set active = false where subject_id = ?", ps -> ps.setObject(1, subjectId));
        LOG.infof("subject %s erased", subjectId);
    }

    private static ReferralState state(String code) {
        try {
            return ReferralState.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("invalid-data:state");
        }
    }
}
