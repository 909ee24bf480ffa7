package org.pathways.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.pathways.stack.testing.StackInfo;
import org.pathways.platform.testing.Tokens;

/**
 * Issue 14, finding 7: every operation of the LIVE OpenAPI documents of the four services, called with held-out
 * hostile shapes (NUL in strings, query and path parameters; duplicate keys; a number for a string or a date; text after
 * the document; a missing or wrong Content-Type; an oversized body and URL; invalid ids; unknown fields) as every demo
 * role, a foreign organisation's users and no token. Every answer must be a 4xx application/problem+json: a 5xx, a 4xx
 * of another media type, or an accepted (2xx/3xx) hostile request is an offender, and all offenders are listed at once.
 *
 * <p>Every request is wrong by construction (at least one hostile fault), so the walk changes nothing when the rules
 * hold — and that is checked: a snapshot of every table of the four databases (row count and digest, once the setup's
 * background work has settled) is the same after the walk (issue 20, row 8). Real ids (a woman registered by Kairos, her consent and her referral to CRASAC, the demo directory's ids) are
 * used wherever a path needs one, so the requests reach the handlers. Each operation is called by one user of each role
 * it allows, one foreign user, no token, and one further role in rotation, to keep the walk to a minute or two.
 */
class HostileInputWalkerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SERVICES = List.of("directory", "consent", "referral", "notification");
    private static final String NUL = "a\u0000b";
    private static final int OVERSIZED_BODY = 600 * 1024; // the platform's limit is 512 KiB
    private static final int OVERSIZED_URL = 9000;        // the platform's limit is 4 KiB of request line

    /** One user per role; org-admin is Kairos's, so the demo ids (Kairos, her subject) reach the handlers. */
    private static final Map<String, String> USER_FOR_ROLE = new LinkedHashMap<>();
    static {
        USER_FOR_ROLE.put("caseworker", "kairos.caseworker1");
        USER_FOR_ROLE.put("referral-coordinator", "crasac.coordinator1");
        USER_FOR_ROLE.put("connector", "fwt.connector1");
        USER_FOR_ROLE.put("org-admin", "kairos.admin1");
        USER_FOR_ROLE.put("partnership-admin", "fwt.partnership-admin1");
        USER_FOR_ROLE.put("privacy-officer", "fwt.privacy1");
        USER_FOR_ROLE.put("evaluator", "wbg.evaluator1");
        USER_FOR_ROLE.put("internal-service", "client:referral-service");
    }
    /** A foreign organisation's users (Southall Black Sisters, outside Coventry; Muslim Women's Network UK). */
    private static final List<String> FOREIGN = List.of("sbs.caseworker1", "sbs.coordinator1", "sbs.admin1", "mwnuk.caseworker1");
    private static final String ANONYMOUS = "(no token)";

    enum Shape {
        NUL_IN_BODY, DUPLICATE_KEY, NUMBER_FOR_STRING, NUMBER_FOR_DATE, TRAILING_TEXT, UNKNOWN_FIELD, NO_CONTENT_TYPE,
        WRONG_CONTENT_TYPE, OVERSIZED_BODY, NUL_IN_QUERY, NUL_IN_PATH, INVALID_ID, OVERSIZED_URL
    }

    /** One request: the operation, who sends it, the shape, and the pieces to send. */
    record Call(String service, String method, String template, String user, Shape shape, String url, String contentType,
                String body) {
        String describe() {
            return method + " " + service + " " + template + " as " + user + " with " + shape;
        }
    }

    record Operation(String service, String method, String path, JsonNode operation, JsonNode document) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, String> ids = new LinkedHashMap<>();
    private final AtomicInteger rotation = new AtomicInteger();

    @Test
    void everyOperationAnswersHostileInputWithA4xxProblem() throws Exception {
        Journey j = new Journey("Hostile input walk");
        j.step("Kairos registers a woman, writes her needs, records her consent for CRASAC and refers her there", () -> {
            String subject = registerKnownToConsent("kairos.caseworker1");
            writeOnce("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
            String consent = recordConsent("kairos.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS")));
            String referral = sent("kairos.caseworker1", referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")));
            ids.put("subject", subject);
            ids.put("consent", consent);
            ids.put("referral", referral);
        });

        List<Operation> operations = j.step("Read the live OpenAPI documents of the four services", () -> {
            List<Operation> out = new ArrayList<>();
            for (String service : SERVICES) {
                HttpResponse<String> doc = http.send(HttpRequest.newBuilder(URI.create(StackInfo.serviceUrl(service) + "/q/openapi?format=json"))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, doc.statusCode(), service + " OpenAPI");
                JsonNode root = JSON.readTree(doc.body());
                for (Iterator<Map.Entry<String, JsonNode>> p = root.path("paths").fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> path = p.next();
                    for (Iterator<Map.Entry<String, JsonNode>> m = path.getValue().fields(); m.hasNext(); ) {
                        Map.Entry<String, JsonNode> method = m.next();
                        if (List.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                            out.add(new Operation(service, method.getKey().toUpperCase(), path.getKey(), method.getValue(), root));
                        }
                    }
                }
            }
            return out;
        });
        assertTrue(operations.size() > 50, "the four services publish their operations: " + operations.size());

        List<Call> calls = new ArrayList<>();
        Set<Shape> covered = EnumSet.noneOf(Shape.class);
        for (Operation op : operations) {
            for (Call c : callsFor(op)) {
                calls.add(c);
                covered.add(c.shape());
            }
        }
        assertEquals(EnumSet.allOf(Shape.class), covered, "every shape is tried somewhere");

        // Tokens first, one at a time (Keycloak's brute-force protection counts parallel logins per user).
        for (Call c : calls) token(c.user());
        // What the setup set off (outbox, consumers, audit chaining) finishes first; then the walk must change nothing.
        DatabaseSnapshot before = DatabaseSnapshot.quiet(Duration.ofSeconds(3), Duration.ofSeconds(90));
        long started = System.nanoTime();

        Map<String, Set<String>> offenders = new TreeMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Call c : calls) results.add(pool.submit(() -> judge(c)));
            for (int i = 0; i < calls.size(); i++) {
                String verdict = results.get(i).get(2, TimeUnit.MINUTES);
                if (verdict != null) {
                    Call c = calls.get(i);
                    offenders.computeIfAbsent(c.method() + " " + c.service() + " " + c.template() + " " + c.shape() + " -> " + verdict,
                            k -> new LinkedHashSet<>()).add(c.user());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        DatabaseSnapshot after = DatabaseSnapshot.take();
        // The figure for docs/reliability.md (issue 20, row 8).
        System.out.printf("hostile input walk: %d requests over %d operations of 4 services in %d s, %d offending answers, "
                + "%d tables of 4 databases compared before and after: %d changed%n", calls.size(), operations.size(), seconds,
                offenders.size(), before.tableCount(), before.changedIn(after).size());
        StringBuilder report = new StringBuilder();
        offenders.forEach((k, users) -> report.append("\n  ").append(k).append("  [").append(String.join(", ", users)).append(']'));
        assertTrue(offenders.isEmpty(), offenders.size() + " offending answers out of " + calls.size()
                + " hostile calls (method service path shape -> status content-type [roles]):" + report);
        assertEquals(List.of(), before.changedIn(after), "rejected requests changed these tables");
    }

    /** Null when the answer is right: a 4xx problem+json, of the status the shape demands where it demands one. */
    private String judge(Call c) {
        HttpResponse<String> r;
        try {
            r = send(c);
        } catch (java.io.IOException first) {
            // A pooled connection the server closed after an earlier answer: once more, on a fresh connection.
            try {
                r = send(c);
            } catch (Exception e) {
                return "no answer (" + e.getClass().getSimpleName() + ")";
            }
        } catch (Exception e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        }
        int status = r.statusCode();
        String type = r.headers().firstValue("Content-Type").orElse("(none)");
        String got = status + " " + type;
        if (status >= 500) return got;
        if (status < 400) return got + " (hostile input accepted)";
        if (!type.startsWith("application/problem+json")) return got;
        Set<Integer> allowed = switch (c.shape()) {
            case NO_CONTENT_TYPE, WRONG_CONTENT_TYPE -> Set.of(401, 403, 404, 415);
            case OVERSIZED_BODY -> Set.of(413);
            case OVERSIZED_URL -> Set.of(414);
            default -> null;
        };
        if (allowed != null && !allowed.contains(status)) return got + " (expected one of " + new java.util.TreeSet<>(allowed) + ")";
        return null;
    }

    private HttpResponse<String> send(Call c) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.url())).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        String token = token(c.user());
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (c.contentType() != null) b.header("Content-Type", c.contentType());
        HttpRequest.BodyPublisher body = c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8);
        b.method(c.method(), body);
        // Transitions and claims take If-Match: give one, so the refusal is about the shape.
        if (!c.method().equals("GET")) b.header("If-Match", "\"1\"");
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String user) {
        if (ANONYMOUS.equals(user)) return null;
        if (user.startsWith("client:")) return Tokens.forClient(user.substring("client:".length()));
        return Tokens.forUser(user);
    }

    // ---- building the calls -------------------------------------------------------------------------------------

    private List<Call> callsFor(Operation op) {
        List<Call> out = new ArrayList<>();
        List<String> users = usersFor(op);
        JsonNode bodySchema = op.operation().path("requestBody").path("content").path("application/json").path("schema");
        boolean takesBody = !bodySchema.isMissingNode();
        if (!takesBody && op.operation().has("requestBody")) {
            // A body of another media type: take its first schema.
            Iterator<JsonNode> any = op.operation().path("requestBody").path("content").elements();
            if (any.hasNext()) {
                bodySchema = any.next().path("schema");
                takesBody = true;
            }
        }
        List<JsonNode> params = new ArrayList<>();
        op.operation().path("parameters").forEach(params::add);
        List<JsonNode> pathParams = params.stream().filter(p -> "path".equals(p.path("in").asText())).toList();
        List<JsonNode> queryParams = params.stream().filter(p -> "query".equals(p.path("in").asText())).toList();

        String realPath = fillPath(op.path(), pathParams, null);
        String base = StackInfo.serviceUrl(op.service());
        // Wrong anyway (an unknown field), so a shape about something else cannot change anything if it is let through.
        String invalidBody = null;
        JsonNode sample = null;
        if (takesBody) {
            sample = sample(bodySchema, op.document(), "", 0);
            invalidBody = withUnknownField(sample);
        }
        for (String user : users) {
            boolean first = user.equals(users.get(0));
            if (takesBody) {
                if (first) {
                    // One free-text field at a time, the others valid, so the NUL is not masked by another refusal.
                    for (JsonNode one : nulOneAtATime(sample, op.document(), bodySchema)) {
                        out.add(call(op, user, Shape.NUL_IN_BODY, base + realPath, "application/json", one.toString()));
                    }
                } else {
                    JsonNode nul = replaceStrings(sample, op.document(), bodySchema, NUL, false);
                    if (nul != null) out.add(call(op, user, Shape.NUL_IN_BODY, base + realPath, "application/json", nul.toString()));
                }
                String dup = duplicateFirstKey(sample);
                if (dup != null) out.add(call(op, user, Shape.DUPLICATE_KEY, base + realPath, "application/json", dup));
                JsonNode num = replaceStrings(sample, op.document(), bodySchema, null, true);
                if (num != null) out.add(call(op, user, Shape.NUMBER_FOR_STRING, base + realPath, "application/json", num.toString()));
                JsonNode date = replaceDate(sample, op.document(), bodySchema);
                if (date != null) out.add(call(op, user, Shape.NUMBER_FOR_DATE, base + realPath, "application/json", date.toString()));
                out.add(call(op, user, Shape.TRAILING_TEXT, base + realPath, "application/json", sample + " trailing"));
                if (sample.isObject()) {
                    out.add(call(op, user, Shape.UNKNOWN_FIELD, base + realPath, "application/json", invalidBody));
                }
                out.add(call(op, user, Shape.NO_CONTENT_TYPE, base + realPath, null, invalidBody));
                out.add(call(op, user, Shape.WRONG_CONTENT_TYPE, base + realPath, "text/plain", invalidBody));
                if (first) { // refused on its Content-Length, before anyone is known: one caller is enough
                    out.add(call(op, user, Shape.OVERSIZED_BODY, base + realPath, "application/json",
                            "{\"x\":\"" + "a".repeat(OVERSIZED_BODY) + "\"}"));
                }
            }
            String anyBody = takesBody ? invalidBody : null;
            String anyType = takesBody ? "application/json" : null;
            if (!queryParams.isEmpty()) {
                // The first caller tries each parameter alone (a number parameter refused first would mask a text
                // one); the others all of them at once.
                List<List<JsonNode>> sets = new ArrayList<>();
                if (first) queryParams.forEach(p -> sets.add(List.of(p)));
                else sets.add(queryParams);
                for (List<JsonNode> set : sets) {
                    StringBuilder q = new StringBuilder();
                    for (JsonNode p : set) {
                        q.append(q.length() == 0 ? "?" : "&").append(enc(p.path("name").asText())).append('=').append(enc(NUL));
                    }
                    out.add(call(op, user, Shape.NUL_IN_QUERY, base + realPath + q, anyType, anyBody));
                }
            }
            if (!pathParams.isEmpty()) {
                out.add(call(op, user, Shape.NUL_IN_PATH, base + fillPath(op.path(), pathParams, NUL), anyType, anyBody));
                out.add(call(op, user, Shape.INVALID_ID, base + fillPath(op.path(), pathParams, "not-an-id"), anyType, anyBody));
            }
            out.add(call(op, user, Shape.OVERSIZED_URL, base + realPath + "?pad=" + "a".repeat(OVERSIZED_URL), anyType, anyBody));
        }
        return out;
    }

    private static Call call(Operation op, String user, Shape shape, String url, String contentType, String body) {
        return new Call(op.service(), op.method(), op.path(), user, shape, url, contentType, body);
    }

    /**
     * One user of each role the operation allows (its OpenAPI security scopes), a foreign organisation's user, no
     * token, and one more role in rotation, so every demo role meets every kind of operation across the walk.
     */
    private List<String> usersFor(Operation op) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : op.operation().path("security")) {
            requirement.elements().forEachRemaining(scopes -> scopes.forEach(s -> roles.add(s.asText())));
        }
        List<String> users = new ArrayList<>();
        for (String role : roles) {
            if (USER_FOR_ROLE.containsKey(role)) users.add(USER_FOR_ROLE.get(role));
        }
        if (users.isEmpty()) users.add("kairos.caseworker1");
        List<String> others = new ArrayList<>(USER_FOR_ROLE.values());
        others.removeAll(users);
        int n = rotation.getAndIncrement();
        if (!others.isEmpty()) users.add(others.get(n % others.size()));
        users.add(FOREIGN.get(n % FOREIGN.size()));
        users.add(ANONYMOUS);
        return users;
    }

    /** The path with real ids (or {@code value} in every parameter), percent-encoded. */
    private String fillPath(String template, List<JsonNode> pathParams, String value) {
        String path = template;
        for (JsonNode p : pathParams) {
            String name = p.path("name").asText();
            String v = value != null ? value : realId(template, name);
            path = path.replace("{" + name + "}", enc(v).replace("+", "%20"));
        }
        return path;
    }

    private String realId(String template, String name) {
        switch (name) {
            case "subjectId": return ids.get("subject");
            case "consentId": return ids.get("consent");
            case "partnershipId": return COVENTRY;
            case "organisationId": return KAIROS;
            case "category": return "NEEDS";
            case "version": return "1";
            default: break;
        }
        int at = template.indexOf("{" + name + "}");
        String before = at > 1 ? template.substring(0, at - 1) : "";
        String segment = before.substring(before.lastIndexOf('/') + 1);
        return switch (segment) {
            case "subjects" -> ids.get("subject");
            case "referrals", "pathways" -> ids.get("referral");
            case "consents" -> ids.get("consent");
            case "organisations", "organizations" -> KAIROS;
            case "partnerships" -> COVENTRY;
            case "services" -> CRASAC_COUNSELLING;
            default -> UUID.randomUUID().toString();
        };
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- sample bodies from the schemas ---------------------------------------------------------------------------

    private static JsonNode resolve(JsonNode schema, JsonNode doc) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            schema = doc.at(ref.substring(1));
        }
        for (String combo : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combo) && schema.get(combo).size() > 0) {
                if (combo.equals("allOf") && schema.get(combo).size() > 1) {
                    ObjectNode merged = JsonNodeFactory.instance.objectNode();
                    ObjectNode props = merged.putObject("properties");
                    for (JsonNode part : schema.get(combo)) {
                        JsonNode r = resolve(part, doc);
                        if (r.has("properties")) props.setAll((ObjectNode) r.get("properties"));
                        if (r.has("type")) merged.set("type", r.get("type"));
                    }
                    return merged;
                }
                return resolve(schema.get(combo).get(0), doc);
            }
        }
        return schema;
    }

    private static String type(JsonNode s) {
        JsonNode t = s.path("type");
        if (t.isArray()) {
            for (JsonNode x : t) if (!"null".equals(x.asText())) return x.asText();
        }
        if (t.isTextual()) return t.asText();
        if (s.has("properties")) return "object";
        return "";
    }

    /** A plausible value: real ids for id fields, the first enum constant, a date for dates, "sample" for text. */
    private JsonNode sample(JsonNode schema, JsonNode doc, String name, int depth) {
        JsonNode s = resolve(schema, doc);
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (type(s)) {
            case "object": {
                ObjectNode o = f.objectNode();
                if (depth > 4) return o;
                for (Iterator<Map.Entry<String, JsonNode>> it = s.path("properties").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> p = it.next();
                    if (p.getValue().path("readOnly").asBoolean(false)) continue;
                    o.set(p.getKey(), sample(p.getValue(), doc, p.getKey(), depth + 1));
                }
                return o;
            }
            case "array": {
                ArrayNode a = f.arrayNode();
                if (depth <= 4 && s.has("items")) a.add(sample(s.get("items"), doc, name, depth + 1));
                return a;
            }
            case "integer":
            case "number":
                return f.numberNode(1);
            case "boolean":
                return f.booleanNode(false);
            case "string": {
                if (s.has("enum") && s.get("enum").size() > 0) return s.get("enum").get(0);
                String format = s.path("format").asText();
                OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                if (format.equals("uuid")) return f.textNode(idForField(name));
                if (format.equals("date")) return f.textNode("1990-01-01");
                if (format.equals("date-time")) return f.textNode(now.plusDays(1).toString());
                if (format.equals("uri") || format.equals("url")) return f.textNode("https://example.invalid/hook");
                if (format.equals("email")) return f.textNode("someone@example.invalid");
                return f.textNode("sample");
            }
            default:
                return f.objectNode();
        }
    }

    private String idForField(String name) {
        String n = name.toLowerCase();
        if (n.contains("subject")) return ids.get("subject");
        if (n.contains("referral")) return ids.get("referral");
        if (n.contains("consent")) return ids.get("consent");
        if (n.contains("partnership")) return COVENTRY;
        if (n.contains("service")) return CRASAC_COUNSELLING;
        if (n.contains("organisation") || n.contains("organization") || n.equals("id")) return KAIROS;
        return UUID.randomUUID().toString();
    }

    /**
     * The sample with every free-text string (no enum, no format) set to {@code value}, or the first one set to the
     * number 7 when {@code number}; null if the body has no free-text string (the shape does not apply).
     */
    private static JsonNode replaceStrings(JsonNode sample, JsonNode doc, JsonNode schema, String value, boolean number) {
        JsonNode copy = sample.deepCopy();
        int[] replaced = { 0 };
        walkStrings(copy, resolve(schema, doc), doc, (parent, key, s) -> {
            if (s.has("enum") || !s.path("format").asText().isEmpty()) return;
            if (number && replaced[0] > 0) return;
            JsonNode v = number ? JsonNodeFactory.instance.numberNode(7) : JsonNodeFactory.instance.textNode(value);
            set(parent, key, v);
            replaced[0]++;
        }, 0);
        return replaced[0] == 0 ? null : copy;
    }

    /** One copy of the sample per free-text string (at most eight), each with only that string holding a NUL. */
    private static List<JsonNode> nulOneAtATime(JsonNode sample, JsonNode doc, JsonNode schema) {
        List<JsonNode> out = new ArrayList<>();
        for (int target = 0; target < 8; target++) {
            JsonNode copy = sample.deepCopy();
            int[] seen = { 0 };
            boolean[] done = { false };
            int t = target;
            walkStrings(copy, resolve(schema, doc), doc, (parent, key, s) -> {
                if (s.has("enum") || !s.path("format").asText().isEmpty()) return;
                if (seen[0]++ == t) {
                    set(parent, key, JsonNodeFactory.instance.textNode(NUL));
                    done[0] = true;
                }
            }, 0);
            if (!done[0]) break;
            out.add(copy);
        }
        return out;
    }

    /** The sample with its first date or date-time set to the number 7; null if it has none. */
    private static JsonNode replaceDate(JsonNode sample, JsonNode doc, JsonNode schema) {
        JsonNode copy = sample.deepCopy();
        int[] replaced = { 0 };
        walkStrings(copy, resolve(schema, doc), doc, (parent, key, s) -> {
            String format = s.path("format").asText();
            if (replaced[0] > 0 || !(format.equals("date") || format.equals("date-time"))) return;
            set(parent, key, JsonNodeFactory.instance.numberNode(7));
            replaced[0]++;
        }, 0);
        return replaced[0] == 0 ? null : copy;
    }

    interface StringVisitor {
        void visit(JsonNode parent, Object key, JsonNode schema);
    }

    private static void walkStrings(JsonNode node, JsonNode schema, JsonNode doc, StringVisitor v, int depth) {
        if (depth > 6) return;
        if (node instanceof ObjectNode o) {
            JsonNode props = schema.path("properties");
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode ps = resolve(props.path(name), doc);
                JsonNode child = o.get(name);
                if (child.isTextual()) v.visit(o, name, ps);
                else walkStrings(child, ps, doc, v, depth + 1);
            }
        } else if (node instanceof ArrayNode a) {
            JsonNode items = resolve(schema.path("items"), doc);
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) v.visit(a, i, items);
                else walkStrings(a.get(i), items, doc, v, depth + 1);
            }
        }
    }

    private static void set(JsonNode parent, Object key, JsonNode value) {
        if (parent instanceof ObjectNode o) o.set((String) key, value);
        else ((ArrayNode) parent).set((Integer) key, value);
    }

    private static String withUnknownField(JsonNode sample) {
        if (!sample.isObject()) return "{\"zzUnknownField\":1}";
        ObjectNode copy = sample.deepCopy();
        copy.put("zzUnknownField", 1);
        return copy.toString();
    }

    /** The sample's text with its first key given twice (the same value): null if it has no key. */
    private static String duplicateFirstKey(JsonNode sample) {
        if (!sample.isObject() || sample.size() == 0) return null;
        Map.Entry<String, JsonNode> first = sample.fields().next();
        String text = sample.toString();
        String pair = JSON.getNodeFactory().objectNode().set(first.getKey(), first.getValue()).toString();
        return "{" + pair.substring(1, pair.length() - 1) + "," + text.substring(1);
    }
}
