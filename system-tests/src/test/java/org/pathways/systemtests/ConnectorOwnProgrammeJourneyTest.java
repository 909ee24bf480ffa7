package org.pathways.systemtests;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.pathways.systemtests.JourneySupport.FWT;
import static org.pathways.systemtests.JourneySupport.FWT_EMPLOYMENT;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.assertNoEventOrNoticeCarries;
import static org.pathways.systemtests.JourneySupport.awaitInbox;
import static org.pathways.systemtests.JourneySupport.connectorView;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.send;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Issue 16's Connector journey (ADR 0053): Kairos refers a woman to the Partnership Connector, who works for FWT; the
 * Connector routes her employment need to FWT's own employment programme — an internal referral, refused before issue
 * 16 (422 {@code own-service}) — with the same lifecycle, queue, notices and history as any other; the programme reads
 * her NEEDS on her consent to FWT; the Connector closes the loop and Kairos is told. Kairos sees the internal step on
 * her pathway, not the referral itself; an organisation not on her pathway sees nothing; her words go into no event
 * and no notice.
 */
class ConnectorOwnProgrammeJourneyTest {

    static final String CONNECTOR_SERVICE = demoId("service:fwt-connector");
    static final String CONNECTOR = "fwt.connector1";
    static final String FWT_SPOC = "fwt.coordinator1";

    final String canary = "Kanarie" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Test
    void theConnectorRoutesANeedToFwtsOwnProgramme() {
        Journey j = new Journey("Issue 16 Connector to FWT's own programme");
        Instant start = Instant.now().minusSeconds(5);

        String subject = j.step("Kairos writes her need in her words and records her consent for FWT (referral, case coordination)", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            writeOnce("kairos.caseworker1", s, "NEEDS", "{\"needs\":[{\"code\":\"employment-skills\",\"inHerWords\":\"" + canary
                    + "-work\",\"status\":\"IDENTIFIED\"}]}");
            recordConsent("kairos.caseworker1", s, List.of(FWT), List.of("REFERRAL", "CASE_COORDINATION"), List.of("NEEDS"));
            return s;
        });

        String parent = j.step("Kairos refers her to the Partnership Connector; the Connector is told and takes it up", () -> {
            String id = send("kairos.caseworker1", referralBody(subject, CONNECTOR_SERVICE, List.of("employment-skills"), List.of("NEEDS")))
                    .statusCode(201).body("internal", equalTo(false)).extract().path("id");
            awaitInbox(CONNECTOR, id, "REFERRAL_SENT", start);
            move(CONNECTOR, id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
            return id;
        });

        String child = j.step("The Connector routes the need to FWT's employment programme: an internal child referral", () ->
                Journey.as(CONNECTOR).body(Map.of("toServiceId", FWT_EMPLOYMENT, "needs", List.of("employment-skills"), "urgency", "ROUTINE",
                                "sections", List.of("NEEDS"), "personKnows", true, "note", canary + "-note"))
                        .post(referral("/api/referrals/" + parent + "/children")).then().statusCode(201)
                        .body("internal", equalTo(true)).body("fromOrganisationId", equalTo(FWT)).body("toOrganisationId", equalTo(FWT))
                        .body("parentReferralId", equalTo(parent)).body("state", equalTo("SENT")).extract().path("id"));

        j.step("The programme's SPOC is told, finds it in the programme's queue and reads her NEEDS on her consent", () -> {
            awaitInbox(FWT_SPOC, child, "REFERRAL_SENT", start);
            Journey.as(FWT_SPOC).queryParam("serviceId", FWT_EMPLOYMENT).queryParam("size", 200).get(referral("/api/queues/incoming"))
                    .then().statusCode(200).body("items.id", hasItem(child));
            Journey.as(FWT_SPOC).get(referral("/api/referrals/" + child + "/summary")).then().statusCode(200)
                    .body("sections.category", equalTo(List.of("NEEDS"))).body("sections[0].basis.type", equalTo("CONSENT"));
        });

        j.step("Kairos sees the internal step on her pathway but not the referral; CRASAC, not on it, sees neither", () -> {
            Journey.as("kairos.caseworker1").get(referral("/api/referrals/" + child)).then().statusCode(404);
            Journey.as("kairos.caseworker1").get(referral("/api/pathways/" + parent)).then().statusCode(200)
                    .body("steps.referral.id", equalTo(List.of(parent, child)))
                    .body("steps.relation", equalTo(List.of("START", "CHILD")));
            Journey.as("crasac.coordinator1").get(referral("/api/referrals/" + child)).then().statusCode(404);
            Journey.as("crasac.coordinator1").get(referral("/api/pathways/" + parent)).then().statusCode(404);
        });

        j.step("The programme takes her up and completes; the history shows each side's moves; the Connector is told", () -> {
            move(FWT_SPOC, child, 1, Map.of("target", "ACCEPTED")).statusCode(200);
            move("fwt.caseworker1", child, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
            move("fwt.caseworker1", child, 3, Map.of("target", "COMPLETED", "outcomes", Map.of("employment-skills", "NEED_MET")))
                    .statusCode(200).body("state", equalTo("COMPLETED"));
            Journey.as(CONNECTOR).get(referral("/api/referrals/" + child + "/history")).then().statusCode(200)
                    .body("findAll { it.event == 'MOVED' }.to", equalTo(List.of("SENT", "ACCEPTED", "IN_PROGRESS", "COMPLETED")))
                    .body("findAll { it.event == 'MOVED' }.actor", equalTo(List.of("REFERRER", "RECEIVER", "RECEIVER", "RECEIVER")));
            awaitInbox(CONNECTOR, child, "REFERRAL_COMPLETED", start);
        });

        j.step("The Connector's view shows the internal referral as metadata, FWT on both sides", () -> {
            Map<String, Object> item = connectorView(CONNECTOR, Map.of("organisationId", FWT, "state", List.of("COMPLETED"))).stream()
                    .filter(i -> child.equals(i.get("id"))).findFirst().orElseThrow();
            assertEquals(FWT, item.get("fromOrganisationId"));
            assertEquals(FWT, item.get("toOrganisationId"));
            assertEquals(parent, item.get("parentReferralId"));
            assertNull(item.get("subjectId"), "the Connector's view never names her");
        });

        j.step("The Connector closes the loop on Kairos' referral, and Kairos is told", () -> {
            move(CONNECTOR, parent, 2, Map.of("target", "COMPLETED", "outcomes", Map.of("employment-skills", "NEED_MET")))
                    .statusCode(200).body("state", equalTo("COMPLETED"));
            awaitInbox("kairos.caseworker1", parent, "REFERRAL_COMPLETED", start);
            Journey.as("kairos.caseworker1").get(referral("/api/referrals/" + parent)).then().statusCode(200)
                    .body("fromOrganisationId", equalTo(KAIROS)).body("state", equalTo("COMPLETED"));
        });

        j.step("No event and no notice carries her words", () ->
                assertNoEventOrNoticeCarries(canary, Set.of(parent, child), List.of(CONNECTOR, FWT_SPOC, "kairos.caseworker1"), start));
    }
}
