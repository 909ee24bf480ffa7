package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.consent.override.requested} events ({@link EventTypes#CONSENT_OVERRIDE_REQUESTED}), field for field as in its schema
 * {@code schemas/pathways.consent.override.requested.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param overrideId (required)
 * @param version (required)
 * @param subjectId (required)
 * @param partnershipId (required)
 * @param organisationId The organisation sharing without consent. (required)
 * @param actorUserId The user who requested the override. (optional: null is left out)
 * @param state (required) always "REQUESTED"
 * @param validUntil Until when the override allows sharing. (optional: null is left out)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentOverrideRequested(
        UUID overrideId,
        long version,
        UUID subjectId,
        UUID partnershipId,
        UUID organisationId,
        UUID actorUserId,
        String state,
        String validUntil,
        String occurredAt)
        implements OverridePayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.CONSENT_OVERRIDE_REQUESTED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return overrideId.toString();
    }
}
