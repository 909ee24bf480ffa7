package org.pathways.referral.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.HAVEN;
import static org.pathways.referral.ReferralFixtures.HAVEN_OUTREACH;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.ReferralFixtures;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lifecycle through the API: who may make which move (the sender's organisation is the REFERRER, the receiver's the
 * RECEIVER), what each move needs, If-Match against concurrent changes, history, an event per move and the end of the
 * receiver's access at a terminal state; re-routing, signposts and "no service found" after a decline.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class ReferralLifecycleTest {

    @Inject
    AgroalDataSource db;

    private String sentToCrasac() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "STORY", story("lifecycle"));
        recordConsent("kairos.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS", "STORY"), HAVEN, List.of("NEEDS")),
                List.of("REFERRAL"));
        Map<String, Object> body = referral(subject, CRASAC_COUNSELLING, List.of("counselling", "sexual-violence"),
                List.of("NEEDS", "STORY"));
        body.put("note", "She prefers a female counsellor.");
        return send("kairos.caseworker1", body).statusCode(201).extract().path("id");
    }

    @Test
    void aReferralMovesOnlyAsTheTableSaysAndEveryMoveIsKept() {
        String id = sentToCrasac();

        // Who: the referrer cannot accept its own referral; 409 lists what it may do.
        move("kairos.caseworker1", id, 1, Map.of("target", "ACCEPTED")).statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://pathways.example/problems/illegal-transition"))
                .body("allowed", contains("WITHDRAWN", "ENTERED_IN_ERROR"));
        // What: a decline needs a reason (422 naming the field); nothing changes.
        move("crasac.coordinator1", id, 1, Map.of("target", "DECLINED")).statusCode(422).body("errors[0].field", equalTo("reason"));
        // When: a stale If-Match is refused - 412 since issue 14 (it was 409), as the README documents.
        move("crasac.coordinator1", id, 0, Map.of("target", "ACCEPTED")).statusCode(412)
                .contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://pathways.example/problems/stale-version"));
        move("crasac.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200).header("ETag", "\"2\"")
                .body("state", equalTo("ACCEPTED")).body("version", equalTo(2));
        // The same version again: someone else already moved it.
        move("crasac.caseworker1", id, 1, Map.of("target", "IN_PROGRESS")).statusCode(412);

        move("crasac.coordinator1", id, 2, Map.of("target", "ON_HOLD")).statusCode(422).body("errors[0].field", equalTo("reviewDate"));
        move("crasac.coordinator1", id, 2, Map.of("target", "ON_HOLD", "reviewDate", LocalDate.now().plusDays(14).toString()))
                .statusCode(200).body("state", equalTo("ON_HOLD")).body("reviewDate", equalTo(LocalDate.now().plusDays(14).toString()));
        move("crasac.caseworker1", id, 3, Map.of("target", "IN_PROGRESS")).statusCode(200);
        move("crasac.caseworker1", id, 4, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET")))
                .statusCode(422).body("errors.field", hasItem("outcomes.sexual-violence"));
        move("crasac.caseworker1", id, 4, Map.of("target", "COMPLETED", "reason", "OTHER",
                "outcomes", Map.of("counselling", "NEED_MET", "sexual-violence", "PARTLY_MET"), "onwardNeeds", List.of("legal-immigration")))
                .statusCode(200).body("state", equalTo("COMPLETED")).body("version", equalTo(5));
        // Terminal: only ENTERED_IN_ERROR remains, and only for the referrer (the receiver may make no move: no list).
        move("crasac.coordinator1", id, 5, Map.of("target", "IN_PROGRESS")).statusCode(409).body("allowed", nullValue());
        move("kairos.caseworker1", id, 5, Map.of("target", "WITHDRAWN", "reason", "OTHER")).statusCode(409)
                .body("allowed", contains("ENTERED_IN_ERROR"));

        as("crasac.caseworker1").get("/api/referrals/" + id + "/history").then().statusCode(200).body("$", hasSize(5))
                .body("to", contains("SENT", "ACCEPTED", "ON_HOLD", "IN_PROGRESS", "COMPLETED"))
                .body("actor", contains("REFERRER", "RECEIVER", "RECEIVER", "RECEIVER", "RECEIVER"))
                .body("[4].outcomes.counselling", equalTo("NEED_MET")).body("[4].onwardNeeds", contains("legal-immigration"))
                .body("[4].from", equalTo("IN_PROGRESS"));

        assertEquals(List.of("pathways.referral.sent", "pathways.referral.accepted", "pathways.referral.on-hold",
                "pathways.referral.in-progress", "pathways.referral.completed", "pathways.referral.access-ended"), eventTypes(id));
        assertEquals(4, count(db, "select count(*) from access_audit a join referral r on r.subject_id = a.subject_id "
                + "where r.id = ? and a.action = 'REFERRAL_MOVED' and a.basis_ref = ?", uuid(id), id));

        // Her access through it ended: the note is no longer the receiver's to read (the sender still sees it) ...
        as("crasac.caseworker1").get("/api/referrals/" + id).then().statusCode(200).body("state", equalTo("COMPLETED"))
                .body("note", nullValue());
        as("kairos.caseworker1").get("/api/referrals/" + id).then().statusCode(200).body("note", equalTo("She prefers a female counsellor."));
        // ... and the receiver's read of her summary is refused, and the refusal is in her access log.
        as("crasac.caseworker1").get("/api/referrals/" + id + "/summary").then().statusCode(403)
                .body("type", equalTo("https://pathways.example/problems/access-ended"));
        assertEquals(1, count(db, "select count(*) from access_audit a join referral r on r.subject_id = a.subject_id "
                + "where r.id = ? and a.action = 'REFERRAL_SUMMARY_READ' and a.outcome = 'DENIED'", uuid(id)));
    }

    @Test
    void movesNeedATokenACaseRoleAndOneOfTheTwoOrganisations() {
        String id = sentToCrasac();
        anonymous().body(Map.of("target", "ACCEPTED")).post("/api/referrals/" + id + "/transitions").then().statusCode(401);
        move("wbg.evaluator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(403);
        move("crasac.admin1", id, 1, Map.of("target", "ACCEPTED")).statusCode(403);
        move("celc.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(404);
        as("celc.coordinator1").get("/api/referrals/" + id + "/history").then().statusCode(404);
        move("crasac.coordinator1", id, 1, Map.of("target", "ACCEPTED", "mood", "happy")).statusCode(400)
                .body("errors[0].field", equalTo("mood"));
        move("crasac.coordinator1", id, 1, Map.of("target", "FINISHED")).statusCode(400).body("errors[0].field", equalTo("target"));
        move("crasac.coordinator1", id, 1, Map.of("target", "DECLINED", "reason", "BUSY")).statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        as("crasac.coordinator1").header("If-Match", "one").body(Map.of("target", "ACCEPTED"))
                .post("/api/referrals/" + id + "/transitions").then().statusCode(400).body("errors[0].field", equalTo("If-Match"));
        // Issue 14, finding 10: If-Match is required (a move without it used to succeed): 428, nothing moves.
        as("crasac.coordinator1").body(Map.of("target", "ACCEPTED")).post("/api/referrals/" + id + "/transitions").then()
                .statusCode(428).contentType(startsWith("application/problem+json"))
                .body("type", equalTo("https://pathways.example/problems/if-match-required"))
                .body("errors[0].field", equalTo("If-Match"));
        // ...but only to someone who may see the referral: another organisation still gets 404.
        as("celc.coordinator1").body(Map.of("target", "ACCEPTED")).post("/api/referrals/" + id + "/transitions").then()
                .statusCode(404);
        assertEquals(List.of("pathways.referral.sent"), eventTypes(id));
        as("kairos.caseworker1").get("/api/referrals/" + id).then().statusCode(200).body("state", equalTo("SENT"))
                .body("version", equalTo(1));

        // Lists: CRASAC sees it incoming, Kairos outgoing, CELC in neither; no free texts in lists.
        as("crasac.coordinator1").queryParam("direction", "incoming").queryParam("state", "SENT").get("/api/referrals").then()
                .statusCode(200).body("id", hasItem(id)).body("note", everyItem(nullValue()));
        as("kairos.caseworker1").queryParam("direction", "outgoing").get("/api/referrals").then().statusCode(200).body("id", hasItem(id));
        as("kairos.caseworker1").queryParam("direction", "incoming").get("/api/referrals").then().statusCode(200)
                .body("id", not(hasItem(id)));
        as("celc.coordinator1").queryParam("direction", "incoming").get("/api/referrals").then().statusCode(200)
                .body("id", not(hasItem(id)));
        as("crasac.coordinator1").queryParam("direction", "sideways").get("/api/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("direction"));
        as("crasac.coordinator1").queryParam("state", "LOST").get("/api/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("state"));
    }

    @Test
    void aDeclinedReferralIsReroutedSignpostedOrRecordedAsUnmet() {
        String id = sentToCrasac();
        String subject = as("kairos.caseworker1").get("/api/referrals/" + id).then().extract().path("subjectId");
        String pathway = as("kairos.caseworker1").get("/api/referrals/" + id).then().extract().path("pathwayId");

        Map<String, Object> reroute = referral(subject, HAVEN_OUTREACH, List.of("domestic-abuse"), List.of("NEEDS"));
        reroute.put("replacesReferralId", id);
        // Still SENT: nothing to re-route yet.
        send("kairos.caseworker1", reroute).statusCode(422).body("errors[0].field", equalTo("replacesReferralId"));

        move("crasac.coordinator1", id, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
        assertEquals(List.of("pathways.referral.sent", "pathways.referral.declined", "pathways.referral.access-ended"), eventTypes(id));

        String next = send("kairos.caseworker1", reroute).statusCode(201).body("replacesReferralId", equalTo(id))
                .body("pathwayId", equalTo(pathway)).body("toOrganisationId", equalTo(HAVEN)).extract().path("id");
        assertEquals(1, count(db, "select count(*) from outbox_event where message_key = ? and payload like ?", next, "%\"replacesReferralId\":\"" + id + "\"%"));
        // CRASAC cannot re-route Kairos's referral.
        send("crasac.coordinator1", reroute).statusCode(404);

        as("kairos.caseworker1").body(Map.of("needCode", "employment-skills", "externalOrganisation", "City job club",
                "replacesReferralId", id)).post("/api/subjects/" + subject + "/signposts").then().statusCode(201)
                .body("needCode", equalTo("employment-skills"));
        as("kairos.caseworker1").body(Map.of("needCode", "fgm", "replacesReferralId", id))
                .post("/api/subjects/" + subject + "/no-service-found").then().statusCode(201);
        as("kairos.caseworker1").body(Map.of("needCode", "astrology")).post("/api/subjects/" + subject + "/no-service-found").then()
                .statusCode(400).body("errors[0].field", equalTo("needCode"));
        as("kairos.caseworker1").body(Map.of("needCode", "fgm", "externalOrganisation", "z".repeat(201)))
                .post("/api/subjects/" + subject + "/signposts").then().statusCode(400).body("errors[0].field", equalTo("externalOrganisation"));
        as("celc.caseworker1").body(Map.of("needCode", "fgm")).post("/api/subjects/" + subject + "/no-service-found").then()
                .statusCode(404);
        assertEquals(1, count(db, "select count(*) from signpost where subject_id = ? and replaces_referral_id = ?", uuid(subject), uuid(id)));
        assertEquals(1, count(db, "select count(*) from no_service_found where subject_id = ? and need_code = 'fgm'", uuid(subject)));
        // Nothing shared: no event names the external organisation.
        assertEquals(0, count(db, "select count(*) from outbox_event where payload like '%City job club%'"));
    }

    @Test
    void theConnectorSplitsAMultiNeedReferralIntoChildReferralsOnTheSamePathway() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, Map.of(ReferralFixtures.FWT, List.of("NEEDS"), ReferralFixtures.CELC,
                List.of("NEEDS")), List.of("REFERRAL"));
        String parent = send("kairos.caseworker1", referral(subject, ReferralFixtures.FWT_CONNECTOR,
                List.of("legal-immigration", "employment-skills"), List.of("NEEDS"))).statusCode(201).extract().path("id");
        Map<String, Object> child = referral(subject, ReferralFixtures.CELC_IMMIGRATION, List.of("legal-immigration"), List.of("NEEDS"));
        child.put("parentReferralId", parent);
        // Not yet taken up by the Connector: she cannot split it.
        send("fwt.connector1", child).statusCode(404);
        move("fwt.connector1", parent, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        String id = send("fwt.connector1", child).statusCode(201).body("parentReferralId", equalTo(parent))
                .body("pathwayId", equalTo(parent)).body("fromOrganisationId", equalTo(ReferralFixtures.FWT)).extract().path("id");
        assertEquals(1, count(db, "select count(*) from outbox_event where message_key = ? and payload like ?", id,
                "%\"parentReferralId\":\"" + parent + "\"%"));
        // A child of a referral the caller's organisation did not receive is refused; so is a child that also re-routes.
        Map<String, Object> wrong = referral(subject, ReferralFixtures.CELC_IMMIGRATION, List.of("legal-immigration"), List.of("NEEDS"));
        wrong.put("parentReferralId", id);
        send("fwt.connector1", wrong).statusCode(422).body("errors[0].field", equalTo("parentReferralId"));
        wrong.put("replacesReferralId", parent);
        send("fwt.connector1", wrong).statusCode(400).body("errors[0].field", equalTo("parentReferralId"));
    }

    private List<String> eventTypes(String referralId) {
        try (Connection c = db.getConnection();
             PreparedStatement ps = c.prepareStatement("select event_type from outbox_event where message_key = ? order by seq")) {
            ps.setString(1, referralId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
