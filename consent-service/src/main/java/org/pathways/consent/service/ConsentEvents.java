package org.pathways.consent.service;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.domain.Consent;
import org.pathways.consent.domain.ConsentVersion;
import org.pathways.consent.domain.SafeguardingOverride;
import org.pathways.consent.domain.Times;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.outbox.Outbox;

/** Builds consent.events payloads (ids, codes, versions, timestamps only) and writes them to the outbox. */
@ApplicationScoped
public class ConsentEvents {

    @Inject
    Outbox outbox;

    public void consent(String type, Consent consent, ConsentVersion v, String state, String actorUserId,
                        OffsetDateTime at, String scope) {
        consent(type, consent, v, state, actorUserId, at, scope, null);
    }

    /** {@code leadWorkerUserId}: her lead worker at the recording organisation (consent.expiring only), or null. */
    public void consent(String type, Consent consent, ConsentVersion v, String state, String actorUserId,
                        OffsetDateTime at, String scope, UUID leadWorkerUserId) {
        consent(type, consent, v, state, actorUserId, at, scope, leadWorkerUserId, null);
    }

    /**
     * A withdrawal. {@code withdrawnRecipientIds} (PARTIAL only): the recipients whose provisions it removed, so
     * notification-service tells only the receivers it affects (issue 14, ADR 0045).
     */
    public void withdrawn(Consent consent, ConsentVersion v, String state, String actorUserId, OffsetDateTime at,
                          String scope, Collection<UUID> withdrawnRecipientIds) {
        consent(EventTypes.CONSENT_WITHDRAWN, consent, v, state, actorUserId, at, scope, null, withdrawnRecipientIds);
    }

    /**
     * Her consent widened by an organisation other than her registering one (ADR 0027): ids only; her registering
     * organisation's lead worker is told and its privacy officers alerted.
     */
    public void widened(Consent consent, ConsentVersion v, UUID registeringOrganisationId, UUID leadWorkerUserId,
                        OffsetDateTime at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("consentId", consent.id().toString());
        p.put("version", v.version());
        p.put("subjectId", consent.subjectId().toString());
        p.put("partnershipId", consent.partnershipId().toString());
        p.put("recordedByOrganisationId", v.recordedByOrg().toString());
        p.put("recordedByUserId", v.recordedByUser().toString());
        p.put("registeringOrganisationId", registeringOrganisationId.toString());
        if (leadWorkerUserId != null) p.put("leadWorkerUserId", leadWorkerUserId.toString());
        p.put("occurredAt", Times.rfc3339(at));
        outbox.publish(Topics.CONSENT_EVENTS, EventTypes.CONSENT_WIDENED, consent.id().toString(), p);
    }

    private void consent(String type, Consent consent, ConsentVersion v, String state, String actorUserId,
                         OffsetDateTime at, String scope, UUID leadWorkerUserId, Collection<UUID> withdrawnRecipientIds) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("consentId", consent.id().toString());
        p.put("version", v.version());
        p.put("subjectId", consent.subjectId().toString());
        p.put("partnershipId", consent.partnershipId().toString());
        p.put("organisationId", v.recordedByOrg().toString());
        if (actorUserId != null) p.put("actorUserId", actorUserId);
        if (leadWorkerUserId != null) p.put("leadWorkerUserId", leadWorkerUserId.toString());
        p.put("state", state);
        if (scope != null) p.put("scope", scope);
        if (withdrawnRecipientIds != null) p.put("withdrawnRecipientIds", withdrawnRecipientIds.stream().map(UUID::toString).toList());
        p.put("expiresAt", Times.rfc3339(v.validUntil()));
        p.put("occurredAt", Times.rfc3339(at));
        outbox.publish(Topics.CONSENT_EVENTS, type, consent.id().toString(), p);
    }

    public void override(String type, SafeguardingOverride o, OffsetDateTime at) {
        override(type, o, null, at);
    }

    /** {@code previous}: the state before an expiry (the expired event says whether sharing stopped). */
    public void override(String type, SafeguardingOverride o, org.pathways.consent.domain.OverrideState previous, OffsetDateTime at) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("overrideId", o.id().toString());
        p.put("version", o.version());
        p.put("subjectId", o.subjectId().toString());
        p.put("partnershipId", o.partnershipId().toString());
        p.put("organisationId", o.organisationId().toString());
        if (!EventTypes.CONSENT_OVERRIDE_EXPIRED.equals(type)) p.put("actorUserId", o.requestedByUser().toString());
        if (EventTypes.CONSENT_OVERRIDE_APPROVED.equals(type)) p.put("approverUserId", o.approvedByUser().toString());
        p.put("state", o.state().name());
        if (previous != null) p.put("previousState", previous.name());
        p.put("validUntil", Times.rfc3339(o.validUntil()));
        p.put("occurredAt", Times.rfc3339(at));
        outbox.publish(Topics.CONSENT_EVENTS, type, o.id().toString(), p);
    }
}
