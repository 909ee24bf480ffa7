package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.consent.changed} events ({@link EventTypes#CONSENT_CHANGED}), field for field as in its schema
 * {@code schemas/pathways.consent.changed.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param consentId (required)
 * @param version (required)
 * @param subjectId (required)
 * @param partnershipId (required)
 * @param organisationId The organisation that recorded the consent or the change. (required)
 * @param actorUserId The user who recorded it; absent for system changes. (optional: null is left out)
 * @param state (required) always "ACTIVE"
 * @param expiresAt When this consent version expires. (optional: null is left out)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentChanged(
        UUID consentId,
        long version,
        UUID subjectId,
        UUID partnershipId,
        UUID organisationId,
        UUID actorUserId,
        String state,
        String expiresAt,
        String occurredAt)
        implements ConsentPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.CONSENT_CHANGED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return consentId.toString();
    }
}
