package org.pathways.referral.timer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.Purpose;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.AuditRecord;
import org.pathways.referral.repository.AuditRepository;

/**
 * Audit rows for what the system does on its own (a timer expiring a referral): same hash chain as every other row,
 * written last in the action's transaction, with the actor {@link #ACTOR} and no organisation or roles. There is no
 * caller to take them from.
 */
@ApplicationScoped
public class SystemAudit {

    /** The audit's actor for timer actions. */
    public static final String ACTOR = "system:referral-timers";

    @Inject
    AuditRepository repository;

    @Transactional(Transactional.TxType.MANDATORY)
    public AuditRecord referralMoved(UUID subjectId, UUID referralId) {
        AuditRepository.Head head = repository.lockHead();
        AuditRecord unhashed = new AuditRecord(head.lastSeq() + 1, UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
                ACTOR, null, "", Purpose.REFERRAL.code(), subjectId, "", AuditAction.REFERRAL_MOVED.name(),
                AuditBasis.REFERRAL.name(), referralId.toString(), "GRANTED", head.lastHash(), null);
        AuditRecord row = unhashed.withHash(unhashed.computeHash(head.lastHash()));
        repository.append(row);
        return row;
    }
}
