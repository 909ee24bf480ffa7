package org.pathways.consent.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.pathways.consent.client.ReferralStandingClient;
import org.pathways.consent.domain.Standing;
import org.pathways.consent.domain.Subject;
import org.pathways.consent.domain.Times;
import org.pathways.consent.repository.SubjectRepository;
import org.pathways.platform.security.Caller;

/**
 * The caller's standing towards her (ADR 0027): asked of referral-service on every end-user request, which owns
 * subjects, restriction and referral states; her local row is made on the fly when the request overtakes her
 * registration event. There is no other source, in tests either (ADR 0008).
 */
@ApplicationScoped
public class Standings {

    @Inject
    ReferralStandingClient referral;

    @Inject
    SubjectRepository subjects;

    @Inject
    Caller caller;

    /** Empty when she is unknown or erased (for anyone). Referral-service unreachable: a 503 problem. */
    public Optional<Standing> ofCaller(UUID subjectId) {
        UUID org = caller.requireOrganisation();
        Optional<Subject> local = subjects.find(subjectId);
        if (local.isPresent() && local.get().erased()) return Optional.empty();
        Optional<Standing> standing = referral.ask(subjectId, org, caller.userId(), caller.roles());
        standing.ifPresent(s -> {
            if (local.isEmpty()) {
                subjects.ensureKnown(s.subjectId(), s.registeringOrganisationId(), s.leadWorkerUserId(), s.version(), Times.now());
            }
        });
        return standing;
    }
}
