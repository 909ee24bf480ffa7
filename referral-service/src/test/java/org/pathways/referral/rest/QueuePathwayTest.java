package org.pathways.referral.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.Fixtures.story;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.ReferralFixtures.CELC;
import static org.pathways.referral.ReferralFixtures.CELC_IMMIGRATION;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.FWT;
import static org.pathways.referral.ReferralFixtures.FWT_EMPLOYMENT;
import static org.pathways.referral.ReferralFixtures.demoId;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Work queues, claiming, the Connector's view, pathways with proposed onward referrals, and the Connector's child
 * referrals, against the real stack (directory-service and consent-service as processes).
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class QueuePathwayTest {

    static final String FWT_CONNECTOR = demoId("service:fwt-connector");
    static final List<String> SHARED = List.of("NEEDS", "STORY");

    /** Kairos has her story; she agreed CRASAC, CELC and FWT may see NEEDS and STORY. */
    private static String kairosSubject() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        putSection("kairos.caseworker1", subject, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
        putSection("kairos.caseworker1", subject, "STORY", story("written once"));
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC, CELC, FWT), List.of("REFERRAL", "CASE_COORDINATION"), SHARED);
        return subject;
    }

    private static String sent(String user, Map<String, Object> body) {
        return send(user, body).statusCode(201).extract().path("id");
    }

    @Test
    void incomingAndOutgoingQueuesFilterPageAndSortByDueTime() {
        String subject = kairosSubject();
        String r1 = sent("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), SHARED));

        // The suite's other tests fill these queues too: narrow them (and take the largest page) to find this one.
        as("crasac.coordinator1").queryParam("state", "SENT").queryParam("size", "200").get("/api/queues/incoming").then()
                .statusCode(200).body("items.id", hasItem(r1)).body("items.toOrganisationId", everyItem(equalTo(CRASAC)));
        as("crasac.coordinator1").queryParam("state", "SENT").queryParam("serviceId", CRASAC_COUNSELLING)
                .queryParam("overdue", "false").queryParam("size", "200").get("/api/queues/incoming").then().statusCode(200)
                .body("items.find { it.id == '" + r1 + "' }.dueAt", notNullValue())
                .body("items.find { it.id == '" + r1 + "' }.overdue", equalTo(false))
                .body("items.find { it.id == '" + r1 + "' }.needs", equalTo(List.of("counselling")));
        as("crasac.coordinator1").queryParam("overdue", "true").get("/api/queues/incoming").then().statusCode(200)
                .body("items.id", not(hasItem(r1)));
        as("crasac.coordinator1").queryParam("state", "ACCEPTED").get("/api/queues/incoming").then().statusCode(200)
                .body("items.id", not(hasItem(r1)));
        as("crasac.coordinator1").queryParam("size", "1").get("/api/queues/incoming").then().statusCode(200)
                .body("items", hasSize(lessThanOrEqualTo(1))).body("size", equalTo(1)).body("page", equalTo(0));
        as("kairos.caseworker1").queryParam("state", "SENT").queryParam("size", "200").get("/api/queues/outgoing").then()
                .statusCode(200).body("items.id", hasItem(r1))
                .body("items.fromOrganisationId", everyItem(equalTo(KAIROS)));
        // Another organisation's referral is in neither of its queues.
        as("kairos.caseworker1").get("/api/queues/incoming").then().statusCode(200).body("items.id", not(hasItem(r1)));
        as("sbs.caseworker1").get("/api/queues/outgoing").then().statusCode(200).body("items.id", not(hasItem(r1)));

        // Bad input, no token, wrong role.
        for (Map.Entry<String, String> bad : Map.of("state", "NOPE", "serviceId", "not-an-id", "overdue", "maybe", "size", "0",
                "page", "-1").entrySet()) {
            as("crasac.coordinator1").queryParam(bad.getKey(), bad.getValue()).get("/api/queues/incoming").then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo(bad.getKey()));
        }
        anonymous().get("/api/queues/incoming").then().statusCode(401);
        anonymous().get("/api/queues/outgoing").then().statusCode(401);
        as("wbg.evaluator1").get("/api/queues/incoming").then().statusCode(403);
        as("crasac.admin1").get("/api/queues/outgoing").then().statusCode(403);
    }

    @Test
    void aReceivingWorkerClaimsAReferralAndACoordinatorReassignsIt() {
        String subject = kairosSubject();
        String r1 = sent("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), SHARED));
        String worker1 = userId("crasac.caseworker1");
        String worker2 = userId("crasac.caseworker2");

        as("crasac.caseworker1").header("If-Match", "\"1\"").body("{}").post("/api/referrals/" + r1 + "/claim").then()
                .statusCode(200).body("assignedTo", equalTo(worker1)).body("assignedBy", equalTo(worker1));
        as("crasac.coordinator1").queryParam("assignedTo", worker1).queryParam("size", "200").get("/api/queues/incoming").then().statusCode(200)
                .body("items.id", hasItem(r1));
        as("crasac.caseworker1").queryParam("assignedTo", "me").queryParam("size", "200").get("/api/queues/incoming").then().statusCode(200)
                .body("items.id", hasItem(r1));
        as("crasac.coordinator1").queryParam("assignedTo", "none").get("/api/queues/incoming").then().statusCode(200)
                .body("items.id", not(hasItem(r1)));
        // A colleague cannot take it over, nor hand it to someone; a coordinator can reassign it.
        as("crasac.caseworker2").body("{}").post("/api/referrals/" + r1 + "/claim").then().statusCode(409)
                .body("type", equalTo("https://pathways.example/problems/already-claimed"));
        as("crasac.caseworker2").body(Map.of("userId", worker2)).post("/api/referrals/" + r1 + "/claim").then().statusCode(409);
        as("crasac.caseworker1").body(Map.of("userId", worker2)).post("/api/referrals/" + r1 + "/claim").then().statusCode(403);
        as("crasac.coordinator1").body(Map.of("userId", worker2)).post("/api/referrals/" + r1 + "/claim").then().statusCode(200)
                .body("assignedTo", equalTo(worker2));
        as("crasac.coordinator1").queryParam("assignedTo", worker2).queryParam("size", "200").get("/api/queues/incoming").then()
                .statusCode(200).body("items.find { it.id == '" + r1 + "' }.assignedTo", equalTo(worker2));

        // Stale If-Match, bad bodies, the sender (403), another organisation and unknown ids (404), no token, wrong role.
        as("crasac.coordinator1").header("If-Match", "\"7\"").body("{}").post("/api/referrals/" + r1 + "/claim").then().statusCode(409)
                .body("type", equalTo("https://pathways.example/problems/stale-version"));
        as("crasac.coordinator1").body("{\"userId\":\"\"}").post("/api/referrals/" + r1 + "/claim").then().statusCode(400)
                .body("errors[0].field", notNullValue());
        as("crasac.coordinator1").body("{\"worker\":\"x\"}").post("/api/referrals/" + r1 + "/claim").then().statusCode(400);
        as("kairos.caseworker1").body("{}").post("/api/referrals/" + r1 + "/claim").then().statusCode(403);
        as("sbs.caseworker1").body("{}").post("/api/referrals/" + r1 + "/claim").then().statusCode(404);
        as("crasac.coordinator1").body("{}").post("/api/referrals/" + UUID.randomUUID() + "/claim").then().statusCode(404);
        anonymous().body("{}").post("/api/referrals/" + r1 + "/claim").then().statusCode(401);
        as("crasac.admin1").body("{}").post("/api/referrals/" + r1 + "/claim").then().statusCode(403);

        // The named worker must be staff of the receiving organisation with a case role (asked of Keycloak).
        for (String named : List.of(UUID.randomUUID().toString(), "someone", userId("kairos.caseworker1"), userId("crasac.admin1"))) {
            as("crasac.coordinator1").body(Map.of("userId", named)).post("/api/referrals/" + r1 + "/claim").then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("userId"));
        }
        as("crasac.coordinator1").queryParam("assignedTo", worker2).queryParam("size", "200").get("/api/queues/incoming").then()
                .statusCode(200).body("items.find { it.id == '" + r1 + "' }.assignedTo", equalTo(worker2));
    }

    @Test
    void theCoventryPathwayRunsKairosCrasacCelcFwtWithAProposedOnwardReferral() {
        String subject = kairosSubject();
        String r1 = sent("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), SHARED));
        move("crasac.coordinator1", r1, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        // CRASAC refers her on to CELC while it works with her: the same pathway.
        String r2 = sent("crasac.coordinator1", referral(subject, CELC_IMMIGRATION, List.of("legal-immigration"), SHARED));
        // CRASAC completes with an onward need: employment.
        move("crasac.coordinator1", r1, 2, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET"),
                "onwardNeeds", List.of("employment-skills"))).statusCode(200);

        as("kairos.caseworker1").get("/api/pathways/" + r1).then().statusCode(200)
                .body("pathwayId", equalTo(r1)).body("ownerOrganisationId", equalTo(KAIROS))
                .body("steps.referral.id", equalTo(List.of(r1, r2)))
                .body("steps.relation", equalTo(List.of("START", "ONWARD")))
                .body("steps[1].follows", equalTo(r1))
                .body("proposals", hasSize(1)).body("proposals[0].afterReferralId", equalTo(r1))
                .body("proposals[0].needs", equalTo(List.of("employment-skills")))
                .body("proposals[0].send.pathwayId", equalTo(r1)).body("proposals[0].send.subjectId", equalTo(subject));

        // One click: the owner sends the proposed referral on the pathway; the proposal is then taken up.
        Map<String, Object> onward = referral(subject, FWT_EMPLOYMENT, List.of("employment-skills"), SHARED);
        onward.put("pathwayId", r1);
        String r3 = sent("kairos.caseworker1", onward);
        as("celc.coordinator1").get("/api/pathways/" + r1).then().statusCode(200)
                .body("steps.referral.id", equalTo(List.of(r1, r2, r3))).body("proposals", hasSize(0))
                .body("steps.referral.toOrganisationId", equalTo(List.of(CRASAC, CELC, FWT)))
                .body("steps.relation", equalTo(List.of("START", "ONWARD", "ONWARD"))).body("steps[2].follows", equalTo(r1));

        // Metadata only: no note, no sections. Isolation: an organisation not on it, unknown ids, no token, wrong role.
        as("kairos.caseworker1").get("/api/pathways/" + r1).then().body("steps[0].referral.note", nullValue())
                .body("steps[0].referral.sections", nullValue());
        as("sbs.caseworker1").get("/api/pathways/" + r1).then().statusCode(404).contentType(startsWith("application/problem+json"));
        as("haven.caseworker1").get("/api/pathways/" + r1).then().statusCode(404);
        as("kairos.caseworker1").get("/api/pathways/" + UUID.randomUUID()).then().statusCode(404);
        as("kairos.caseworker1").get("/api/pathways/not-a-uuid").then().statusCode(404);
        anonymous().get("/api/pathways/" + r1).then().statusCode(401);
        as("kairos.admin1").get("/api/pathways/" + r1).then().statusCode(403);
    }

    @Test
    void theConnectorSplitsAReferralIntoChildrenAndClosesItOnlyWhenEveryChildEnded() {
        String subject = kairosSubject();
        String parent = sent("kairos.caseworker1", referral(subject, FWT_CONNECTOR, List.of("counselling", "legal-immigration"), SHARED));
        Map<String, Object> child = Map.of("toServiceId", CELC_IMMIGRATION, "needs", List.of("legal-immigration"), "urgency", "ROUTINE",
                "sections", SHARED, "personKnows", true);
        // Not yet accepted: nothing to split.
        as("fwt.connector1").body(child).post("/api/referrals/" + parent + "/children").then().statusCode(409)
                .body("type", equalTo("https://pathways.example/problems/parent-not-taken-up"));
        move("fwt.connector1", parent, 1, Map.of("target", "ACCEPTED")).statusCode(200);

        String c1 = as("fwt.connector1").body(child).post("/api/referrals/" + parent + "/children").then().statusCode(201)
                .body("parentReferralId", equalTo(parent)).extract().path("id");
        String c2 = as("fwt.connector1").body(Map.of("toServiceId", CRASAC_COUNSELLING, "needs", List.of("counselling"), "urgency", "SOON",
                "sections", SHARED, "personKnows", true)).post("/api/referrals/" + parent + "/children").then().statusCode(201)
                .extract().path("id");

        // The parent stays open while a child is: 409 naming the open children.
        Map<String, Object> complete = Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET",
                "legal-immigration", "PARTLY_MET"));
        move("fwt.connector1", parent, 2, complete).statusCode(409)
                .body("type", equalTo("https://pathways.example/problems/open-children")).body("errors", hasSize(2));
        move("celc.coordinator1", c1, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
        move("fwt.connector1", parent, 2, Map.of("target", "NOT_COMPLETED", "reason", "OTHER")).statusCode(409)
                .body("errors", hasSize(1));
        move("crasac.coordinator1", c2, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        move("crasac.coordinator1", c2, 2, Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET"))).statusCode(200);
        move("fwt.connector1", parent, 2, complete).statusCode(200);

        // The pathway is a tree: both children follow the parent.
        as("kairos.caseworker1").get("/api/pathways/" + parent).then().statusCode(200)
                .body("steps.referral.id", equalTo(List.of(parent, c1, c2)))
                .body("steps.relation", equalTo(List.of("START", "CHILD", "CHILD")))
                .body("steps[1].follows", equalTo(parent)).body("steps[2].follows", equalTo(parent));

        // The Connector sees the partnership's referrals as metadata (no subject id), sections only through her own.
        as("fwt.connector1").queryParam("partnershipId", COVENTRY).queryParam("serviceId", FWT_CONNECTOR)
                .queryParam("state", "COMPLETED").queryParam("size", "200").get("/api/connector/referrals").then()
                .statusCode(200).body("items.id", hasItem(parent)).body("items.subjectId", everyItem(nullValue()));
        as("fwt.connector1").queryParam("organisationId", CELC).queryParam("state", "DECLINED").queryParam("size", "200")
                .get("/api/connector/referrals").then().statusCode(200).body("items.id", hasItem(c1)).body("items.id", not(hasItem(c2)));
        as("fwt.connector1").queryParam("organisationId", CRASAC).queryParam("state", "COMPLETED").queryParam("size", "200")
                .get("/api/connector/referrals").then().statusCode(200).body("items.id", hasItem(c2))
                .body("items.fromOrganisationId", hasItem(FWT));
        as("fwt.connector1").get("/api/referrals/" + c1 + "/summary").then().statusCode(403);
        as("fwt.connector1").queryParam("partnershipId", UUID.randomUUID().toString()).get("/api/connector/referrals").then()
                .statusCode(404);
        as("fwt.connector1").queryParam("state", "LOST").get("/api/connector/referrals").then().statusCode(400);
        anonymous().get("/api/connector/referrals").then().statusCode(401);
        as("fwt.caseworker1").get("/api/connector/referrals").then().statusCode(403);

        // Children: a referral to a service that is not the Connector's, bad input, wrong role, unknown or foreign parents.
        String toEmployment = sent("kairos.caseworker1", referral(subject, FWT_EMPLOYMENT, List.of("employment-skills"), SHARED));
        move("fwt.coordinator1", toEmployment, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        as("fwt.connector1").body(child).post("/api/referrals/" + toEmployment + "/children").then().statusCode(409)
                .body("type", equalTo("https://pathways.example/problems/not-a-connector-referral"));
        as("fwt.connector1").body(Map.of("toServiceId", CELC_IMMIGRATION, "needs", List.of("not-a-need"), "urgency", "ROUTINE",
                "sections", SHARED, "personKnows", true)).post("/api/referrals/" + parent + "/children").then().statusCode(400)
                .body("errors[0].field", startsWith("needs"));
        as("fwt.connector1").body(Map.of("needs", List.of("counselling"))).post("/api/referrals/" + parent + "/children").then()
                .statusCode(400);
        as("fwt.connector1").body(child).post("/api/referrals/" + UUID.randomUUID() + "/children").then().statusCode(404);
        String foreign = sent("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), SHARED));
        as("fwt.connector1").body(child).post("/api/referrals/" + foreign + "/children").then().statusCode(404);
        anonymous().body(child).post("/api/referrals/" + parent + "/children").then().statusCode(401);
        as("fwt.coordinator1").body(child).post("/api/referrals/" + parent + "/children").then().statusCode(403);
    }

    @Test
    void aChildReRoutedByTheConnectorKeepsTheParentOpenUntilTheReRouteEnds() {
        String subject = kairosSubject();
        String parent = sent("kairos.caseworker1", referral(subject, FWT_CONNECTOR, List.of("counselling"), SHARED));
        move("fwt.connector1", parent, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        String child = as("fwt.connector1").body(Map.of("toServiceId", CELC_IMMIGRATION, "needs", List.of("counselling"),
                "urgency", "ROUTINE", "sections", SHARED, "personKnows", true)).post("/api/referrals/" + parent + "/children")
                .then().statusCode(201).extract().path("id");
        move("celc.coordinator1", child, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
        // Declined and not yet re-routed: the board's "find her another service" list (replaced=false).
        as("fwt.connector1").queryParam("organisationId", FWT).queryParam("state", "DECLINED,EXPIRED").queryParam("replaced", "false")
                .queryParam("size", "200").get("/api/connector/referrals").then().statusCode(200).body("items.id", hasItem(child));
        // The Connector sends the declined child on elsewhere: a re-route (it cannot be a child as well).
        Map<String, Object> reroute = referral(subject, CRASAC_COUNSELLING, List.of("counselling"), SHARED);
        reroute.put("replacesReferralId", child);
        String rerouted = sent("fwt.connector1", reroute);
        as("fwt.connector1").queryParam("organisationId", FWT).queryParam("state", "DECLINED").queryParam("replaced", "false")
                .queryParam("size", "200").get("/api/connector/referrals").then().statusCode(200).body("items.id", not(hasItem(child)));
        as("fwt.connector1").queryParam("organisationId", FWT).queryParam("state", "DECLINED").queryParam("replaced", "true")
                .queryParam("size", "200").get("/api/connector/referrals").then().statusCode(200).body("items.id", hasItem(child))
                .body("items.id", not(hasItem(rerouted)));
        as("fwt.connector1").queryParam("replaced", "maybe").get("/api/connector/referrals").then().statusCode(400)
                .body("errors[0].field", equalTo("replaced"));

        // It still carries the parent's need: the parent waits for it, as for any open child.
        Map<String, Object> complete = Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET"));
        move("fwt.connector1", parent, 2, complete).statusCode(409)
                .body("type", equalTo("https://pathways.example/problems/open-children")).body("errors", hasSize(1))
                .body("errors[0].field", equalTo("children[0]"));
        move("crasac.coordinator1", rerouted, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        move("crasac.coordinator1", rerouted, 2, complete).statusCode(200);
        move("fwt.connector1", parent, 2, complete).statusCode(200);
        as("kairos.caseworker1").get("/api/pathways/" + parent).then().statusCode(200)
                .body("steps.referral.id", equalTo(List.of(parent, child, rerouted)))
                .body("steps.relation", equalTo(List.of("START", "CHILD", "REROUTE"))).body("steps[2].follows", equalTo(child));
    }
}
