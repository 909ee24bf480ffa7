package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.referral.informal-support} events ({@link EventTypes#REFERRAL_INFORMAL_SUPPORT}), field for field as in its schema
 * {@code schemas/pathways.referral.informal-support.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param referralId (required)
 * @param pathwayId (required)
 * @param subjectId (required)
 * @param fromOrganisationId (required)
 * @param toOrganisationId (required)
 * @param toServiceId (required)
 * @param actorUserId The user who recorded it. (optional: null is left out)
 * @param state (required) always "ON_HOLD"
 * @param held (required)
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralInformalSupport(
        UUID referralId,
        UUID pathwayId,
        UUID subjectId,
        UUID fromOrganisationId,
        UUID toOrganisationId,
        UUID toServiceId,
        UUID actorUserId,
        String state,
        boolean held,
        long version,
        String occurredAt)
        implements ReferralPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.REFERRAL_INFORMAL_SUPPORT;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return referralId.toString();
    }
}
