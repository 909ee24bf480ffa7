package org.pathways.referral.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.ChallengeOutcome;
import org.pathways.contracts.vocab.ChallengeReason;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Challenge;
import org.pathways.referral.domain.ChallengeRules;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.repository.ChallengeRepository;

/**
 * A referrer pushes a referral herself (issue 16 item 5, ADR 0055): she escalates an open referral to the receiving
 * service's single point of contact and the Partnership Connector, or asks for a decline to be reviewed; the receiving
 * organisation answers. Recorded with the referral (its history shows them), audited, and told through the outbox
 * (ids and codes only). The referral's state and version do not change: a challenge is not a move.
 */
@ApplicationScoped
public class ChallengeService {

    @Inject
    AccessGate gate;

    @Inject
    ChallengeRepository challenges;

    @Inject
    ReferralEvents events;

    @Inject
    AuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    BlockageService blockageLog;

    @Transactional
    public Challenge raise(UUID referralId, Challenge.Kind kind, ChallengeReason reason) {
        UUID org = caller.requireOrganisation();
        Referral r = gate.referral(referralId, true); // scope and restriction (404); row lock: one open escalation
        List<Challenge> existing = challenges.of(referralId);
        boolean openEscalation = existing.stream().anyMatch(c -> c.kind() == Challenge.Kind.ESCALATION && c.open());
        boolean reviewAsked = existing.stream().anyMatch(c -> c.kind() == Challenge.Kind.DECLINE_REVIEW);
        ChallengeRules.raise(kind, reason, r.state(), org.equals(r.fromOrganisationId()), openEscalation, reviewAsked)
                .ifPresent(ChallengeService::refuse);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Challenge c = new Challenge(UUID.randomUUID(), referralId, kind, reason, r.version(), r.state(), now, caller.userId(), org,
                null, null, null, null);
        challenges.insert(c);
        blockageLog.challenged(r, c); // the partnership's blockage log (ADR 0071)
        events.challengeRaised(r, c, caller.userId(), now);
        audit.record(r.subjectId(), AuditAction.REFERRAL_CHALLENGED, List.of(), Purpose.REFERRAL, AuditBasis.REFERRAL,
                referralId.toString());
        return c;
    }

    @Transactional
    public Challenge answer(UUID referralId, UUID challengeId, ChallengeOutcome outcome) {
        UUID org = caller.requireOrganisation();
        Referral r = gate.referral(referralId, true);
        Challenge c = challenges.find(referralId, challengeId).orElseThrow(() -> ProblemException.notFound("The challenge"));
        ChallengeRules.answer(c, outcome, org.equals(r.toOrganisationId())).ifPresent(ChallengeService::refuse);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Challenge answered = c.answered(outcome, caller.userId(), org, now);
        if (!challenges.answer(answered)) refuse(new ChallengeRules.Refusal(409, "already-answered", null, "It was answered already."));
        events.challengeAnswered(r, answered, caller.userId(), now);
        audit.record(r.subjectId(), AuditAction.REFERRAL_CHALLENGE_ANSWERED, List.of(), Purpose.REFERRAL, AuditBasis.REFERRAL,
                referralId.toString());
        return answered;
    }

    /** The referral's challenges, for either organisation on it (404 for anyone else). */
    @Transactional
    public List<Challenge> of(UUID referralId) {
        gate.referral(referralId, false);
        return challenges.of(referralId);
    }

    private static void refuse(ChallengeRules.Refusal f) {
        if (f.status() == 403) throw ProblemException.forbidden(f.message());
        Problem p = Problem.of(f.status(), f.slug(), f.status() == 409 ? "Conflict" : "Unprocessable request", f.message());
        if (f.field() != null) p = p.withErrors(List.of(new Problem.FieldError(f.field(), f.message())));
        throw new ProblemException(p);
    }
}
