package org.pathways.k8s;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.gson.JsonParser;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * Checks Kubernetes manifests field by field, offline. Standard kinds: the Kubernetes API model classes of
 * client-java-api ({@code V1Deployment.validateJsonElement} and friends refuse unknown and missing required fields at any
 * depth). Operator resources: their CRD's {@code openAPIV3Schema}, made strict — an object schema that lists its
 * properties refuses any other unless the CRD says {@code x-kubernetes-preserve-unknown-fields}; {@code nullable} and
 * int-or-string are honoured. A kind we know neither way is itself a violation: nothing passes unchecked.
 */
final class ManifestValidator {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** CRD schemas by "group/version/Kind". */
    private final Map<String, Schema> crds = new HashMap<>();
    /** Kinds checked against a nearby version's schema because theirs is not available offline (said in the output). */
    private final Map<String, String> substitutes = Map.of("k8s.keycloak.org/v2beta1/Keycloak", "k8s.keycloak.org/v2alpha1/Keycloak");
    final Set<String> substitutedUses = new TreeSet<>();
    /**
     * Fields of Keycloak 26's realm representation that the stored 2024 operator snapshot predates (the local stack runs
     * Keycloak 26 with this realm, so they are real): allowed by name, listed in the output, nothing else.
     */
    private static final Set<String> NEWER_THAN_SNAPSHOT = Set.of("KeycloakRealmImport /spec/realm: property 'bruteForceStrategy'");
    final Set<String> newerFieldsSeen = new TreeSet<>();

    ManifestValidator(Path crdFolder) throws IOException {
        try (Stream<Path> files = Files.walk(crdFolder)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                for (JsonNode crd : readAll(Files.readString(f))) {
                    if (!"CustomResourceDefinition".equals(crd.path("kind").asText())) continue;
                    String group = crd.path("spec").path("group").asText();
                    String kind = crd.path("spec").path("names").path("kind").asText();
                    for (JsonNode v : crd.path("spec").path("versions")) {
                        ObjectNode schema = (ObjectNode) strict(v.path("schema").path("openAPIV3Schema"));
                        // Some CRDs leave the envelope out of their schema; every resource has it (metadata checked below).
                        ObjectNode props = schema.with("properties");
                        if (!props.has("apiVersion")) props.putObject("apiVersion").put("type", "string");
                        if (!props.has("kind")) props.putObject("kind").put("type", "string");
                        if (!props.has("metadata")) props.putObject("metadata").put("type", "object");
                        crds.put(group + "/" + v.path("name").asText() + "/" + kind, REGISTRY.getSchema(schema.toString()));
                    }
                }
            }
        }
    }

    static List<JsonNode> readAll(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode d = it.next();
                if (d != null && !d.isNull() && !d.isMissingNode() && !(d.isObject() && d.isEmpty())) docs.add(d);
            }
        }
        return docs;
    }

    /** The violations of one manifest, each prefixed with its kind and name; empty when valid. */
    List<String> violations(JsonNode doc) {
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        String where = kind + "/" + doc.path("metadata").path("name").asText("?") + ": ";
        List<String> out = new ArrayList<>();
        if (apiVersion.isEmpty() || kind.isEmpty()) return List.of(where + "apiVersion and kind are required");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String key = group + "/" + version + "/" + kind;
        if (substitutes.containsKey(key) && !crds.containsKey(key)) {
            substitutedUses.add(key + " checked against " + substitutes.get(key));
            key = substitutes.get(key);
        }
        Schema schema = crds.get(key);
        if (schema != null) {
            schema.validate(doc.toString(), InputFormat.JSON).forEach(e -> {
                String text = e.toString();
                if (NEWER_THAN_SNAPSHOT.stream().anyMatch(n -> (kind + " " + text).startsWith(n))) newerFieldsSeen.add(kind + " " + text);
                else out.add(where + text);
            });
            out.addAll(standard("V1ObjectMeta", doc.path("metadata"), where + "metadata: "));
            return out;
        }
        if (!group.isEmpty() && group.contains(".") && !group.endsWith(".k8s.io")) {
            return List.of(where + "no schema for " + key + " (add its CRD to crds/)");
        }
        String cls = Character.toUpperCase(version.charAt(0)) + version.substring(1) + kind;
        return standard(cls, doc, where);
    }

    /** Runs the Kubernetes model class's own validation; unknown kinds are violations. */
    private static List<String> standard(String cls, JsonNode node, String where) {
        Method validate;
        try {
            validate = Class.forName("io.kubernetes.client.openapi.models." + cls).getMethod("validateJsonElement", com.google.gson.JsonElement.class);
        } catch (ReflectiveOperationException e) {
            return List.of(where + "no Kubernetes API model " + cls + " to check it against");
        }
        try {
            validate.invoke(null, JsonParser.parseString(node.toString()));
            return List.of();
        } catch (InvocationTargetException e) {
            return List.of(where + e.getCause().getMessage());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CRD structural schema as a strict JSON Schema (draft 2020-12). */
    static JsonNode strict(JsonNode in) {
        return convert(in, true);
    }

    /**
     * {@code close}: objects that list their properties refuse others. Not inside allOf/anyOf/oneOf/not, whose branches
     * (in structural schemas) only add constraints to properties the enclosing schema already lists.
     */
    private static JsonNode convert(JsonNode in, boolean close) {
        if (!in.isObject()) return in;
        ObjectNode s = ((ObjectNode) in).deepCopy();
        if (s.path("x-kubernetes-int-or-string").asBoolean(false)) {
            ObjectNode any = JSON.createObjectNode();
            ArrayNode alts = any.putArray("anyOf");
            alts.addObject().put("type", "integer");
            alts.addObject().put("type", "string");
            return any;
        }
        boolean preserve = s.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (s.path("nullable").asBoolean(false) && s.has("type")) {
            ArrayNode types = JSON.createArrayNode().add(s.get("type").asText()).add("null");
            s.set("type", types);
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (f.startsWith("x-kubernetes-") || f.equals("nullable")) it.remove();
        }
        if (s.has("properties")) {
            ObjectNode props = (ObjectNode) s.get("properties");
            props.fieldNames().forEachRemaining(n -> props.set(n, convert(props.get(n), close)));
        }
        if (s.has("items")) s.set("items", convert(s.get("items"), close));
        if (s.has("additionalProperties") && s.get("additionalProperties").isObject()) {
            s.set("additionalProperties", convert(s.get("additionalProperties"), close));
        }
        for (String combo : List.of("allOf", "anyOf", "oneOf")) {
            if (s.get(combo) instanceof ArrayNode arr) {
                for (int i = 0; i < arr.size(); i++) arr.set(i, convert(arr.get(i), false));
            }
        }
        if (s.has("not")) s.set("not", convert(s.get("not"), false));
        if (close && s.has("properties") && !s.has("additionalProperties") && !preserve) s.put("additionalProperties", false);
        return s;
    }
}
