package org.pathways.systemtests;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.Journey.url;
import static org.pathways.systemtests.JourneySupport.COVENTRY;
import static org.pathways.systemtests.JourneySupport.CRASAC;
import static org.pathways.systemtests.JourneySupport.CRASAC_COUNSELLING;
import static org.pathways.systemtests.JourneySupport.KAIROS;
import static org.pathways.systemtests.JourneySupport.inbox;
import static org.pathways.systemtests.JourneySupport.move;
import static org.pathways.systemtests.JourneySupport.recordConsent;
import static org.pathways.systemtests.JourneySupport.referralBody;
import static org.pathways.systemtests.JourneySupport.registerKnownToConsent;
import static org.pathways.systemtests.JourneySupport.send;
import static org.pathways.systemtests.JourneySupport.userId;
import static org.pathways.systemtests.JourneySupport.writeOnce;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Journey 6 (issue 8): isolation. Users of organisations with no referral for her (Coventry Haven, which is in the
 * partnership; Southall Black Sisters, which is not; FWT's and CELC's privacy officers) get 404 for everything about
 * her in every service — her record, her summary and each section, her referral and its pathway, her access log, her
 * consents and overrides — exactly as for someone who does not exist. The Partnership Connector sees the referral's
 * metadata in her partnership view, and no section.
 */
class IsolationJourneyTest {

    static final List<String> CATEGORIES = List.of("IDENTITY", "SAFE_CONTACT", "COMMUNICATION", "NEEDS", "RISK", "CHILDREN",
            "IMMIGRATION", "HEALTH", "HOUSING", "MONEY", "STORY", "GOALS");
    static final List<String> CASE_WORKERS = List.of("haven.caseworker1", "haven.coordinator1", "sbs.caseworker1", "sbs.coordinator1");
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> PRIVACY_OFFICERS = List.of("fwt.privacy1", "celc.privacy1");

    /** One call about her: method, service, path and body ({@code {s}} her id, {@code {r}} her referral, {@code {c}} her consent). */
    record Call(String method, String service, String path, Object body) {

        Response as(String user, Map<String, String> ids) {
            String p = fill(path, ids);
            var spec = Journey.as(user).header("If-Match", "\"1\"");
            if (body != null) {
                try {
                    spec = spec.body(fill(JSON.writeValueAsString(body), ids));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return spec.request(method, url(service, p));
        }

        private static String fill(String template, Map<String, String> ids) {
            for (Map.Entry<String, String> e : ids.entrySet()) template = template.replace("{" + e.getKey() + "}", e.getValue());
            return template;
        }

        @Override
        public String toString() {
            return method + " " + service + " " + path;
        }
    }

    static List<Call> aboutHer(String kairosWorker) {
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("GET", "referral", "/api/subjects/{s}", null));
        calls.add(new Call("PUT", "referral", "/api/subjects/{s}/lead-worker", Map.of("leadWorkerId", kairosWorker)));
        calls.add(new Call("PUT", "referral", "/api/subjects/{s}/restricted", Map.of("restricted", true)));
        calls.add(new Call("GET", "referral", "/api/subjects/{s}/summary", null));
        for (String c : CATEGORIES) {
            calls.add(new Call("GET", "referral", "/api/subjects/{s}/summary/sections/" + c, null));
            calls.add(new Call("GET", "referral", "/api/subjects/{s}/summary/sections/" + c + "/versions", null));
            calls.add(new Call("GET", "referral", "/api/subjects/{s}/summary/sections/" + c + "/versions/1", null));
        }
        calls.add(new Call("PUT", "referral", "/api/subjects/{s}/summary/sections/GOALS", Map.of("goals", List.of(Map.of("goal", "x")))));
        calls.add(new Call("GET", "referral", "/api/subjects/{s}/access-log", null));
        calls.add(new Call("POST", "referral", "/api/subjects/{s}/signposts",
                Map.of("needCode", "counselling", "externalOrganisation", "Elsewhere")));
        calls.add(new Call("POST", "referral", "/api/subjects/{s}/no-service-found", Map.of("needCode", "counselling")));
        calls.add(new Call("POST", "referral", "/api/subjects/{s}/erasure-requests", Map.of("reasonCode", "SUBJECT_REQUEST")));
        calls.add(new Call("POST", "referral", "/api/referrals", referralBody("{s}", CRASAC_COUNSELLING, List.of("counselling"),
                List.of("NEEDS"))));
        calls.add(new Call("GET", "referral", "/api/referrals/{r}", null));
        calls.add(new Call("GET", "referral", "/api/referrals/{r}/history", null));
        calls.add(new Call("GET", "referral", "/api/referrals/{r}/summary", null));
        calls.add(new Call("POST", "referral", "/api/referrals/{r}/transitions", Map.of("target", "IN_PROGRESS")));
        calls.add(new Call("POST", "referral", "/api/referrals/{r}/claim", Map.of()));
        calls.add(new Call("GET", "referral", "/api/pathways/{r}", null));
        calls.add(new Call("GET", "consent", "/api/subjects/{s}/consents", null));
        calls.add(new Call("GET", "consent", "/api/consents/{c}", null));
        calls.add(new Call("GET", "consent", "/api/consents/{c}/receipt", null));
        calls.add(new Call("GET", "consent", "/api/subjects/{s}/overrides", null));
        calls.add(new Call("POST", "consent", "/api/consents/{c}/withdrawals", Map.of("scope", "WHOLE", "method", "VERBAL")));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        calls.add(new Call("POST", "consent", "/api/subjects/{s}/consents", Map.of("partnershipId", COVENTRY,
                "provisions", List.of(Map.of("recipients", List.of(Map.of("type", "ORGANISATION", "id", KAIROS)),
                        "purposes", List.of("REFERRAL"), "categories", List.of("NEEDS"), "validFrom", now.minusMinutes(5).toString(),
                        "validUntil", now.plusMonths(1).toString())),
                "obtainedMethod", "VERBAL", "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT",
                "art9Condition", "EXPLICIT_CONSENT")));
        calls.add(new Call("POST", "consent", "/api/subjects/{s}/overrides", Map.of("partnershipId", COVENTRY,
                "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING", "justification", "Isolation check",
                "recipients", List.of(Map.of("type", "ORGANISATION", "id", KAIROS)), "purposes", List.of("SAFEGUARDING"),
                "categories", List.of("NEEDS"), "validUntil", now.plusDays(1).toString())));
        return calls;
    }

