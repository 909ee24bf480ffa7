package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.pathways.directory.Expect.assertThat;
import static org.pathways.directory.SearchPages.ids;
import static org.pathways.platform.testing.Requests.as;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.awaitility.Awaitility;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathways.directory.domain.Gazetteer;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The postcodes.io-compatible geocoder over HTTP, against a local stand-in for the external API: a full postcode is
 * placed by the API (its point orders the open feed and the staff search by distance, its {@code admin_district} gives
 * the area); a 404, malformed JSON, no answer in time and a down API all fall back to the offline gazetteer; a
 * district alone is never sent; the postcode goes nowhere but the request path the API receives (never a log line).
 */
@QuarkusTest
@TestProfile(GeocoderApiTest.WithGeocoder.class)
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class GeocoderApiTest {

    public static class WithGeocoder implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A short timeout keeps the "no answer" case quick; the default is 3 s.
            return Map.of("pathways.directory.geocoder.url", FakePostcodesIo.url() + "/", "pathways.directory.geocoder.timeout", "1S");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where the API places CV1 9GT: north-west of the city centre, next to the "near" location below. */
    private static final double API_LAT = 52.4495;
    private static final double API_LON = -1.5490;
    private static final double NEAR_LAT = API_LAT + 0.001;
    private static final double NEAR_LON = API_LON - 0.001;
    private static final Gazetteer.Area COVENTRY = Gazetteer.area("Coventry").orElseThrow();

    private static final String LOCATED = "CV1 9GT";
    private static final String OUTSIDE_OFFLINE_AREA = "CV7 9ZZ"; // offline: West Midlands; the API: Coventry
    private static final String UNKNOWN_TO_API = "CV1 8ZZ";
    private static final String UNKNOWN_TO_API_CV7 = "CV7 8ZZ";
    private static final String MALFORMED = "CV1 7ZZ";
    private static final String SILENT = "CV1 6ZZ";
    private static final List<String> POSTCODES = List.of(LOCATED, OUTSIDE_OFFLINE_AREA, UNKNOWN_TO_API, UNKNOWN_TO_API_CV7, MALFORMED,
            SILENT);

    private static FakePostcodesIo api;
    private static final List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String message = r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage();
            StringBuilder all = new StringBuilder(r.getLoggerName() + " " + message);
            if (r.getParameters() != null) for (Object p : r.getParameters()) all.append(' ').append(p);
            for (Throwable t = r.getThrown(); t != null; t = t.getCause()) all.append(' ').append(t);
            logged.add(all.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Run-unique word in the test services' names, so the searches see only them. */
    private static final String TAG = "geo" + UUID.randomUUID().toString().substring(0, 8);
    private static String nearApi;
    private static String atCentre;

    @BeforeAll
    static void startApi() throws Exception {
        api = new FakePostcodesIo().located(LOCATED, API_LAT, API_LON, "Coventry")
                .located(OUTSIDE_OFFLINE_AREA, 52.4420, -1.5380, "Coventry").notFound(UNKNOWN_TO_API).notFound(UNKNOWN_TO_API_CV7)
                .malformed(MALFORMED).silent(SILENT).start();
        Logger.getLogger("").addHandler(capture);
    }

    @AfterAll
    static void stopApi() {
        Logger.getLogger("").removeHandler(capture);
        api.stop();
    }


    /**
     * Two Kairos services for Coventry at known public locations: "a" at the city centre (where the offline gazetteer
     * puts any CV1 postcode), "z" next to where the API puts CV1 9GT. By name "a" comes first; by distance it depends
     * on who placed the postcode.
     */
    private static synchronized void services() {
        if (nearApi != null) return;
        atCentre = service(TAG + " a centre", location("Centre", COVENTRY.latitude(), COVENTRY.longitude()));
        nearApi = service(TAG + " z north-west", location("North-west", NEAR_LAT, NEAR_LON));
    }

    private static String location(String name, double lat, double lon) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", TAG + " " + name);
        m.put("confidential", false);
        m.put("address1", "1 Test Street");
        m.put("city", "Coventry");
        m.put("area", "Coventry");
        m.put("latitude", lat);
        m.put("longitude", lon);
        return as("kairos.admin1").body(m).post("/api/locations").then().statusCode(201).extract().path("id");
    }

    private static String service(String name, String locationId) {
        return as("kairos.admin1").body(Map.of("name", name, "description", "Drop-in support.", "needCodes", List.of("domestic-abuse"),
                "areas", List.of("Coventry"), "locationIds", List.of(locationId))).post("/api/services").then().statusCode(201)
                .extract().path("id");
    }

    private static List<String> feedOrder(String postcode, int proximityMetres) {
        return given().get("/services?per_page=100&search=" + TAG + "&proximity=" + proximityMetres + "&postcode=" + postcode).then()
                .statusCode(200).extract().jsonPath().getList("contents.id");
    }

    private static JsonNode staffSearch(String postcode) throws Exception {
        return JSON.readTree(as("fwt.caseworker1").get("/api/search?need=domestic-abuse&q=" + TAG + "&postcode=" + postcode).then()
                .statusCode(200).extract().asString());
    }

    private static long asked(String postcode) {
        String path = "/postcodes/" + postcode.replace(" ", "%20");
        return api.requests().stream().filter(r -> r.rawPath().equals(path)).count();
    }

    /**
     * No log line holds any of the postcodes, in any spelling. The access log line of a last request is awaited first,
     * so the lines of the requests before it are in.
     */
    private static void assertNoPostcodeLogged() {
        String marker = "/services/" + UUID.randomUUID();
        given().get(marker).then().statusCode(404);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logged.stream().anyMatch(l -> l.contains(marker)));
        assertThat(logged.stream().anyMatch(l -> l.contains("geocoder answered 404"))).as("the capture sees the geocoder's lines").isTrue();
        for (String line : logged) {
            for (String pc : POSTCODES) {
                for (String spelling : List.of(pc, pc.replace(" ", ""), pc.replace(" ", "%20"), pc.replace(" ", "+"))) {
                    assertThat(line.toUpperCase().contains(spelling)).as("postcode in the log: " + line).isFalse();
                }
            }
        }
    }

    @Test
    void aFullPostcodeIsPlacedByTheApi() throws Exception {
        services();
        long before = asked(LOCATED);

        // The open feed: nearest public location to the API's point first, though "a" sorts first by name.
        assertThat(feedOrder(LOCATED, 20_000)).isEqualTo(List.of(nearApi, atCentre));
        assertThat(asked(LOCATED)).isEqualTo(before + 1);
        FakePostcodesIo.Request r = api.requests().get(api.requests().size() - 1);
        // Only the path carries the postcode: a GET with no query string and no body.
        assertThat(r.method()).isEqualTo("GET");
        assertThat(r.rawPath()).isEqualTo("/postcodes/CV1%209GT");
        assertThat(r.rawQuery()).isEqualTo(null);
        assertThat(r.bodyBytes()).isEqualTo(0L);

        // The staff search ranks the same way and shows each public place's distance from the API's point.
        JsonNode page = staffSearch(LOCATED);
        assertThat(ids(page)).isEqualTo(List.of(nearApi, atCentre));
        double expected = Math.round(Gazetteer.distanceKm(API_LAT, API_LON, COVENTRY.latitude(), COVENTRY.longitude()) * 10) / 10.0;
        assertThat(page.get("contents").get(1).get("locations").get(0).get("distanceKm").asDouble()).isEqualTo(expected);
        assertThat(page.get("contents").get(0).get("locations").get(0).get("distanceKm").asDouble())
                .isEqualTo(Math.round(Gazetteer.distanceKm(API_LAT, API_LON, NEAR_LAT, NEAR_LON) * 10) / 10.0);

        // The area comes from admin_district: CV7 is "West Midlands" offline, but the API says Coventry, so services
        // covering Coventry match (by area, whatever the radius) — and do not when the API cannot place the postcode.
        assertThat(feedOrder(OUTSIDE_OFFLINE_AREA, 1)).contains(nearApi, atCentre);
        assertThat(ids(staffSearch(OUTSIDE_OFFLINE_AREA))).contains(nearApi, atCentre);
        assertThat(feedOrder(UNKNOWN_TO_API_CV7, 1)).isEmpty();
        assertThat(ids(staffSearch(UNKNOWN_TO_API_CV7))).isEmpty();
        assertThat(asked(OUTSIDE_OFFLINE_AREA)).isEqualTo(2L);

        assertNoPostcodeLogged();
    }

    @Test
    void anApiThatCannotAnswerFallsBackToTheOfflineGazetteer() throws Exception {
        services();
        // The offline gazetteer puts every CV1 postcode at Coventry's centre: "a" is nearest.
        List<String> offline = List.of(atCentre, nearApi);

        assertThat(feedOrder(UNKNOWN_TO_API, 20_000)).as("404").isEqualTo(offline);
        assertThat(ids(staffSearch(UNKNOWN_TO_API))).as("404, staff").isEqualTo(offline);
        assertThat(asked(UNKNOWN_TO_API)).isEqualTo(2L);

        assertThat(feedOrder(MALFORMED, 20_000)).as("malformed JSON").isEqualTo(offline);
        assertThat(ids(staffSearch(MALFORMED))).as("malformed JSON, staff").isEqualTo(offline);
        assertThat(asked(MALFORMED)).isEqualTo(2L);

        assertThat(feedOrder(SILENT, 20_000)).as("no answer in time").isEqualTo(offline);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> asked(SILENT) >= 1);

        api.down();
        try {
            long before = asked(LOCATED);
            assertThat(feedOrder(LOCATED, 20_000)).as("API down").isEqualTo(offline);
            assertThat(ids(staffSearch(LOCATED))).as("API down, staff").isEqualTo(offline);
            assertThat(asked(LOCATED)).isEqualTo(before);
        } finally {
            api.start();
        }
        // Back up: the API places it again.
        assertThat(feedOrder(LOCATED, 20_000)).isEqualTo(List.of(nearApi, atCentre));

        assertNoPostcodeLogged();
    }

    @Test
    void aPostcodeDistrictAloneIsNeverSentToTheApi() {
        services();
        int before = api.requests().size();
        assertThat(feedOrder("CV1", 20_000)).isEqualTo(List.of(atCentre, nearApi));
        as("fwt.caseworker1").get("/api/search?need=domestic-abuse&postcode=CV1&q=" + TAG).then().statusCode(200);
        assertThat(api.requests().size()).isEqualTo(before);
        // Unknown to the API and outside the gazetteer: nothing can place it, so 422 as before.
        as("fwt.caseworker1").get("/api/search?postcode=ZZ1 1ZZ").then().statusCode(422);
        given().get("/services?postcode=ZZ1 1ZZ").then().statusCode(422);
    }
}
