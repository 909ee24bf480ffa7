package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.consent.widened} events ({@link EventTypes#CONSENT_WIDENED}), field for field as in its schema
 * {@code schemas/pathways.consent.widened.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param consentId (required)
 * @param version The new, wider version. (required)
 * @param subjectId (required)
 * @param partnershipId (required)
 * @param recordedByOrganisationId The organisation that recorded the wider version (it has taken up a referral for her). (required)
 * @param recordedByUserId The user who recorded it. (required)
 * @param registeringOrganisationId The organisation that registered her: its lead worker and privacy officers are told. (required)
 * @param leadWorkerUserId Her lead worker at the registering organisation, when she has one. (optional: null is left out)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentWidened(
        UUID consentId,
        long version,
        UUID subjectId,
        UUID partnershipId,
        UUID recordedByOrganisationId,
        UUID recordedByUserId,
        UUID registeringOrganisationId,
        UUID leadWorkerUserId,
        String occurredAt)
        implements EventPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.CONSENT_WIDENED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return consentId.toString();
    }
}
