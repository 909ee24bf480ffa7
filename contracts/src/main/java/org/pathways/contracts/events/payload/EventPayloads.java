package org.pathways.contracts.events.payload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Objects;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.MalformedEventException;

/**
 * Which record holds the data of which event type, and reading an event's data as that record. Producers hand a record
 * to the outbox ({@code Outbox.publish(EventPayload)}); consumers call {@link #read(EventEnvelope, Class)}.
 */
public final class EventPayloads {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Map<String, Class<? extends EventPayload>> RECORDS = Map.ofEntries(
            Map.entry(ConsentChanged.TYPE, ConsentChanged.class),
            Map.entry(ConsentExpired.TYPE, ConsentExpired.class),
            Map.entry(ConsentExpiring.TYPE, ConsentExpiring.class),
            Map.entry(ConsentGranted.TYPE, ConsentGranted.class),
            Map.entry(ConsentOverrideApproved.TYPE, ConsentOverrideApproved.class),
            Map.entry(ConsentOverrideExpired.TYPE, ConsentOverrideExpired.class),
            Map.entry(ConsentOverrideRefused.TYPE, ConsentOverrideRefused.class),
            Map.entry(ConsentOverrideRequested.TYPE, ConsentOverrideRequested.class),
            Map.entry(ConsentWidened.TYPE, ConsentWidened.class),
            Map.entry(ConsentWithdrawn.TYPE, ConsentWithdrawn.class),
            Map.entry(DirectoryCapacityChanged.TYPE, DirectoryCapacityChanged.class),
            Map.entry(DirectoryCapacityStale.TYPE, DirectoryCapacityStale.class),
            Map.entry(DirectoryLocationChanged.TYPE, DirectoryLocationChanged.class),
            Map.entry(DirectoryPartnershipChanged.TYPE, DirectoryPartnershipChanged.class),
            Map.entry(DirectoryRoutingChanged.TYPE, DirectoryRoutingChanged.class),
            Map.entry(DirectoryServiceCreated.TYPE, DirectoryServiceCreated.class),
            Map.entry(DirectoryServiceUpdated.TYPE, DirectoryServiceUpdated.class),
            Map.entry(DirectorySpocChanged.TYPE, DirectorySpocChanged.class),
            Map.entry(ReferralAccepted.TYPE, ReferralAccepted.class),
            Map.entry(ReferralAccessEnded.TYPE, ReferralAccessEnded.class),
            Map.entry(ReferralChallengeAnswered.TYPE, ReferralChallengeAnswered.class),
            Map.entry(ReferralChallengeRaised.TYPE, ReferralChallengeRaised.class),
            Map.entry(ReferralCompleted.TYPE, ReferralCompleted.class),
            Map.entry(ReferralDeclined.TYPE, ReferralDeclined.class),
            Map.entry(ReferralEnteredInError.TYPE, ReferralEnteredInError.class),
            Map.entry(ReferralEscalated.TYPE, ReferralEscalated.class),
            Map.entry(ReferralExpired.TYPE, ReferralExpired.class),
            Map.entry(ReferralInProgress.TYPE, ReferralInProgress.class),
            Map.entry(ReferralInformalSupport.TYPE, ReferralInformalSupport.class),
            Map.entry(ReferralNotCompleted.TYPE, ReferralNotCompleted.class),
            Map.entry(ReferralOnHold.TYPE, ReferralOnHold.class),
            Map.entry(ReferralReminder.TYPE, ReferralReminder.class),
            Map.entry(ReferralSent.TYPE, ReferralSent.class),
            Map.entry(ReferralSupportPeriod.TYPE, ReferralSupportPeriod.class),
            Map.entry(ReferralWithdrawn.TYPE, ReferralWithdrawn.class),
            Map.entry(SubjectErased.TYPE, SubjectErased.class),
            Map.entry(SubjectLeadWorkerChanged.TYPE, SubjectLeadWorkerChanged.class),
            Map.entry(SubjectRegistered.TYPE, SubjectRegistered.class),
            Map.entry(SubjectTeamChanged.TYPE, SubjectTeamChanged.class)
    );

    private EventPayloads() {
    }

    /** Every event type and its record (one record per type). Unmodifiable. */
    public static Map<String, Class<? extends EventPayload>> all() {
        return RECORDS;
    }

    /**
     * The record of {@code type}.
     *
     * @throws IllegalArgumentException for an unknown type
     */
    public static Class<? extends EventPayload> recordOf(String type) {
        Class<? extends EventPayload> record = type == null ? null : RECORDS.get(type);
        if (record == null) {
            throw new IllegalArgumentException("unknown event type");
        }
        return record;
    }

    /** The payload as JSON (null members left out), as the outbox stores it. */
    public static JsonNode toJson(EventPayload payload) {
        return MAPPER.valueToTree(Objects.requireNonNull(payload, "payload must not be null"));
    }

    /**
     * The event's data as the record of its type.
     *
     * @throws MalformedEventException {@code unknown-type}, or {@code invalid-data:<field>} when a member has the wrong
     *                                 shape (e.g. an id that is not a UUID); the message never quotes the data
     */
    public static EventPayload read(EventEnvelope event) {
        Class<? extends EventPayload> record = RECORDS.get(event.type());
        if (record == null) {
            throw new MalformedEventException("unknown-type");
        }
        return fromJson(event.data(), record);
    }

    /**
     * The event's data as {@code as}: its record, or an interface its record implements (e.g. {@link ReferralMove}).
     *
     * @throws MalformedEventException as {@link #read(EventEnvelope)}, or {@code unexpected-type} when the event's
     *                                 record is not an {@code as}
     */
    public static <T extends EventPayload> T read(EventEnvelope event, Class<T> as) {
        EventPayload payload = read(event);
        if (!as.isInstance(payload)) {
            throw new MalformedEventException("unexpected-type");
        }
        return as.cast(payload);
    }

    /** {@code data} as {@code record}; see {@link #read(EventEnvelope)} for the failures. */
    public static <T extends EventPayload> T fromJson(JsonNode data, Class<T> record) {
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("invalid-data");
        }
        try {
            return MAPPER.treeToValue(data, record);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // Name the member, never its value: Jackson's message quotes the input.
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? m.getPath().get(0).getFieldName() : null;
            throw new MalformedEventException(field == null ? "invalid-data" : "invalid-data:" + field);
        }
    }
}
