package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.directory.location.changed} events ({@link EventTypes#DIRECTORY_LOCATION_CHANGED}), field for field as in its schema
 * {@code schemas/pathways.directory.location.changed.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param locationId (required)
 * @param organisationId (required)
 * @param change What happened to the location. (required) one of CREATED, UPDATED, DELETED
 * @param serviceIds The services delivered at the location at the time of the change (their published details change with it). (optional: null is left out)
 * @param actorUserId The user who made the change. (optional: null is left out)
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryLocationChanged(
        UUID locationId,
        UUID organisationId,
        String change,
        List<UUID> serviceIds,
        UUID actorUserId,
        long version,
        String occurredAt)
        implements EventPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.DIRECTORY_LOCATION_CHANGED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return locationId.toString();
    }
}
