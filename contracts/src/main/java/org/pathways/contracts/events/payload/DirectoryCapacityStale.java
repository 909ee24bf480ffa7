package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.directory.capacity.stale} events ({@link EventTypes#DIRECTORY_CAPACITY_STALE}), field for field as in its schema
 * {@code schemas/pathways.directory.capacity.stale.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param serviceId (required)
 * @param organisationId (required)
 * @param capacityStatus The status as last confirmed. (required) code: defs.json capacityStatus
 * @param capacityUpdatedAt When the capacity was last set or confirmed; the stale period is counted from here. (required)
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryCapacityStale(
        UUID serviceId,
        UUID organisationId,
        String capacityStatus,
        String capacityUpdatedAt,
        long version,
        String occurredAt)
        implements DirectoryServicePayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.DIRECTORY_CAPACITY_STALE;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return serviceId.toString();
    }
}
