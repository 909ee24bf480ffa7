package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.directory.spoc.changed} events ({@link EventTypes#DIRECTORY_SPOC_CHANGED}), field for field as in its schema
 * {@code schemas/pathways.directory.spoc.changed.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param serviceId Absent when the SPOC is organisation-wide. (optional: null is left out)
 * @param organisationId (required)
 * @param actorUserId The user who made the change. (optional: null is left out)
 * @param spocUserIds Keycloak user ids of the SPOCs; absent or empty when the SPOC is an organisation mailbox. (optional: null is left out)
 * @param version (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectorySpocChanged(
        UUID serviceId,
        UUID organisationId,
        UUID actorUserId,
        List<UUID> spocUserIds,
        long version,
        String occurredAt)
        implements EventPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.DIRECTORY_SPOC_CHANGED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return (serviceId != null ? serviceId : organisationId).toString();
    }
}
