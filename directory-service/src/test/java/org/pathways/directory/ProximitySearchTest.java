package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.directory.Expect.assertThat;
import static org.pathways.directory.SearchPages.ids;
import static org.pathways.platform.testing.Requests.as;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.directory.domain.Gazetteer;
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

/**
 * Proximity in the staff search ({@code GET /api/search} with {@code postcode} or {@code lat}/{@code lon}; no geocoder
 * configured, so postcodes are placed by the offline gazetteer): capacity band, then needs met, then distance to the
 * nearest location (a confidential one at its area's centre only), services without a location last; public places
 * show {@code distanceKm}, confidential ones nothing finer than their area.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class ProximitySearchTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Gazetteer.Area COVENTRY = Gazetteer.area("Coventry").orElseThrow();
    /** East of the city (the "far" service), and where the test refuge really is: the ranking must not know that. */
    private static final double EAST_LAT = 52.4500;
    private static final double EAST_LON = -1.4000;
    /** West of the city centre (the "near" service). */
    private static final double WEST_LAT = 52.4000;
    private static final double WEST_LON = -1.5600;
    private static final String REFUGE_ADDRESS = "7 Unlisted Close";
    private static final String REFUGE_POSTCODE = "CV3 9QX";

    /** Run-unique word in the test services' names, so the searches see only them. */
    private static final String TAG = "prox" + UUID.randomUUID().toString().substring(0, 8);
    private static String refuge;
    private static String far;
    private static String near;
    private static String phone;


    /**
     * Four Kairos services for Coventry, named so that name order (a, b, c, d) is never the distance order being
     * checked: a refuge (confidential, really at EAST), "far" at EAST, "near" at WEST, a phone line with no location.
     */
    private static synchronized void services() {
        if (refuge != null) return;
        Map<String, Object> hidden = location("Safe house", EAST_LAT, EAST_LON);
        hidden.put("confidential", true);
        hidden.put("address1", REFUGE_ADDRESS);
        hidden.put("postcode", REFUGE_POSTCODE);
        refuge = service(TAG + " a refuge", create(hidden));
        far = service(TAG + " b east", create(location("East", EAST_LAT, EAST_LON)));
        near = service(TAG + " c west", create(location("West", WEST_LAT, WEST_LON)));
        phone = service(TAG + " d phone line", null);
    }

    private static Map<String, Object> location(String name, double lat, double lon) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", TAG + " " + name);
        m.put("confidential", false);
        m.put("address1", "2 Test Street");
        m.put("city", "Coventry");
        m.put("area", "Coventry");
        m.put("latitude", lat);
        m.put("longitude", lon);
        return m;
    }

    private static String create(Map<String, Object> location) {
        return as("kairos.admin1").body(location).post("/api/locations").then().statusCode(201).extract().path("id");
    }

    private static String service(String name, String locationId) {
        Map<String, Object> m = new HashMap<>(Map.of("name", name, "description", "Support for women.",
                "needCodes", List.of("domestic-abuse"), "areas", List.of("Coventry")));
        if (locationId != null) m.put("locationIds", List.of(locationId));
        return as("kairos.admin1").body(m).post("/api/services").then().statusCode(201).extract().path("id");
    }

    private static JsonNode search(String params) throws Exception {
        return JSON.readTree(as("kairos.caseworker1").get("/api/search?need=domestic-abuse&q=" + TAG + "&" + params).then()
                .statusCode(200).extract().asString());
    }

    private static JsonNode result(JsonNode page, String id) {
        for (JsonNode s : page.get("contents")) if (s.get("id").asText().equals(id)) return s;
        throw new AssertionError(id + " not in the page");
    }

    private static double km(double lat1, double lon1, double lat2, double lon2) {
        return Math.round(Gazetteer.distanceKm(lat1, lon1, lat2, lon2) * 10) / 10.0;
    }

    @Test
    void aPostcodeRanksByDistanceWithinCapacityAndTheRefugeCountsAtItsAreaCentre() throws Exception {
        services();
        // CV1 1AA is placed at Coventry's centre (offline): the refuge counts there (0 km), then west, then east; the
        // phone line, with no location, comes last.
        JsonNode page = search("postcode=CV1 1AA");
        assertThat(ids(page)).isEqualTo(List.of(refuge, near, far, phone));
        assertThat(result(page, near).get("locations").get(0).get("distanceKm").asDouble())
                .isEqualTo(km(COVENTRY.latitude(), COVENTRY.longitude(), WEST_LAT, WEST_LON));
        assertThat(result(page, far).get("locations").get(0).get("distanceKm").asDouble())
                .isEqualTo(km(COVENTRY.latitude(), COVENTRY.longitude(), EAST_LAT, EAST_LON));

        // The refuge: its area, nothing finer, no distance — in this search and in the one below.
        JsonNode place = result(page, refuge).get("locations").get(0);
        assertThat(place.get("confidential").asBoolean()).isTrue();
        assertThat(place.get("area").asText()).isEqualTo("Coventry");
        for (String field : List.of("distanceKm", "address", "postcode", "name")) assertThat(place.has(field)).as(field).isFalse();
        assertThat(result(page, refuge).has("distanceKm")).isFalse();
        assertThat(result(page, phone).get("locations").size()).isEqualTo(0);
        assertThat(page.toString()).doesNotContain(REFUGE_ADDRESS).doesNotContain(REFUGE_POSTCODE).doesNotContain("Safe house");

        // From where the refuge really is: had its own coordinates counted, it would tie with "east" at 0 km and come
        // first by name. At Coventry's centre it comes second.
        JsonNode east = search("lat=" + EAST_LAT + "&lon=" + EAST_LON);
        assertThat(ids(east)).isEqualTo(List.of(far, refuge, near, phone));
        assertThat(result(east, far).get("locations").get(0).get("distanceKm").asDouble()).isEqualTo(0.0);
        assertThat(result(east, refuge).get("locations").get(0).has("distanceKm")).isFalse();
        assertThat(east.toString()).doesNotContain(REFUGE_ADDRESS).doesNotContain(REFUGE_POSTCODE);

        // Capacity first: "east" with no capacity drops below every service that can take her now, however near.
        as("kairos.admin1").body(Map.of("status", "NO_CAPACITY")).put("/api/services/" + far + "/capacity").then().statusCode(200);
        try {
            assertThat(ids(search("lat=" + EAST_LAT + "&lon=" + EAST_LON))).isEqualTo(List.of(refuge, near, phone, far));
            assertThat(ids(search("lat=" + EAST_LAT + "&lon=" + EAST_LON + "&capacity=hide"))).isEqualTo(List.of(refuge, near, phone));
        } finally {
            as("kairos.admin1").body(Map.of("status", "HAS_CAPACITY")).put("/api/services/" + far + "/capacity").then().statusCode(200);
        }

        // Without a point nothing changes: by name, no distances.
        JsonNode plain = search("area=Coventry");
        assertThat(ids(plain)).isEqualTo(List.of(refuge, far, near, phone));
        assertThat(plain.toString()).doesNotContain("distanceKm");
    }

    @Test
    void mustHold_immigrationSearchFromAPostcodeStillFindsCelcWithItsSpoc() {
        for (String where : List.of("postcode=CV1 5FB", "area=Coventry&lat=52.4075&lon=-1.5079")) {
            as("kairos.caseworker1").get("/api/search?need=legal-immigration&language=ur&interpreter=true&nrpf=true&" + where).then()
                    .statusCode(200)
                    .body("contents[0].id", equalTo(DemoDataLoader.CELC_IMMIGRATION.toString()))
                    .body("contents[0].spoc.username", equalTo("celc.coordinator1"))
                    .body("contents[0].spoc.mailbox", equalTo("immigration@celc.example.org"))
                    .body("contents[0].capacity.status", equalTo("HAS_CAPACITY"))
                    .body("contents[0].responseTarget.workingDays", equalTo(3))
                    .body("contents[0].locations[0].confidential", equalTo(false))
                    .body("contents[0].locations[0].distanceKm", org.hamcrest.Matchers.notNullValue());
        }
    }

    @Test
    void badCoordinatesAndPostcodesAreProblemsWithTheField() {
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("lat=91&lon=0", "lat");
        bad.put("lat=-90.5&lon=0", "lat");
        bad.put("lat=52.4&lon=181", "lon");
        bad.put("lat=abc&lon=-1.5", "lat");
        bad.put("lat=NaN&lon=-1.5", "lat");
        bad.put("lat=52.4&lon=Infinity", "lon");
        bad.put("lat=1e1&lon=-1.5", "lat");
        bad.put("lat=52.4", "lon");
        bad.put("lon=-1.5", "lat");
        bad.put("lat=52.4&lon=-1.5&postcode=CV1 1AA", "postcode");
        bad.put("postcode=12345", "postcode");
        bad.put("postcode=NOT A POSTCODE", "postcode");
        for (Map.Entry<String, String> c : bad.entrySet()) {
            as("kairos.caseworker1").get("/api/search?need=domestic-abuse&" + c.getKey()).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo(c.getValue()));
        }
        // A well-formed postcode nothing can place: 422, as before.
        as("kairos.caseworker1").get("/api/search?postcode=ZZ1 1ZZ").then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("postcode"));
        // Who may search is unchanged.
        given().get("/api/search?lat=52.4&lon=-1.5").then().statusCode(401).contentType(startsWith("application/problem+json"));
        as("wbg.evaluator1").get("/api/search?lat=52.4&lon=-1.5").then().statusCode(403);
    }

    @Test
    void pastTheLastPageTheTotalIsStillCounted() {
        // Two needs (needs met ranks) and a point: the count past the last page binds only the filters' parameters.
        for (String q : List.of("need=nrpf&need=counselling", "need=nrpf&need=counselling&lat=52.4&lon=-1.5", "need=nrpf&postcode=CV1 1AA")) {
            int total = as("kairos.caseworker1").get("/api/search?" + q).then().statusCode(200).extract().path("totalItems");
            assertThat(total).isGreaterThanOrEqualTo(1);
            as("kairos.caseworker1").get("/api/search?" + q + "&page=999").then().statusCode(200)
                    .body("totalItems", equalTo(total)).body("contents.size()", equalTo(0));
        }
    }
}
