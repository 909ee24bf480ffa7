package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.directory.capacity.changed} events ({@link EventTypes#DIRECTORY_CAPACITY_CHANGED}), field for field as in its schema
 * {@code schemas/pathways.directory.capacity.changed.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param serviceId (required)
 * @param organisationId (required)
 * @param actorUserId The user who made the change. (optional: null is left out)
 * @param capacityStatus (required) code: defs.json capacityStatus
 * @param previousCapacityStatus (optional: null is left out) code: defs.json capacityStatus
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryCapacityChanged(
        UUID serviceId,
        UUID organisationId,
        UUID actorUserId,
        String capacityStatus,
        String previousCapacityStatus,
        long version,
        String occurredAt)
        implements DirectoryServicePayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.DIRECTORY_CAPACITY_CHANGED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return serviceId.toString();
    }
}
