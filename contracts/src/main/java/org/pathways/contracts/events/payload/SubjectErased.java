package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.subject.erased} events ({@link EventTypes#SUBJECT_ERASED}), field for field as in its schema
 * {@code schemas/pathways.subject.erased.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param subjectId (required)
 * @param organisationId (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubjectErased(
        UUID subjectId,
        UUID organisationId,
        String occurredAt)
        implements SubjectPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.SUBJECT_ERASED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return subjectId.toString();
    }
}
