package org.pathways.contracts.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pathways.contracts.events.payload.EventPayload;
import org.pathways.contracts.events.payload.EventPayloads;
import org.pathways.contracts.events.payload.ReferralMove;
import org.pathways.contracts.events.payload.ReferralPayload;
import org.pathways.contracts.events.payload.ReferralSent;

/** Issue 21: one record per event type, each equal to its schema, and a payload survives Jackson both ways. */
class EventPayloadsTest {

    static Stream<String> types() {
        return EventTypes.all().stream();
    }

    @Test
    void everySchemaHasExactlyOneRecordAndEveryRecordASchema() throws IOException {
        assertEquals(EventTypes.all(), EventPayloads.all().keySet());
        assertEquals(EventPayloads.all().size(), new HashSet<>(EventPayloads.all().values()).size(),
                "two types share a record");
        // Every schema file of an event type (not only those EventTypes lists) has its record.
        Path schemas = Path.of(URI.create(EventSchemas.class.getClassLoader()
                .getResource(EventSchemas.RESOURCE_DIR + EventSchemas.ENVELOPE_SCHEMA).toString())).getParent();
        Set<String> schemaTypes = new TreeSet<>();
        try (Stream<Path> files = Files.list(schemas)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith(EventTypes.PREFIX))
                    .forEach(n -> schemaTypes.add(n.substring(0, n.length() - ".json".length())));
        }
        assertEquals(new TreeSet<>(EventPayloads.all().keySet()), schemaTypes);
        // And no record in the package is left out of the registry.
        Path payloadClasses = Path.of(URI.create(EventPayload.class.getResource("EventPayload.class").toString())).getParent();
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(payloadClasses)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) continue;
                Class<?> c = Class.forName(EventPayload.class.getPackageName() + "." + name.replace(".class", ""));
                if (c.isRecord() && EventPayload.class.isAssignableFrom(c)) records.add(c);
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
        assertEquals(new HashSet<>(EventPayloads.all().values()), new HashSet<>(records));
    }

    @ParameterizedTest
    @MethodSource("types")
    void recordMatchesItsSchemaFieldForField(String type) throws ReflectiveOperationException {
        Class<? extends EventPayload> record = EventPayloads.recordOf(type);
        assertTrue(record.isRecord(), type);
        assertEquals(type, record.getField("TYPE").get(null));
        assertTrue(Modifier.isStatic(record.getField("TYPE").getModifiers()));
        List<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
        List<String> properties = new ArrayList<>();
        ExamplePayloads.schemaJson(EventSchemas.schemaFileName(type)).path("properties").fieldNames()
                .forEachRemaining(properties::add);
        assertEquals(properties, components, "the record's components are the schema's properties, in its order");
    }

    @ParameterizedTest
    @MethodSource("types")
    void everyMemberSetSerialisesValidAndReadsBackEqual(String type) throws Exception {
        roundTrip(type, ExamplePayloads.full(type));
    }

    @ParameterizedTest
    @MethodSource("types")
    void onlyRequiredMembersSerialiseWithoutTheOthers(String type) throws Exception {
        // A null optional member is left out, never written as null (the schemas allow no nulls).
        roundTrip(type, ExamplePayloads.minimal(type));
    }

    private static void roundTrip(String type, ObjectNode example) throws Exception {
        EventPayload payload = EventPayloads.fromJson(example, EventPayloads.recordOf(type));
        assertEquals(type, payload.eventType());
        String json = ExamplePayloads.MAPPER.writeValueAsString(payload);
        JsonNode written = ExamplePayloads.MAPPER.readTree(json);
        assertEquals(List.of(), EventSchemas.validate(type, written), json);
        assertEquals(example, written, "the record writes what it read, no more, no less");
        assertEquals(written, ExamplePayloads.MAPPER.readTree(
                ExamplePayloads.MAPPER.writeValueAsString(EventPayloads.toJson(payload))));
        assertEquals(payload, ExamplePayloads.MAPPER.readValue(json, payload.getClass()));
        EventEnvelope event = EventEnvelope.of(URI.create("/test"), type, payload.aggregateId(), written);
        assertEquals(payload, EventPayloads.read(EventEnvelope.parse(event.toBytes())));
        assertFalse(payload.aggregateId().isBlank());
    }

    @Test
    void aRecordBuiltInCodeIsValidAndNamesItsAggregate() throws Exception {
        ReferralSent sent = new ReferralSent(
                java.util.UUID.fromString("5f0c1e2a-7d4b-4b8e-9a61-0f3c2d1e4b5a"),
                java.util.UUID.fromString("c2a9e7d4-1b3f-4e6a-8d2c-9f0e1a2b3c4d"),
                java.util.UUID.fromString("7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918"),
                java.util.UUID.fromString("0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d"),
                java.util.UUID.fromString("1b2c3d4e-5f6a-4b8c-9d0e-1f2a3b4c5d6e"),
                java.util.UUID.fromString("2c3d4e5f-6a7b-4c9d-8e1f-2a3b4c5d6e7f"),
                java.util.UUID.fromString("3d4e5f6a-7b8c-4d0e-9f2a-3b4c5d6e7f80"),
                "SENT", "DRAFT", null, null, null, null, 1, ExamplePayloads.TIMESTAMP);
        JsonNode json = EventPayloads.toJson(sent);
        assertEquals(List.of(), EventSchemas.validate(EventTypes.REFERRAL_SENT, json));
        // Compared as parsed JSON text (the version is a long in the record, an int in the example tree).
        assertEquals(ExamplePayloads.referralSent(), ExamplePayloads.MAPPER.readTree(json.toString()));
        assertEquals("5f0c1e2a-7d4b-4b8e-9a61-0f3c2d1e4b5a", sent.aggregateId());
    }

    @Test
    void readingAsTheWrongRecordOrFromBadDataNamesTheProblemNeverTheValue() {
        EventEnvelope event = EventEnvelope.of(URI.create("/test"), EventTypes.REFERRAL_SENT,
                "5f0c1e2a-7d4b-4b8e-9a61-0f3c2d1e4b5a", ExamplePayloads.referralSent());
        assertInstanceOf(ReferralSent.class, EventPayloads.read(event, ReferralMove.class));
        assertInstanceOf(ReferralSent.class, EventPayloads.read(event, ReferralPayload.class));
        MalformedEventException wrong = assertThrows(MalformedEventException.class,
                () -> EventPayloads.read(event, org.pathways.contracts.events.payload.ConsentGranted.class));
        assertEquals("unexpected-type", wrong.reason());

        ObjectNode bad = ExamplePayloads.referralSent();
        bad.put("toServiceId", "Jane Doe");
        MalformedEventException invalid = assertThrows(MalformedEventException.class, () -> EventPayloads.read(
                EventEnvelope.of(URI.create("/test"), EventTypes.REFERRAL_SENT, "5f0c1e2a-7d4b-4b8e-9a61-0f3c2d1e4b5a", bad)));
        assertEquals("invalid-data:toServiceId", invalid.reason());
        assertFalse(invalid.getMessage().contains("Jane"));
    }
}
