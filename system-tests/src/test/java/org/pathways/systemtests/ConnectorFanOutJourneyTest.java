package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.JourneySupport.CELC;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.FWT;
import static org.pathways.systemtests.JourneySupport.HAVEN;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.connectorView;
import static org.pathways.systemtests.JourneySupport.demoId;
import static org.pathways.systemtests.JourneySupport.inbox;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.needs;
import static org.pathways.systemtests.JourneySupport.putSection;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referral;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.send;
import static org.pathways.systemtests.JourneySupport.sent;
import static org.pathways.systemtests.JourneySupport.state;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;


/**
 * Journey 2, the Connector fan-out: a woman with four needs is referred to the Partnership Connector (FWT), who splits
 * the referral into one child referral per need across the partnership; one is declined for capacity and she re-routes
 * it; every referral ends COMPLETED (an outcome per need) or NOT_COMPLETED (a reason), the parent last; the pathway view
 * shows the tree and the Connector's view shows every referral as metadata, never her id or a section.
 *
 * <p>The referrer is Kairos, not FWT: a referral always goes to another organisation (ADR 0031), and the Connector's
 * service is FWT's.
 */
class ConnectorFanOutJourneyTest {

    static final String CONNECTOR_SERVICE = demoId("service:fwt-connector");
    static final String CRASAC_COUNSELLING = demoId("service:crasac-counselling");
    static final String CRASAC_ISVA = demoId("service:crasac-isva");
    static final String CELC_IMMIGRATION = demoId("service:celc-immigration");
    static final String HAVEN_OUTREACH = demoId("service:haven-outreach");
    static final List<String> SHARED = List.of("NEEDS", "STORY");
    static final List<String> FOUR_NEEDS = List.of("counselling", "domestic-abuse", "legal-immigration", "stalking-harassment");

    @Test
    void theConnectorFansOutReRoutesTheDeclinedNeedAndClosesTheLoopOnEveryNeed() {
        Journey j = new Journey("2 Connector fan-out");
        Instant start = Instant.now().minusSeconds(5);

        String subject = j.step("Kairos records her four needs, her story and her consent for the partnership", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            putSection("kairos.caseworker1", s, "NEEDS", needs(FOUR_NEEDS.toArray(String[]::new)));
            putSection("kairos.caseworker1", s, "STORY", "{\"text\":\"Told once, to Kairos.\",\"language\":\"en\"}");
            recordConsent("kairos.caseworker1", s, List.of(FWT, CRASAC, CELC, HAVEN), List.of("REFERRAL", "CASE_COORDINATION"), SHARED);
            return s;
        });

        String parent = j.step("Kairos refers her to the Partnership Connector with all four needs", () ->
                send("kairos.caseworker1", referralBody(subject, CONNECTOR_SERVICE, FOUR_NEEDS, SHARED)).statusCode(201)
                        .body("state", equalTo("SENT")).body("toOrganisationId", equalTo(FWT)).extract().path("id"));

