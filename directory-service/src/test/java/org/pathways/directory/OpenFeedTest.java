package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.pathways.directory.Expect.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.directory.rest.Hsds;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.contracts.vocab.NeedCode;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The open feed against the demo directory: HSDS 3.0 valid, public, and silent about confidential addresses. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class OpenFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the refuge's location holds and must never be published (address, postcode, exact point, phone). */
    private static final List<String> REFUGE_SECRETS = List.of("Confidential Road", "CV2 4QR", "CV2", "52.4213", "-1.4637",
            "024 7600 0999");
    private static final String REFUGE = DemoDataLoader.HAVEN_REFUGE.toString();
    private static final String CELC_IMMIGRATION = DemoDataLoader.CELC_IMMIGRATION.toString();

    private static Response open(String path) {
        Response r = given().get(path);
        r.then().statusCode(200).header("Access-Control-Allow-Origin", "*").contentType(startsWith("application/json"));
        return r;
    }

    private static JsonNode json(Response r) throws Exception {
        return JSON.readTree(r.asString());
    }

    private static void assertNoRefugeSecrets(String body) {
        for (String secret : REFUGE_SECRETS) {
            assertThat(body).as("confidential detail leaked").doesNotContain(secret);
        }
    }

    private static void assertPage(JsonNode page, String itemSchema) {
        for (String f : List.of("total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents")) {
            assertThat(page.has(f)).as("page field " + f).isTrue();
        }
        for (JsonNode item : page.get("contents")) {
            assertThat(HsdsSchemas.violations(itemSchema, item.toString())).as(itemSchema + " " + item.path("id")).isEmpty();
        }
    }

    @Test
    void metaDescribesTheApi() {
        open("/").then().body("version", equalTo("3.0")).body("openapi_url", startsWith("http"));
    }

    @Test
    void servicesListValidatesAndHidesTheRefugeAddress() throws Exception {
        Response r = open("/services?per_page=100");
        JsonNode page = json(r);
        assertPage(page, "compiled-service_list.json");
        assertThat(page.get("total_items").asInt()).isGreaterThanOrEqualTo(20);
        assertNoRefugeSecrets(r.asString());

        Response full = open("/services?full=true&per_page=100");
        JsonNode fullPage = json(full);
        assertPage(fullPage, "service.json");
        assertNoRefugeSecrets(full.asString());
        // Non-public contacts never appear; public ones do.
        assertThat(full.asString()).doesNotContain("supervisor@celc.example.org");
    }

    @Test
    void aFullServiceCarriesWhatTheDemoDataHolds() throws Exception {
        JsonNode s = json(open("/services/" + CELC_IMMIGRATION));
        assertThat(HsdsSchemas.violations("service.json", s.toString())).isEmpty();
        assertThat(s.get("name").asText()).isEqualTo("Immigration advice");
        assertThat(s.get("interpretation_services").asText()).contains("Urdu").contains("Punjabi");
        assertThat(s.get("eligibility_description").asText()).contains("no recourse to public funds");
        assertThat(s.findValuesAsText("code")).contains("legal-immigration", "nrpf", "en");
        assertThat(s.get("service_areas").findValuesAsText("name")).contains("Coventry");
        assertThat(s.get("schedules").get(0).get("byday").asText()).isEqualTo("MO,TU,WE,TH,FR");
        assertThat(s.get("service_at_locations").get(0).get("location").get("addresses").get(0).get("postal_code").asText())
                .isEqualTo("CV1 5RN");
        assertThat(s.get("organization").get("name").asText()).isEqualTo("Central England Law Centre");
        // CELC opted in to publish capacity (HSDS 3.1 service_capacity shape).
        assertThat(s.get("capacities").get(0).get("description").asText()).isEqualTo("HAS_CAPACITY");
        assertThat(s.has("alternate_name")).as("empty optional fields are omitted").isFalse();
    }

    @Test
    void theRefugeShowsItsAreaOnly() throws Exception {
        Response r = open("/services/" + REFUGE);
        assertNoRefugeSecrets(r.asString());
        JsonNode s = json(r);
        assertThat(HsdsSchemas.violations("service.json", s.toString())).isEmpty();
        JsonNode location = s.get("service_at_locations").get(0).get("location");
        assertThat(location.get("name").asText()).isEqualTo("Confidential address in Coventry");
        assertThat(location.has("addresses")).isFalse();
        assertThat(location.has("phones")).isFalse();
        assertThat(location.get("latitude").asDouble()).isEqualTo(52.408); // Coventry's centre, not the refuge
        // Haven did not opt in to publish capacity.
        assertThat(s.has("capacities")).isFalse();
        assertThat(s.has("wait_time")).isFalse();
    }

    @Test
    void serviceAtLocationsValidateAndHideTheRefuge() throws Exception {
        Response r = open("/service_at_locations?per_page=100&full=true");
        assertPage(json(r), "service_at_location.json");
        assertNoRefugeSecrets(r.asString());
        String salId = json(open("/services/" + REFUGE)).get("service_at_locations").get(0).get("id").asText();
        Response one = open("/service_at_locations/" + salId);
        assertThat(HsdsSchemas.violations("service_at_location.json", one.asString())).isEmpty();
        assertNoRefugeSecrets(one.asString());
        assertThat(one.jsonPath().getString("location.name")).contains("Coventry");
    }

    @Test
    void organisationsValidateAndHideTheRefuge() throws Exception {
        Response r = open("/organizations?full=true&per_page=100");
        assertPage(json(r), "organization.json");
        assertThat(json(r).get("total_items").asInt()).isGreaterThanOrEqualTo(13); // other tests import more
        r.then().body("contents.name", hasItem("Coventry Haven Women's Aid")).body("contents.name", hasItem("Muslim Women's Network UK"));
        assertNoRefugeSecrets(r.asString());
        Response haven = open("/organizations/" + DemoDataLoader.HAVEN);
        assertThat(HsdsSchemas.violations("organization.json", haven.asString())).isEmpty();
        assertNoRefugeSecrets(haven.asString());
        haven.then().body("locations.name", hasItem("Coventry Haven drop-in"));
    }

    @Test
    void organisationsArePagedAndSearchedWithCorrectPagingFields() throws Exception {
        JsonNode all = json(open("/organizations?per_page=100"));
        int total = all.get("total_items").asInt();
        List<String> names = new java.util.ArrayList<>();
        all.get("contents").forEach(o -> names.add(o.get("name").asText()));
        assertThat(names.size()).isEqualTo(total);

        // Walk it five at a time: the same organisations in the same order, and every paging field right on every page.
        int pages = (total + 4) / 5;
        List<String> walked = new java.util.ArrayList<>();
        for (int p = 1; p <= pages; p++) {
            Response r = open("/organizations?per_page=5&page=" + p + (p % 2 == 0 ? "&full=true" : ""));
            JsonNode page = json(r);
            assertPage(page, "organization.json");
            assertNoRefugeSecrets(r.asString());
            int expectedSize = p < pages ? 5 : total - 5 * (pages - 1);
            assertThat(page.get("total_items").asInt()).isEqualTo(total);
            assertThat(page.get("total_pages").asInt()).isEqualTo(pages);
            assertThat(page.get("page_number").asInt()).isEqualTo(p);
            assertThat(page.get("size").asInt()).isEqualTo(expectedSize);
            assertThat(page.get("first_page").asBoolean()).isEqualTo(p == 1);
            assertThat(page.get("last_page").asBoolean()).isEqualTo(p == pages);
            assertThat(page.get("empty").asBoolean()).isFalse();
            page.get("contents").forEach(o -> walked.add(o.get("name").asText()));
        }
        assertThat(walked).isEqualTo(names);

        // Past the last page: empty, with the real total.
        JsonNode past = json(open("/organizations?per_page=5&page=" + (pages + 1)));
        assertThat(past.get("total_items").asInt()).isEqualTo(total);
        assertThat(past.get("empty").asBoolean()).isTrue();
        assertThat(past.get("size").asInt()).isEqualTo(0);
        assertThat(past.get("last_page").asBoolean()).isTrue();
        assertThat(past.get("first_page").asBoolean()).isFalse();

        // Search: every word, in any order, in name or description; case-insensitive; LIKE wildcards are literal.
        Response havenResponse = open("/organizations?search=HAVEN coventry&full=true");
        JsonNode haven = json(havenResponse);
        assertPage(haven, "organization.json");
        JsonNode havenItem = null;
        for (JsonNode o : haven.get("contents")) {
            assertThat(o.get("name").asText().toLowerCase().contains("haven")).isTrue();
            if (o.get("id").asText().equals(DemoDataLoader.HAVEN.toString())) havenItem = o;
        }
        assertThat(havenItem != null).as("Coventry Haven found").isTrue();
        assertThat(havenItem.get("locations").size()).as("full: locations").isGreaterThanOrEqualTo(1);
        assertNoRefugeSecrets(havenResponse.asString());
        // Words of the description count too ("Domestic abuse refuge at a confidential address ...").
        List<String> byDescription = json(open("/organizations?search=confidential REFUGE&per_page=100")).get("contents")
                .findValuesAsText("id");
        assertThat(byDescription).contains(DemoDataLoader.HAVEN.toString());
        JsonNode none = json(open("/organizations?search=" + java.net.URLEncoder.encode("100%", java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(none.get("total_items").asInt()).isEqualTo(0);
        assertThat(none.get("total_pages").asInt()).isEqualTo(0);
        assertThat(none.get("empty").asBoolean()).isTrue();
        assertThat(none.get("last_page").asBoolean()).isTrue();
        JsonNode underscore = json(open("/organizations?search=_"));
        assertThat(underscore.get("total_items").asInt()).as("_ is not a wildcard").isEqualTo(0);

        // Bad paging or search: a 400 problem, never a 500.
        for (String bad : List.of("/organizations?per_page=101", "/organizations?page=0", "/organizations?page=x",
                "/organizations?full=maybe", "/organizations?search=" + "a".repeat(201))) {
            given().get(bad).then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
    }

    @Test
    void postcodeSearchFindsTheRefugeByAreaWithoutDistanceOrAddress() throws Exception {
        Response r = open("/services?postcode=CV1 5FB&full=true&per_page=100");
        assertPage(json(r), "service.json");
        assertNoRefugeSecrets(r.asString());
        List<String> ids = r.jsonPath().getList("contents.id");
        assertThat(ids).contains(REFUGE, CELC_IMMIGRATION);
        assertThat(ids).doesNotContain(DemoDataLoader.id("service:sbs-smv").toString()); // London only
        assertThat(r.asString()).doesNotContain("distance");
        Response sal = open("/service_at_locations?postcode=CV1&proximity=2000");
        assertNoRefugeSecrets(sal.asString());
    }

    @Test
    void filtersByTaxonomyOrganisationAgeAndOpeningTimes() throws Exception {
        String nrpf = Hsds.termId(NeedCode.LEGAL_IMMIGRATION).toString();
        Response r = open("/services?per_page=100&taxonomy_term_id=" + nrpf);
        List<String> ids = r.jsonPath().getList("contents.id");
        assertThat(ids).contains(CELC_IMMIGRATION).doesNotContain(REFUGE);
        open("/services?organization_id=" + DemoDataLoader.CELC).then().body("total_items", equalTo(4));
        open("/services?per_page=100&maximum_age=14").then().body("contents.id", not(hasItem(REFUGE)));
        Response helpline = open("/services?per_page=100&day=FR&start_time=10:00&end_time=16:00");
        assertThat(helpline.jsonPath().getList("contents.name", String.class)).contains("Muslim Women's Network Helpline");
        open("/services?per_page=100&day=SA").then().body("total_items", equalTo(0));
        open("/services?minimal=true&per_page=5").then().body("contents[0]", org.hamcrest.Matchers.hasKey("last_modified"));
        open("/services?search=immigration advice").then().body("contents.id", hasItem(CELC_IMMIGRATION));
        open("/services?modified_after=2999-01-01").then().body("total_items", equalTo(0)).body("empty", equalTo(true));
    }

    @Test
    void taxonomiesAndTermsValidate() throws Exception {
        JsonNode taxonomies = json(open("/taxonomies"));
        assertPage(taxonomies, "taxonomy.json");
        String taxonomyId = taxonomies.get("contents").get(0).get("id").asText();
        assertThat(HsdsSchemas.violations("taxonomy.json", open("/taxonomies/" + taxonomyId).asString())).isEmpty();
        JsonNode terms = json(open("/taxonomy_terms?per_page=100&taxonomy_id=" + taxonomyId));
        assertPage(terms, "taxonomy_term.json");
        assertThat(terms.get("total_items").asInt()).isEqualTo(NeedCode.values().length);
        Response nrpf = open("/taxonomy_terms/" + Hsds.termId(NeedCode.NRPF));
        assertThat(HsdsSchemas.violations("taxonomy_term.json", nrpf.asString())).isEmpty();
        nrpf.then().body("code", equalTo("nrpf")).body("parent_id", equalTo(Hsds.termId(NeedCode.LEGAL_IMMIGRATION).toString()));
        open("/taxonomy_terms?parent_id=" + Hsds.termId(NeedCode.LEGAL_IMMIGRATION)).then().body("total_items", equalTo(4));
    }

    @Test
    void badInputIsAProblemNeverA500() {
        for (Map.Entry<String, Integer> c : Map.of(
                "/services?per_page=1000", 400,
                "/services?taxonomy_term_id=not-a-need", 400,
                "/services?taxonomy_id=" + java.util.UUID.randomUUID(), 400,
                "/services?organization_id=" + java.util.UUID.randomUUID(), 400,
                "/services?postcode=NOT A POSTCODE", 400,
                "/services?postcode=ZZ1 1ZZ", 422,
                "/services?page=0", 400,
                "/services?modified_after=yesterday", 400,
                "/services/" + java.util.UUID.randomUUID(), 404,
                "/services/not-a-uuid", 404).entrySet()) {
            given().get(c.getKey()).then().statusCode(c.getValue()).contentType(startsWith("application/problem+json"))
                    .header("Access-Control-Allow-Origin", "*");
        }
        given().get("/taxonomy_terms/" + java.util.UUID.randomUUID()).then().statusCode(404);
        given().get("/organizations/" + java.util.UUID.randomUUID()).then().statusCode(404);
        given().get("/service_at_locations/" + java.util.UUID.randomUUID()).then().statusCode(404);
        given().get("/taxonomies/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }
}
