package org.pathways.referral.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.rest.Problem;
import org.pathways.platform.rest.ProblemException;
import org.pathways.platform.security.Caller;
import org.pathways.referral.access.AccessGate;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.repository.WaitingListRepository;
import org.pathways.referral.security.RestrictedCases;

/**
 * Waiting lists (issue 16 item 7, ADR 0054): a service's referrals ON_HOLD - accepted onto the list from SENT in one move,
 * or put on hold later - with how long each has waited, and "held informally": the receiving organisation supports her
 * while she waits, recorded with a start and an end so it can be counted.
 */
@ApplicationScoped
public class WaitingListService {

    /** One service's waiting list as its organisation sees it. */
    public record WaitingList(UUID serviceId, Instant asOf, List<WaitingListRepository.Waiting> items) {

        public long heldInformally() {
            return items.stream().filter(w -> w.heldInformallySince() != null).count();
        }

        /** The one waiting longest (from when she was referred), if any. */
        public Optional<WaitingListRepository.Waiting> oldest() {
            return items.stream().filter(w -> w.sentAt() != null).min((a, b) -> a.sentAt().compareTo(b.sentAt()));
        }

        public static long waitedDays(Instant since, Instant now) {
            return since == null ? 0 : Duration.between(since, now).toDays();
        }
    }

    /** Whether a referral is held informally now, and since when. */
    public record InformalSupport(UUID referralId, boolean held, Instant since, long version) {
    }

    @Inject
    WaitingListRepository waiting;

    @Inject
    Caller caller;

    @Inject
    RestrictedCases restricted;

    @Inject
    AccessGate gate;

    @Inject
    AuditTrail audit;

    @Inject
    ReferralEvents events;

    /**
     * The waiting lists of the caller's organisation's services, one per service that has anyone on it (or just
     * {@code serviceId}'s, empty when nobody waits). Scoped by the caller's organisation: another organisation's service
     * id lists nothing of it.
     */
    @Transactional
    public List<WaitingList> lists(UUID serviceId) {
        UUID org = caller.requireOrganisation();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        java.util.Map<UUID, List<WaitingListRepository.Waiting>> byService = new java.util.TreeMap<>();
        if (serviceId != null) byService.put(serviceId, new java.util.ArrayList<>());
        for (WaitingListRepository.Waiting w : waiting.list(org, serviceId, restricted.hide())) {
            byService.computeIfAbsent(w.serviceId(), k -> new java.util.ArrayList<>()).add(w);
        }
        return byService.entrySet().stream().map(e -> new WaitingList(e.getKey(), now, List.copyOf(e.getValue()))).toList();
    }

    /**
     * Records that the receiving organisation supports her informally while she waits ({@code held} true), or that it
     * stopped. Only on a referral ON_HOLD; the same answer again changes nothing. Audited; an event when it changes.
     */
    @Transactional
    public InformalSupport setHeldInformally(UUID referralId, boolean held) {
        UUID org = caller.requireOrganisation();
        Referral r = gate.referral(referralId, true); // scope and restriction; row lock against a concurrent move
        if (!org.equals(r.toOrganisationId())) {
            throw ProblemException.forbidden("Only the receiving organisation records that it supports her while she waits.");
        }
        if (r.state() != ReferralState.ON_HOLD) {
            throw new ProblemException(Problem.of(409, "not-on-waiting-list", "Conflict", "The referral is " + r.state()
                    + ", not ON_HOLD: only a referral on the waiting list is held informally.")
                    .withErrors(List.of(new Problem.FieldError("held", "needs the referral ON_HOLD"))));
        }
        Optional<Instant> since = waiting.heldInformallySince(referralId);
        if (since.isPresent() == held) return new InformalSupport(referralId, held, since.orElse(null), r.version());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (held) {
            waiting.startInformal(referralId, org, caller.userId(), now);
        } else {
            waiting.endInformal(referralId, caller.userId(), now);
        }
        events.informalSupport(r, held, caller.userId(), now);
        audit.record(r.subjectId(), AuditAction.INFORMAL_SUPPORT_RECORDED, List.of(), Purpose.REFERRAL, AuditBasis.REFERRAL,
                referralId.toString());
        return new InformalSupport(referralId, held, held ? now : null, r.version());
    }
}
