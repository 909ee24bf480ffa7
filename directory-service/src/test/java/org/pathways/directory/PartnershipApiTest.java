package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.directory.Expect.assertThat;
import static org.pathways.platform.testing.Requests.as;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The authenticated partnership API: referral search and organisation/partnership admins' edits. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class PartnershipApiTest {

    private static final String CELC_IMMIGRATION = DemoDataLoader.CELC_IMMIGRATION.toString();
    private static final String REFUGE = DemoDataLoader.HAVEN_REFUGE.toString();
    private static final String SEARCH = "/api/search?need=legal-immigration&language=ur&interpreter=true&nrpf=true&area=Coventry";


    private static Map<String, Object> newService(String name) {
        return Map.of("name", name, "description", "Weekly immigration surgery with interpreters.",
                "needCodes", List.of("legal-immigration", "nrpf"), "interpretingLanguages", List.of("ur", "pa"),
                "acceptsNrpf", true, "areas", List.of("Coventry"), "gender", "WOMEN",
                "schedules", List.of(Map.of("byday", "WE", "opensAt", "10:00", "closesAt", "13:00")));
    }

    private static List<String> searchIds(String user, String query) {
        return as(user).get(query).then().statusCode(200).extract().jsonPath().getList("contents.id");
    }

    @Test
    void mustHold_immigrationSearchCapacityRankingAndNewServices() {
        // 1. CELC's immigration service, with its SPOC and response target.
        Response r = as("kairos.caseworker1").get(SEARCH);
        r.then().statusCode(200).body("contents[0].id", equalTo(CELC_IMMIGRATION))
                .body("contents[0].organisation.name", equalTo("Central England Law Centre"))
                .body("contents[0].spoc.source", equalTo("SERVICE"))
                .body("contents[0].spoc.username", equalTo("celc.coordinator1"))
                .body("contents[0].spoc.mailbox", equalTo("immigration@celc.example.org"))
                .body("contents[0].responseTarget.workingDays", equalTo(3))
                .body("contents[0].responseTarget.bankHolidayDivision", equalTo("england-and-wales"))
                .body("contents[0].capacity.status", equalTo("HAS_CAPACITY"))
                .body("contents[0].capacity.stale", equalTo(false))
                .body("contents[0].sharesDataSharingAgreement", equalTo(true))
                .body("contents[0].matchedNeedCodes", hasItem("nrpf"));

        // 2. A service created through the API appears in the next search.
        String created = as("kairos.admin1").body(newService("Immigration surgery")).post("/api/services").then().statusCode(201)
                .header("Location", startsWith("/api/services/")).body("organisation.id", equalTo(DemoDataLoader.KAIROS.toString()))
                .extract().path("id");
        assertThat(searchIds("kairos.caseworker1", SEARCH)).contains(CELC_IMMIGRATION, created);

        try {
            // 3. After CELC sets NO_CAPACITY it ranks below the services with capacity; "hide" leaves it out.
            as("celc.admin1").body(Map.of("status", "NO_CAPACITY")).put("/api/services/" + CELC_IMMIGRATION + "/capacity")
                    .then().statusCode(200).body("capacity.status", equalTo("NO_CAPACITY"));
            List<String> ranked = searchIds("kairos.caseworker1", SEARCH);
            assertThat(ranked.indexOf(created)).isLessThan(ranked.indexOf(CELC_IMMIGRATION));
            assertThat(ranked.get(ranked.size() - 1)).isEqualTo(CELC_IMMIGRATION);
            assertThat(searchIds("kairos.caseworker1", SEARCH + "&capacity=hide")).doesNotContain(CELC_IMMIGRATION).contains(created);

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readToEnd(Topics.DIRECTORY_EVENTS)
                    .stream().map(e -> EventEnvelope.parse(e.value()))
                    .anyMatch(e -> e.type().equals(EventTypes.DIRECTORY_CAPACITY_CHANGED) && e.subject().equals(CELC_IMMIGRATION)
                            && e.data().get("capacityStatus").asText().equals("NO_CAPACITY")
                            && e.data().get("previousCapacityStatus").asText().equals("HAS_CAPACITY"))).isTrue());
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readToEnd(Topics.DIRECTORY_EVENTS)
                    .stream().map(e -> EventEnvelope.parse(e.value()))
                    .anyMatch(e -> e.type().equals(EventTypes.DIRECTORY_SERVICE_CREATED) && e.subject().equals(created))).isTrue());
        } finally {
            as("celc.admin1").body(Map.of("status", "HAS_CAPACITY")).put("/api/services/" + CELC_IMMIGRATION + "/capacity")
                    .then().statusCode(200);
        }
    }

    @Test
    void theRefugeAppearsWithItsAreaAndNeverItsAddress() {
        Response r = as("fwt.connector1").get("/api/search?need=refuge-safe-accommodation&area=Coventry");
        r.then().statusCode(200).body("contents.id", hasItem(REFUGE));
        Map<String, Object> refuge = r.jsonPath().getMap("contents.find { it.id == '" + REFUGE + "' }");
        @SuppressWarnings("unchecked")
        Map<String, Object> place = ((List<Map<String, Object>>) refuge.get("locations")).get(0);
        assertThat(place.get("area")).isEqualTo("Coventry");
        assertThat(place.get("confidential")).isEqualTo(true);
        assertThat(place.containsKey("address")).isFalse();
        assertThat(place.containsKey("postcode")).isFalse();
        for (String secret : List.of("Confidential Road", "CV2 4QR", "52.4213")) assertThat(r.asString()).doesNotContain(secret);
        String one = as("fwt.connector1").get("/api/services/" + REFUGE).then().statusCode(200).extract().asString();
        assertThat(one).doesNotContain("Confidential Road").doesNotContain("CV2 4QR");
        // By postcode: the offline gazetteer puts CV1 in Coventry.
        assertThat(searchIds("fwt.connector1", "/api/search?need=refuge-safe-accommodation&postcode=CV1 5FB")).contains(REFUGE);
        // BSWA's refuge (Birmingham, NO_CAPACITY) is not in Coventry.
        assertThat(searchIds("fwt.connector1", "/api/search?need=refuge-safe-accommodation&area=Coventry"))
                .doesNotContain(DemoDataLoader.id("service:bswa-refuge").toString());
    }

    @Test
    void searchFiltersEligibilityLanguageAndText() {
        // "all": both needs (or narrower terms) must be met.
        assertThat(searchIds("fwt.caseworker1", "/api/search?need=forced-marriage&need=legal-immigration&match=all&per_page=100"))
                .contains(DemoDataLoader.id("service:mwnuk-casework").toString())
                .doesNotContain(CELC_IMMIGRATION);
        // Age: CRASAC counselling is 13+, the refuge 18+.
        List<String> fifteen = searchIds("fwt.caseworker1", "/api/search?need=counselling&need=refuge-safe-accommodation&age=15&area=Coventry");
        assertThat(fifteen).contains(DemoDataLoader.id("service:crasac-counselling").toString()).doesNotContain(REFUGE);
        // Gender: women-only services are left out for a man.
        assertThat(searchIds("fwt.caseworker1", "/api/search?need=domestic-abuse&gender=man&per_page=100")).doesNotContain(REFUGE);
        // Language delivered or interpreted; free text.
        assertThat(searchIds("fwt.caseworker1", "/api/search?language=cy&per_page=100"))
                .contains(DemoDataLoader.id("service:bawso-smv").toString());
        assertThat(searchIds("fwt.caseworker1", "/api/search?q=women's circle")).contains(DemoDataLoader.id("service:crasac-circle").toString());
        // Scope: only organisations sharing a current agreement with the caller (SBS is outside Coventry's agreement).
        assertThat(searchIds("fwt.caseworker1", "/api/search?need=nrpf&scope=partnership&per_page=100"))
                .contains(CELC_IMMIGRATION).doesNotContain(DemoDataLoader.id("service:sbs-smv").toString());
        // Stale capacity flag and the organisation-level SPOC fallback (Kairos's key work has no SPOC of its own).
        as("fwt.caseworker1").get("/api/services/" + DemoDataLoader.id("service:kairos-keywork")).then().statusCode(200)
                .body("spoc.source", equalTo("ORGANISATION")).body("spoc.mailbox", equalTo("referrals@kairos.example.org"))
                .body("capacity.stale", equalTo(false));
    }

    @Test
    void searchRefusesBadInputAndWrongCallers() {
        given().get("/api/search?need=nrpf").then().statusCode(401).contentType(startsWith("application/problem+json"));
        as("wbg.evaluator1").get("/api/search?need=nrpf").then().statusCode(403).contentType(startsWith("application/problem+json"));
        for (String bad : List.of("need=not-a-need", "per_page=1000", "match=some", "age=-1", "age=old", "gender=x", "postcode=12345",
                "language=Urdu", "capacity=maybe", "scope=world", "interpreter=perhaps")) {
            as("kairos.caseworker1").get("/api/search?" + bad).then().statusCode(400).contentType(startsWith("application/problem+json"));
        }
        as("kairos.caseworker1").get("/api/search?postcode=ZZ1 1ZZ").then().statusCode(422);
        as("kairos.caseworker1").get("/api/services/" + UUID.randomUUID()).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void orgAdminsEditOnlyTheirOwnServices() {
        String kairosService = DemoDataLoader.id("service:kairos-keywork").toString();
        // Another organisation's service: 404, nothing learned.
        as("celc.admin1").body(Map.of("status", "NO_CAPACITY")).put("/api/services/" + kairosService + "/capacity")
                .then().statusCode(404).contentType(startsWith("application/problem+json"));
        as("celc.admin1").body(newService("Takeover")).put("/api/services/" + kairosService).then().statusCode(404);
        as("celc.admin1").body(Map.of("mailbox", "x@celc.example.org")).put("/api/services/" + kairosService + "/spoc")
                .then().statusCode(404);
        as("celc.admin1").body(Map.of("mailbox", "x@celc.example.org"))
                .put("/api/organisations/" + DemoDataLoader.KAIROS + "/spoc").then().statusCode(404);
        // Wrong role, no token.
        as("kairos.caseworker1").body(Map.of("status", "NO_CAPACITY")).put("/api/services/" + kairosService + "/capacity")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().contentType(ContentType.JSON).body(Map.of("status", "NO_CAPACITY")).put("/api/services/" + kairosService + "/capacity")
                .then().statusCode(401);
        as("kairos.caseworker1").body(newService("Nope")).post("/api/services").then().statusCode(403);
        // Bad input.
        as("kairos.admin1").body(Map.of("status", "WAITLIST")).put("/api/services/" + kairosService + "/capacity")
                .then().statusCode(400).body("errors[0].field", equalTo("waitWeeks"));
        as("kairos.admin1").body(Map.of("status", "SOMETIMES")).put("/api/services/" + kairosService + "/capacity").then().statusCode(400);
        as("kairos.admin1").body(Map.of("name", "x", "needCodes", List.of("not-a-need"))).post("/api/services")
                .then().statusCode(400).body("errors[0].field", equalTo("needCodes[0]"));
        as("kairos.admin1").body(Map.of("name", "x", "needCodes", List.of("nrpf"), "surprise", 1)).post("/api/services").then().statusCode(400);
        as("kairos.admin1").body(Map.of("name", "x", "needCodes", List.of("nrpf"), "minimumAge", 30, "maximumAge", 20))
                .post("/api/services").then().statusCode(422);
        as("kairos.admin1").body(Map.of("name", "x", "needCodes", List.of("nrpf"),
                "locationIds", List.of(DemoDataLoader.HAVEN_REFUGE_LOCATION.toString()))).post("/api/services").then().statusCode(400);
        as("kairos.admin1").body(Map.of("workingDays", 2, "remindBeforeWorkingDays", 2, "expireAfterWorkingDays", 10,
                "nation", "ENGLAND_AND_WALES")).put("/api/services/" + kairosService + "/response-target").then().statusCode(422);
        as("kairos.admin1").body(Map.of()).put("/api/services/" + kairosService + "/spoc").then().statusCode(400);
    }

    @Test
    void orgAdminsUpdateTheirServiceSpocTargetAndContacts() {
        String service = DemoDataLoader.id("service:kairos-forced-marriage").toString();
        UUID spoc = UUID.randomUUID();
        as("kairos.admin1").body(Map.of("userId", spoc.toString(), "mailbox", "fm@kairos.example.org"))
                .put("/api/services/" + service + "/spoc").then().statusCode(200)
                .body("spoc.source", equalTo("SERVICE")).body("spoc.userId", equalTo(spoc.toString()));
        as("kairos.admin1").body(Map.of("workingDays", 4, "remindBeforeWorkingDays", 1, "expireAfterWorkingDays", 15,
                "nation", "ENGLAND_AND_WALES")).put("/api/services/" + service + "/response-target").then().statusCode(200)
                .body("responseTarget.workingDays", equalTo(4));
        as("kairos.admin1").body(Map.of("mailbox", "referrals@kairos.example.org", "username", "kairos.coordinator1"))
                .put("/api/organisations/" + DemoDataLoader.KAIROS + "/spoc").then().statusCode(200)
                .body("spoc.username", equalTo("kairos.coordinator1"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readToEnd(Topics.DIRECTORY_EVENTS)
                .stream().map(e -> EventEnvelope.parse(e.value()))
                .anyMatch(e -> e.type().equals(EventTypes.DIRECTORY_SPOC_CHANGED) && e.subject().equals(service)
                        && e.data().get("spocUserIds").get(0).asText().equals(spoc.toString())
                        && !e.data().toString().contains("fm@kairos"))).isTrue());

        String contact = as("kairos.admin1").body(Map.of("title", "Forced marriage lead", "email", "fm-lead@kairos.example.org",
                "isPublic", true)).post("/api/services/" + service + "/contacts").then().statusCode(201).extract().path("id");
        given().get("/services/" + service).then().statusCode(200).body("contacts.email", hasItem("fm-lead@kairos.example.org"));
        as("celc.admin1").delete("/api/contacts/" + contact).then().statusCode(404);
        as("kairos.admin1").get("/api/contacts").then().statusCode(200).body("id", hasItem(contact));
        as("kairos.admin1").delete("/api/contacts/" + contact).then().statusCode(204);
        as("kairos.admin1").body(Map.of("title", "No way to reach")).post("/api/services/" + service + "/contacts").then().statusCode(400);

        // Replacing the service keeps it where it was and publishes service.updated.
        as("kairos.admin1").body(Map.of("name", "Forced marriage and honour-based abuse support",
                "needCodes", List.of("forced-marriage", "honour-based-violence", "domestic-abuse"), "languages", List.of("en", "ur", "pa"),
                "gender", "WOMEN", "minimumAge", 16, "acceptsSelfReferrals", true, "acceptsNrpf", true, "areas", List.of("Coventry")))
                .put("/api/services/" + service).then().statusCode(200).body("locations[0].area", equalTo("Coventry"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(TopicReader.readToEnd(Topics.DIRECTORY_EVENTS)
                .stream().map(e -> EventEnvelope.parse(e.value()))
                .anyMatch(e -> e.type().equals(EventTypes.DIRECTORY_SERVICE_UPDATED) && e.subject().equals(service))).isTrue());
    }

    @Test
    void partnershipAdminsManageMembership() {
        String coventry = DemoDataLoader.COVENTRY_PARTNERSHIP.toString();
        as("kairos.caseworker1").get("/api/partnerships").then().statusCode(200).body("name", hasItem("Coventry Women's Partnership"))
                .body("[0].agreements.current", hasItem(true));
        as("bswa.caseworker1").get("/api/partnerships").then().statusCode(200).body("size()", equalTo(2));
        as("sbs.caseworker1").get("/api/partnerships/" + coventry).then().statusCode(404);

        String members = "/api/partnerships/" + coventry + "/members";
        as("fwt.partnership-admin1").body(Map.of("organisationId", DemoDataLoader.MWNUK.toString())).post(members)
                .then().statusCode(201).body("role", equalTo("MEMBER"));
        as("fwt.partnership-admin1").body(Map.of("organisationId", DemoDataLoader.MWNUK.toString())).post(members).then().statusCode(409);
        as("fwt.partnership-admin1").get("/api/partnerships/" + coventry).then().statusCode(200)
                .body("members.organisationId", hasItem(DemoDataLoader.MWNUK.toString()));
        as("fwt.partnership-admin1").delete(members + "/" + DemoDataLoader.MWNUK).then().statusCode(204);
        as("fwt.partnership-admin1").delete(members + "/" + DemoDataLoader.MWNUK).then().statusCode(404);
        as("fwt.partnership-admin1").delete(members + "/" + DemoDataLoader.FWT).then().statusCode(409);
        as("fwt.partnership-admin1").body(Map.of("organisationId", UUID.randomUUID().toString())).post(members).then().statusCode(422);
        as("fwt.partnership-admin1").body(Map.of("organisationId", DemoDataLoader.MWNUK.toString()))
                .post("/api/partnerships/" + DemoDataLoader.MIGRANT_VICTIMS_PARTNERSHIP + "/members").then().statusCode(404);
        as("fwt.admin1").body(Map.of("organisationId", DemoDataLoader.MWNUK.toString())).post(members).then().statusCode(403);
        as("fwt.partnership-admin1").body(Map.of()).post(members).then().statusCode(400);
    }

    @Test
    void partnershipAdminsRecordANewAgreementVersion() {
        String agreements = "/api/partnerships/" + DemoDataLoader.COVENTRY_PARTNERSHIP + "/agreements";
        List<String> parties = List.of(DemoDataLoader.FWT.toString(), DemoDataLoader.CELC.toString());
        as("fwt.partnership-admin1").body(Map.of("title", "Coventry agreement", "version", "3.0-test", "startsOn", "2026-01-01",
                "endsOn", "2026-02-01", "parties", parties)).post(agreements).then().statusCode(201)
                .body("current", equalTo(false)).body("parties.size()", equalTo(2));
        as("fwt.partnership-admin1").body(Map.of("title", "Coventry agreement", "version", "3.0-test", "startsOn", "2026-01-01",
                "parties", parties)).post(agreements).then().statusCode(409);
        as("fwt.partnership-admin1").body(Map.of("title", "x", "version", "3.1-test", "startsOn", "2026-03-01", "endsOn", "2026-01-01",
                "parties", parties)).post(agreements).then().statusCode(422);
        as("fwt.partnership-admin1").body(Map.of("title", "x", "version", "3.2-test", "startsOn", "2026-03-01",
                "parties", List.of(DemoDataLoader.WBG.toString()))).post(agreements).then().statusCode(422)
                .body("errors[0].field", equalTo("parties[0]"));
        as("fwt.partnership-admin1").body(Map.of("title", "x", "startsOn", "2026-03-01", "parties", parties)).post(agreements)
                .then().statusCode(400);
        as("fwt.admin1").body(Map.of("title", "x", "version", "3.3-test", "startsOn", "2026-03-01", "parties", parties))
                .post(agreements).then().statusCode(403);
        as("fwt.partnership-admin1").body(Map.of("title", "x", "version", "1", "startsOn", "2026-03-01", "parties", parties))
                .post("/api/partnerships/" + DemoDataLoader.MIGRANT_VICTIMS_PARTNERSHIP + "/agreements").then().statusCode(404);
        // The expired test version does not change who shares data today.
        as("kairos.caseworker1").get("/api/partnerships/" + DemoDataLoader.COVENTRY_PARTNERSHIP).then().statusCode(200)
                .body("agreements.version", org.hamcrest.Matchers.hasItems("2.1", "3.0-test"));
    }

    /**
     * Issue 14, finding 10 (ADR 0016): Belfast and Derry/Londonderry are found (a Northern Ireland service covers them);
     * a place the directory does not know is a 422 naming the field and what is known, not an empty page.
     */
    @Test
    void placesAcrossTheUkAreFoundAndAnUnknownPlaceIsRefused() {
        String foyle = DemoDataLoader.id("service:foyle-smv").toString();
        for (String place : List.of("Belfast", "Londonderry", "Derry", "Derry/Londonderry")) {
            assertThat(searchIds("fwt.caseworker1", "/api/search?need=nrpf&per_page=100&area=" + place)).as(place).contains(foyle);
        }
        // A Coventry search still finds Coventry's services and not Northern Ireland's.
        assertThat(searchIds("fwt.caseworker1", "/api/search?need=nrpf&per_page=100&area=Coventry")).doesNotContain(foyle);
        // England's lower-tier districts and the London boroughs (were 422 before england-districts.tsv: Tandridge,
        // Mole Valley, Three Rivers, Tower Hamlets, Nuneaton and Bedworth).
        for (String district : List.of("Tandridge", "Mole Valley", "Three Rivers", "Hackney", "Tower Hamlets", "City of London",
                "Nuneaton and Bedworth")) {
            as("fwt.caseworker1").queryParam("area", district).get("/api/search?need=nrpf").then().statusCode(200);
        }
        as("fwt.caseworker1").get("/api/search?need=nrpf&area=Atlantis").then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("area"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("UK local authority, town"));
    }
}
