package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.referral.challenge-answered} events ({@link EventTypes#REFERRAL_CHALLENGE_ANSWERED}), field for field as in its schema
 * {@code schemas/pathways.referral.challenge-answered.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param referralId (required)
 * @param pathwayId (required)
 * @param subjectId (required)
 * @param fromOrganisationId (required)
 * @param toOrganisationId (required)
 * @param toServiceId (required)
 * @param actorUserId The user who raised or answered it. (optional: null is left out)
 * @param challengeId (required)
 * @param kind (required) one of ESCALATION, DECLINE_REVIEW
 * @param state (required) code: defs.json referralState
 * @param outcome (required) one of ACTIONED, CANNOT_ACT_NOW, DECLINE_UPHELD, DECLINE_OVERTURNED
 * @param version The referral's version (unchanged by the answer). (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralChallengeAnswered(
        UUID referralId,
        UUID pathwayId,
        UUID subjectId,
        UUID fromOrganisationId,
        UUID toOrganisationId,
        UUID toServiceId,
        UUID actorUserId,
        UUID challengeId,
        String kind,
        String state,
        String outcome,
        long version,
        String occurredAt)
        implements ReferralPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.REFERRAL_CHALLENGE_ANSWERED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return referralId.toString();
    }
}
