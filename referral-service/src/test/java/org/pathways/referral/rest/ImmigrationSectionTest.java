package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.uuid;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.sections.SectionSchemas;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 17, items 2 and 3 (ADR 0064): the structured IMMIGRATION section — the SMV monitoring record and the eligibility
 * facts — written and read through the summary API, encrypted under her key, its codes from contracts.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class ImmigrationSectionTest {

    static final String RECORD = """
            {"status": "spouse visa, expired", "noRecourseToPublicFunds": true, "ddvcEligible": true,
             "applicationsInProgress": ["DDVC"],
             "onEntryToUk": {"status": "LIMITED_LEAVE", "visa": "SPOUSE_OR_PARTNER", "statusSheBelieves": "INDEFINITE_LEAVE",
                             "visaSheBelieves": "SPOUSE_OR_PARTNER"},
             "onEnteringSupport": {"status": "NO_LEAVE", "visa": "NONE", "statusSheBelieves": "UNKNOWN", "visaSheBelieves": "UNKNOWN"},
             "onLeavingSupport": {"status": "DDVC_CONCESSION_LEAVE", "visa": "NONE", "statusSheBelieves": "DDVC_CONCESSION_LEAVE"},
             "confirmedBy": ["HOME_OFFICE_LETTER", "ADVISER_CONFIRMATION"], "routeOfEntry": "WITH_VISA"}
            """;

    @Inject
    AgroalDataSource db;

    private static String section(String id) {
        return "/api/subjects/" + id + "/summary/sections/IMMIGRATION";
    }

    @Test
    void theMonitoringRecordIsStoredEncryptedAndReadBack() throws Exception {
        assertEquals(List.of(), SectionSchemas.validate("IMMIGRATION", RECORD), "the test's record is valid by the contract");
        String id = register("sbs.caseworker1");
        as("sbs.caseworker1").body(RECORD).put(section(id)).then().statusCode(200).body("version", equalTo(1));
        as("sbs.caseworker1").get(section(id)).then().statusCode(200)
                .body("content.ddvcEligible", equalTo(true)).body("content.noRecourseToPublicFunds", equalTo(true))
                .body("content.onEntryToUk.visa", equalTo("SPOUSE_OR_PARTNER"))
                .body("content.onEntryToUk.statusSheBelieves", equalTo("INDEFINITE_LEAVE"))
                .body("content.onEnteringSupport.status", equalTo("NO_LEAVE"))
                .body("content.onLeavingSupport.status", equalTo("DDVC_CONCESSION_LEAVE"))
                .body("content.confirmedBy", equalTo(List.of("HOME_OFFICE_LETTER", "ADVISER_CONFIRMATION")))
                .body("content.routeOfEntry", equalTo("WITH_VISA"));
        // What is read back is valid by the contract too (no field the schema does not know).
        String content = as("sbs.caseworker1").get(section(id)).then().extract().jsonPath().prettify();
        String json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(content).path("content").toString();
        assertEquals(List.of(), SectionSchemas.validate("IMMIGRATION", json));
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select ciphertext from summary_section where subject_id = ? and category = 'IMMIGRATION'")) {
            ps.setObject(1, uuid(id));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                String stored = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
                assertFalse(stored.contains("SPOUSE_OR_PARTNER") || stored.contains("NO_LEAVE"), "encrypted under her key");
            }
        }
    }

    @Test
    void codesOutsideTheVocabularyAreRefusedNamingTheFieldAndStoreNothing() {
        String id = register("sbs.caseworker1");
        as("sbs.caseworker1").body("{\"onEntryToUk\": {\"status\": \"SETTLED\"}}").put(section(id)).then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem(startsWith("onEntryToUk.status")));
        as("sbs.caseworker1").body("{\"routeOfEntry\": \"BY_BOAT\"}").put(section(id)).then().statusCode(400)
                .body("errors.field", hasItem(startsWith("routeOfEntry")));
        as("sbs.caseworker1").body("{\"onEntryToUk\": {\"nationality\": \"X\"}}").put(section(id)).then().statusCode(400)
                .body("errors.field", hasItem(startsWith("onEntryToUk.nationality")));
        assertEquals(0, count(db, "select count(*) from summary_section where subject_id = ?", uuid(id)));
        // The first version's fields alone stay valid.
        as("sbs.caseworker1").body("{\"noRecourseToPublicFunds\":true,\"applicationsInProgress\":[\"DDVC\"]}").put(section(id))
                .then().statusCode(200);
    }
}
