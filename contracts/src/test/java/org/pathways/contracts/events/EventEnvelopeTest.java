package org.pathways.contracts.events;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.contracts.events.ExamplePayloads.MAPPER;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventEnvelopeTest {

    private static final URI SOURCE = URI.create("/referral-service");
    private static final String REFERRAL_ID = "5f0c1e2a-7d4b-4b8e-9a61-0f3c2d1e4b5a";
    private static final String SECRET = "Jane Doe";

    private static EventEnvelope sample() {
        return new EventEnvelope("e3b0c442-98fc-4c14-9afb-f4c8996fb924", SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID,
                OffsetDateTime.parse("2025-03-04T09:15:30.123456Z"), EventEnvelope.DATA_CONTENT_TYPE,
                ExamplePayloads.referralSent());
    }

    @Test
    void roundTripThroughStructuredBytes() {
        EventEnvelope event = sample();
        byte[] bytes = event.toBytes();
        EventEnvelope back = EventEnvelope.parse(bytes);

        assertEquals(event.id(), back.id());
        assertEquals(event.type(), back.type());
        assertEquals(event.subject(), back.subject());
        assertEquals(event.data(), back.data());
        assertEquals(event.source(), back.source());
        assertEquals(event.time(), back.time());
        assertEquals(EventEnvelope.DATA_CONTENT_TYPE, back.dataContentType());
        assertEquals(event, back);
        assertArrayEquals(bytes, EventEnvelope.write(back), "serialisation is stable");
    }

    @Test
    void bytesAreAStructuredModeCloudEventWithJsonData() throws Exception {
        assertEquals("application/cloudevents+json", EventEnvelope.STRUCTURED_CONTENT_TYPE);
        JsonNode json = MAPPER.readTree(sample().toBytes());
        assertEquals("1.0", json.path("specversion").asText());
        assertEquals("e3b0c442-98fc-4c14-9afb-f4c8996fb924", json.path("id").asText());
        assertEquals("/referral-service", json.path("source").asText());
        assertEquals(EventTypes.REFERRAL_SENT, json.path("type").asText());
        assertEquals(REFERRAL_ID, json.path("subject").asText());
        assertEquals("application/json", json.path("datacontenttype").asText());
        assertEquals(OffsetDateTime.parse("2025-03-04T09:15:30.123456Z").toInstant(),
                OffsetDateTime.parse(json.path("time").asText()).toInstant());
        assertTrue(json.path("data").isObject(), "data is inline JSON, not base64");
        assertFalse(json.has("data_base64"));
        assertEquals(ExamplePayloads.referralSent(), json.path("data"));
    }

    @Test
    void interoperatesWithTheSdk() {
        EventEnvelope event = sample();
        CloudEvent sdkEvent = new JsonFormat().deserialize(event.toBytes());
        assertEquals(SpecVersion.V1, sdkEvent.getSpecVersion());
        assertEquals(REFERRAL_ID, sdkEvent.getSubject());
        assertEquals(event, EventEnvelope.fromCloudEvent(event.toCloudEvent()));
        assertEquals(event, EventEnvelope.parse(new JsonFormat().serialize(sdkEvent)));
    }

    @Test
    void ofCreatesAFreshIdAndTime() {
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC);
        EventEnvelope a = EventEnvelope.of(SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID, ExamplePayloads.referralSent());
        EventEnvelope b = EventEnvelope.of(SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID, ExamplePayloads.referralSent());
        assertNotEquals(a.id(), b.id());
        assertTrue(a.id().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
        assertFalse(a.time().isBefore(before));
        assertEquals(ZoneOffset.UTC, a.time().getOffset());
        assertEquals(EventEnvelope.DATA_CONTENT_TYPE, a.dataContentType());
    }

    @Test
    void timeIsNormalisedToUtc() {
        EventEnvelope event = new EventEnvelope("id-1", SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID,
                OffsetDateTime.parse("2025-06-01T10:00:00+01:00"), null, ExamplePayloads.referralSent());
        assertEquals(OffsetDateTime.parse("2025-06-01T09:00:00Z"), event.time());
        assertEquals(EventEnvelope.DATA_CONTENT_TYPE, event.dataContentType(), "defaults to application/json");
    }

    @Test
    void isImmutable() {
        ObjectNode data = ExamplePayloads.referralSent();
        EventEnvelope event = EventEnvelope.of(SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID, data);
        data.put("state", "ACCEPTED");
        assertEquals("SENT", event.data().path("state").asText(), "changing the input does not change the event");
        ((ObjectNode) event.data()).put("state", "DECLINED");
        assertEquals("SENT", event.data().path("state").asText(), "changing the output does not change the event");
    }

    @Test
    void rejectsIncompleteEventsAtConstruction() {
        ObjectNode data = ExamplePayloads.referralSent();
        OffsetDateTime now = OffsetDateTime.now();
        assertThrows(IllegalArgumentException.class,
                () -> new EventEnvelope(" ", SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID, now, null, data));
        assertThrows(IllegalArgumentException.class,
                () -> new EventEnvelope("1", SOURCE, EventTypes.REFERRAL_SENT, "", now, null, data));
        assertThrows(IllegalArgumentException.class,
                () -> new EventEnvelope("1", SOURCE, "", REFERRAL_ID, now, null, data));
        assertThrows(NullPointerException.class,
                () -> new EventEnvelope("1", null, EventTypes.REFERRAL_SENT, REFERRAL_ID, now, null, data));
        assertThrows(NullPointerException.class,
                () -> new EventEnvelope("1", SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID, null, null, data));
        assertThrows(IllegalArgumentException.class,
                () -> new EventEnvelope("1", SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID, now, "text/plain", data));
        assertThrows(IllegalArgumentException.class, () -> new EventEnvelope("1", SOURCE, EventTypes.REFERRAL_SENT,
                REFERRAL_ID, now, null, MAPPER.getNodeFactory().textNode(SECRET)));
        assertThrows(NullPointerException.class,
                () -> new EventEnvelope("1", SOURCE, EventTypes.REFERRAL_SENT, REFERRAL_ID, now, null, null));
    }

    static Stream<Arguments> malformed() {
        String base = "\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"pathways.referral.sent\"";
        String complete = base + ",\"subject\":\"s\",\"time\":\"2025-01-01T00:00:00Z\"";
        return Stream.of(
                Arguments.of("not JSON", SECRET, "not-json"),
                Arguments.of("truncated", "{\"specversion\":\"1.0\",\"id\":\"" + SECRET, "not-json"),
                Arguments.of("array", "[\"" + SECRET + "\"]", "not-json-object"),
                Arguments.of("string", "\"" + SECRET + "\"", "not-json-object"),
                Arguments.of("no specversion", "{\"id\":\"" + SECRET + "\"}", "missing-attribute:specversion"),
                Arguments.of("old specversion", "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\"}",
                        "unsupported-specversion"),
                Arguments.of("no id", "{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"t\"}",
                        "missing-attribute:id"),
                Arguments.of("no type", "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/x\"}",
                        "missing-attribute:type"),
                Arguments.of("bad time", "{" + base + ",\"subject\":\"s\",\"time\":\"" + SECRET + "\"}",
                        "invalid-attribute:time"),
                Arguments.of("no subject", "{" + base + ",\"time\":\"2025-01-01T00:00:00Z\",\"data\":{}}",
                        "missing-attribute:subject"),
                Arguments.of("no time", "{" + base + ",\"subject\":\"s\",\"data\":{}}", "missing-attribute:time"),
                Arguments.of("no data", "{" + complete + ",\"datacontenttype\":\"application/json\"}", "missing-data"),
                Arguments.of("text data", "{" + complete + ",\"datacontenttype\":\"text/plain\",\"data\":\"" + SECRET
                        + "\"}", "unsupported-datacontenttype"),
                Arguments.of("string data", "{" + complete + ",\"datacontenttype\":\"application/json\",\"data\":\""
                        + SECRET + "\"}", "data-not-object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsRejectedWithoutEchoingIt(String description, String input, String reason) {
        MalformedEventException e = assertThrows(MalformedEventException.class,
                () -> EventEnvelope.parse(input.getBytes(UTF_8)));
        assertEquals(reason, e.reason(), description);
        assertEquals("malformed event: " + reason, e.getMessage());
        assertFalse(e.toString().contains("Jane"), "the input is never echoed");
        assertNull(e.getCause(), "parser exceptions quote the input, so none is attached");
    }

    @Test
    void emptyOrNullInputIsMalformed() {
        assertEquals("empty", assertThrows(MalformedEventException.class,
                () -> EventEnvelope.parse(new byte[0])).reason());
        assertEquals("empty", assertThrows(MalformedEventException.class,
                () -> EventEnvelope.parse(null)).reason());
        assertEquals("empty", assertThrows(MalformedEventException.class,
                () -> EventEnvelope.fromCloudEvent(null)).reason());
    }

    @Test
    void randomBytesAreMalformed() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x00, 0x7b, 0x22};
        assertThrows(MalformedEventException.class, () -> EventEnvelope.parse(garbage));
    }
}
