package org.pathways.contracts.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.UUID;

/**
 * One Pathways event: a CloudEvents 1.0 event whose data is a JSON object. Immutable ({@link #data()} is copied in and
 * out).
 *
 * <p>On Kafka the envelope travels in <em>structured mode</em>: the record value is {@link #toBytes()} (media type
 * {@value #STRUCTURED_CONTENT_TYPE}) and the record key is {@link #subject()}, the aggregate id, so one aggregate's
 * events stay in order.
 *
 * <p>The data carries identifiers, states, codes, versions and timestamps only: never personal data. Check it with
 * {@link EventSchemas#validate(String, JsonNode)} before publishing.
 *
 * @param id              unique event id (consumers dedupe on it)
 * @param source          the producing service, e.g. {@code /referral-service}
 * @param type            one of {@link EventTypes}
 * @param subject         the aggregate id (e.g. the referral id); also the Kafka key
 * @param time            when the change happened (normalised to UTC)
 * @param dataContentType always {@value #DATA_CONTENT_TYPE}
 * @param data            the payload, a JSON object
 */
public record EventEnvelope(String id, URI source, String type, String subject, OffsetDateTime time,
                            String dataContentType, JsonNode data) {

    /** The only data content type Pathways events use. */
    public static final String DATA_CONTENT_TYPE = "application/json";
    /** Media type of a structured-mode event (the Kafka record value), for the {@code content-type} header. */
    public static final String STRUCTURED_CONTENT_TYPE = JsonFormat.CONTENT_TYPE;

    private static final EventFormat FORMAT = new JsonFormat();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public EventEnvelope {
        requireText(id, "id");
        Objects.requireNonNull(source, "source must not be null");
        if (source.toString().isEmpty()) {
            throw new IllegalArgumentException("source must not be empty");
        }
        requireText(type, "type");
        requireText(subject, "subject");
        Objects.requireNonNull(time, "time must not be null");
        time = time.withOffsetSameInstant(ZoneOffset.UTC);
        if (dataContentType == null) {
            dataContentType = DATA_CONTENT_TYPE;
        } else if (!DATA_CONTENT_TYPE.equals(dataContentType)) {
            throw new IllegalArgumentException("dataContentType must be " + DATA_CONTENT_TYPE);
        }
        Objects.requireNonNull(data, "data must not be null");
        if (!data.isObject()) {
            throw new IllegalArgumentException("data must be a JSON object");
        }
        data = data.deepCopy();
    }

    /** A new event with a random UUID id, the current time and {@value #DATA_CONTENT_TYPE} data. */
    public static EventEnvelope of(URI source, String type, String subject, JsonNode data) {
        return new EventEnvelope(UUID.randomUUID().toString(), source, type, subject, OffsetDateTime.now(ZoneOffset.UTC),
                DATA_CONTENT_TYPE, data);
    }

    /** A copy of the payload (the record stays immutable). */
    @Override
    public JsonNode data() {
        return data.deepCopy();
    }

    /** This event as a CloudEvents SDK event (e.g. for binary-mode transports or SDK integrations). */
    public CloudEvent toCloudEvent() {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type)
                .withSubject(subject)
                .withTime(time)
                .withDataContentType(dataContentType)
                .withData(JsonCloudEventData.wrap(data))
                .build();
    }

    /** The structured-mode JSON bytes ({@value #STRUCTURED_CONTENT_TYPE}): the Kafka record value. */
    public byte[] toBytes() {
        return FORMAT.serialize(toCloudEvent());
    }

    /** Same as {@link #toBytes()}. */
    public static byte[] write(EventEnvelope event) {
        return Objects.requireNonNull(event, "event must not be null").toBytes();
    }

    /**
     * Parses structured-mode JSON bytes.
     *
     * @throws MalformedEventException if the bytes are not a CloudEvents 1.0 JSON event with id, source, type, subject,
     *                                 time, datacontenttype {@value #DATA_CONTENT_TYPE} and an object as data. The
     *                                 exception never contains the input.
     */
    public static EventEnvelope parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new MalformedEventException("empty");
        }
        CloudEvent event;
        try {
            event = FORMAT.deserialize(bytes);
        } catch (RuntimeException e) {
            throw new MalformedEventException(classify(bytes));
        }
        return fromCloudEvent(event);
    }

    /**
     * Converts an SDK event (e.g. read by a binary-mode transport).
     *
     * @throws MalformedEventException as for {@link #parse(byte[])}
     */
    public static EventEnvelope fromCloudEvent(CloudEvent event) {
        if (event == null) {
            throw new MalformedEventException("empty");
        }
        if (event.getSpecVersion() != SpecVersion.V1) {
            throw new MalformedEventException("unsupported-specversion");
        }
        if (event.getSubject() == null || event.getSubject().isBlank()) {
            throw new MalformedEventException("missing-attribute:subject");
        }
        if (event.getTime() == null) {
            throw new MalformedEventException("missing-attribute:time");
        }
        if (event.getDataContentType() == null) {
            throw new MalformedEventException("missing-attribute:datacontenttype");
        }
        if (!DATA_CONTENT_TYPE.equals(event.getDataContentType())) {
            throw new MalformedEventException("unsupported-datacontenttype");
        }
        JsonNode data = dataNode(event.getData());
        if (!data.isObject()) {
            throw new MalformedEventException("data-not-object");
        }
        try {
            return new EventEnvelope(event.getId(), event.getSource(), event.getType(), event.getSubject(),
                    event.getTime(), event.getDataContentType(), data);
        } catch (IllegalArgumentException | NullPointerException e) {
            // The SDK already enforces id, source and type; this is a safety net. Our messages hold no values.
            throw new MalformedEventException("invalid-attribute");
        }
    }

    private static JsonNode dataNode(CloudEventData data) {
        if (data == null) {
            throw new MalformedEventException("missing-data");
        }
        if (data instanceof JsonCloudEventData json) {
            return json.getNode();
        }
        try {
            return MAPPER.readTree(data.toBytes());
        } catch (IOException e) {
            throw new MalformedEventException("data-not-json");
        }
    }

    /** Works out a reason code for bytes the SDK refused, without ever quoting them. */
    private static String classify(byte[] bytes) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            return "not-json";
        } catch (IOException | RuntimeException e) {
            return "unreadable";
        }
        if (root == null || !root.isObject()) {
            return "not-json-object";
        }
        JsonNode specversion = root.get("specversion");
        if (specversion == null) {
            return "missing-attribute:specversion";
        }
        if (!specversion.isTextual() || !"1.0".equals(specversion.asText())) {
            return "unsupported-specversion";
        }
        for (String required : new String[] {"id", "source", "type"}) {
            JsonNode value = root.get(required);
            if (value == null || value.isNull()) {
                return "missing-attribute:" + required;
            }
            if (!value.isTextual()) {
                return "invalid-attribute:" + required;
            }
        }
        JsonNode time = root.get("time");
        if (time != null && !time.isNull()) {
            try {
                OffsetDateTime.parse(time.asText());
            } catch (DateTimeParseException e) {
                return "invalid-attribute:time";
            }
        }
        return "not-a-cloudevent";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
