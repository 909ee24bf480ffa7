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

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
            // The pathways extension: interpreting, referral rules, response target, capacity where published.
            for (String part : List.of("interpreting_languages", "referral_rules", "response_target", "capacity")) {
                assertThat(copy.path("pathways").path(part)).as(what + " " + part).isEqualTo(s.path("pathways").path(part));
            }
            assertThat(locationAreas(copy)).as(what + " location areas").isEqualTo(locationAreas(s));
        }
        // CELC interprets Urdu and Punjabi and accepts NRPF; the refuge copy keeps its area, not "Unknown".
        JsonNode celc = byId.get(mapping.get(DemoDataLoader.CELC_IMMIGRATION.toString()));
        assertThat(celc.path("pathways").path("interpreting_languages").toString()).isEqualTo("[\"pa\",\"ur\"]");
        assertThat(celc.path("pathways").path("referral_rules").path("accepts_nrpf").asBoolean()).isTrue();
        assertThat(celc.path("pathways").path("response_target").path("working_days").asInt()).isEqualTo(3);
        JsonNode refugeCopy = byId.get(mapping.get(DemoDataLoader.HAVEN_REFUGE.toString()));
        assertThat(refugeCopy.path("service_at_locations").get(0).path("location").path("name").asText())
                .isEqualTo("Confidential address in Coventry");
        // The confidential refuge stays confidential after the round trip.
        assertThat(JSON.writeValueAsString(after)).doesNotContain("Confidential Road").doesNotContain("CV2 4QR");

        // Importing the same feed again changes nothing.
        admin().body(feed).post("/api/import?source=roundtrip").then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo(count));
    }

    private static List<String> locationAreas(JsonNode service) {
        List<String> out = new ArrayList<>();
        for (JsonNode sal : service.path("service_at_locations")) {
            JsonNode l = sal.path("location");
            out.add(l.path("pathways").path("area").asText() + (l.path("pathways").path("confidential").asBoolean() ? " (confidential)" : ""));
        }
        java.util.Collections.sort(out);
        return out;
    }

    @Inject
    EntityManager em;

    /**
     * The round trips import copies of the demo services (same names, needs and languages, other organisations). Other
     * test classes share this database and search it, so the copies go again afterwards.
     */
    @AfterEach
    void removeImportedCopies() {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                "delete from service where source_ref like 'roundtrip:%' or source_ref like 'confidential:%'").executeUpdate());
    }

    @Test
    void confidentialExportIsForAdminsWithinTheirScopeAndImportsKeepItConfidential() throws Exception {
        // The public-safe export carries no SPOC and no confidential address.
        String open = admin().get("/api/export").then().statusCode(200).extract().asString();
        assertThat(open).doesNotContain("Confidential Road").doesNotContain("\"spoc\"").doesNotContain("immigration@celc.example.org");

        // FWT leads the Coventry partnership: its partnership admin sees its members' confidential details.
        JsonNode full = JSON.readTree(admin().get("/api/export?confidential=true").then().statusCode(200).extract().asString());
        JsonNode refuge = null;
        JsonNode celc = null;
        for (JsonNode s : full.get("services")) {
            if (s.get("id").asText().equals(DemoDataLoader.HAVEN_REFUGE.toString())) refuge = s;
            if (s.get("id").asText().equals(DemoDataLoader.CELC_IMMIGRATION.toString())) celc = s;
        }
        JsonNode refugeLocation = refuge.path("service_at_locations").get(0).path("location");
        assertThat(refugeLocation.path("addresses").get(0).path("address_1").asText()).isEqualTo("1 Confidential Road");
        assertThat(refugeLocation.path("pathways").path("confidential").asBoolean()).isTrue();
        assertThat(celc.path("pathways").path("spoc").path("mailbox").asText()).isEqualTo("immigration@celc.example.org");
        assertThat(celc.path("pathways").path("capacity").path("status").isTextual()).isTrue();

        // An org admin: only its own organisation's confidential details.
        String kairos = given().auth().oauth2(Tokens.forUser("kairos.admin1")).get("/api/export?confidential=true").then()
                .statusCode(200).body("pathways_export.organisations_in_scope", equalTo(List.of(DemoDataLoader.KAIROS.toString())))
                .extract().asString();
        assertThat(kairos).doesNotContain("Confidential Road").doesNotContain("immigration@celc.example.org");
        admin().get("/api/export?confidential=maybe").then().statusCode(400);
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get("/api/export?confidential=true").then().statusCode(403);

        // Imported elsewhere, the refuge stays confidential: address kept here, never published.
        Map<String, String> mapping = new HashMap<>();
        Set<String> keep = new java.util.HashSet<>();
        for (JsonNode t : JSON.readTree(given().get("/taxonomy_terms?per_page=100").asString()).get("contents")) keep.add(t.get("id").asText());
        keep.add(full.get("taxonomies").get(0).get("id").asText());
        String feed = freshIds(JSON.writeValueAsString(List.of(refuge, celc)), keep, mapping);
        admin().body(feed).post("/api/import?source=confidential").then().statusCode(200).body("created", equalTo(2))
                .body("skipped.size()", equalTo(0));
        String refugeCopy = mapping.get(DemoDataLoader.HAVEN_REFUGE.toString());
        String locationCopy = mapping.get(DemoDataLoader.HAVEN_REFUGE_LOCATION.toString());
        String published = given().get("/services/" + refugeCopy).then().statusCode(200).extract().asString();
        assertThat(published).doesNotContain("Confidential Road").contains("Confidential address in Coventry");
        Object[] stored = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select confidential, address_1, area from location where id = ?1").setParameter(1, UUID.fromString(locationCopy))
                .getSingleResult());
        assertThat(stored[0]).isEqualTo(true);
        assertThat(stored[1]).isEqualTo("1 Confidential Road");
        assertThat(stored[2]).isEqualTo("Coventry");
        String celcCopy = mapping.get(DemoDataLoader.CELC_IMMIGRATION.toString());
        given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).get("/api/services/" + celcCopy).then().statusCode(200)
                .body("spoc.mailbox", equalTo("immigration@celc.example.org")).body("interpretingLanguages", equalTo(List.of("pa", "ur")))
                .body("eligibility.acceptsNrpf", equalTo(true)).body("responseTarget.workingDays", equalTo(3));
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
        // Strict input (issue 14 finding 7): a number where text is read, an unknown feed field, a record that is no
        // object — each a 400 naming the field, nothing written (before: 200, the number imported as its text).
        String id = UUID.randomUUID().toString();
        Map<String, Object> org = Map.of("id", DemoDataLoader.KAIROS.toString(), "name", "Kairos", "description", "x");
        admin().body(List.of(Map.of("id", id, "name", 7, "organization", org))).post("/api/import").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("[0].name"));
        admin().body(Map.of("services", List.of(Map.of("id", id, "name", "x", "organization", org)), "extra", 1))
                .post("/api/import").then().statusCode(400).body("errors[0].field", equalTo("extra"));
        admin().body(List.of("not a service")).post("/api/import").then().statusCode(400).body("errors[0].field", equalTo("[0]"));
        given().get("/services/" + id).then().statusCode(404);
    }
}
