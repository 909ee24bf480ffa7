package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.register;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16, item 8 (ADR 0072): a woman who comes back is a repeat contact of her own organisation - recorded on her
 * record, or a record registered again linked to her earlier one - never across organisations; counted per organisation.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class RepeatContactTest {

    @Inject
    AgroalDataSource db;

    @Test
    void herOrganisationRecordsHerReturnAndLinksARecordRegisteredAgain() {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        Map<String, Object> before = as("mwnuk.coordinator1").get("/api/repeat-contacts").then().statusCode(200).extract().jsonPath().getMap("$");
        String first = register("mwnuk.caseworker1");
        String again = register("mwnuk.caseworker1");
        // She rings the helpline again: a contact on her record.
        as("mwnuk.caseworker1").body(Map.of("contactedOn", today, "channel", "HELPLINE")).post("/api/subjects/" + first + "/contacts")
                .then().statusCode(201).body("subjectId", equalTo(first)).body("channel", equalTo("HELPLINE"));
        // A colleague registered her anew: linked to her earlier record (not the other way round, not twice).
        as("mwnuk.caseworker1").body(Map.of("subjectId", again)).post("/api/subjects/" + first + "/repeat-of").then().statusCode(422)
                .body("errors[0].field", equalTo("subjectId"));
        as("mwnuk.caseworker1").body(Map.of("subjectId", first)).post("/api/subjects/" + again + "/repeat-of").then().statusCode(201)
                .body("subjectId", equalTo(first)).body("channel", equalTo("REGISTERED_AGAIN")).body("linkedSubjectId", equalTo(again));
        as("mwnuk.caseworker1").body(Map.of("subjectId", first)).post("/api/subjects/" + again + "/repeat-of").then().statusCode(409);
        as("mwnuk.caseworker1").get("/api/subjects/" + again + "/contacts").then().statusCode(200).body("repeatOf", equalTo(first))
                .body("contacts.channel", hasItem("REGISTERED_AGAIN")).body("contacts.channel", hasItem("HELPLINE"));
        // A contact recorded on the later record lands on her earliest one.
        as("mwnuk.caseworker1").body(Map.of("contactedOn", today, "channel", "DROP_IN")).post("/api/subjects/" + again + "/contacts")
                .then().statusCode(201).body("subjectId", equalTo(first));
        assertEquals(3, count(db, "select count(*) from subject_contact where subject_id = ?", UUID.fromString(first)));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'REPEAT_CONTACT_LINKED'",
                UUID.fromString(again)));

        // The organisation's figures: one person more, and she is a repeat; three contacts more than her registration.
        Map<String, Object> after = as("mwnuk.coordinator1").get("/api/repeat-contacts").then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals(((Number) before.get("people")).longValue() + 1, ((Number) after.get("people")).longValue());
        assertEquals(((Number) before.get("repeatPeople")).longValue() + 1, ((Number) after.get("repeatPeople")).longValue());
        assertEquals(((Number) before.get("contacts")).longValue() + 4, ((Number) after.get("contacts")).longValue());
    }

    @Test
    void neverAcrossOrganisationsAndBadInputIsRefused() {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        String tomorrow = LocalDate.now(ZoneId.of("Europe/London")).plusDays(1).toString();
        String mwnuk = register("mwnuk.caseworker1");
        String bswa = register("bswa.caseworker1");
        String later = register("mwnuk.caseworker1");
        // Another organisation's woman is unknown here, either way round.
        as("mwnuk.caseworker1").body(Map.of("subjectId", bswa)).post("/api/subjects/" + later + "/repeat-of").then().statusCode(404);
        as("bswa.caseworker1").body(Map.of("subjectId", mwnuk)).post("/api/subjects/" + bswa + "/repeat-of").then().statusCode(404);
        as("bswa.caseworker1").body(Map.of("contactedOn", today, "channel", "HELPLINE")).post("/api/subjects/" + mwnuk + "/contacts")
                .then().statusCode(404);
        as("bswa.caseworker1").get("/api/subjects/" + mwnuk + "/contacts").then().statusCode(404);
        // Bad input names the field and changes nothing.
        as("mwnuk.caseworker1").body(Map.of("subjectId", later)).post("/api/subjects/" + later + "/repeat-of").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("subjectId"));
        as("mwnuk.caseworker1").body(Map.of("contactedOn", tomorrow, "channel", "HELPLINE")).post("/api/subjects/" + mwnuk + "/contacts")
                .then().statusCode(400).body("errors[0].field", equalTo("contactedOn"));
        as("mwnuk.caseworker1").body(Map.of("contactedOn", today, "channel", "PIGEON")).post("/api/subjects/" + mwnuk + "/contacts")
                .then().statusCode(400);
        as("mwnuk.caseworker1").body(Map.of("contactedOn", today, "channel", "REGISTERED_AGAIN")).post("/api/subjects/" + mwnuk + "/contacts")
                .then().statusCode(400);
        as("mwnuk.caseworker1").body(Map.of("contactedOn", today)).post("/api/subjects/" + mwnuk + "/contacts").then().statusCode(400)
                .body("errors.field", hasItem("channel"));
        as("mwnuk.coordinator1").queryParam("from", "yesterday").get("/api/repeat-contacts").then().statusCode(400)
                .body("errors[0].field", equalTo("from"));
        as("wbg.evaluator1").get("/api/repeat-contacts").then().statusCode(403);
        assertTrue(count(db, "select count(*) from subject_contact where subject_id = ?", UUID.fromString(mwnuk)) == 0);
    }
}
