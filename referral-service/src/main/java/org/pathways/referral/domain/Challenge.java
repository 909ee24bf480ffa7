package org.pathways.referral.domain;

import java.time.Instant;
import java.util.UUID;

import org.pathways.contracts.vocab.ChallengeOutcome;
import org.pathways.contracts.vocab.ChallengeReason;
import org.pathways.contracts.vocab.ReferralState;

/**
 * A referrer's escalation of a referral, or her request that a decline be reviewed, and the receiving organisation's
 * answer (issue 16 item 5, ADR 0055). Ids, codes and times only.
 */
public record Challenge(UUID id, UUID referralId, Kind kind, ChallengeReason reason, long referralVersion,
        ReferralState referralState, Instant raisedAt, String raisedBy, UUID raisedOrganisationId, Instant answeredAt,
        String answeredBy, UUID answeredOrganisationId, ChallengeOutcome outcome) {

    public enum Kind { ESCALATION, DECLINE_REVIEW }

    public boolean open() {
        return answeredAt == null;
    }

    public Challenge answered(ChallengeOutcome o, String by, UUID org, Instant at) {
        return new Challenge(id, referralId, kind, reason, referralVersion, referralState, raisedAt, raisedBy, raisedOrganisationId,
                at, by, org, o);
    }
}
