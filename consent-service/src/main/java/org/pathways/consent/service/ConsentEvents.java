package org.pathways.consent.service;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.domain.Consent;
import org.pathways.consent.domain.ConsentVersion;
import org.pathways.consent.domain.SafeguardingOverride;
import org.pathways.consent.domain.Times;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.payload.ConsentChanged;
import org.pathways.contracts.events.payload.ConsentExpired;
import org.pathways.contracts.events.payload.ConsentExpiring;
import org.pathways.contracts.events.payload.ConsentGranted;
import org.pathways.contracts.events.payload.ConsentOverrideApproved;
import org.pathways.contracts.events.payload.ConsentOverrideExpired;
import org.pathways.contracts.events.payload.ConsentOverrideRefused;
import org.pathways.contracts.events.payload.ConsentOverrideRequested;
import org.pathways.contracts.events.payload.ConsentWidened;
import org.pathways.contracts.events.payload.ConsentWithdrawn;
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
        outbox.publish(new ConsentWidened(consent.id(), v.version(), consent.subjectId(), consent.partnershipId(),
                v.recordedByOrg(), v.recordedByUser(), registeringOrganisationId, leadWorkerUserId, Times.rfc3339(at)));
    }

    private void consent(String type, Consent consent, ConsentVersion v, String state, String actorUserId,
                         OffsetDateTime at, String scope, UUID leadWorkerUserId, Collection<UUID> withdrawnRecipientIds) {
        UUID actor = actorUserId == null ? null : UUID.fromString(actorUserId);
        String expiresAt = Times.rfc3339(v.validUntil());
        String when = Times.rfc3339(at);
        outbox.publish(switch (type) {
            case EventTypes.CONSENT_GRANTED -> new ConsentGranted(consent.id(), v.version(), consent.subjectId(),
                    consent.partnershipId(), v.recordedByOrg(), actor, state, expiresAt, when);
            case EventTypes.CONSENT_CHANGED -> new ConsentChanged(consent.id(), v.version(), consent.subjectId(),
                    consent.partnershipId(), v.recordedByOrg(), actor, state, expiresAt, when);
            case EventTypes.CONSENT_EXPIRING -> new ConsentExpiring(consent.id(), v.version(), consent.subjectId(),
                    consent.partnershipId(), v.recordedByOrg(), actor, leadWorkerUserId, state, expiresAt, when);
            case EventTypes.CONSENT_EXPIRED -> new ConsentExpired(consent.id(), v.version(), consent.subjectId(),
                    consent.partnershipId(), v.recordedByOrg(), actor, state, expiresAt, when);
            case EventTypes.CONSENT_WITHDRAWN -> new ConsentWithdrawn(consent.id(), v.version(), consent.subjectId(),
                    consent.partnershipId(), v.recordedByOrg(), actor, state, scope,
                    withdrawnRecipientIds == null ? null : List.copyOf(withdrawnRecipientIds), expiresAt, when);
            default -> throw new IllegalArgumentException("not a consent event: " + type);
        });
    }

    public void override(String type, SafeguardingOverride o, OffsetDateTime at) {
        override(type, o, null, at);
    }

    /** {@code previous}: the state before an expiry (the expired event says whether sharing stopped). */
    public void override(String type, SafeguardingOverride o, org.pathways.consent.domain.OverrideState previous, OffsetDateTime at) {
        String validUntil = Times.rfc3339(o.validUntil());
        String when = Times.rfc3339(at);
        outbox.publish(switch (type) {
            case EventTypes.CONSENT_OVERRIDE_REQUESTED -> new ConsentOverrideRequested(o.id(), o.version(), o.subjectId(),
                    o.partnershipId(), o.organisationId(), o.requestedByUser(), o.state().name(), validUntil, when);
            case EventTypes.CONSENT_OVERRIDE_APPROVED -> new ConsentOverrideApproved(o.id(), o.version(), o.subjectId(),
                    o.partnershipId(), o.organisationId(), o.requestedByUser(), o.approvedByUser(), o.state().name(),
                    validUntil, when);
            case EventTypes.CONSENT_OVERRIDE_REFUSED -> new ConsentOverrideRefused(o.id(), o.version(), o.subjectId(),
                    o.partnershipId(), o.organisationId(), o.requestedByUser(), o.refusedByUser(),
                    o.refusalReason().name(), o.state().name(), validUntil, when);
            // The expiry names nobody (ADR 0021).
            case EventTypes.CONSENT_OVERRIDE_EXPIRED -> new ConsentOverrideExpired(o.id(), o.version(), o.subjectId(),
                    o.partnershipId(), o.organisationId(), o.state().name(), previous == null ? null : previous.name(),
                    validUntil, when);
            default -> throw new IllegalArgumentException("not an override event: " + type);
        });
    }
}
