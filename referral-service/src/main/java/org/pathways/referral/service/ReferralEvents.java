package org.pathways.referral.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.events.payload.ReferralAccepted;
import org.pathways.contracts.events.payload.ReferralAccessEnded;
import org.pathways.contracts.events.payload.ReferralChallengeAnswered;
import org.pathways.contracts.events.payload.ReferralChallengeRaised;
import org.pathways.contracts.events.payload.ReferralCompleted;
import org.pathways.contracts.events.payload.ReferralDeclined;
import org.pathways.contracts.events.payload.ReferralEnteredInError;
import org.pathways.contracts.events.payload.ReferralExpired;
import org.pathways.contracts.events.payload.ReferralInProgress;
import org.pathways.contracts.events.payload.ReferralInformalSupport;
import org.pathways.contracts.events.payload.ReferralNotCompleted;
import org.pathways.contracts.events.payload.ReferralOnHold;
import org.pathways.contracts.events.payload.ReferralSent;
import org.pathways.contracts.events.payload.ReferralWithdrawn;
import org.pathways.contracts.vocab.ReasonCode;
import org.pathways.contracts.vocab.ReferralState;
import org.pathways.platform.outbox.Outbox;
import org.pathways.referral.domain.Referral;

/**
 * The referral's events on {@code referral.events}, through the outbox in the caller's transaction. Ids, states, codes,
 * versions and times only: never the note, the safe-contact instructions or anything from her summary.
 */
@ApplicationScoped
public class ReferralEvents {

    @Inject
    Outbox outbox;

    /** The event of a move to {@code r.state()} from {@code previous}. {@code actorUserId} null for the system. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moved(Referral r, ReferralState previous, ReasonCode reason, String actorUserId, Instant at) {
        UUID actor = actor(actorUserId);
        String state = r.state().name();
        String prev = previous.name();
        String code = reason == null ? null : reason.name();
        String when = at.toString();
        outbox.publish(switch (r.state()) {
            // replaces/parent/internal only on a send; internal: between two services of one organisation (ADR 0053)
            case SENT -> new ReferralSent(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(), r.toOrganisationId(),
                    r.toServiceId(), actor, state, prev, code, r.replacesReferralId(), r.parentReferralId(),
                    r.internal() ? Boolean.TRUE : null, r.version(), when);
            case ACCEPTED -> new ReferralAccepted(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code, r.version(), when);
            case DECLINED -> new ReferralDeclined(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code, r.version(), when);
            case WITHDRAWN -> new ReferralWithdrawn(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code, r.version(), when);
            // The schema's reviewAt: the start of the review date (UTC); the date itself is a code-like value, not personal.
            case ON_HOLD -> new ReferralOnHold(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code,
                    r.reviewDate().atStartOfDay().toInstant(ZoneOffset.UTC).toString(), r.version(), when);
            case IN_PROGRESS -> new ReferralInProgress(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code, r.version(), when);
            case COMPLETED -> new ReferralCompleted(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code, r.version(), when);
            case NOT_COMPLETED -> new ReferralNotCompleted(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code, r.version(), when);
            case EXPIRED -> new ReferralExpired(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code, r.version(), when);
            case ENTERED_IN_ERROR -> new ReferralEnteredInError(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                    r.toOrganisationId(), r.toServiceId(), actor, state, prev, code, r.version(), when);
            case DRAFT -> throw new IllegalArgumentException("a referral does not move to DRAFT");
        });
    }

    /** The receiving organisation's access to her summary through this referral ended (a terminal state). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accessEnded(Referral r, String actorUserId, Instant at) {
        outbox.publish(new ReferralAccessEnded(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                r.toOrganisationId(), r.toServiceId(), actor(actorUserId), r.toOrganisationId(), "TERMINAL_STATE", null,
                r.state().name(), r.version(), at.toString()));
    }

    /** Held informally (ADR 0054): the receiver supports her while she waits on its list ({@code held}), or stopped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void informalSupport(Referral r, boolean held, String actorUserId, Instant at) {
        outbox.publish(new ReferralInformalSupport(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                r.toOrganisationId(), r.toServiceId(), actor(actorUserId), r.state().name(), held, r.version(), at.toString()));
    }

    /** A referrer escalated the referral or asked for its decline to be reviewed (ADR 0055): codes only. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void challengeRaised(Referral r, org.pathways.referral.domain.Challenge c, String actorUserId, Instant at) {
        outbox.publish(new ReferralChallengeRaised(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                r.toOrganisationId(), r.toServiceId(), actor(actorUserId), c.id(), c.kind().name(), r.state().name(),
                c.reason().code(), r.version(), at.toString()));
    }

    /** The receiving organisation answered an escalation or a decline review (ADR 0055): codes only. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void challengeAnswered(Referral r, org.pathways.referral.domain.Challenge c, String actorUserId, Instant at) {
        outbox.publish(new ReferralChallengeAnswered(r.id(), r.pathwayId(), r.subjectId(), r.fromOrganisationId(),
                r.toOrganisationId(), r.toServiceId(), actor(actorUserId), c.id(), c.kind().name(), r.state().name(),
                c.outcome().code(), r.version(), at.toString()));
    }

    /** The actor as an id, or null (the system, or a service account whose name is not a user id). */
    static UUID actor(String actorUserId) {
        return actorUserId != null && isUuid(actorUserId) ? UUID.fromString(actorUserId) : null;
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
