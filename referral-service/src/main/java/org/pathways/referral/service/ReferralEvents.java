package org.pathways.referral.service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
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

    private static final Map<ReferralState, String> TYPES = Map.of(
            ReferralState.SENT, EventTypes.REFERRAL_SENT,
            ReferralState.ACCEPTED, EventTypes.REFERRAL_ACCEPTED,
            ReferralState.DECLINED, EventTypes.REFERRAL_DECLINED,
            ReferralState.WITHDRAWN, EventTypes.REFERRAL_WITHDRAWN,
            ReferralState.ON_HOLD, EventTypes.REFERRAL_ON_HOLD,
            ReferralState.IN_PROGRESS, EventTypes.REFERRAL_IN_PROGRESS,
            ReferralState.COMPLETED, EventTypes.REFERRAL_COMPLETED,
            ReferralState.NOT_COMPLETED, EventTypes.REFERRAL_NOT_COMPLETED,
            ReferralState.EXPIRED, EventTypes.REFERRAL_EXPIRED,
            ReferralState.ENTERED_IN_ERROR, EventTypes.REFERRAL_ENTERED_IN_ERROR);

    @Inject
    Outbox outbox;

    /** The event of a move to {@code r.state()} from {@code previous}. {@code actorUserId} null for the system. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moved(Referral r, ReferralState previous, ReasonCode reason, String actorUserId, Instant at) {
        Map<String, Object> data = base(r, actorUserId, at);
        data.put("previousState", previous.name());
        if (reason != null) data.put("reasonCode", reason.name());
        if (r.state() == ReferralState.SENT) {
            if (r.replacesReferralId() != null) data.put("replacesReferralId", r.replacesReferralId().toString());
            if (r.parentReferralId() != null) data.put("parentReferralId", r.parentReferralId().toString());
            if (r.internal()) data.put("internal", true); // between two services of one organisation (ADR 0053)
        }
        if (r.state() == ReferralState.ON_HOLD) {
            // The schema's reviewAt: the start of the review date (UTC); the date itself is a code-like value, not personal.
            data.put("reviewAt", r.reviewDate().atStartOfDay().toInstant(java.time.ZoneOffset.UTC).toString());
        }
        outbox.publish(Topics.REFERRAL_EVENTS, TYPES.get(r.state()), r.id().toString(), data);
    }

    /** The receiving organisation's access to her summary through this referral ended (a terminal state). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accessEnded(Referral r, String actorUserId, Instant at) {
        Map<String, Object> data = base(r, actorUserId, at);
        data.put("organisationId", r.toOrganisationId().toString());
        data.put("cause", "TERMINAL_STATE");
        outbox.publish(Topics.REFERRAL_EVENTS, EventTypes.REFERRAL_ACCESS_ENDED, r.id().toString(), data);
    }

    /** Held informally (ADR 0054): the receiver supports her while she waits on its list ({@code held}), or stopped. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void informalSupport(Referral r, boolean held, String actorUserId, Instant at) {
        Map<String, Object> data = base(r, actorUserId, at);
        data.put("held", held);
        outbox.publish(Topics.REFERRAL_EVENTS, EventTypes.REFERRAL_INFORMAL_SUPPORT, r.id().toString(), data);
    }

    /** A referrer escalated the referral or asked for its decline to be reviewed (ADR 0055): codes only. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void challengeRaised(Referral r, org.pathways.referral.domain.Challenge c, String actorUserId, Instant at) {
        Map<String, Object> data = base(r, actorUserId, at);
        data.put("challengeId", c.id().toString());
        data.put("kind", c.kind().name());
        data.put("reasonCode", c.reason().code());
        outbox.publish(Topics.REFERRAL_EVENTS, EventTypes.REFERRAL_CHALLENGE_RAISED, r.id().toString(), data);
    }

    /** The receiving organisation answered an escalation or a decline review (ADR 0055): codes only. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void challengeAnswered(Referral r, org.pathways.referral.domain.Challenge c, String actorUserId, Instant at) {
        Map<String, Object> data = base(r, actorUserId, at);
        data.put("challengeId", c.id().toString());
        data.put("kind", c.kind().name());
        data.put("outcome", c.outcome().code());
        outbox.publish(Topics.REFERRAL_EVENTS, EventTypes.REFERRAL_CHALLENGE_ANSWERED, r.id().toString(), data);
    }

    private static Map<String, Object> base(Referral r, String actorUserId, Instant at) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("referralId", r.id().toString());
        data.put("pathwayId", r.pathwayId().toString());
        data.put("subjectId", r.subjectId().toString());
        data.put("fromOrganisationId", r.fromOrganisationId().toString());
        data.put("toOrganisationId", r.toOrganisationId().toString());
        data.put("toServiceId", r.toServiceId().toString());
        if (actorUserId != null && isUuid(actorUserId)) data.put("actorUserId", actorUserId);
        data.put("state", r.state().name());
        data.put("version", r.version());
        data.put("occurredAt", at.toString());
        return data;
    }

    private static boolean isUuid(String s) {
        try {
            return UUID.fromString(s).toString().equals(s);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
