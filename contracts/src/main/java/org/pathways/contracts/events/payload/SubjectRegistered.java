package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.subject.registered} events ({@link EventTypes#SUBJECT_REGISTERED}), field for field as in its schema
 * {@code schemas/pathways.subject.registered.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param subjectId (required)
 * @param organisationId (required)
 * @param leadWorkerUserId Optional: the Keycloak user id of her lead worker at organisationId when she was registered (consent-service names it in consent.expiring). (optional: null is left out)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubjectRegistered(
        UUID subjectId,
        UUID organisationId,
        UUID leadWorkerUserId,
        String occurredAt)
        implements SubjectPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.SUBJECT_REGISTERED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return subjectId.toString();
    }
}
