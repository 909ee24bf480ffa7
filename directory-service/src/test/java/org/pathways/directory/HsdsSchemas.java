package org.pathways.directory;

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

/** Validates JSON against the HSDS 3.0 schemas copied into src/test/resources/hsds-3.0 (CC BY-SA 4.0, see its README). */
final class HsdsSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_PATH)
                    .build()));
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private HsdsSchemas() {
    }

    /** The violations of {@code json} against {@code file} (e.g. {@code service.json}); empty when valid. */
    static List<String> violations(String file, String json) {
        Schema schema = CACHE.computeIfAbsent(file, f -> {
            Schema s = REGISTRY.getSchema(SchemaLocation.of("classpath:hsds-3.0/" + f));
            s.initializeValidators();
            return s;
        });
        return schema.validate(json, InputFormat.JSON).stream().map(Object::toString).toList();
    }
}
