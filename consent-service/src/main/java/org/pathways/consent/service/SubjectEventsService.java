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
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.messaging.ProcessedEvents;

import com.fasterxml.jackson.databind.JsonNode;

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
        JsonNode d = event.data();
        OffsetDateTime at = event.time();
        switch (event.type()) {
            case EventTypes.SUBJECT_REGISTERED -> subjects.register(uuid(d, "subjectId"), uuid(d, "organisationId"),
                    d.hasNonNull("leadWorkerUserId") ? uuid(d, "leadWorkerUserId") : null, at);
            case EventTypes.SUBJECT_ERASED -> erase(uuid(d, "subjectId"));
            case EventTypes.SUBJECT_LEAD_WORKER_CHANGED -> {
                // A handover (ADR 0024): applied only if its subject version is newer than the lead worker we hold.
                if (!d.path("version").canConvertToLong()) throw new MalformedEventException("invalid-data:version");
                boolean changed = subjects.changeLeadWorker(uuid(d, "subjectId"), uuid(d, "organisationId"),
                        uuid(d, "leadWorkerUserId"), d.path("version").asLong(), at);
                if (!changed) return Outcome.IGNORED;
            }
            case EventTypes.REFERRAL_REMINDER, EventTypes.REFERRAL_ESCALATED, EventTypes.REFERRAL_ACCESS_ENDED -> {
                // Timers and access notices: the referral's state events already tell us whether it is live.
                return Outcome.IGNORED;
            }
            default -> {
                if (!event.type().startsWith("pathways.referral.")) return Outcome.IGNORED;
                ReferralState state = state(d);
                subjects.recordReferral(uuid(d, "referralId"), uuid(d, "subjectId"), uuid(d, "fromOrganisationId"),
                        uuid(d, "toOrganisationId"), d.hasNonNull("toServiceId") ? uuid(d, "toServiceId") : null,
                        state.code(), !state.isTerminal() && state != ReferralState.DRAFT, d.path("version").asInt(0), at);
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

    private static ReferralState state(JsonNode d) {
        try {
            return ReferralState.fromCode(d.path("state").asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("invalid-data:state");
        }
    }

    private static UUID uuid(JsonNode d, String field) {
        try {
            return UUID.fromString(d.path(field).asText());
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException("invalid-data:" + field);
        }
    }
}
