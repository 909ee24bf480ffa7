package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.referral.access-ended} events ({@link EventTypes#REFERRAL_ACCESS_ENDED}), field for field as in its schema
 * {@code schemas/pathways.referral.access-ended.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param referralId (required)
 * @param pathwayId (required)
 * @param subjectId (required)
 * @param fromOrganisationId (required)
 * @param toOrganisationId (required)
 * @param toServiceId (required)
 * @param actorUserId The user who made the change; absent for system changes. (optional: null is left out)
 * @param organisationId The organisation whose access ended. (required)
 * @param cause (required) code: defs.json accessEndedCause
 * @param consentId The withdrawn consent, when cause is CONSENT_WITHDRAWN. (optional: null is left out)
 * @param state (required) code: defs.json referralState
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReferralAccessEnded(
        UUID referralId,
        UUID pathwayId,
        UUID subjectId,
        UUID fromOrganisationId,
        UUID toOrganisationId,
        UUID toServiceId,
        UUID actorUserId,
        UUID organisationId,
        String cause,
        UUID consentId,
        String state,
        long version,
        String occurredAt)
        implements ReferralPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.REFERRAL_ACCESS_ENDED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return referralId.toString();
    }
}