    /** What a privacy officer may call about a person: her access log, her consents and overrides, her subject access export. */
    static List<Call> privacyOfficerCalls() {
        return List.of(new Call("GET", "referral", "/api/subjects/{s}/access-log", null),
                new Call("GET", "referral", "/api/subjects/{s}/subject-access-export", null),
                new Call("GET", "consent", "/api/subjects/{s}/consents", null),
                new Call("GET", "consent", "/api/consents/{c}", null),
                new Call("GET", "consent", "/api/subjects/{s}/overrides", null));
    }

    @Test
    void organisationsWithNoReferralForHerSeeNothingAndTheConnectorOnlyMetadata() {
        Journey j = new Journey("6 Isolation");
        Instant start = Instant.now().minusSeconds(5);
        String kairosWorker = userId("kairos.caseworker1");

        String subject = j.step("Kairos registers her, records her summary and consent for CRASAC", () -> {
            String s = registerKnownToConsent("kairos.caseworker1");
            writeOnce("kairos.caseworker1", s, "NEEDS", "{\"needs\":[{\"code\":\"counselling\",\"status\":\"IDENTIFIED\"}]}");
            writeOnce("kairos.caseworker1", s, "STORY", "{\"text\":\"Her account, told once.\"}");
            writeOnce("kairos.caseworker1", s, "GOALS", "{\"goals\":[{\"goal\":\"Feel safe\"}]}");
            return s;
        });
        String consent = j.step("Kairos records her consent for CRASAC",
                () -> recordConsent("kairos.caseworker1", subject, Map.of(CRASAC, List.of("NEEDS", "STORY"))));
        String toCrasac = j.step("Kairos refers her to CRASAC counselling; CRASAC accepts", () -> {
            String id = send("kairos.caseworker1", referralBody(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS", "STORY")))
                    .statusCode(201).extract().path("id");
            move("crasac.coordinator1", id, 1, Map.of("target", "ACCEPTED")).statusCode(200);
            return id;
        });
        Map<String, String> hers = Map.of("s", subject, "r", toCrasac, "c", consent);

        j.step("Her own organisation and the one she was referred to can see her (so a 404 below means isolation)", () -> {
            as("kairos.caseworker1").get(url("referral", "/api/subjects/" + subject)).then().statusCode(200);
            as("kairos.caseworker1").get(url("referral", "/api/subjects/" + subject + "/summary/sections/STORY")).then().statusCode(200);
            as("kairos.caseworker1").get(url("consent", "/api/consents/" + consent)).then().statusCode(200);
            as("crasac.caseworker1").get(url("referral", "/api/referrals/" + toCrasac + "/summary")).then().statusCode(200)
                    .body("sections.category", contains("NEEDS", "STORY"));
            as("crasac.caseworker1").get(url("consent", "/api/subjects/" + subject + "/consents")).then().statusCode(200);
            as("crasac.caseworker1").get(url("referral", "/api/pathways/" + toCrasac)).then().statusCode(200);
        });

        for (String user : CASE_WORKERS) {
            j.step(user + " gets 404 for everything about her, as for someone who does not exist", () -> {
                checkAllNotFound(user, aboutHer(kairosWorker), hers);
            });
        }
        for (String user : PRIVACY_OFFICERS) {
            j.step(user + " (an organisation with no referral for her) gets 404 for her log, consents and export", () -> {
                checkAllNotFound(user, privacyOfficerCalls(), hers);
            });
        }

        j.step("Nothing about her referral reaches another organisation's inbox or queues", () -> {
            for (String user : CASE_WORKERS) {
                assertEquals(List.of(), inbox(user, Set.of(toCrasac), start), user + "'s inbox");
                for (String direction : List.of("incoming", "outgoing")) {
                    as(user).queryParam("size", 200).get(url("referral", "/api/queues/" + direction)).then().statusCode(200)
                            .body("items.id", not(hasItem(toCrasac)));
                }
            }
        });

        j.step("The Partnership Connector sees the referral's metadata in her partnership view, without her id", () -> {
            Map<String, Object> item = connectorItem(toCrasac);
            assertNotNull(item, "the Connector's view lists the referral");
            assertEquals(KAIROS, item.get("fromOrganisationId"));
            assertEquals(CRASAC, item.get("toOrganisationId"));
            assertEquals(CRASAC_COUNSELLING, item.get("toServiceId"));
            assertEquals(List.of("counselling"), item.get("needs"));
            assertEquals("ACCEPTED", item.get("state"));
            assertEquals(null, item.get("subjectId"));
            for (String field : List.of("sections", "note", "safeContactInstructions", "content")) {
                assertFalse(item.containsKey(field), "metadata only: no " + field);
            }
        });

        j.step("The Connector sees no section of her: not through the referral, not from her record", () -> {
            checkAllNotFound("fwt.connector1", List.of(new Call("GET", "referral", "/api/referrals/{r}/summary", null),
                    new Call("GET", "referral", "/api/referrals/{r}", null),
                    new Call("GET", "referral", "/api/subjects/{s}/summary", null),
                    new Call("GET", "referral", "/api/subjects/{s}/summary/sections/STORY", null),
                    new Call("GET", "referral", "/api/subjects/{s}/summary/sections/NEEDS", null),
                    new Call("GET", "referral", "/api/subjects/{s}/access-log", null),
                    new Call("GET", "consent", "/api/subjects/{s}/consents", null)), hers);
        });

        j.step("None of these refused calls is in her access log; nothing was changed", () -> {
            List<Map<String, Object>> log = JourneySupport.accessLog("kairos.caseworker1", subject);
            assertTrue(log.stream().allMatch(e -> List.of(KAIROS, CRASAC).contains(e.get("organisationId"))),
                    "only Kairos and CRASAC appear in her access log");
            as("kairos.caseworker1").get(url("referral", "/api/subjects/" + subject)).then().statusCode(200)
                    .body("restricted", equalTo(false)).body("organisationId", equalTo(KAIROS));
            as("kairos.caseworker1").get(url("referral", "/api/referrals/" + toCrasac)).then().statusCode(200)
                    .body("state", equalTo("ACCEPTED")).body("version", equalTo(2));
            as("kairos.caseworker1").get(url("consent", "/api/subjects/" + subject + "/consents")).then().statusCode(200)
                    .body("size()", equalTo(1)).body("[0].currentVersion", equalTo(1)).body("[0].state", equalTo("ACTIVE"));
            as("kairos.caseworker1").get(url("consent", "/api/subjects/" + subject + "/overrides")).then().statusCode(200)
                    .body("size()", equalTo(0));
        });
    }

    /**
     * Each call about her answers exactly as the same call about someone who does not exist: 404, problem+json, same
     * type and detail, so the answer does not even tell that she is known somewhere.
     */
    private static void checkAllNotFound(String user, List<Call> calls, Map<String, String> hers) {
        Map<String, String> nobody = Map.of("s", UUID.randomUUID().toString(), "r", UUID.randomUUID().toString(),
                "c", UUID.randomUUID().toString());
        List<String> failures = new ArrayList<>();
        for (Call call : calls) {
            Response real = call.as(user, hers);
            Response unknown = call.as(user, nobody);
            String problem = problem(real);
            if (real.statusCode() != 404 || !problem.equals(problem(unknown)) || unknown.statusCode() != 404) {
                failures.add(call + ": " + real.statusCode() + " " + problem + " (for nobody: " + unknown.statusCode() + " "
                        + problem(unknown) + ")");
            }
        }
        assertEquals(List.of(), failures, user + ": calls about her that did not answer as for nobody");
    }

    private static String problem(Response r) {
        String type = r.contentType() == null ? "" : r.contentType();
        if (!type.startsWith("application/problem+json")) return "content type " + type;
        JsonPath p = r.jsonPath();
        return p.getString("type") + " | " + p.getString("detail");
    }

    /** The referral in the Connector's partnership view (every page, narrowed by partnership, service, sender and state). */
    private static Map<String, Object> connectorItem(String referralId) {
        for (int page = 0; ; page++) {
            JsonPath body = as("fwt.connector1").queryParam("partnershipId", COVENTRY).queryParam("serviceId", CRASAC_COUNSELLING)
                    .queryParam("organisationId", KAIROS).queryParam("state", "ACCEPTED").queryParam("page", page)
                    .queryParam("size", 200).get(url("referral", "/api/connector/referrals")).then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            for (Map<String, Object> item : items) {
                if (referralId.equals(item.get("id"))) return item;
            }
            if (items.size() < 200) return null;
        }
    }
}
