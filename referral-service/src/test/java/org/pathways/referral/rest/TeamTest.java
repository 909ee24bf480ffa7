package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.ReferralFixtures.SBS;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.withdraw;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16, item 3 (ADR 0069): the team around the person - her organisation's workers, a joint lead worker, and a
 * partner organisation's worker only on her consent for CASE_COORDINATION - on the real stack (Keycloak, consent-service,
 * directory-service).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class TeamTest {

    @Inject
    AgroalDataSource db;

    private static Map<String, Object> member(String userId, String organisationId, String role) {
        Map<String, Object> m = new HashMap<>();
        m.put("userId", userId);
        if (organisationId != null) m.put("organisationId", organisationId);
        m.put("role", role);
        return m;
    }

    @Test
    void herOrganisationBuildsHerTeamAndAPartnerJoinsOnlyOnHerConsent() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        String team = "/api/subjects/" + subject + "/team";
        String joint = userId("kairos.caseworker2");
        String crasacWorker = userId("crasac.caseworker1");

        // Her own organisation's colleague as joint lead worker: on her organisation's authority (OWNER).
        as("kairos.caseworker1").body(member(joint, null, "JOINT_LEAD_WORKER")).post(team + "/members").then().statusCode(201)
                .body("organisationId", equalTo(KAIROS)).body("basis", equalTo("OWNER")).body("role", equalTo("JOINT_LEAD_WORKER"));
        as("kairos.caseworker1").body(member(joint, KAIROS, "KEY_WORKER")).post(team + "/members").then().statusCode(409)
                .contentType("application/problem+json").body("errors[0].field", equalTo("userId"));

        // A partner's worker: refused until she consents to CRASAC seeing her needs for case coordination.
        as("kairos.caseworker1").body(member(crasacWorker, CRASAC, "ISVA")).post(team + "/members").then().statusCode(422)
                .contentType("application/problem+json").body("type", equalTo("https://pathways.example/problems/consent-not-covering"))
                .body("errors[0].field", equalTo("organisationId"));
        // A joint lead worker is her own organisation's; no agreement with SBS (another partnership).
        as("kairos.caseworker1").body(member(crasacWorker, CRASAC, "JOINT_LEAD_WORKER")).post(team + "/members").then().statusCode(422)
                .body("errors[0].field", equalTo("role"));
        as("kairos.caseworker1").body(member(userId("sbs.caseworker1"), SBS, "KEY_WORKER")).post(team + "/members").then()
                .statusCode(422).body("errors[0].field", equalTo("organisationId"));
        String consent = recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("CASE_COORDINATION"), List.of("NEEDS"));
        // Keycloak says whether the user is staff of that organisation with a case role.
        as("kairos.caseworker1").body(member(userId("crasac.admin1"), CRASAC, "ISVA")).post(team + "/members").then().statusCode(400)
                .body("errors[0].field", equalTo("userId"));
        as("kairos.caseworker1").body(member(joint, CRASAC, "ISVA")).post(team + "/members").then().statusCode(400)
                .body("errors[0].field", equalTo("userId"));
        String crasacMember = as("kairos.caseworker1").body(member(crasacWorker, CRASAC, "ISVA")).post(team + "/members").then()
                .statusCode(201).body("basis", equalTo("CONSENT")).extract().path("id");

        as("kairos.caseworker1").get(team).then().statusCode(200).body("members", hasSize(2)).body("version", equalTo(2))
                .body("members.find { it.id == '" + crasacMember + "' }.consentCovers", equalTo(true))
                .body("members.find { it.role == 'JOINT_LEAD_WORKER' }.consentCovers", equalTo(null));
        // Nobody else learns of her team; the team is not a way in to her record.
        as("crasac.caseworker1").get(team).then().statusCode(404);
        as("crasac.caseworker1").get("/api/subjects/" + subject).then().statusCode(404);
        as("kairos.admin1").get(team).then().statusCode(403);

        // Their caseloads hold her; the published team carries ids and role codes only.
        as("kairos.caseworker2").get("/api/caseload").then().statusCode(200)
                .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("JOINT_LEAD_WORKER"));
        as("crasac.caseworker1").get("/api/caseload").then().statusCode(200)
                .body("people.find { it.subjectId == '" + subject + "' }.role", equalTo("TEAM_MEMBER"))
                .body("people.find { it.subjectId == '" + subject + "' }.restricted", equalTo(false));
        assertEquals(2, count(db, "select count(*) from outbox_event where message_key = ? and event_type = 'pathways.subject.team-changed'",
                subject));
        assertEquals(1, count(db, "select count(*) from outbox_event where message_key = ? and event_type = 'pathways.subject.team-changed' "
                + "and payload like ? and payload like ? and payload like '%\"version\":2%'", subject, "%" + crasacWorker + "%", "%\"ISVA\"%"));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'TEAM_MEMBER_ADDED' and basis = 'CONSENT' "
                + "and basis_ref like ?", java.util.UUID.fromString(subject), consent + ":%"));

        // She withdraws: the partner member is shown as no longer covered (asked now), until taken off.
        withdraw("kairos.caseworker1", consent);
        as("kairos.caseworker1").get(team).then().statusCode(200)
                .body("members.find { it.id == '" + crasacMember + "' }.consentCovers", equalTo(false));
        // The partner's own organisation may take its worker off; again is no change; a stranger 404.
        as("sbs.caseworker1").delete(team + "/members/" + crasacMember).then().statusCode(404);
        as("crasac.coordinator1").delete(team + "/members/" + crasacMember).then().statusCode(204);
        as("crasac.coordinator1").delete(team + "/members/" + crasacMember).then().statusCode(204);
        as("kairos.caseworker1").get(team).then().statusCode(200).body("members", hasSize(1)).body("version", equalTo(3))
                .body("members.userId", not(hasItem(crasacWorker)));
        as("crasac.caseworker1").get("/api/caseload").then().statusCode(200).body("people.subjectId", not(hasItem(subject)));
        as("kairos.caseworker1").delete(team + "/members/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        String members = "/api/subjects/" + subject + "/team/members";
        String joint = userId("kairos.caseworker2");
        as("kairos.caseworker1").body(Map.of("role", "KEY_WORKER")).post(members).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("userId"));
        as("kairos.caseworker1").body(member(joint, null, "FRIEND")).post(members).then().statusCode(400)
                .body("errors.field", hasItem("role"));
        as("kairos.caseworker1").body(member("kairos.caseworker2", null, "KEY_WORKER")).post(members).then().statusCode(400)
                .body("errors.field", hasItem("userId"));
        Map<String, Object> extra = member(joint, null, "KEY_WORKER");
        extra.put("name", "A worker");
        as("kairos.caseworker1").body(extra).post(members).then().statusCode(400).contentType("application/problem+json");
        as("kairos.caseworker1").delete(members + "/not-a-uuid").then().statusCode(404);
        assertEquals(0, count(db, "select count(*) from subject_team_member where subject_id = ?", java.util.UUID.fromString(subject)));
    }
}
