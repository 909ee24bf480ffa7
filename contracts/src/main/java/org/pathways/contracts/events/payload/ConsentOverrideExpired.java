package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.consent.override.expired} events ({@link EventTypes#CONSENT_OVERRIDE_EXPIRED}), field for field as in its schema
 * {@code schemas/pathways.consent.override.expired.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param overrideId (required)
 * @param version (required)
 * @param subjectId (required)
 * @param partnershipId (required)
 * @param organisationId The organisation that requested the override. (required)
 * @param state (required) always "EXPIRED"
 * @param previousState APPROVED (sharing stopped) or REQUESTED (never approved in time). (required) code: defs.json overrideState
 * @param validUntil (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentOverrideExpired(
        UUID overrideId,
        long version,
        UUID subjectId,
        UUID partnershipId,
        UUID organisationId,
        String state,
        String previousState,
        String validUntil,
        String occurredAt)
        implements OverridePayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.CONSENT_OVERRIDE_EXPIRED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return overrideId.toString();
    }
}
