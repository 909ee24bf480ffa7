package org.pathways.referral.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.ReferralFixtures.CELC;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.repository.SubjectAccessRepository;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The subject access export holds everything referral-service keeps about her (ADR 0088): every table that names her
 * or one of her referrals is either exported or listed, with its reason, as holding nothing of hers; free texts and
 * monitoring answers decrypted under her key.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class SubjectAccessExportTest {

    private static final String ACTION_TEXT = "Ring the housing officer about her move";

    @Inject
    AgroalDataSource db;

    /** A new table with her id (or a referral's) fails here until someone decides whether the export shows it. */
    @Test
    void everyTableThatNamesHerOrHerReferralsIsExportedOrSaysWhyNot() throws SQLException {
        TreeSet<String> naming = new TreeSet<>();
        try (Connection c = db.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "select distinct table_name from information_schema.columns where table_schema = current_schema() "
                        + "and column_name in ('subject_id', 'referral_id', 'linked_subject_id')")) {
            while (rs.next()) naming.add(rs.getString(1));
        }
        naming.add("referral"); // her referrals themselves (keyed by id)
        TreeSet<String> decided = new TreeSet<>(SubjectAccessRepository.EXPORTED);
        decided.addAll(SubjectAccessRepository.NOT_EXPORTED.keySet());
        assertEquals(naming, decided, "tables naming her or her referrals vs the export's decisions (SubjectAccessRepository)");
    }

    @Test
    void theExportHoldsHerTeamContactsMeetingsAndMonitoringDecrypted() {
        String today = LocalDate.now(ZoneId.of("Europe/London")).toString();
        String her = register("celc.caseworker1");
        as("celc.caseworker1").body(Map.of("userId", userId("celc.caseworker2"), "role", "KEY_WORKER"))
                .post("/api/subjects/" + her + "/team/members").then().statusCode(201);
        as("celc.caseworker1").body(Map.of("contactedOn", today, "channel", "HELPLINE")).post("/api/subjects/" + her + "/contacts")
                .then().statusCode(201);
        String meeting = as("celc.caseworker1").body(Map.of("kind", "MDT", "heldOn", today, "attendeeOrganisationIds", List.of(CRASAC),
                "cases", List.of(Map.of("subjectId", her, "decisions", List.of("SAFETY_PLAN_REVIEWED"), "actions",
                        List.of(Map.of("text", ACTION_TEXT, "ownerOrganisationId", CELC, "dueOn", today))))))
                .post("/api/meetings").then().statusCode(201).extract().path("id");
        as("celc.caseworker1").body(Map.of("timepoint", "START", "takenOn", today, "items", List.of(3, 3, 3, 3, 3, 3, 3), "sheAgreed", true))
                .post("/api/subjects/" + her + "/wellbeing").then().statusCode(201);
        as("celc.caseworker1").body(Map.of("ageBand", "AGE_25_34", "sheAgreed", true)).put("/api/subjects/" + her + "/equality-monitoring")
                .then().statusCode(200);

        as("celc.privacy1").get("/api/subjects/" + her + "/subject-access-export").then().statusCode(200)
                .body("engagements.source", hasItem("REGISTERED"))
                .body("team", hasSize(1)).body("team[0].role", equalTo("KEY_WORKER")).body("team[0].basis", equalTo("OWNER"))
                .body("contacts", hasSize(1)).body("contacts[0].channel", equalTo("HELPLINE"))
                .body("meetings", hasSize(1)).body("meetings[0].meeting_id", equalTo(meeting)).body("meetings[0].kind", equalTo("MDT"))
                .body("meetings[0].decisions", equalTo(List.of("SAFETY_PLAN_REVIEWED")))
                .body("meetings[0].attendee_organisation_ids", hasItem(CRASAC))
                .body("meetings[0].actions[0].text", equalTo(ACTION_TEXT))
                .body("wellbeingMeasures", hasSize(1)).body("wellbeingMeasures[0].timepoint", equalTo("START"))
                .body("wellbeingMeasures[0].answers.items", equalTo(List.of(3, 3, 3, 3, 3, 3, 3)))
                .body("equalityMonitoring", hasSize(1)).body("equalityMonitoring[0].answers.ageBand", equalTo("AGE_25_34"));
        // The readable page shows the same, under headings she can follow.
        as("celc.privacy1").accept("text/html").get("/api/subjects/" + her + "/subject-access-export/page").then().statusCode(200)
                .body(containsString("Meetings about her")).body(containsString(ACTION_TEXT)).body(containsString("AGE_25_34"));
    }
}
