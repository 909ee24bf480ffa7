package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.consent.withdrawn} events ({@link EventTypes#CONSENT_WITHDRAWN}), field for field as in its schema
 * {@code schemas/pathways.consent.withdrawn.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param consentId (required)
 * @param version (required)
 * @param subjectId (required)
 * @param partnershipId (required)
 * @param organisationId The organisation that recorded the consent or the change. (required)
 * @param actorUserId The user who recorded it; absent for system changes. (optional: null is left out)
 * @param state WITHDRAWN when the whole consent was withdrawn; ACTIVE (the state of the new, narrower version) when only part of it was. (required) one of WITHDRAWN, ACTIVE
 * @param scope WHOLE, or PARTIAL (one recipient and/or one category). (optional: null is left out) one of WHOLE, PARTIAL
 * @param withdrawnRecipientIds PARTIAL only: the ids of the recipients (organisations, services, or the consent's own partnership) whose provisions this withdrawal removed, so only the receivers it affects are told (issue 14). Absent: treat every receiver as affected. (optional: null is left out)
 * @param expiresAt When this consent version expires. (optional: null is left out)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentWithdrawn(
        UUID consentId,
        long version,
        UUID subjectId,
        UUID partnershipId,
        UUID organisationId,
        UUID actorUserId,
        String state,
        String scope,
        List<UUID> withdrawnRecipientIds,
        String expiresAt,
        String occurredAt)
        implements ConsentPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.CONSENT_WITHDRAWN;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return consentId.toString();
    }
}
