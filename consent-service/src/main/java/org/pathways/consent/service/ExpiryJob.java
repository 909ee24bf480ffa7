package org.pathways.consent.service;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.consent.domain.Consent;
import org.pathways.consent.domain.ConsentState;
import org.pathways.consent.domain.ConsentVersion;
import org.pathways.consent.domain.SafeguardingOverride;
import org.pathways.consent.domain.Times;
import org.pathways.consent.repository.ConsentRepository;
import org.pathways.consent.repository.OverrideRepository;
import org.pathways.consent.repository.SubjectRepository;
import org.pathways.contracts.events.EventTypes;

import io.quarkus.scheduler.Scheduled;

/**
 * Ends consent at the end of its period and tells her worker beforehand (an {@code expiring} event a configurable
 * time ahead), so the worker can ask her again. Decisions never depend on this job having run: they compare each
 * provision's period with the clock at the moment of the call. The job moves states and raises events, once each,
 * with row locks (skip locked) so several instances never double up.
 */
@ApplicationScoped
public class ExpiryJob {

    private static final Logger LOG = Logger.getLogger(ExpiryJob.class);
    private static final int BATCH = 200;

    @Inject
    SubjectRepository subjects;

    @Inject
    ConsentRepository consents;

    @Inject
    ConsentEvents events;

    @Inject
    OverrideRepository overrides;

    @ConfigProperty(name = "pathways.consent.expiry.notice", defaultValue = "P14D")
    Duration notice;

    @Scheduled(every = "${pathways.consent.expiry.every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            int expired = expireDue();
            int warned = warnExpiring();
            int overridesExpired = expireOverrides();
            if (expired + warned + overridesExpired > 0) {
                LOG.infof("expiry: %d expired, %d expiring notices, %d overrides expired", expired, warned, overridesExpired);
            }
        } catch (RuntimeException e) {
            LOG.warnf("expiry run failed, will retry: %s", e.getClass().getSimpleName());
        }
    }

    @Transactional
    public int expireDue() {
        OffsetDateTime now = Times.now();
        List<ConsentVersion> due = consents.expired(now, BATCH);
        for (ConsentVersion v : due) {
            if (!consents.endVersion(v.consentId(), v.version(), ConsentState.EXPIRED, now)) continue;
            Consent c = consents.find(v.consentId()).orElseThrow();
            events.consent(EventTypes.CONSENT_EXPIRED, c, v, "EXPIRED", null, now, null);
        }
        return due.size();
    }

    /**
     * Overrides past their validity become EXPIRED with a {@code pathways.consent.override.expired} event, once each
     * (state and outbox row in one transaction; rows locked with skip locked).
     */
    @Transactional
    public int expireOverrides() {
        OffsetDateTime now = Times.now();
        List<SafeguardingOverride> due = overrides.dueToExpire(now, BATCH);
        for (SafeguardingOverride o : due) {
            if (!overrides.expire(o.id(), now)) continue;
            events.override(EventTypes.CONSENT_OVERRIDE_EXPIRED, overrides.find(o.id()).orElseThrow(), o.state(), now);
        }
        return due.size();
    }

    @Transactional
    public int warnExpiring() {
        OffsetDateTime now = Times.now();
        List<ConsentVersion> soon = consents.expiringUnnotified(now.plus(notice), BATCH);
        for (ConsentVersion v : soon) {
            consents.markExpiringNotified(v.consentId(), v.version(), now);
            Consent c = consents.find(v.consentId()).orElseThrow();
            // The schema's lead worker is "at organisationId" (the recording organisation): only the registering
            // organisation's lead worker fits; a consent recorded by another organisation falls back to its mailbox.
            events.consent(EventTypes.CONSENT_EXPIRING, c, v, "ACTIVE", null, now, null,
                    subjects.leadWorkerAt(c.subjectId(), v.recordedByOrg()).orElse(null));
        }
        return soon.size();
    }
}
