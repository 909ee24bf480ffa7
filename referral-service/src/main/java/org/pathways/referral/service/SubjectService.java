package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.outbox.Outbox;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.client.StaffDirectory;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Subject;
import org.pathways.referral.repository.EngagementRepository;
import org.pathways.referral.repository.SubjectRepository;
import org.pathways.referral.security.SubjectCrypto;
import org.pathways.contracts.events.payload.SubjectRegistered;
import org.pathways.contracts.events.payload.SubjectLeadWorkerChanged;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Registering a person and changing who leads her case. Registration never looks for her elsewhere: there is no
 * lookup and no matching, so registering tells the caller nothing about other organisations.
 */
@ApplicationScoped
public class SubjectService {

    /** The audit reference of a RESTRICTION_CHANGED row: the flag's new value. */
    public static final String RESTRICTED = "RESTRICTED";
    public static final String UNRESTRICTED = "UNRESTRICTED";

    @Inject
    SubjectRepository subjects;

    @Inject
    SubjectCrypto crypto;

    @Inject
    AuditTrail audit;

    @Inject
    Outbox outbox;

    @Inject
    Caller caller;

    @Inject
    EngagementRepository engagements;

    @Inject
    org.pathways.referral.access.AccessGate gate;

    @Inject
    StaffDirectory staff;

    /** A lead worker other than the caller must be staff of her organisation with a case role (asked of Keycloak first). */
    public Subject register(String leadWorkerId, boolean restricted) {
        UUID organisation = caller.requireOrganisation();
        if (leadWorkerId != null && !leadWorkerId.equals(caller.userId())) {
            staff.requireCaseWorker("leadWorkerId", leadWorkerId, organisation);
        }
        return QuarkusTransaction.requiringNew().call(() -> store(organisation, leadWorkerId, restricted));
    }

    private Subject store(UUID organisation, String leadWorkerId, boolean restricted) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Subject subject = insertNew(organisation, leadWorkerId == null ? caller.userId() : leadWorkerId, restricted, caller.userId(), now);
        audit.record(subject.id(), AuditAction.SUBJECT_REGISTERED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, null);
        if (restricted) {
            audit.record(subject.id(), AuditAction.RESTRICTION_CHANGED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, RESTRICTED);
        }
        return subject;
    }

    /**
     * Her record registered with the Partnership Connector's organisation from her own request (ADR 0089): a new data key,
     * the engagement and the subject.registered event as for any registration; audited as her request. In the caller's
     * transaction (the self-referral's one transaction).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Subject registerSelfReferred(UUID organisation, String leadWorkerId, String reference) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Subject subject = insertNew(organisation, leadWorkerId, false, AuditTrail.SELF_ACTOR, now);
        audit.recordSelfReferral(subject.id(), AuditAction.SUBJECT_REGISTERED, List.of(), reference);
        return subject;
    }

    private Subject insertNew(UUID organisation, String leadWorkerId, boolean restricted, String createdBy, Instant now) {
        UUID id = UUID.randomUUID();
        Subject subject = new Subject(id, organisation, leadWorkerId, restricted, 0, createdBy, now, now);
        subjects.insert(subject, crypto.kekId(), crypto.newWrappedKey(id));
        engagements.record(organisation, id, now, EngagementRepository.Source.REGISTERED);
        // Her lead worker's user id (an id, never a name), so consent-service can tell her when a consent expires.
        outbox.publish(new SubjectRegistered(id, organisation,
                isUuid(subject.leadWorkerId()) ? UUID.fromString(subject.leadWorkerId()) : null, now.toString()));
        return subject;
    }

    /**
     * Her record if the caller's organisation owns it and, when her case is restricted, the caller is her lead worker,
     * a referral coordinator or a privacy officer; 404 otherwise (nobody learns she exists).
     */
    public Subject requireOwned(UUID id, boolean forUpdate) {
        return gate.ownedSubject(id, forUpdate); // scope and restriction: the access gate (ADR 0047)
    }

    @Transactional
    public Subject get(UUID id) {
        return requireOwned(id, false);
    }

    /**
     * Handover: a new lead worker, who must be staff of her organisation with a case role. Keycloak is asked before the
     * transaction (after the 404 check, so a stranger learns nothing), not while her row is locked.
     * {@code expectedVersion} (If-Match) refuses a change based on a stale view.
     */
    public Subject changeLeadWorker(UUID id, String leadWorkerId, Long expectedVersion) {
        Subject current = QuarkusTransaction.requiringNew().call(() -> requireOwned(id, false));
        if (!leadWorkerId.equals(caller.userId())) staff.requireCaseWorker("leadWorkerId", leadWorkerId, current.organisationId());
        return QuarkusTransaction.requiringNew().call(() -> handOver(id, leadWorkerId, expectedVersion));
    }

    private Subject handOver(UUID id, String leadWorkerId, Long expectedVersion) {
        Subject s = requireOwned(id, true);
        checkVersion(s, expectedVersion);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Subject updated = subjects.update(s, leadWorkerId, s.restricted(), now);
        // In the handover's transaction (outbox): consent-service names her current lead worker when a consent is about
        // to expire (ADR 0024). Ids and the subject's version only; consumers apply it only if the version is newer.
        outbox.publish(new SubjectLeadWorkerChanged(id, updated.organisationId(), UUID.fromString(leadWorkerId),
                updated.version(), now.toString()));
        audit.record(id, AuditAction.LEAD_WORKER_CHANGED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER, null);
        return updated;
    }

    @Transactional
    public Subject changeRestricted(UUID id, boolean restricted, Long expectedVersion) {
        Subject s = requireOwned(id, true);
        checkVersion(s, expectedVersion);
        Subject updated = subjects.update(s, s.leadWorkerId(), restricted, Instant.now().truncatedTo(ChronoUnit.MICROS));
        // The reference says which way it went, so her access log shows when her case was restricted and lifted.
        audit.record(id, AuditAction.RESTRICTION_CHANGED, List.of(), Purpose.CASE_COORDINATION, AuditBasis.OWNER,
                restricted ? RESTRICTED : UNRESTRICTED);
        return updated;
    }

    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return s.length() == 36;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static void checkVersion(Subject s, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != s.version()) {
            throw ProblemException.conflict("stale-version",
                    "The subject was changed since you read it (version " + s.version() + "); read it again and retry.");
        }
    }
}
