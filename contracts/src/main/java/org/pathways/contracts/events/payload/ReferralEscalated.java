package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.referral.escalated} events ({@link EventTypes#REFERRAL_ESCALATED}), field for field as in its schema
 * {@code schemas/pathways.referral.escalated.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param referralId (required)
 * @param pathwayId (required)
 * @param subjectId (required)
 * @param fromOrganisationId (required)
 * @param toOrganisationId (required)
 * @param toServiceId (required)
 * @param state (required) one of SENT, ACCEPTED, ON_HOLD, IN_PROGRESS
 * @param dueAt When the response (or review) is due. (required)
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralEscalated(
        UUID referralId,
        UUID pathwayId,
        UUID subjectId,
        UUID fromOrganisationId,
        UUID toOrganisationId,
        UUID toServiceId,
        String state,
        String dueAt,
        long version,
        String occurredAt)
        implements ReferralPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.REFERRAL_ESCALATED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return referralId.toString();
    }
}