        j.step("The Connector is told, takes the referral up and reads what she agreed to share", () -> {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !inbox("fwt.connector1", parent, "REFERRAL_SENT", start).isEmpty());
            move("fwt.connector1", parent, 1, Map.of("target", "ACCEPTED")).statusCode(200).body("state", equalTo("ACCEPTED"));
            Journey.as("fwt.connector1").get(referral("/api/referrals/" + parent + "/summary")).then().statusCode(200)
                    .body("sections.category", hasItems("NEEDS", "STORY"));
        });

        Map<String, String> children = j.step("The Connector creates one child referral per need", () -> {
            Map<String, String> byNeed = new LinkedHashMap<>();
            byNeed.put("counselling", child(parent, CRASAC_COUNSELLING, "counselling"));
            byNeed.put("legal-immigration", child(parent, CELC_IMMIGRATION, "legal-immigration"));
            byNeed.put("domestic-abuse", child(parent, HAVEN_OUTREACH, "domestic-abuse"));
            byNeed.put("stalking-harassment", child(parent, CRASAC_ISVA, "stalking-harassment"));
            return byNeed;
        });
        String isva = children.get("stalking-harassment");

        j.step("CRASAC's ISVA service declines for lack of capacity, and the Connector is told", () -> {
            move("crasac.coordinator1", isva, 1, Map.of("target", "DECLINED", "reason", "NO_CAPACITY")).statusCode(200);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !inbox("fwt.connector1", isva, "REFERRAL_DECLINED", start).isEmpty());
        });

        String rerouted = j.step("The Connector re-routes the declined need to Coventry Haven's outreach", () -> {
            // Only a declined or expired referral can be re-routed.
            Map<String, Object> tooEarly = referralBody(subject, HAVEN_OUTREACH, List.of("counselling"), SHARED);
            tooEarly.put("replacesReferralId", children.get("counselling"));
            send("fwt.connector1", tooEarly).statusCode(422).body("errors[0].field", equalTo("replacesReferralId"));
            Map<String, Object> body = referralBody(subject, HAVEN_OUTREACH, List.of("stalking-harassment"), SHARED);
            body.put("replacesReferralId", isva);
            return send("fwt.connector1", body).statusCode(201).body("replacesReferralId", equalTo(isva)).extract().path("id");
        });

        j.step("The parent cannot close while a child or the re-route is open", () ->
                move("fwt.connector1", parent, 2, Map.of("target", "COMPLETED", "outcomes", allOutcomes())).statusCode(409)
                        .body("type", equalTo("https://pathways.example/problems/open-children")).body("errors", hasSize(4)));

        j.step("CRASAC counselling takes her up and completes: need met", () ->
                work("crasac.coordinator1", "crasac.caseworker1", children.get("counselling"),
                        Map.of("target", "COMPLETED", "outcomes", Map.of("counselling", "NEED_MET"))));
        j.step("CELC takes her up; she disengages: not completed, with the reason", () ->
                work("celc.coordinator1", "celc.caseworker1", children.get("legal-immigration"),
                        Map.of("target", "NOT_COMPLETED", "reason", "DISENGAGED")));
        j.step("Haven outreach completes domestic abuse support: partly met", () ->
                work("haven.coordinator1", "haven.caseworker1", children.get("domestic-abuse"),
                        Map.of("target", "COMPLETED", "outcomes", Map.of("domestic-abuse", "PARTLY_MET"))));
        j.step("Haven outreach completes the re-routed need: met", () ->
                work("haven.coordinator1", "haven.caseworker1", rerouted,
                        Map.of("target", "COMPLETED", "outcomes", Map.of("stalking-harassment", "NEED_MET"))));

        j.step("The Connector closes the parent with an outcome per need, and Kairos is told", () -> {
            // Outcomes name exactly the referral's needs: one missing is refused with the field.
            Map<String, Object> missing = new HashMap<>(allOutcomes());
            missing.remove("legal-immigration");
            move("fwt.connector1", parent, 2, Map.of("target", "COMPLETED", "outcomes", missing)).statusCode(422)
                    .body("errors.field", hasItems("outcomes.legal-immigration"));
            move("fwt.connector1", parent, 2, Map.of("target", "COMPLETED", "outcomes", allOutcomes())).statusCode(200)
                    .body("state", equalTo("COMPLETED"));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !inbox("kairos.caseworker1", parent, "REFERRAL_COMPLETED", start).isEmpty());
        });

        j.step("Every referral ended with its reason or an outcome per need", () -> {
            assertEquals(Map.of("counselling", "NEED_MET"), lastMove(children.get("counselling")).get("outcomes"));
            assertEquals("NOT_COMPLETED", lastMove(children.get("legal-immigration")).get("to"));
            assertEquals("DISENGAGED", lastMove(children.get("legal-immigration")).get("reason"));
            assertEquals(Map.of("domestic-abuse", "PARTLY_MET"), lastMove(children.get("domestic-abuse")).get("outcomes"));
            assertEquals("DECLINED", lastMove(isva).get("to"));
            assertEquals("NO_CAPACITY", lastMove(isva).get("reason"));
            assertEquals(Map.of("stalking-harassment", "NEED_MET"), lastMove(rerouted).get("outcomes"));
            Map<String, Object> last = lastMove(parent);
            assertEquals("COMPLETED", last.get("to"));
            assertEquals("fwt.connector1", username(last));
            assertEquals(allOutcomes(), last.get("outcomes"));
        });

        j.step("The pathway view shows the tree: four children and the re-route of the declined one", () ->
                Journey.as("kairos.caseworker1").get(referral("/api/pathways/" + parent)).then().statusCode(200)
                        .body("steps.referral.id", equalTo(List.of(parent, children.get("counselling"), children.get("legal-immigration"),
                                children.get("domestic-abuse"), isva, rerouted)))
                        .body("steps.relation", equalTo(List.of("START", "CHILD", "CHILD", "CHILD", "CHILD", "REROUTE")))
                        .body("steps[5].follows", equalTo(isva)).body("steps[1].follows", equalTo(parent)));

        j.step("The Connector's view shows every referral of the fan-out, without her id and without a section", () -> {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put(parent, "COMPLETED");
            expected.put(children.get("counselling"), "COMPLETED");
            expected.put(children.get("legal-immigration"), "NOT_COMPLETED");
            expected.put(children.get("domestic-abuse"), "COMPLETED");
            expected.put(isva, "DECLINED");
            expected.put(rerouted, "COMPLETED");
            Map<String, Map<String, Object>> seen = new HashMap<>();
            for (String org : List.of(FWT, CRASAC, CELC, HAVEN)) {
                for (Map<String, Object> item : connectorView("fwt.connector1", Map.of("organisationId", org,
                        "state", List.copyOf(Set.copyOf(expected.values()))))) {
                    if (expected.containsKey(item.get("id"))) seen.put((String) item.get("id"), item);
                }
            }
            assertEquals(expected.keySet(), seen.keySet(), "every referral of the fan-out is in the Connector's view");
            expected.forEach((id, s) -> {
                Map<String, Object> item = seen.get(id);
                assertEquals(s, item.get("state"), id);
                assertNull(item.get("subjectId"), "the Connector's view never names her");
                assertTrue(!item.containsKey("sections") && !item.containsKey("note"), "metadata only");
            });
            assertEquals(parent, seen.get(children.get("legal-immigration")).get("parentReferralId"));
            assertEquals(isva, seen.get(rerouted).get("replacesReferralId"));
            assertEquals(KAIROS, seen.get(parent).get("fromOrganisationId"));
            // Her sections only through a referral to the Connector's own service: a child's summary is not hers to read.
            Journey.as("fwt.connector1").get(referral("/api/referrals/" + children.get("counselling") + "/summary")).then().statusCode(403);
            assertEquals("COMPLETED", state("fwt.connector1", parent));
        });
    }

    private static String username(Map<String, Object> move) {
        return move.get("userId").equals(JourneySupport.userId("fwt.connector1")) ? "fwt.connector1" : String.valueOf(move.get("userId"));
    }

    private static Map<String, Object> allOutcomes() {
        return Map.of("counselling", "NEED_MET", "legal-immigration", "NOT_MET", "domestic-abuse", "PARTLY_MET",
                "stalking-harassment", "NEED_MET");
    }

    private static String child(String parent, String service, String need) {
        return Journey.as("fwt.connector1").body(Map.of("toServiceId", service, "needs", List.of(need), "urgency", "SOON",
                        "sections", SHARED, "personKnows", true))
                .post(referral("/api/referrals/" + parent + "/children")).then().statusCode(201)
                .body("parentReferralId", equalTo(parent)).body("state", equalTo("SENT")).extract().path("id");
    }

    /** The receiving organisation's SPOC takes it up, a case worker makes first contact, then the ending move. */
    private static void work(String coordinator, String caseworker, String id, Map<String, Object> ending) {
        move(coordinator, id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
        move(caseworker, id, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
        move(caseworker, id, 3, ending).statusCode(200).body("state", equalTo(ending.get("target")));
    }

    /** The referral's latest move (highest version) from its history. */
    private static Map<String, Object> lastMove(String id) {
        List<Map<String, Object>> history = Journey.as("fwt.connector1").get(referral("/api/referrals/" + id + "/history")).then()
                .statusCode(200).extract().jsonPath().getList("$");
        return history.stream().max(Comparator.comparingLong(h -> ((Number) h.get("version")).longValue())).orElseThrow();
    }
}
