package org.pathways.contracts.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON Schemas (draft 2020-12) of the event envelope and of every event payload, loaded from the classpath and
 * cached.
 *
 * <p>Violation messages name the JSON path and the rule broken, never the offending value: they are safe to log.
 *
 * <p>Producers validate a payload before writing it to the outbox; consumers may validate what they receive with
 * {@link #validateEnvelope(byte[])}.
 */
public final class EventSchemas {

    /** Classpath folder of the schemas. */
    public static final String RESOURCE_DIR = "org/pathways/contracts/schemas/";
    /** The envelope schema's file name. */
    public static final String ENVELOPE_SCHEMA = "cloudevent.json";
    /** Shared definitions referenced by the payload schemas. */
    public static final String DEFINITIONS_SCHEMA = "defs.json";

    /** Keywords whose standard messages quote the schema only (types, limits, names), never the instance value. */
    private static final Set<String> VALUE_FREE_MESSAGES = Set.of("required", "type", "const",
            "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems",
            "maxItems", "uniqueItems", "minProperties", "maxProperties", "dependentRequired");

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_PATH)
                    .build()));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema file name of an event type, e.g. {@code pathways.referral.sent.json}. */
    public static String schemaFileName(String type) {
        return type + ".json";
    }

    /** Every schema file of this module: envelope, definitions and one per event type. */
    public static List<String> schemaFileNames() {
        List<String> names = new ArrayList<>();
        names.add(ENVELOPE_SCHEMA);
        names.add(DEFINITIONS_SCHEMA);
        EventTypes.all().forEach(type -> names.add(schemaFileName(type)));
        return Collections.unmodifiableList(names);
    }

    /**
     * The compiled schema in {@code fileName} (cached; {@code $ref}s are resolved and checked eagerly).
     *
     * @throws com.networknt.schema.SchemaException if the file is missing or is not a valid schema
     */
    public static Schema schema(String fileName) {
        return CACHE.computeIfAbsent(fileName, name -> {
            Schema schema = REGISTRY.getSchema(SchemaLocation.of("classpath:" + RESOURCE_DIR + name));
            schema.initializeValidators();
            return schema;
        });
    }

    /** The compiled payload schema of {@code type}. */
    public static Schema payloadSchema(String type) {
        if (!EventTypes.isKnown(type)) {
            throw new IllegalArgumentException("unknown event type");
        }
        return schema(schemaFileName(type));
    }

    /** Compiles every schema now (e.g. at start-up) so a broken one fails fast. */
    public static void preload() {
        schemaFileNames().forEach(EventSchemas::schema);
    }

    /**
     * Validates an event payload (the CloudEvents {@code data}) against the schema of its type.
     *
     * @return the violations, empty when valid; each names a path and a rule, never a value
     */
    public static List<String> validate(String type, JsonNode payload) {
        if (!EventTypes.isKnown(type)) {
            return List.of("$.type: unknown event type");
        }
        if (payload == null || payload.isMissingNode()) {
            return List.of("$: payload missing");
        }
        // The validator works on Jackson 3 trees; Jackson 2's toString() is the node's JSON text.
        return messages(payloadSchema(type).validate(payload.toString(), InputFormat.JSON), "$");
    }

    /** Whether {@code payload} is valid for {@code type}. */
    public static boolean isValid(String type, JsonNode payload) {
        return validate(type, payload).isEmpty();
    }

    /**
     * Validates a structured-mode event: the envelope against {@code cloudevent.json}, then, when the type is known,
     * its {@code data} against the type's payload schema (paths under {@code $.data}).
     *
     * @return the violations, empty when valid; each names a path and a rule, never a value
     */
    public static List<String> validateEnvelope(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return List.of("$: empty");
        }
        tools.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (JacksonException e) {
            return List.of("$: not JSON");
        }
        if (root == null || root.isMissingNode()) {
            return List.of("$: empty");
        }
        List<String> violations = new ArrayList<>(messages(schema(ENVELOPE_SCHEMA).validate(root), "$"));
        tools.jackson.databind.JsonNode type = root.get("type");
        tools.jackson.databind.JsonNode data = root.get("data");
        if (type != null && type.isString()) {
            if (!EventTypes.isKnown(type.asString())) {
                violations.add("$.type: unknown event type");
            } else if (data != null && data.isObject()) {
                violations.addAll(messages(payloadSchema(type.asString()).validate(data), "$.data"));
            }
        }
        return Collections.unmodifiableList(violations);
    }

    private static List<String> messages(List<Error> errors, String root) {
        List<String> out = new ArrayList<>(errors.size());
        for (Error error : errors) {
            out.add(message(error, root));
        }
        return Collections.unmodifiableList(out);
    }

    private static String message(Error error, String root) {
        String path = String.valueOf(error.getInstanceLocation());
        if (!"$".equals(root) && path.startsWith("$")) {
            path = root + path.substring(1);
        }
        String keyword = error.getKeyword();
        String text;
        if (keyword == null) {
            text = "invalid";
        } else if ("additionalProperties".equals(keyword) && error.getProperty() != null) {
            // Point at the offending member itself; its name is part of the path, its value is never shown.
            return path + "." + error.getProperty() + ": is not allowed (additionalProperties is false)";
        } else if (VALUE_FREE_MESSAGES.contains(keyword)) {
            text = error.getMessage();
        } else {
            text = switch (keyword) {
                case "enum" -> "is not one of the allowed values";
                case "format" -> "is not a valid " + String.valueOf(error.getSchemaNode()).replace("\"", "");
                case "pattern" -> "does not match the required pattern";
                default -> "fails '" + keyword + "'";
            };
        }
        return path + ": " + text;
    }
}
