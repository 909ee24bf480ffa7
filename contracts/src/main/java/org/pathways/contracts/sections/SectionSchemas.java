package org.pathways.contracts.sections;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;

/**
 * JSON Schemas of the case-summary sections whose vocabulary is shared (issue 17: IMMIGRATION first, ADR 0064), in
 * {@code org/pathways/contracts/sections/<CATEGORY>.json}. referral-service's section records are the enforcement; these
 * are the published contract, kept equal to them by tests on both sides.
 */
public final class SectionSchemas {

    public static final String RESOURCE_DIR = "org/pathways/contracts/sections/";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private SectionSchemas() {
    }

    /** The compiled schema of a section category (e.g. {@code IMMIGRATION}). */
    public static Schema schema(String category) {
        return CACHE.computeIfAbsent(category, c -> {
            Schema s = REGISTRY.getSchema(SchemaLocation.of("classpath:" + RESOURCE_DIR + c + ".json"));
            s.initializeValidators();
            return s;
        });
    }

    /** The violations of a section's JSON (paths and rules; empty when valid). */
    public static List<String> validate(String category, String json) {
        return schema(category).validate(json, InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getKeyword()).toList();
    }
}
