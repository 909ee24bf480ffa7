package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.outbox.Outbox;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.ErasureReason;
import org.pathways.referral.domain.ErasureRequest;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.ErasureRepository;
import org.pathways.referral.security.RestrictedCases;
import org.pathways.contracts.events.payload.SubjectErased;

/**
 * Erasure in two calls: a case worker of her organisation requests it (she asked, or the record is no longer needed);
 * a privacy officer of the same organisation approves it, and only then is her key destroyed (crypto-shredding). The
 * skeleton of her referrals (ids, states, dates, codes) stays for the stored counts; {@code subject.erased} tells
 * consent-service to erase its part.
 */
@ApplicationScoped
public class ErasureService {

    /** Fired inside the erasing transaction so other parts (referral notes, reports) can shred what they hold. */
    public record Erasing(UUID subjectId, UUID organisationId, Instant at) {
    }

    /** The request, and whether this call created it (false: an open one existed already). */
    public record Requested(ErasureRequest request, boolean created) {
    }

    @Inject
    ErasureRepository repository;

    @Inject
    SubjectService subjects;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    RestrictedCases restricted;

    @Inject
    Event<Erasing> erasing;

    @Transactional
    public Requested request(UUID subjectId, ErasureReason reason) {
        if (reason == ErasureReason.RETENTION) {
            throw ProblemException.invalidField("reasonCode", "RETENTION is used only by the retention job");
        }
        Subject subject = subjects.requireOwned(subjectId, true);
        if (repository.isErased(subjectId)) {
            throw ProblemException.conflict("already-erased", "Her data has already been erased.");
        }
        Optional<ErasureRequest> pending = repository.pending(subjectId);
        if (pending.isPresent()) {
            return new Requested(pending.get(), false); // one open request per person: asking again answers with it
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ErasureRequest r = new ErasureRequest(UUID.randomUUID(), subjectId, subject.organisationId(), reason,
                ErasureRequest.PENDING, caller.userId(), now, null, null);
        repository.insert(r);
        audit.record(subjectId, AuditAction.ERASURE_REQUESTED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, r.id().toString());
        return new Requested(r, true);
    }

    @Transactional
    public List<ErasureRequest> list(String state) {
        return repository.list(caller.requireOrganisation(), state, 200, restricted.hide());
    }

    @Transactional
    public ErasureRequest get(UUID id) {
        return repository.find(id, caller.requireOrganisation(), false)
                .filter(r -> restricted.seesSubject(r.subjectId()))
                .orElseThrow(() -> ProblemException.notFound("The erasure request"));
    }

    /** A privacy officer of her organisation approves: her data is erased now, in this transaction. */
    @Transactional
    public ErasureRequest approve(UUID id) {
        ErasureRequest r = pending(id);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        repository.decide(id, ErasureRequest.COMPLETED, caller.userId(), now);
        erase(r.subjectId(), r.organisationId(), now);
        audit.record(r.subjectId(), AuditAction.SUBJECT_ERASED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, id.toString());
        return repository.find(id, r.organisationId(), false).orElseThrow();
    }

    @Transactional
    public ErasureRequest reject(UUID id) {
        ErasureRequest r = pending(id);
        repository.decide(id, ErasureRequest.REJECTED, caller.userId(), Instant.now().truncatedTo(ChronoUnit.MICROS));
        audit.record(r.subjectId(), AuditAction.ERASURE_REJECTED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, id.toString());
        return repository.find(id, r.organisationId(), false).orElseThrow();
    }

    /**
     * The erasure itself, for an approved request or the retention job (which runs without a caller): shred, tell the
     * others, all in the caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(UUID subjectId, UUID organisationId, Instant at) {
        erasing.fire(new Erasing(subjectId, organisationId, at));
        repository.shred(subjectId, at);
        outbox.publish(new SubjectErased(subjectId, organisationId, at.toString()));
    }

    private ErasureRequest pending(UUID id) {
        if (!caller.hasRole(Roles.PRIVACY_OFFICER)) {
            throw ProblemException.forbidden("Only a privacy officer decides an erasure request.");
        }
        ErasureRequest r = repository.find(id, caller.requireOrganisation(), true)
                .orElseThrow(() -> ProblemException.notFound("The erasure request"));
        if (!ErasureRequest.PENDING.equals(r.state())) {
            throw ProblemException.conflict("already-decided", "This erasure request was already " + r.state() + ".");
        }
        if (r.requestedBy().equals(caller.userId())) {
            throw ProblemException.forbidden("The person who requested an erasure cannot also approve or reject it.");
        }
        return r;
    }
}
