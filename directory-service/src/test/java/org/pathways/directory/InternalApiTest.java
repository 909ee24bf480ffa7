package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

/** The internal endpoints referral-service calls: routing and data sharing agreements. */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class InternalApiTest {

    private static RequestSpecification service() {
        return given().auth().oauth2(Tokens.forClient("referral-service"));
    }

    private static String sharing(UUID a, UUID b) {
        return "/internal/data-sharing?organisationA=" + a + "&organisationB=" + b;
    }

    @Test
    void routingForAService() {
        service().get("/internal/services/" + DemoDataLoader.CELC_IMMIGRATION + "/routing").then().statusCode(200)
                .body("organisationId", equalTo(DemoDataLoader.CELC.toString())).body("acceptsReferrals", equalTo(true))
                .body("connector", equalTo(false)).body("spoc.source", equalTo("SERVICE"))
                .body("spoc.username", equalTo("celc.coordinator1")).body("responseTarget.workingDays", equalTo(3))
                .body("responseTarget.nation", equalTo("ENGLAND_AND_WALES"));
        service().get("/internal/services/" + DemoDataLoader.FWT_CONNECTOR + "/routing").then().statusCode(200)
                .body("connector", equalTo(true)).body("spoc.username", equalTo("fwt.connector1"));
        service().get("/internal/services/" + DemoDataLoader.id("service:shakti-smv") + "/routing").then().statusCode(200)
                .body("responseTarget.bankHolidayDivision", equalTo("scotland"))
                .body("spoc.source", equalTo("ORGANISATION")).body("spoc.mailbox", equalTo("referrals@shakti.example.org"));
        service().get("/internal/services/" + UUID.randomUUID() + "/routing").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().get("/internal/services/" + DemoDataLoader.CELC_IMMIGRATION + "/routing").then().statusCode(401);
        given().auth().oauth2(Tokens.forUser("fwt.connector1")).get("/internal/services/" + DemoDataLoader.CELC_IMMIGRATION + "/routing")
                .then().statusCode(403).contentType(startsWith("application/problem+json"));
    }

    @Test
    void dataSharingAgreements() {
        service().get(sharing(DemoDataLoader.KAIROS, DemoDataLoader.CELC)).then().statusCode(200).body("shared", equalTo(true))
                .body("agreements[0].partnershipId", equalTo(DemoDataLoader.COVENTRY_PARTNERSHIP.toString()))
                .body("agreements[0].version", equalTo("2.1"));
        service().get(sharing(DemoDataLoader.KAIROS, DemoDataLoader.SBS)).then().statusCode(200).body("shared", equalTo(false));
        service().get(sharing(DemoDataLoader.BSWA, DemoDataLoader.MWNUK)).then().statusCode(200).body("shared", equalTo(true));
        service().get(sharing(DemoDataLoader.BSWA, DemoDataLoader.SBS)).then().statusCode(200).body("shared", equalTo(true));
        // A reporting partner is a member but no party to personal-data sharing.
        service().get(sharing(DemoDataLoader.WBG, DemoDataLoader.FWT)).then().statusCode(200).body("shared", equalTo(false));
        service().get("/internal/data-sharing?organisationA=nope&organisationB=" + DemoDataLoader.FWT).then().statusCode(400);
        service().get("/internal/data-sharing?organisationA=" + DemoDataLoader.FWT).then().statusCode(400);
        service().get(sharing(UUID.randomUUID(), DemoDataLoader.FWT)).then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).get(sharing(DemoDataLoader.KAIROS, DemoDataLoader.CELC))
                .then().statusCode(403);
    }

    @Test
    void partnershipsOfAnOrganisation() {
        service().get("/internal/organisations/" + DemoDataLoader.BSWA + "/partnerships").then().statusCode(200)
                .body("size()", equalTo(2)).body("partnershipId", hasItems(DemoDataLoader.MIGRANT_VICTIMS_PARTNERSHIP.toString(),
                        DemoDataLoader.MWNUK_NETWORK_PARTNERSHIP.toString()));
        service().get("/internal/organisations/" + DemoDataLoader.WBG + "/partnerships").then().statusCode(200)
                .body("[0].role", equalTo("REPORTING"));
        service().get("/internal/organisations/" + UUID.randomUUID() + "/partnerships").then().statusCode(404);
    }

    @Test
    void anOrganisationsMailboxIsTheAddressOfItsOrganisationLevelSpoc() {
        // notification-service e-mails mailbox notices there; never the public enquiry address (info@).
        given().auth().oauth2(Tokens.forClient("notification-service")).get("/internal/organisations/" + DemoDataLoader.CELC + "/mailbox")
                .then().statusCode(200).body("organisationId", equalTo(DemoDataLoader.CELC.toString()))
                .body("mailbox", equalTo("referrals@celc.example.org"));
        service().get("/internal/organisations/" + UUID.randomUUID() + "/mailbox").then().statusCode(404)
                .contentType("application/problem+json");
        service().get("/internal/organisations/not-an-id/mailbox").then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("celc.admin1")).get("/internal/organisations/" + DemoDataLoader.CELC + "/mailbox")
                .then().statusCode(403);
        given().get("/internal/organisations/" + DemoDataLoader.CELC + "/mailbox").then().statusCode(401);
    }

    @Test
    void partnershipsWithTheirMembers() {
        service().get("/internal/partnerships").then().statusCode(200)
                .body("partnershipId", hasItems(DemoDataLoader.COVENTRY_PARTNERSHIP.toString(),
                        DemoDataLoader.MIGRANT_VICTIMS_PARTNERSHIP.toString()));
        service().get("/internal/partnerships/" + DemoDataLoader.COVENTRY_PARTNERSHIP).then().statusCode(200)
                .body("leadOrganisationId", equalTo(DemoDataLoader.FWT.toString()))
                .body("members.organisationId", hasItems(DemoDataLoader.FWT.toString(), DemoDataLoader.KAIROS.toString(),
                        DemoDataLoader.CRASAC.toString(), DemoDataLoader.CELC.toString(), DemoDataLoader.WBG.toString()))
                // Each member's services with their names, so a report names what it counts (issue 17, item 7).
                .body("members.find { it.organisationId == '" + DemoDataLoader.KAIROS + "' }.services.serviceId",
                        hasItem(DemoDataLoader.id("service:kairos-keywork").toString()))
                .body("members.find { it.organisationId == '" + DemoDataLoader.KAIROS + "' }.services.name",
                        hasItem("Key work for women involved in sex work or exploitation"));
        service().get("/internal/partnerships/" + UUID.randomUUID()).then().statusCode(404);
        service().get("/internal/partnerships/not-an-id").then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("fwt.connector1")).get("/internal/partnerships").then().statusCode(403);
        given().get("/internal/partnerships").then().statusCode(401);
    }
}
