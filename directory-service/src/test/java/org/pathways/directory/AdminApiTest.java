package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.directory.Expect.assertThat;
import static org.pathways.platform.testing.Requests.as;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Organisation admins' locations, organisation details and contacts; partnership admins creating partnerships. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class AdminApiTest {

    private static final String KAIROS = DemoDataLoader.KAIROS.toString();
    private static final String KAIROS_SERVICE = DemoDataLoader.id("service:kairos-forced-marriage").toString();


    private static Map<String, Object> safeHouse(String name) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("confidential", true);
        m.put("address1", "12 Hidden Lane");
        m.put("city", "Coventry");
        m.put("postcode", "CV2 4QQ");
        m.put("area", "Coventry");
        m.put("latitude", 52.4170);
        m.put("longitude", -1.4790);
        m.put("phone", "024 7699 1234");
        return m;
    }

    @Test
    void locationsCrudAndAConfidentialAddressNeverReachesTheOpenFeed() {
        given().get("/api/locations").then().statusCode(401);
        as("kairos.caseworker1").get("/api/locations").then().statusCode(403);
        as("kairos.caseworker1").body(safeHouse("x")).post("/api/locations").then().statusCode(403);

        String loc = as("kairos.admin1").body(safeHouse("Kairos safe house")).post("/api/locations").then().statusCode(201)
                .header("Location", startsWith("/api/locations/")).body("confidential", equalTo(true))
                .body("address1", equalTo("12 Hidden Lane")).body("postcode", equalTo("CV2 4QQ")).extract().path("id");
        as("kairos.admin1").get("/api/locations").then().statusCode(200).body("id", hasItem(loc));
        as("kairos.admin1").get("/api/locations/" + loc).then().statusCode(200).body("area", equalTo("Coventry"));

        // Another organisation's admin: not found, whatever the verb.
        as("celc.admin1").get("/api/locations/" + loc).then().statusCode(404);
        as("celc.admin1").body(safeHouse("Taken over")).put("/api/locations/" + loc).then().statusCode(404);
        as("celc.admin1").delete("/api/locations/" + loc).then().statusCode(404);
        as("celc.admin1").get("/api/locations").then().statusCode(200).body("id", not(hasItem(loc)));

        // Bad input: field-level 400s, never a 500.
        Map<String, Object> noName = safeHouse("x");
        noName.remove("name");
        as("kairos.admin1").body(noName).post("/api/locations").then().statusCode(400).body("errors.field", hasItem("name"));
        Map<String, Object> badPostcode = safeHouse("x");
        badPostcode.put("postcode", "NOT A POSTCODE");
        as("kairos.admin1").body(badPostcode).post("/api/locations").then().statusCode(400).body("errors.field", hasItem("postcode"));
        Map<String, Object> unknownArea = safeHouse("x");
        unknownArea.put("area", "Atlantis");
        as("kairos.admin1").body(unknownArea).post("/api/locations").then().statusCode(400).body("errors.field", hasItem("area"));
        Map<String, Object> half = safeHouse("x");
        half.remove("longitude");
        as("kairos.admin1").body(half).post("/api/locations").then().statusCode(400).body("errors.field", hasItem("longitude"));
        Map<String, Object> badLat = safeHouse("x");
        badLat.put("latitude", 123);
        as("kairos.admin1").body(badLat).post("/api/locations").then().statusCode(400).body("errors.field", hasItem("latitude"));
        as("kairos.admin1").get("/api/locations/not-a-uuid").then().statusCode(404); // as every malformed path id

        // A service delivered there: the feed shows the area, never the address, postcode, coordinates or phone.
        String service = as("kairos.admin1").body(Map.of("name", "Safe house outreach", "needCodes", List.of("refuge-safe-accommodation"),
                "areas", List.of("Coventry"), "locationIds", List.of(loc))).post("/api/services").then().statusCode(201).extract().path("id");
        for (String path : List.of("/services/" + service, "/services?full=true&organization_id=" + KAIROS,
                "/service_at_locations?full=true&organization_id=" + KAIROS, "/organizations/" + KAIROS,
                "/services?postcode=CV2 4QQ&full=true", "/service_at_locations?postcode=CV2 4QQ&full=true")) {
            String body = given().get(path).then().statusCode(200).extract().asString();
            // Her address, postcode, phone or coordinates (the feed may name the location by its id, with the area); each
            // needle whole, so an unrelated number (a distance, another id) cannot match by chance, and the one found is named.
            for (String needle : List.of("Hidden Lane", "CV2 4QQ", "7699 1234", "76991234")) {
                assertThat(body.contains(needle)).as(path + " leaked the confidential address (" + needle + ")").isFalse();
            }
            assertThat(java.util.regex.Pattern.compile("\"latitude\"\\s*:\\s*52\\.417\\b|\"longitude\"\\s*:\\s*-1\\.479\\b")
                    .matcher(body).find()).as(path + " leaked the confidential coordinates").isFalse();
        }
        as("kairos.caseworker1").get("/api/services/" + service).then().statusCode(200)
                .body("locations[0].area", equalTo("Coventry")).body("locations[0].address", nullValue());

        // In use: cannot be deleted; renamed: fine.
        as("kairos.admin1").delete("/api/locations/" + loc).then().statusCode(409);
        as("kairos.admin1").body(safeHouse("Kairos safe house (north)")).put("/api/locations/" + loc).then().statusCode(200)
                .body("name", equalTo("Kairos safe house (north)")).body("servicesHere", equalTo(1));
        as("kairos.admin1").body(Map.of("name", "Safe house outreach", "needCodes", List.of("refuge-safe-accommodation"),
                "locationIds", List.of())).put("/api/services/" + service).then().statusCode(200);
        as("kairos.admin1").delete("/api/locations/" + loc).then().statusCode(204);
        as("kairos.admin1").get("/api/locations/" + loc).then().statusCode(404);
    }

    @Test
    void organisationDetailsAndCapacityOptIn() {
        String path = "/api/organisations/" + KAIROS;
        given().get(path).then().statusCode(401);
        Map<String, Object> before = as("kairos.caseworker1").get(path).then().statusCode(200)
                .body("name", equalTo("Kairos Women Working Together")).extract().jsonPath().getMap("$");
        as("celc.admin1").get(path).then().statusCode(404);
        as("celc.admin1").get("/api/organisations/" + UUID.randomUUID()).then().statusCode(404);

        Map<String, Object> details = new HashMap<>(Map.of("name", before.get("name"), "description", before.get("description"),
                "nation", "ENGLAND_AND_WALES", "capacityPublic", true, "website", "https://kairos.example.org"));
        as("kairos.caseworker1").body(details).put(path).then().statusCode(403);
        as("celc.admin1").body(details).put(path).then().statusCode(404);
        Map<String, Object> bad = new HashMap<>(details);
        bad.put("website", "not a url");
        bad.remove("description");
        as("kairos.admin1").body(bad).put(path).then().statusCode(400).body("errors.field", hasItem("description"))
                .body("errors.field", hasItem("website"));
        Map<String, Object> badNation = new HashMap<>(details);
        badNation.put("nation", "ATLANTIS");
        as("kairos.admin1").body(badNation).put(path).then().statusCode(400);

        boolean wasPublic = Boolean.TRUE.equals(before.get("capacityPublic"));
        try {
            as("kairos.admin1").body(details).put(path).then().statusCode(200).body("capacityPublic", equalTo(true));
            given().get("/services/" + KAIROS_SERVICE).then().statusCode(200).body("capacities", not(nullValue()));
            details.put("capacityPublic", false);
            as("kairos.admin1").body(details).put(path).then().statusCode(200).body("capacityPublic", equalTo(false));
            given().get("/services/" + KAIROS_SERVICE).then().statusCode(200).body("capacities", nullValue());
        } finally {
            details.put("capacityPublic", wasPublic);
            details.put("website", before.get("website"));
            as("kairos.admin1").body(details).put(path).then().statusCode(200);
        }
    }

    @Test
    void organisationLevelContacts() {
        String path = "/api/organisations/" + KAIROS + "/contacts";
        Map<String, Object> contact = Map.of("title", "Partnerships lead", "email", "partnerships@kairos.example.org", "isPublic", true);
        given().contentType(ContentType.JSON).body(contact).post(path).then().statusCode(401);
        as("kairos.caseworker1").body(contact).post(path).then().statusCode(403);
        as("celc.admin1").body(contact).post(path).then().statusCode(404);
        as("kairos.admin1").body(Map.of("title", "Nobody to reach")).post(path).then().statusCode(400);
        as("kairos.admin1").body(Map.of("email", "not-an-email")).post(path).then().statusCode(400).body("errors.field", hasItem("email"));

        String id = as("kairos.admin1").body(contact).post(path).then().statusCode(201).body("serviceId", nullValue()).extract().path("id");
        String hidden = as("kairos.admin1").body(Map.of("title", "Finance", "email", "finance@kairos.example.org")).post(path)
                .then().statusCode(201).extract().path("id");
        given().get("/organizations/" + KAIROS).then().statusCode(200).body("contacts.email", hasItem("partnerships@kairos.example.org"))
                .body("contacts.email", not(hasItem("finance@kairos.example.org")));
        as("kairos.admin1").get("/api/contacts").then().statusCode(200).body("id", hasItem(id)).body("id", hasItem(hidden));
        as("kairos.admin1").delete("/api/contacts/" + id).then().statusCode(204);
        as("kairos.admin1").delete("/api/contacts/" + hidden).then().statusCode(204);
    }

    @Test
    void partnershipAdminsCreatePartnerships() {
        String name = "Warwickshire Women's Partnership " + UUID.randomUUID();
        Map<String, Object> body = Map.of("name", name, "description", "Pilot partnership");
        given().contentType(ContentType.JSON).body(body).post("/api/partnerships").then().statusCode(401);
        as("kairos.admin1").body(body).post("/api/partnerships").then().statusCode(403);
        as("fwt.caseworker1").body(body).post("/api/partnerships").then().statusCode(403);
        as("fwt.partnership-admin1").body(Map.of("name", " ")).post("/api/partnerships").then().statusCode(400)
                .body("errors.field", hasItem("name"));
        as("fwt.partnership-admin1").body(Map.of("name", "x", "surprise", true)).post("/api/partnerships").then().statusCode(400);

        String id = as("fwt.partnership-admin1").body(body).post("/api/partnerships").then().statusCode(201)
                .header("Location", startsWith("/api/partnerships/")).body("leadOrganisationId", equalTo(DemoDataLoader.FWT.toString()))
                .body("members[0].role", equalTo("LEAD")).extract().path("id");
        as("fwt.partnership-admin1").body(body).post("/api/partnerships").then().statusCode(409);
        as("fwt.caseworker1").get("/api/partnerships/" + id).then().statusCode(200).body("name", equalTo(name));
        as("kairos.caseworker1").get("/api/partnerships/" + id).then().statusCode(404);

        // Its lead's partnership admins manage its membership with the existing endpoints.
        as("fwt.partnership-admin1").body(Map.of("organisationId", KAIROS)).post("/api/partnerships/" + id + "/members")
                .then().statusCode(201);
        as("kairos.caseworker1").get("/api/partnerships/" + id).then().statusCode(200).body("members.organisationId", hasItem(KAIROS));
    }

    /** Issue 14, finding 7: a partnership created by mistake can be removed while nothing refers to it (no DELETE before). */
    @Test
    void aPartnershipCreatedByMistakeCanBeRemovedWhileNothingRefersToIt() {
        String id = as("fwt.partnership-admin1").body(Map.of("name", "Created by mistake " + UUID.randomUUID()))
                .post("/api/partnerships").then().statusCode(201).extract().path("id");
        String path = "/api/partnerships/" + id;
        given().delete(path).then().statusCode(401);
        as("kairos.admin1").delete(path).then().statusCode(403);
        as("fwt.caseworker1").delete(path).then().statusCode(403);
        as("fwt.partnership-admin1").delete("/api/partnerships/not-a-uuid").then().statusCode(404);
        as("fwt.partnership-admin1").delete("/api/partnerships/" + UUID.randomUUID()).then().statusCode(404);
        // A member refers to it: 409, nothing removed.
        as("fwt.partnership-admin1").body(Map.of("organisationId", KAIROS)).post(path + "/members").then().statusCode(201);
        as("fwt.partnership-admin1").delete(path).then().statusCode(409).contentType(startsWith("application/problem+json"));
        as("kairos.caseworker1").get(path).then().statusCode(200);
        as("fwt.partnership-admin1").delete(path + "/members/" + KAIROS).then().statusCode(204);
        // Nothing refers to it any more: gone.
        as("fwt.partnership-admin1").delete(path).then().statusCode(204);
        as("fwt.caseworker1").get(path).then().statusCode(404);
        as("fwt.partnership-admin1").delete(path).then().statusCode(404);
        // A partnership with members and agreements stays.
        as("fwt.partnership-admin1").delete("/api/partnerships/" + DemoDataLoader.COVENTRY_PARTNERSHIP).then().statusCode(409);
        // Only its lead's partnership admins: for another partnership FWT's admin is not a member (404).
        as("fwt.partnership-admin1").delete("/api/partnerships/" + DemoDataLoader.MIGRANT_VICTIMS_PARTNERSHIP).then().statusCode(404);
    }
}
