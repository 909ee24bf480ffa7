package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.directory.partnership.changed} events ({@link EventTypes#DIRECTORY_PARTNERSHIP_CHANGED}), field for field as in its schema
 * {@code schemas/pathways.directory.partnership.changed.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param partnershipId (required)
 * @param change What changed. (required) one of MEMBER_ADDED, MEMBER_REMOVED, AGREEMENT_RECORDED, CALENDAR_CHANGED, DELETED
 * @param organisationId The member added or removed (MEMBER_ADDED, MEMBER_REMOVED). (optional: null is left out)
 * @param agreementId The agreement version recorded (AGREEMENT_RECORDED). (optional: null is left out)
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryPartnershipChanged(
        UUID partnershipId,
        String change,
        UUID organisationId,
        UUID agreementId,
        long version,
        String occurredAt)
        implements EventPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.DIRECTORY_PARTNERSHIP_CHANGED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return partnershipId.toString();
    }
}
