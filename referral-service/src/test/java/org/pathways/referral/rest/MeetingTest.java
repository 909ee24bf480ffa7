package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.ReferralFixtures.CELC;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
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
 * Issue 16, item 3 (ADR 0069): a multi-agency meeting record - decisions as codes, actions with owners and due dates,
 * each action's text under her key; every record and read of her part audited; the recording organisation only.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class MeetingTest {

    private static final String TEXT = "Ask the housing officer about the move on Tuesday";

    @Inject
    AgroalDataSource db;

    private static Map<String, Object> meeting(String heldOn, List<Map<String, Object>> cases) {
        Map<String, Object> m = new HashMap<>();
        m.put("kind", "MDT");
        m.put("heldOn", heldOn);
        m.put("attendeeOrganisationIds", List.of(CRASAC));
        m.put("cases", cases);
        return m;
    }

    private static Map<String, Object> action(String owner, String ownerUser, String dueOn) {
        Map<String, Object> a = new HashMap<>();
        a.put("text", TEXT);
        a.put("ownerOrganisationId", owner);
        if (ownerUser != null) a.put("ownerUserId", ownerUser);
        a.put("dueOn", dueOn);
        return a;
    }

    @Test
    void aMeetingIsRecordedReadAndAuditedByTheOrganisationThatHeldIt() {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        String due = LocalDate.now(ZoneId.of("Europe/London")).plusDays(7).toString();
        String first = register("kairos.caseworker1");
        String second = register("kairos.caseworker1");
        List<Map<String, Object>> cases = List.of(
                Map.of("subjectId", first, "decisions", List.of("SAFETY_PLAN_REVIEWED", "REFER_ONWARD"),
                        "actions", List.of(action(CRASAC, userId("crasac.caseworker1"), due), action(KAIROS, null, due))),
                Map.of("subjectId", second, "decisions", List.of("NO_FURTHER_ACTION")));
        String id = as("kairos.caseworker1").body(meeting(today, cases)).post("/api/meetings").then().statusCode(201)
                .body("organisationId", equalTo(KAIROS)).body("attendeeOrganisationIds", hasItem(KAIROS))
                .body("cases", hasSize(2)).body("cases[0].actions[0].text", nullValue()).extract().path("id");

        // The text is stored only as ciphertext under her key.
        assertEquals(2, count(db, "select count(*) from meeting_action where meeting_id = ?", UUID.fromString(id)));
        assertEquals(0, count(db, "select count(*) from meeting_action where position(? in text_ciphertext) > 0",
                TEXT.getBytes(StandardCharsets.UTF_8)));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'MEETING_RECORDED' and basis_ref = ?",
                UUID.fromString(first), id));

        as("kairos.caseworker2").get("/api/meetings/" + id).then().statusCode(200).body("kind", equalTo("MDT"))
                .body("cases.find { it.subjectId == '" + first + "' }.actions.text", hasItem(TEXT))
                .body("cases.find { it.subjectId == '" + first + "' }.decisions", hasItem("REFER_ONWARD"))
                .body("cases.find { it.subjectId == '" + second + "' }.decisions", equalTo(List.of("NO_FURTHER_ACTION")));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'MEETING_READ' and basis_ref = ?",
                UUID.fromString(first), id));
        as("kairos.caseworker1").get("/api/subjects/" + first + "/meetings").then().statusCode(200)
                .body("id", equalTo(List.of(id))).body("[0].kind", equalTo("MDT"));

        // An attending organisation does not read it here; a restricted case is left out for those it is hidden from.
        as("crasac.caseworker1").get("/api/meetings/" + id).then().statusCode(404);
        as("crasac.caseworker1").get("/api/subjects/" + first + "/meetings").then().statusCode(404);
        as("kairos.admin1").get("/api/meetings/" + id).then().statusCode(403);
        as("kairos.caseworker1").body(Map.of("restricted", true)).put("/api/subjects/" + second + "/restricted")
                .then().statusCode(200);
        as("kairos.caseworker2").get("/api/meetings/" + id).then().statusCode(200).body("cases.subjectId", not(hasItem(second)));
    }

    @Test
    void badInputAndOtherOrganisationsPeopleAreRefusedAndNothingIsStored() {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        String tomorrow = LocalDate.now(ZoneId.of("Europe/London")).plusDays(1).toString();
        String yesterday = LocalDate.now(ZoneId.of("Europe/London")).minusDays(1).toString();
        String subject = register("kairos.caseworker1");
        long before = count(db, "select count(*) from meeting");
        as("kairos.caseworker1").body(Map.of("kind", "MDT")).post("/api/meetings").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("heldOn")).body("errors.field", hasItem("cases"));
        as("kairos.caseworker1").body(meeting(tomorrow, List.of(Map.of("subjectId", subject, "decisions", List.of("CASE_CLOSED")))))
                .post("/api/meetings").then().statusCode(400).body("errors[0].field", equalTo("heldOn"));
        as("kairos.caseworker1").body(meeting(today, List.of(Map.of("subjectId", subject, "decisions", List.of("GOSSIP")))))
                .post("/api/meetings").then().statusCode(400);
        as("kairos.caseworker1").body(meeting(today, List.of(Map.of("subjectId", subject, "decisions", List.of("CASE_CLOSED"),
                "actions", List.of(action(CELC, null, today)))))).post("/api/meetings").then().statusCode(400)
                .body("errors[0].field", equalTo("cases[0].actions[0].ownerOrganisationId"));
        as("kairos.caseworker1").body(meeting(today, List.of(Map.of("subjectId", subject, "decisions", List.of("CASE_CLOSED"),
                "actions", List.of(action(CRASAC, null, yesterday)))))).post("/api/meetings").then().statusCode(400)
                .body("errors[0].field", equalTo("cases[0].actions[0].dueOn"));
        as("kairos.caseworker1").body(meeting(today, List.of(Map.of("subjectId", subject, "decisions", List.of("CASE_CLOSED"),
                "actions", List.of(action(CRASAC, userId("kairos.caseworker2"), today)))))).post("/api/meetings").then().statusCode(400)
                .body("errors[0].field", equalTo("cases[0].actions[0].ownerUserId"));
        Map<String, Object> extra = meeting(today, List.of(Map.of("subjectId", subject, "decisions", List.of("CASE_CLOSED"))));
        extra.put("notes", "free text outside her key");
        as("kairos.caseworker1").body(extra).post("/api/meetings").then().statusCode(400).contentType("application/problem+json");
        // Another organisation's woman: 404, as for an unknown id.
        as("crasac.caseworker1").body(meeting(today, List.of(Map.of("subjectId", subject, "decisions", List.of("CASE_CLOSED")))))
                .post("/api/meetings").then().statusCode(404);
        as("kairos.caseworker1").get("/api/meetings/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(before, count(db, "select count(*) from meeting"));
    }
}
