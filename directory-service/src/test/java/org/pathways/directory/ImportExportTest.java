package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.directory.Expect.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** HSDS export and import: a round trip into a fresh directory keeps what matters; re-imports are idempotent. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class ImportExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_PATTERN = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private static RequestSpecification admin() {
        return given().auth().oauth2(Tokens.forUser("fwt.partnership-admin1")).contentType(ContentType.JSON);
    }

    private static JsonNode export() throws Exception {
        return JSON.readTree(admin().get("/api/export").then().statusCode(200).extract().asString());
    }

    /** Gives every id a new value, except the taxonomy's: as if the feed came from another directory. */
    private static String freshIds(String json, Set<String> keep, Map<String, String> mapping) {
        Matcher m = UUID_PATTERN.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = m.group();
            m.appendReplacement(out, keep.contains(id) ? id : mapping.computeIfAbsent(id, k -> UUID.randomUUID().toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Set<String> values(JsonNode service, String array, String field) {
        Set<String> out = new TreeSet<>();
        for (JsonNode x : service.path(array)) out.add(x.path(field).asText());
        return out;
    }

    private static Set<String> needs(JsonNode service) {
        Set<String> out = new TreeSet<>();
        for (JsonNode a : service.path("attributes")) out.add(a.path("taxonomy_term").path("code").asText());
        return out;
    }

    private static List<String> schedules(JsonNode service) {
        List<String> out = new ArrayList<>();
        for (JsonNode x : service.path("schedules")) {
            out.add(x.path("byday").asText() + " " + x.path("opens_at").asText() + "-" + x.path("closes_at").asText());
        }
        return out;
    }

    @Test
    void exportThenImportIntoAFreshDirectoryKeepsLanguagesTermsAreasContactsAndSchedules() throws Exception {
        JsonNode original = export();
        for (JsonNode s : original.get("services")) {
            assertThat(HsdsSchemas.violations("service.json", s.toString())).as("exported " + s.path("id")).isEmpty();
        }
        Set<String> keep = new java.util.HashSet<>();
        keep.add(original.get("taxonomies").get(0).get("id").asText());
        for (JsonNode t : JSON.readTree(given().get("/taxonomy_terms?per_page=100").asString()).get("contents")) keep.add(t.get("id").asText());
        Map<String, String> mapping = new HashMap<>();
        String feed = freshIds(JSON.writeValueAsString(Map.of("services", original.get("services"))), keep, mapping);
        int count = original.get("services").size();

        admin().body(feed).post("/api/import?source=roundtrip").then().statusCode(200)
                .body("created", equalTo(count)).body("updated", equalTo(0)).body("skipped.size()", equalTo(0));

        JsonNode after = export();
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode s : after.get("services")) byId.put(s.get("id").asText(), s);
        for (JsonNode s : original.get("services")) {
            JsonNode copy = byId.get(mapping.get(s.get("id").asText()));
            String what = s.get("name").asText();
            assertThat(copy != null).as("imported " + what).isTrue();
            assertThat(copy.get("name").asText()).isEqualTo(what);
            assertThat(values(copy, "languages", "code")).as(what + " languages").isEqualTo(values(s, "languages", "code"));
            assertThat(needs(copy)).as(what + " terms").isEqualTo(needs(s));
            assertThat(values(copy, "service_areas", "name")).as(what + " areas").isEqualTo(values(s, "service_areas", "name"));
            assertThat(values(copy, "contacts", "email")).as(what + " contacts").isEqualTo(values(s, "contacts", "email"));
            assertThat(schedules(copy)).as(what + " schedules").isEqualTo(schedules(s));
            assertThat(copy.path("organization").path("name").asText()).isEqualTo(s.path("organization").path("name").asText());
        }
        // The confidential refuge stays confidential after the round trip.
        assertThat(JSON.writeValueAsString(after)).doesNotContain("Confidential Road").doesNotContain("CV2 4QR");

        // Importing the same feed again changes nothing.
        admin().body(feed).post("/api/import?source=roundtrip").then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(count));
    }

    @Test
    void reimportNeverOverwritesLocalEditsAndSaysWhatItSkipped() {
        String id = UUID.randomUUID().toString();
        Map<String, Object> org = Map.of("id", DemoDataLoader.KAIROS.toString(), "name", "Kairos", "description", "x");
        Map<String, Object> service = new HashMap<>(Map.of("id", id, "name", "Imported drop-in", "status", "active", "organization", org,
                "languages", List.of(Map.of("id", UUID.randomUUID().toString(), "code", "ur")),
                "attributes", List.of(Map.of("id", UUID.randomUUID().toString(), "taxonomy_term", Map.of("code", "sex-work-support")),
                        Map.of("id", UUID.randomUUID().toString(), "taxonomy_term", Map.of("code", "not-ours")))));
        admin().body(List.of(service)).post("/api/import").then().statusCode(200).body("created", equalTo(1))
                .body("skipped[0].reason", equalTo("taxonomy term not in the needs taxonomy"));
        given().get("/services/" + id).then().statusCode(200).body("languages[0].code", equalTo("ur"));

        // Kairos edits it locally; the next import skips it and keeps the edit.
        given().auth().oauth2(Tokens.forUser("kairos.admin1")).contentType(ContentType.JSON)
                .body(Map.of("name", "Drop-in (edited here)", "needCodes", List.of("sex-work-support")))
                .put("/api/services/" + id).then().statusCode(200);
        service.put("name", "Imported drop-in v2");
        admin().body(List.of(service)).post("/api/import").then().statusCode(200).body("updated", equalTo(0))
                .body("skipped[0].reason", equalTo("edited locally since it was imported; local edits are kept"));
        given().get("/services/" + id).then().body("name", equalTo("Drop-in (edited here)"));

        // A demo (partnership-kept) service is never overwritten by an import.
        Map<String, Object> clash = Map.of("id", DemoDataLoader.CELC_IMMIGRATION.toString(), "name", "Hijack", "status", "active",
                "organization", Map.of("id", DemoDataLoader.CELC.toString(), "name", "CELC", "description", "x"));
        admin().body(List.of(clash)).post("/api/import").then().statusCode(200).body("skipped.size()", equalTo(1));
        given().get("/services/" + DemoDataLoader.CELC_IMMIGRATION).then().body("name", equalTo("Immigration advice"));
    }

    @Test
    void importAndExportAreForAdminsAndRefuseBadInput() {
        given().contentType(ContentType.JSON).body("[]").post("/api/import").then().statusCode(401);
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON).body("[]").post("/api/import")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/export").then().statusCode(403);
        admin().body(Map.of("services", "nope")).post("/api/import").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        admin().body("{not json").post("/api/import").then().statusCode(400);
        admin().body("[]").post("/api/import?source=bad name").then().statusCode(400);
        admin().body(List.of(Map.of("id", "not-a-uuid", "name", "x"))).post("/api/import").then().statusCode(200)
                .body("skipped[0].reason", equalTo("id is not a UUID"));
    }
}
