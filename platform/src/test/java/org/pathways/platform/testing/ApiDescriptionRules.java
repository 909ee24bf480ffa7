package org.pathways.platform.testing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The rules every operation of a service's live OpenAPI document keeps (ADR 0007): a success answer; 401 and 403 where
 * it is secured; 400 where it takes input; 404 where it has a path parameter; every error as
 * application/problem+json with the Problem schema; typed request and success bodies (no untyped object, no
 * JsonNode); and the answers the service's integration tests see, each documented.
 */
public final class ApiDescriptionRules {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private ApiDescriptionRules() {
    }

    /**
     * Every broken rule, one line each; empty when the document keeps them all. {@code expected} maps "METHOD /path"
     * to the status codes that operation is known (from the integration tests) to answer.
     */
    public static List<String> check(JsonNode doc, Map<String, Set<String>> expected) {
        List<String> failures = new ArrayList<>();
        JsonNode schemas = doc.path("components").path("schemas");
        if (!schemas.has("Problem")) failures.add("components.schemas has no Problem");
        if (schemas.has("JsonNode") || schemas.has("ObjectNode")) failures.add("a body is typed as a bare Jackson tree (JsonNode)");
        Set<String> seen = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> e = ops.next();
                if (!METHODS.contains(e.getKey())) continue;
                String op = e.getKey().toUpperCase() + " " + path.getKey();
                seen.add(op);
                operation(op, path.getValue(), e.getValue(), failures);
                for (String code : expected.getOrDefault(op, Set.of())) {
                    if (!e.getValue().path("responses").has(code)) failures.add(op + ": answers " + code + " but does not document it");
                }
            }
        }
        for (String op : expected.keySet()) {
            if (!seen.contains(op)) failures.add(op + ": expected in the document but not there");
        }
        // Nested fields: no property of a named schema (or its items) may be a bare Jackson tree or an empty schema.
        for (Iterator<Map.Entry<String, JsonNode>> it = schemas.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> s = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> props = s.getValue().path("properties").fields(); props.hasNext();) {
                Map.Entry<String, JsonNode> p = props.next();
                JsonNode items = p.getValue().path("items");
                if (p.getValue().isEmpty() || p.getValue().path("$ref").asText().endsWith("/JsonNode")
                        || (p.getValue().has("items") && (items.isEmpty() || items.path("$ref").asText().endsWith("/JsonNode")))) {
                    failures.add("schema " + s.getKey() + "." + p.getKey() + " is untyped");
                }
            }
        }
        return failures;
    }

    private static void operation(String op, JsonNode pathItem, JsonNode o, List<String> failures) {
        JsonNode responses = o.path("responses");
        boolean success = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = responses.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> r = it.next();
            String code = r.getKey();
            if (code.startsWith("2")) {
                success = true;
                for (Iterator<Map.Entry<String, JsonNode>> c = r.getValue().path("content").fields(); c.hasNext();) {
                    Map.Entry<String, JsonNode> media = c.next();
                    if (untyped(media.getValue().get("schema"))) {
                        failures.add(op + ": " + code + " " + media.getKey() + " body is untyped");
                    }
                }
                if (code.equals("204") && r.getValue().has("content")) failures.add(op + ": 204 with a body");
            } else if (code.startsWith("4") || code.startsWith("5")) {
                JsonNode problem = r.getValue().path("content").path("application/problem+json").path("schema").path("$ref");
                if (!problem.asText().endsWith("/Problem")) failures.add(op + ": " + code + " is not application/problem+json Problem");
            }
        }
        if (!success) failures.add(op + ": no success answer documented");
        boolean secured = o.has("security") && !o.path("security").isEmpty();
        if (secured && !(responses.has("401") && responses.has("403"))) failures.add(op + ": secured but 401/403 not documented");
        boolean body = o.has("requestBody");
        boolean params = false;
        boolean pathParam = false;
        for (JsonNode p : concat(pathItem.path("parameters"), o.path("parameters"))) {
            params = true;
            pathParam |= "path".equals(p.path("in").asText());
        }
        if ((body || params) && !responses.has("400")) failures.add(op + ": takes input but 400 not documented");
        if (pathParam && !responses.has("404")) failures.add(op + ": has a path parameter but 404 not documented");
        if (body) {
            if (!responses.has("415")) failures.add(op + ": takes a body but 415 not documented");
            for (Iterator<Map.Entry<String, JsonNode>> c = o.path("requestBody").path("content").fields(); c.hasNext();) {
                Map.Entry<String, JsonNode> media = c.next();
                if (untyped(media.getValue().get("schema"))) failures.add(op + ": request body " + media.getKey() + " is untyped");
            }
        }
    }

    private static List<JsonNode> concat(JsonNode a, JsonNode b) {
        List<JsonNode> all = new ArrayList<>();
        a.forEach(all::add);
        b.forEach(all::add);
        return all;
    }

    /** No schema, {}, a bare Jackson tree, or an object with neither properties nor typed additional properties. */
    static boolean untyped(JsonNode s) {
        if (s == null || s.isNull() || s.isEmpty()) return true;
        if (s.has("$ref")) return s.path("$ref").asText().endsWith("/JsonNode") || s.path("$ref").asText().endsWith("/ObjectNode");
        if (s.has("oneOf") || s.has("anyOf") || s.has("allOf")) return false;
        String type = s.path("type").isArray() ? s.path("type").path(0).asText() : s.path("type").asText();
        return switch (type) {
            case "array" -> untyped(s.get("items"));
            case "string", "integer", "number", "boolean" -> false;
            case "object" -> !s.has("properties") && !(s.path("additionalProperties").isObject() && !s.path("additionalProperties").isEmpty());
            default -> true;
        };
    }
}
