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
import org.pathways.platform.security.Caller;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.repository.AuditRepository;

/**
 * Writes the access audit in the caller's transaction (MANDATORY): if the audit row cannot be written, the action
 * rolls back with it — no audit, no action. Rows hold ids and codes only.
 */
@ApplicationScoped
public class AuditTrail {

    /** The actor recorded for what a scheduled job of this service did. */
    public static final String SYSTEM_ACTOR = "system";

    @Inject
    AuditRepository repository;

    @Inject
    Caller caller;

    /** Records what the current caller did to one subject's data. Call it last in the use case (it takes the chain lock). */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord record(UUID subjectId, AuditAction action, Collection<DataCategory> categories, Purpose purpose,
            AuditBasis basis, String basisRef) {
        return append(subjectId, action, categories, purpose, basis, basisRef, "GRANTED", false);
    }

    /**
     * Records what this service did on its own — a timer expiring a referral, the retention job erasing her — with the
     * actor {@link #SYSTEM_ACTOR} and no organisation or roles. It never consults the request-scoped caller, so it works
     * on any thread (a scheduler's, a test's pollers). Same chain, same code path as every other row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord recordSystem(UUID subjectId, AuditAction action, Collection<DataCategory> categories, Purpose purpose,
            AuditBasis basis, String basisRef) {
        return append(subjectId, action, categories, purpose, basis, basisRef, "GRANTED", true);
    }

    /**
     * Records a refused read (outcome DENIED) with the categories that were withheld. The caller commits it even when
     * the request then fails, so denied reads show in her access log too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord recordDenied(UUID subjectId, AuditAction action, Collection<DataCategory> categories, Purpose purpose,
            String basisRef) {
        return append(subjectId, action, categories, purpose, AuditBasis.NONE, basisRef, "DENIED", false);
    }

    private AuditRecord append(UUID subjectId, AuditAction action, Collection<DataCategory> categories, Purpose purpose,
            AuditBasis basis, String basisRef, String outcome, boolean bySystem) {
        // No authenticated caller (a job that did not say so) is recorded as the system too, never as nobody.
        boolean system = bySystem || !caller.isAuthenticated();
        String roles = system ? "" : caller.roles().stream().filter(Roles.all()::contains).sorted().collect(Collectors.joining(","));
        String codes = categories.stream().map(DataCategory::code).distinct().sorted().collect(Collectors.joining(","));
        AuditRepository.Head head = repository.lockHead();
        AuditRecord unhashed = new AuditRecord(head.lastSeq() + 1, UUID.randomUUID(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), system ? SYSTEM_ACTOR : caller.userId(),
                system ? null : caller.organisationId().orElse(null), roles,
                purpose.code(), subjectId, codes, action.name(), basis.name(), basisRef, outcome, head.lastHash(), null);
        AuditRecord row = unhashed.withHash(unhashed.computeHash(head.lastHash()));
        repository.append(row);
        return row;
    }
}
