package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.consent.override.refused} events ({@link EventTypes#CONSENT_OVERRIDE_REFUSED}), field for field as in its schema
 * {@code schemas/pathways.consent.override.refused.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param overrideId (required)
 * @param version (required)
 * @param subjectId (required)
 * @param partnershipId (required)
 * @param organisationId The organisation sharing without consent. (required)
 * @param actorUserId The user who requested the override. (optional: null is left out)
 * @param refuserUserId The user who refused the override. (required)
 * @param reasonCode Why it was refused (a fixed code). (required) one of NOT_PROPORTIONATE, INSUFFICIENT_GROUNDS, CONSENT_OBTAINABLE, OTHER
 * @param state (required) always "REFUSED"
 * @param validUntil Until when the override allows sharing. (optional: null is left out)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentOverrideRefused(
        UUID overrideId,
        long version,
        UUID subjectId,
        UUID partnershipId,
        UUID organisationId,
        UUID actorUserId,
        UUID refuserUserId,
        String reasonCode,
        String state,
        String validUntil,
        String occurredAt)
        implements OverridePayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.CONSENT_OVERRIDE_REFUSED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return overrideId.toString();
    }
}
