package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.platform.testing.Requests.as;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/** Issue 16 item 9, ADR 0091: statutory partners are in the directory, shown as such, and never partnership members. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class StatutoryPartnersTest {

    private static final String MARAC = DemoDataLoader.COVENTRY_MARAC.toString();
    private static final String MARAC_SERVICE = DemoDataLoader.COVENTRY_MARAC_REFERRALS.toString();

    @Test
    void statutoryKindShowsInRoutingServiceViewSearchAndOrganisation() {
        given().auth().oauth2(Tokens.forClient("referral-service"))
                .get("/internal/services/" + MARAC_SERVICE + "/routing").then().statusCode(200)
                .body("organisationId", equalTo(MARAC)).body("organisationKind", equalTo("STATUTORY"))
                .body("statutoryRole", equalTo("MARAC_COORDINATOR")).body("acceptsReferrals", equalTo(true))
                .body("spoc.username", equalTo("marac.coordinator1"));
        given().auth().oauth2(Tokens.forClient("referral-service"))
                .get("/internal/services/" + DemoDataLoader.id("service:wmp-da-referrals") + "/routing").then().statusCode(200)
                .body("statutoryRole", equalTo("POLICE_DA_UNIT"));
        given().auth().oauth2(Tokens.forClient("referral-service"))
                .get("/internal/services/" + DemoDataLoader.id("service:wm-sarc-referrals") + "/routing").then().statusCode(200)
                .body("statutoryRole", equalTo("SARC"));
        // A voluntary organisation's service says so and has no statutory role.
        given().auth().oauth2(Tokens.forClient("referral-service"))
                .get("/internal/services/" + DemoDataLoader.CELC_IMMIGRATION + "/routing").then().statusCode(200)
                .body("organisationKind", equalTo("VOLUNTARY")).body("statutoryRole", nullValue());

        as("kairos.caseworker1").get("/api/services/" + MARAC_SERVICE).then().statusCode(200)
                .body("organisation.kind", equalTo("STATUTORY")).body("organisation.statutoryRole", equalTo("MARAC_COORDINATOR"));
        as("kairos.caseworker1").get("/api/search?q=MARAC&area=Coventry").then().statusCode(200)
                .body("contents.find { it.id == '" + MARAC_SERVICE + "' }.organisation.kind", equalTo("STATUTORY"));
        as("marac.coordinator1").get("/api/organisations/" + MARAC).then().statusCode(200)
                .body("kind", equalTo("STATUTORY")).body("statutoryRole", equalTo("MARAC_COORDINATOR"));
        as("kairos.admin1").get("/api/organisations/" + DemoDataLoader.KAIROS).then().statusCode(200)
                .body("kind", equalTo("VOLUNTARY")).body("statutoryRole", nullValue());
    }

    @Test
    void aStatutoryPartnerIsNeverAPartnershipMember() {
        String members = "/api/partnerships/" + DemoDataLoader.COVENTRY_PARTNERSHIP + "/members";
        for (var org : List.of(DemoDataLoader.COVENTRY_MARAC, DemoDataLoader.WMP_DA_UNIT, DemoDataLoader.WM_SARC)) {
            as("fwt.partnership-admin1").body(Map.of("organisationId", org.toString(), "role", "MEMBER")).post(members)
                    .then().statusCode(422).contentType(startsWith("application/problem+json"))
                    .body("type", endsWith("statutory-partner"))
                    .body("errors[0].field", equalTo("organisationId"));
        }
        as("fwt.partnership-admin1").get("/api/partnerships/" + DemoDataLoader.COVENTRY_PARTNERSHIP).then().statusCode(200)
                .body("members.organisationId", not(hasItem(MARAC)));
    }

    @Test
    void theOpenFeedGivesTheLegalStatus() {
        given().get("/organizations/" + MARAC).then().statusCode(200)
                .body("legal_status", equalTo("Statutory partner: MARAC coordinator"));
        given().get("/organizations/" + DemoDataLoader.WMP_DA_UNIT).then().statusCode(200)
                .body("legal_status", equalTo("Statutory partner: police domestic abuse unit"));
        given().get("/organizations/" + DemoDataLoader.KAIROS).then().statusCode(200).body("legal_status", nullValue());
    }
}
