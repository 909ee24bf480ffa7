package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.directory.service.created} events ({@link EventTypes#DIRECTORY_SERVICE_CREATED}), field for field as in its schema
 * {@code schemas/pathways.directory.service.created.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param serviceId (required)
 * @param organisationId (required)
 * @param actorUserId The user who made the change. (optional: null is left out)
 * @param capacityStatus (optional: null is left out) code: defs.json capacityStatus
 * @param needCodes Needs the service meets (taxonomy codes). (optional: null is left out)
 * @param eligibilityCodes Who the service can support: eligibility facts (ADR 0063). (optional: null is left out)
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryServiceCreated(
        UUID serviceId,
        UUID organisationId,
        UUID actorUserId,
        String capacityStatus,
        List<String> needCodes,
        List<String> eligibilityCodes,
        long version,
        String occurredAt)
        implements DirectoryServicePayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.DIRECTORY_SERVICE_CREATED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return serviceId.toString();
    }
}
