package org.pathways.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.UUID;

/** Test helper: reads the schema files as plain JSON and builds minimal valid payloads from them. */
final class ExamplePayloads {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String TIMESTAMP = "2025-03-04T09:15:30Z";

    private ExamplePayloads() {
    }

    static JsonNode schemaJson(String fileName) {
        try (InputStream in = ExamplePayloads.class.getClassLoader()
                .getResourceAsStream(EventSchemas.RESOURCE_DIR + fileName)) {
            if (in == null) {
                throw new IllegalStateException("missing schema " + fileName);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode definition(String name) {
        return schemaJson(EventSchemas.DEFINITIONS_SCHEMA).path("$defs").path(name);
    }

    /** A payload holding exactly the required properties of {@code type}'s schema, each with a valid value. */
    static ObjectNode minimal(String type) {
        JsonNode schema = schemaJson(EventSchemas.schemaFileName(type));
        ObjectNode payload = MAPPER.createObjectNode();
        for (JsonNode required : schema.path("required")) {
            String name = required.asText();
            payload.set(name, valueFor(schema.path("properties").path(name)));
        }
        return payload;
    }

    /** A payload holding every property of {@code type}'s schema, optional ones too, each with a valid value. */
    static ObjectNode full(String type) {
        JsonNode schema = schemaJson(EventSchemas.schemaFileName(type));
        ObjectNode payload = MAPPER.createObjectNode();
        schema.path("properties").fields().forEachRemaining(p -> payload.set(p.getKey(), valueFor(p.getValue())));
        return payload;
    }

    static JsonNode valueFor(JsonNode propertySchema) {
        if (propertySchema.has("const")) {
            return propertySchema.get("const");
        }
        if (propertySchema.has("enum")) {
            return propertySchema.get("enum").get(0);
        }
        if (propertySchema.has("$ref")) {
            String ref = propertySchema.get("$ref").asText();
            String def = ref.substring(ref.lastIndexOf('/') + 1);
            switch (def) {
                case "uuid":
                    return MAPPER.getNodeFactory().textNode(UUID.randomUUID().toString());
                case "timestamp":
                    return MAPPER.getNodeFactory().textNode(TIMESTAMP);
                case "version":
                    return MAPPER.getNodeFactory().numberNode(3);
                default:
                    return valueFor(definition(def));
            }
        }
        if ("array".equals(propertySchema.path("type").asText())) {
            return MAPPER.createArrayNode().add(valueFor(propertySchema.get("items")));
        }
        if ("object".equals(propertySchema.path("type").asText())) {
            ObjectNode object = MAPPER.createObjectNode();
            for (JsonNode required : propertySchema.path("required")) {
                object.set(required.asText(), valueFor(propertySchema.path("properties").path(required.asText())));
            }
            return object;
        }
        throw new IllegalStateException("no example for " + propertySchema);
    }

    /** A complete, realistic referral.sent payload. */
    static ObjectNode referralSent() {
        ObjectNode p = MAPPER.createObjectNode();
        p.put("referralId", "5f0c1e2a-7d4b-4b8e-9a61-0f3c2d1e4b5a");
        p.put("pathwayId", "c2a9e7d4-1b3f-4e6a-8d2c-9f0e1a2b3c4d");
        p.put("subjectId", "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918");
        p.put("fromOrganisationId", "0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d");
        p.put("toOrganisationId", "1b2c3d4e-5f6a-4b8c-9d0e-1f2a3b4c5d6e");
        p.put("toServiceId", "2c3d4e5f-6a7b-4c9d-8e1f-2a3b4c5d6e7f");
        p.put("actorUserId", "3d4e5f6a-7b8c-4d0e-9f2a-3b4c5d6e7f80");
        p.put("state", "SENT");
        p.put("previousState", "DRAFT");
        p.put("version", 1);
        p.put("occurredAt", TIMESTAMP);
        return p;
    }

    static Iterable<String> fieldNames(JsonNode node) {
        return node::fieldNames;
    }
}
