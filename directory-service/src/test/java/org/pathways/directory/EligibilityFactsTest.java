package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.directory.Expect.assertThat;
import static org.pathways.platform.testing.Requests.as;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 17, item 2 (ADR 0063): DDVC eligibility and NRPF as eligibility facts of a service — in the staff view, the
 * search, the write API, the HSDS feed (attributes with link_type "eligibility") and the service events — while the
 * old need codes and {@code nrpf=true} keep finding what they found.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class EligibilityFactsTest {

    private static final String SBS_SMV = DemoDataLoader.id("service:sbs-smv").toString();
    private static final String CELC_IMMIGRATION = DemoDataLoader.CELC_IMMIGRATION.toString();
    private static final String REFUGE = DemoDataLoader.HAVEN_REFUGE.toString();


    private static List<String> ids(String query) {
        return as("sbs.caseworker1").get("/api/search?per_page=100&" + query).then().statusCode(200).extract().jsonPath()
                .getList("contents.id");
    }

    @Test
    void migrantVictimsServicesSupportDdvcEligibleWomenAsAFact() {
        as("sbs.caseworker1").get("/api/services/" + SBS_SMV).then().statusCode(200)
                .body("eligibility.codes", equalTo(List.of("ddvc-eligible", "nrpf")))
                .body("eligibility.acceptsNrpf", equalTo(true));
        List<String> ddvc = ids("eligibility=ddvc-eligible");
        assertThat(ddvc).contains(SBS_SMV, CELC_IMMIGRATION).doesNotContain(REFUGE);
        // Both facts at once: the service must support both; repeated or comma-separated alike.
        assertThat(ids("eligibility=ddvc-eligible,nrpf")).contains(SBS_SMV).isEqualTo(ids("eligibility=ddvc-eligible&eligibility=nrpf"));
        // nrpf=true is the "nrpf" fact; the old need codes still find the services tagged with them.
        assertThat(ids("nrpf=true")).isEqualTo(ids("eligibility=nrpf")).contains(SBS_SMV);
        assertThat(ids("need=ddvc")).contains(SBS_SMV, CELC_IMMIGRATION);
        assertThat(ids("need=nrpf&eligibility=ddvc-eligible")).contains(SBS_SMV);
    }

    @Test
    void badEligibilityCodesAreRefusedNamingTheField() {
        as("sbs.caseworker1").get("/api/search?eligibility=ddvc").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("eligibility"));
        Map<String, Object> bad = new HashMap<>(service("Bad facts"));
        bad.put("eligibilityCodes", List.of("nrpf", "asylum-seeker"));
        as("kairos.admin1").body(bad).post("/api/services").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem(startsWith("eligibilityCodes")));
    }

    private static Map<String, Object> service(String name) {
        return Map.of("name", name, "description", "Casework for migrant women.", "needCodes", List.of("domestic-abuse"),
                "areas", List.of("Coventry"), "gender", "WOMEN");
    }

    @Test
    void anAdminSetsTheFactsAndTheFeedAndEventsCarryThem() throws Exception {
        Map<String, Object> body = new HashMap<>(service("Migrant women's casework"));
        body.put("eligibilityCodes", List.of("ddvc-eligible"));
        String id = as("kairos.admin1").body(body).post("/api/services").then().statusCode(201)
                .body("eligibility.codes", equalTo(List.of("ddvc-eligible"))).body("eligibility.acceptsNrpf", equalTo(false))
                .extract().path("id");
        assertThat(ids("eligibility=ddvc-eligible")).contains(id);
        assertThat(ids("eligibility=nrpf")).doesNotContain(id);

        // The older flag and the fact are one: acceptsNrpf sets "nrpf" too.
        body.put("acceptsNrpf", true);
        as("kairos.admin1").body(body).put("/api/services/" + id).then().statusCode(200)
                .body("eligibility.codes", equalTo(List.of("ddvc-eligible", "nrpf"))).body("eligibility.acceptsNrpf", equalTo(true));
        assertThat(ids("eligibility=nrpf")).contains(id);

        // HSDS 3.0: attributes with link_type "eligibility", valid against the schema; the need attributes unchanged.
        String feed = given().get("/services/" + id).then().statusCode(200).extract().asString();
        assertThat(HsdsSchemas.violations("service.json", feed)).isEmpty();
        JsonNode attributes = new ObjectMapper().readTree(feed).path("attributes");
        List<String> facts = new java.util.ArrayList<>();
        List<String> needs = new java.util.ArrayList<>();
        attributes.forEach(a -> (a.path("link_type").asText().equals("eligibility") ? facts : needs)
                .add(a.path("taxonomy_term").path("code").asText()));
        assertThat(facts).isEqualTo(List.of("ddvc-eligible", "nrpf"));
        assertThat(needs).isEqualTo(List.of("domestic-abuse"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readToEnd(Topics.DIRECTORY_EVENTS)
                .stream().map(e -> EventEnvelope.parse(e.value()))
                .anyMatch(e -> e.type().equals(EventTypes.DIRECTORY_SERVICE_UPDATED) && e.subject().equals(id)
                        && e.data().path("eligibilityCodes").toString().equals("[\"ddvc-eligible\",\"nrpf\"]"))).isTrue());
    }
}
