package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.client.Dependencies;
import org.pathways.referral.client.MembershipClient;
import org.pathways.referral.client.StaffDirectory;
import org.pathways.referral.domain.QueueEntry;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.repository.QueueRepository;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.security.RestrictedCases;


/**
 * Work queues (a receiving organisation's incoming referrals, a referring organisation's outgoing ones), claiming a
 * referral to a worker, and the Partnership Connector's metadata view of her partnerships' referrals.
 */
@ApplicationScoped
public class QueueService {


    /** What a claim answers: who holds the referral now. */
    public record Assignment(UUID referralId, String assignedTo, String assignedBy, Instant assignedAt, long version) {
    }

    @Inject
    QueueRepository queues;

    @Inject
    ReferralRepository referrals;

    @Inject
    Caller caller;

    @Inject
    StaffDirectory staff;

    @Inject
    RestrictedCases restricted;

    @Inject
    org.pathways.referral.access.AccessGate gate;

    @Inject
    @RestClient
    MembershipClient memberships;

    @Inject
    Dependencies dependencies;

    public QueueRepository.Page queue(boolean incoming, QueueRepository.Filter filter, int page, int size) {
        return queues.list(incoming ? QueueRepository.Scope.INCOMING : QueueRepository.Scope.OUTGOING,
                List.of(caller.requireOrganisation()), filter, page, size, restricted.hide());
    }

    /**
     * Assigns a received referral: to the caller (any receiving worker), or to another worker of the organisation (a
     * referral-coordinator only). A worker cannot take over a referral a colleague holds; a coordinator can reassign.
     * The sending organisation gets 403 (it knows the referral exists); anyone else 404.
     */
    @Transactional
    public Assignment claim(UUID referralId, String toUserId, Long expectedVersion) {
        UUID org = caller.requireOrganisation();
        Referral r = gate.referral(referralId, true); // scope and restriction (ADR 0047)
        if (!org.equals(r.toOrganisationId())) {
            throw ProblemException.forbidden("Only the receiving organisation assigns a referral to its workers.");
        }
        if (expectedVersion != null && expectedVersion != r.version()) {
            throw ProblemException.conflict("stale-version", "The referral is at version " + r.version()
                    + ", not the version you read; read it again and retry.");
        }
        if (r.state().isTerminal()) {
            throw ProblemException.conflict("referral-ended", "The referral has ended (" + r.state() + "); it cannot be claimed.");
        }
        String me = caller.userId();
        String target = toUserId == null ? me : toUserId;
        boolean coordinator = caller.hasRole(Roles.REFERRAL_COORDINATOR);
        if (!target.equals(me) && !coordinator) {
            throw ProblemException.forbidden("Only a referral coordinator assigns a referral to another worker.");
        }
        // Another worker must be real staff of this organisation with a case role (Keycloak; 503 if it cannot say).
        if (!target.equals(me)) staff.requireCaseWorker("userId", target, org);
        Optional<QueueEntry> current = queues.find(referralId);
        String holder = current.map(QueueEntry::assignedTo).orElse(null);
        if (holder != null && !holder.equals(me) && !holder.equals(target) && !coordinator) {
            throw ProblemException.conflict("already-claimed", "A colleague holds this referral; a referral coordinator can reassign it.");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        queues.assign(referralId, org, target, me, now);
        return new Assignment(referralId, target, me, now, r.version());
    }

    /**
     * Every referral of the Connector's partnerships, as metadata (never sections, never free text). Her organisation's
     * partnerships come from the directory, asked before any query.
     */
    public QueueRepository.Page connectorView(QueueRepository.Filter filter, UUID partnershipId, int page, int size) {
        UUID org = caller.requireOrganisation();
        List<UUID> mine = partnershipsOf(org);
        List<UUID> scope = partnershipId == null ? mine : mine.contains(partnershipId) ? List.of(partnershipId) : List.of();
        if (partnershipId != null && scope.isEmpty()) throw ProblemException.notFound("The partnership");
        return queues.list(QueueRepository.Scope.PARTNERSHIPS, scope, filter, page, size, Optional.empty());
    }

    private List<UUID> partnershipsOf(UUID org) {
        return dependencies.directory().call(() -> memberships.partnerships(org).stream().filter(m -> !"REPORTING".equals(m.role()))
                .map(MembershipClient.Membership::partnershipId).toList(), List::of);
    }
}
