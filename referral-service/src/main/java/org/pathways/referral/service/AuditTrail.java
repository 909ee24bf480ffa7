package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.background.AfterCommit;
import org.pathways.platform.security.Caller;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.repository.AuditRepository;

/**
 * The one writer of the access audit. Rows are written in the caller's transaction (MANDATORY): if the audit row cannot
 * be written, the action rolls back with it — no audit, no action. Rows hold ids and codes only. The row is inserted
 * unchained and takes no lock: {@link AuditChainer}, woken after the commit, places it in the hash chain (ADR 0038).
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor recorded for what this service did on its own (a timer, the retention job): there is no caller. */
    public static final String SYSTEM_ACTOR = "system";

    @Inject
    AuditRepository repository;

    @Inject
    Caller caller;

    @Inject
    AuditChainer chainer;

    @Inject
    AfterCommit afterCommit;

    /**
     * Records what the current caller did to one subject's data. Call it last in the use case: the row's entry number
     * is drawn here, and the shorter the time from there to the commit, the closer the access log's entry order is to
     * commit order.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord record(UUID subjectId, AuditAction action, Collection<DataCategory> categories, Purpose purpose,
            AuditBasis basis, String basisRef) {
        return append(subjectId, action, categories, purpose, basis, basisRef, "GRANTED");
    }

    /**
     * Records a refused read (outcome DENIED) with the categories that were withheld. The caller commits it even when
     * the request then fails, so denied reads show in her access log too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord recordDenied(UUID subjectId, AuditAction action, Collection<DataCategory> categories, Purpose purpose,
            String basisRef) {
        return append(subjectId, action, categories, purpose, AuditBasis.NONE, basisRef, "DENIED");
    }

    /**
     * Records what the service did on its own, with no caller (a timer expiring a referral): actor {@value #SYSTEM_ACTOR},
     * no organisation, no roles. Does not touch the request-scoped caller, which a scheduler thread does not have.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord recordSystem(UUID subjectId, AuditAction action, Collection<DataCategory> categories, Purpose purpose,
            AuditBasis basis, String basisRef) {
        return insert(subjectId, SYSTEM_ACTOR, null, "", action, categories, purpose, basis, basisRef, "GRANTED");
    }

    /** The actor recorded for what a woman did herself through the public self-referral form (ADR 0089). */
    public static final String SELF_ACTOR = "self-referral";

    /** The purpose recorded for her own request for help: not a consent-service purpose, nothing is asked of it (ADR 0089). */
    public static final String SELF_REFERRAL_PURPOSE = "SELF_REFERRAL";

    /**
     * Records what her own request for help did (ADR 0089): actor {@value #SELF_ACTOR}, no organisation or roles, purpose
     * {@value #SELF_REFERRAL_PURPOSE}, basis CONSENT (her request is the basis) with reference {@code self-referral:<ref>}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord recordSelfReferral(UUID subjectId, AuditAction action, Collection<DataCategory> categories, String reference) {
        String codes = categories.stream().map(DataCategory::code).distinct().sorted().collect(Collectors.joining(","));
        AuditRecord row = repository.insert(new AuditRecord(0, null, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                SELF_ACTOR, null, "", SELF_REFERRAL_PURPOSE, subjectId, codes, action.name(), AuditBasis.CONSENT.name(),
                "self-referral:" + reference, "GRANTED", null, null));
        afterCommit.wake(chainer);
        return row;
    }

    private AuditRecord append(UUID subjectId, AuditAction action, Collection<DataCategory> categories, Purpose purpose,
            AuditBasis basis, String basisRef, String outcome) {
        // No authenticated caller: a scheduled job of this service (retention) acts as "system".
        if (!caller.isAuthenticated()) {
            return insert(subjectId, SYSTEM_ACTOR, null, "", action, categories, purpose, basis, basisRef, outcome);
        }
        String roles = caller.roles().stream().filter(Roles.all()::contains).sorted().collect(Collectors.joining(","));
        return insert(subjectId, caller.userId(), caller.organisationId().orElse(null), roles, action, categories, purpose,
                basis, basisRef, outcome);
    }

    private AuditRecord insert(UUID subjectId, String actor, UUID organisationId, String roles, AuditAction action,
            Collection<DataCategory> categories, Purpose purpose, AuditBasis basis, String basisRef, String outcome) {
        String codes = categories.stream().map(DataCategory::code).distinct().sorted().collect(Collectors.joining(","));
        AuditRecord row = repository.insert(new AuditRecord(0, null, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                actor, organisationId, roles, purpose.code(), subjectId, codes, action.name(), basis.name(), basisRef, outcome,
                null, null));
        // One wake-up per transaction, however many rows it wrote, and only if it commits.
        afterCommit.wake(chainer);
        return row;
    }
}
