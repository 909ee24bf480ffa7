package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.referral.on-hold} events ({@link EventTypes#REFERRAL_ON_HOLD}), field for field as in its schema
 * {@code schemas/pathways.referral.on-hold.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param referralId (required)
 * @param pathwayId (required)
 * @param subjectId (required)
 * @param fromOrganisationId (required)
 * @param toOrganisationId (required)
 * @param toServiceId (required)
 * @param actorUserId The user who made the change; absent for system changes. (optional: null is left out)
 * @param state (required) always "ON_HOLD"
 * @param previousState SENT: accepted straight onto the waiting list (issue 16, ADR 0054). (required) one of SENT, ACCEPTED, IN_PROGRESS
 * @param reasonCode (optional: null is left out) code: defs.json reasonCode
 * @param reviewAt When the hold is reviewed. (required)
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralOnHold(
        UUID referralId,
        UUID pathwayId,
        UUID subjectId,
        UUID fromOrganisationId,
        UUID toOrganisationId,
        UUID toServiceId,
        UUID actorUserId,
        String state,
        String previousState,
        String reasonCode,
        String reviewAt,
        long version,
        String occurredAt)
        implements ReferralMove {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.REFERRAL_ON_HOLD;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return referralId.toString();
    }
}
