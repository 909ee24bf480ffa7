package org.pathways.referral.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAmount;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.ErasureReason;
import org.pathways.referral.domain.ErasureRequest;
import org.pathways.referral.repository.ErasureRepository;
import org.pathways.referral.repository.RetentionRepository;

/**
 * Retention: a period per data class, enforced by a scheduled job that reports what it did (retention_run, readable by
 * privacy officers). Data classes:
 * <ul>
 * <li>{@code inactive-subject}: a person whose record has had no activity (registration, section written, referral
 * changed) for longer than {@code pathways.retention.inactive-subject} and who has no live referral is erased, exactly
 * as an approved erasure (crypto-shredding, {@code subject.erased}), recorded as an erasure with reason RETENTION;</li>
 * <li>{@code run-log}: retention runs and decided erasure requests (ids and counts only) older than
 * {@code pathways.retention.run-log} are deleted.</li>
 * </ul>
 * The access audit is kept (ids and codes only; its hash chain is the evidence of who saw what).
 */
@ApplicationScoped
public class RetentionService {

    private static final Logger LOG = Logger.getLogger(RetentionService.class);
    private static final int BATCH = 200;

    /** What one run did for one data class. */
    public record Outcome(String dataClass, String action, int affected, Instant cutoff) {
    }

    @Inject
    RetentionRepository repository;

    @Inject
    ErasureRepository erasures;

    @Inject
    ErasureService erasure;

    @Inject
    AuditTrail audit;

    @ConfigProperty(name = "pathways.retention.inactive-subject")
    String inactiveSubject;

    @ConfigProperty(name = "pathways.retention.run-log")
    String runLog;

    /** One pass over every data class; each subject is erased in a transaction of its own. */
    public List<Outcome> run(Instant now) {
        Instant started = Instant.now();
        Instant subjectCutoff = minus(now, inactiveSubject);
        int erased = 0;
        for (UUID subject : repository.inactiveSubjects(subjectCutoff, BATCH)) {
            if (eraseOne(subject, subjectCutoff)) {
                erased++;
            }
        }
        Outcome subjects = new Outcome("inactive-subject", "ERASED", erased, subjectCutoff);
        Instant logCutoff = minus(now, runLog);
        Outcome logs = new Outcome("run-log", "DELETED", repository.purgeRunLog(logCutoff), logCutoff);
        for (Outcome o : List.of(subjects, logs)) {
            repository.recordRun(o, started, Instant.now());
            if (o.affected() > 0) {
                LOG.infof("retention: %s %s %d (cutoff %s)", o.dataClass(), o.action(), o.affected(), o.cutoff());
            }
        }
        return List.of(subjects, logs);
    }

    @Transactional
    boolean eraseOne(UUID subjectId, Instant cutoff) {
        // Re-checked under the row lock: she may have been active, or erased, since the candidates were listed.
        UUID organisation = repository.lockIfStillInactive(subjectId, cutoff).orElse(null);
        if (organisation == null) {
            return false;
        }
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        erasures.insert(new ErasureRequest(UUID.randomUUID(), subjectId, organisation, ErasureReason.RETENTION,
                ErasureRequest.COMPLETED, AuditTrail.SYSTEM_ACTOR, at, AuditTrail.SYSTEM_ACTOR, at));
        erasure.erase(subjectId, organisation, at);
        audit.recordSystem(subjectId, AuditAction.SUBJECT_ERASED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, "RETENTION");
        return true;
    }

    public List<Outcome> recentRuns(int limit) {
        return repository.recentRuns(limit);
    }

    /** {@code P6Y} (calendar, UTC) or {@code PT20S} (durations, for tests). */
    static Instant minus(Instant now, String amount) {
        TemporalAmount a = amount.toUpperCase().startsWith("PT") ? java.time.Duration.parse(amount) : java.time.Period.parse(amount);
        return now.atOffset(ZoneOffset.UTC).minus(a).toInstant();
    }
}
