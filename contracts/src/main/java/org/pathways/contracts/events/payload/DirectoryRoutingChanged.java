package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.directory.routing.changed} events ({@link EventTypes#DIRECTORY_ROUTING_CHANGED}), field for field as in its schema
 * {@code schemas/pathways.directory.routing.changed.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param changeId The directory's audit row for this change (routing_change.id). (required)
 * @param serviceId Absent when the organisation-level (fallback) SPOC changed. (optional: null is left out)
 * @param organisationId (required)
 * @param actorUserId The user who made the change. (optional: null is left out)
 * @param source API: PUT .../spoc; IMPORT: POST /api/import. (required) one of API, IMPORT
 * @param parts What changed: USER (the SPOC's user id or username), MAILBOX (the SPOC mailbox). (required)
 * @param previousSpocUserId The previous SPOC's Keycloak user id, when one was known. (optional: null is left out)
 * @param spocUserId The new SPOC's Keycloak user id, when one is known. (optional: null is left out)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DirectoryRoutingChanged(
        UUID changeId,
        UUID serviceId,
        UUID organisationId,
        UUID actorUserId,
        String source,
        List<String> parts,
        UUID previousSpocUserId,
        UUID spocUserId,
        String occurredAt)
        implements EventPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.DIRECTORY_ROUTING_CHANGED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return (serviceId != null ? serviceId : organisationId).toString();
    }
}
