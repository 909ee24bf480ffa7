package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.subject.lead-worker-changed} events ({@link EventTypes#SUBJECT_LEAD_WORKER_CHANGED}), field for field as in its schema
 * {@code schemas/pathways.subject.lead-worker-changed.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param subjectId (required)
 * @param organisationId The organisation that registered her (whose worker leads her case). (required)
 * @param leadWorkerUserId The Keycloak user id of her new lead worker at organisationId. (required)
 * @param version The subject's version after the handover (registration is version 0). (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubjectLeadWorkerChanged(
        UUID subjectId,
        UUID organisationId,
        UUID leadWorkerUserId,
        long version,
        String occurredAt)
        implements SubjectPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.SUBJECT_LEAD_WORKER_CHANGED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return subjectId.toString();
    }
}
