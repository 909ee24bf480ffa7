package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;
import org.pathways.contracts.events.EventTypes;

/**
 * The data of {@code pathways.subject.team-changed} events ({@link EventTypes#SUBJECT_TEAM_CHANGED}), field for field as in its schema
 * {@code schemas/pathways.subject.team-changed.json}. {@code EventPayloadsTest} keeps the two equal.
 *
 * @param subjectId (required)
 * @param organisationId The organisation that registered her. (required)
 * @param actorUserId The user who made the change. (optional: null is left out)
 * @param members Every current member of her team (empty when the last one left). (required)
 * @param version The team's version after the change (1 for the first member added). (required)
 * @param occurredAt (required)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SubjectTeamChanged(
        UUID subjectId,
        UUID organisationId,
        UUID actorUserId,
        List<Member> members,
        long version,
        String occurredAt)
        implements SubjectPayload {

    /** The CloudEvents type of this payload. */
    public static final String TYPE = EventTypes.SUBJECT_TEAM_CHANGED;

    @Override
    public String eventType() {
        return TYPE;
    }

    @Override
    public String aggregateId() {
        return subjectId.toString();
    }

    /** One member of her team: ids and a role code ({@code org.pathways.contracts.vocab.TeamRole}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Member(UUID userId, UUID organisationId, String role) {
    }
}
