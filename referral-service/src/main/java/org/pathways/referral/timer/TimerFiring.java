package org.pathways.referral.timer;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.pathways.contracts.vocab.Purpose;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.outbox.Outbox;
import org.pathways.referral.domain.AuditAction;
import org.pathways.referral.domain.AuditBasis;
import org.pathways.referral.domain.HistoryEntry;
import org.pathways.referral.domain.Referral;
import org.pathways.referral.domain.ReferralStateMachine;
import org.pathways.referral.domain.ReferralStateMachine.Actor;
import org.pathways.referral.repository.ReferralRepository;
import org.pathways.referral.service.AuditTrail;
import org.pathways.referral.service.ReferralEvents;
import org.pathways.contracts.events.payload.ReferralEscalated;
import org.pathways.contracts.events.payload.ReferralReminder;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Fires due timers, each in its own transaction: claim (skip-locked), mark fired, apply the effect and write the
 * outbox event, commit. A crash before the commit leaves the timer open for the next poll; after it, the timer is
 * fired and never claimed again. So each timer's event is written exactly once, across restarts and instances.
 */
@ApplicationScoped
public class TimerFiring {

    private static final Logger LOG = Logger.getLogger(TimerFiring.class);

    /** The reminder event's {@code reminderKind} per timer kind. */
    private static final Map<TimerKind, String> REMINDER_KINDS = Map.of(TimerKind.REMIND, "RESPONSE_DUE",
            TimerKind.ON_HOLD_REVIEW, "REVIEW_DATE", TimerKind.NO_FIRST_CONTACT, "NO_FIRST_CONTACT");

    @Inject
    TimerRepository timers;

    @Inject
    TimerService service;

    @Inject
    ReferralRepository referrals;

    @Inject
    ReferralEvents events;

    @Inject
    Outbox outbox;

    @Inject
    AuditTrail audit;

    @Inject
    TimerConfig config;

    /** What one claim did. */
    public enum Outcome { NOTHING_DUE, FIRED, CANCELLED }

    /** Fires up to {@code max} due timers; returns how many fired (stale ones are cancelled, not counted). */
    public int fireDue(int max) {
        int fired = 0;
        for (int i = 0; i < max; i++) {
            UUID[] claimed = new UUID[1];
            Outcome o;
            try {
                o = QuarkusTransaction.requiringNew().call(() -> fireOne(claimed));
            } catch (RuntimeException e) {
                if (claimed[0] == null) throw e;
                // Everything of this attempt rolled back. Put the timer back later, so one failing timer cannot hold up
                // the ones due after it; it stays open and fires once it succeeds.
                UUID id = claimed[0];
                LOG.warnf("timer %s failed (%s); retrying in %s", id, e.getClass().getSimpleName(), config.retryDelay());
                QuarkusTransaction.requiringNew().run(() -> timers.postpone(id, Instant.now().plus(config.retryDelay())));
                continue;
            }
            if (o == Outcome.NOTHING_DUE) break;
            if (o == Outcome.FIRED) fired++;
        }
        return fired;
    }

    /** Claims and fires one due timer in the current transaction. */
    public Outcome fireOne() {
        return fireOne(new UUID[1]);
    }

    private Outcome fireOne(UUID[] claimedId) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Optional<TimerRepository.Timer> claimed = timers.claimDue(now);
        if (claimed.isEmpty()) return Outcome.NOTHING_DUE;
        TimerRepository.Timer t = claimed.get();
        claimedId[0] = t.id();
        Referral r = referrals.find(t.referralId()).orElseThrow();
        if (r.version() != t.referralVersion() || r.state() != t.kind().state()) {
            // The referral moved on (its move cancels open timers; this catches any that slipped through): never fire.
            timers.markCancelled(t.id(), now);
            return Outcome.CANCELLED;
        }
        timers.markFired(t.id(), now);
        switch (t.kind()) {
            case REMIND, ON_HOLD_REVIEW, NO_FIRST_CONTACT -> reminder(r, t, now);
            case ESCALATE -> outbox.publish(new ReferralEscalated(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), r.state().name(), t.dueAt().toString(), r.version(), now.toString()));
            case EXPIRE -> expire(r, now);
        }
        LOG.debugf("timer %s (%s) fired for referral %s", t.id(), t.kind(), r.id());
        return Outcome.FIRED;
    }

    private void reminder(Referral r, TimerRepository.Timer t, Instant now) {
        // A response reminder names the response target as its due time; the others their own due time.
        Instant dueAt = t.dueAt();
        if (t.kind() == TimerKind.REMIND) {
            dueAt = timers.forReferral(r.id()).stream()
                    .filter(x -> x.kind() == TimerKind.ESCALATE && x.referralVersion() == r.version())
                    .map(TimerRepository.Timer::dueAt).findFirst().orElse(t.dueAt());
        }
        outbox.publish(new ReferralReminder(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(), r.toOrganisationId(),
                r.toServiceId(), r.state().name(), REMINDER_KINDS.get(t.kind()), dueAt.toString(), r.version(), now.toString()));
    }

    /** SENT -> EXPIRED by the system, as the state machine allows it: history, events, end of access, audit. */
    private void expire(Referral r, Instant now) {
        ReferralStateMachine.Transition tr = ReferralStateMachine.move(r.state(), Actor.SYSTEM,
                ReferralStateMachine.Move.to(ReferralState.EXPIRED), Set.copyOf(r.needs()), LocalDate.now(ZoneId.of(config.zone())));
        Referral moved = r.moved(tr.to(), r.version() + 1, null, now);
        referrals.move(moved, new HistoryEntry(r.id(), moved.version(), now, null, null, Actor.SYSTEM, tr.from(), tr.to(), null,
                null, null, null));
        events.moved(moved, tr.from(), null, null, now);
        events.accessEnded(moved, null, now);
        service.changed(moved);
        // No caller in a scheduler thread: the audit's system path (actor "system").
        audit.recordSystem(r.subjectId(), AuditAction.REFERRAL_MOVED, List.of(), Purpose.REFERRAL, AuditBasis.REFERRAL,
                r.id().toString());
    }

}
