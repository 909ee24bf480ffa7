package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.restassured.response.ValidatableResponse;

/**
 * Requests the connector, timer and report journeys share, with the request shapes of the services' APIs (as in
 * referral-service's Fixtures and ReferralFixtures). Every call goes through {@link Journey#as}, so a failing step
 * shows it.
 */
final class JourneySupport {

    static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String HAVEN = "5e1f0000-0000-4000-8000-000000000004";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    static final String COVENTRY = demoId("partnership:coventry");

    private JourneySupport() {
    }

    /** The directory's demo ids: name-based UUIDs of "pathways-demo:&lt;key&gt;". */
    static String demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String referral(String path) {
        return Journey.url("referral", path);
    }

    static String userId(String user) {
        return Journey.as(user).get(referral("/api/me")).then().statusCode(200).extract().path("userId");
    }

    /** Registers a woman as {@code user} (no personal data in the call) and returns her subject id. */
    static String register(String user) {
        return Journey.as(user).body("{}").post(referral("/api/subjects")).then().statusCode(201).extract().path("id");
    }

    /** Registers her and waits until consent-service has learned of her (over Kafka), so consent can be recorded. */
    static String registerKnownToConsent(String user) {
        String subject = register(user);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                Journey.as(user).get(Journey.url("consent", "/api/subjects/" + subject + "/consents")).statusCode() == 200);
        return subject;
    }

    static void putSection(String user, String subject, String category, String json) {
        Journey.as(user).body(json).put(referral("/api/subjects/" + subject + "/summary/sections/" + category)).then().statusCode(200);
    }

    static String needs(String... codes) {
        StringBuilder sb = new StringBuilder("{\"needs\":[");
        for (int i = 0; i < codes.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"code\":\"").append(codes[i]).append("\",\"status\":\"IDENTIFIED\"}");
        }
        return sb.append("]}").toString();
    }

    /** Records her consent: every recipient organisation gets the purposes and categories given, for six months. */
    static String recordConsent(String user, String subject, List<String> organisations, List<String> purposes, List<String> categories) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, Object> provision = Map.of(
                "recipients", organisations.stream().map(o -> Map.of("type", "ORGANISATION", "id", o)).toList(),
                "purposes", purposes, "categories", categories,
                "validFrom", now.minusMinutes(5).toString(), "validUntil", now.plusMonths(6).toString());
        Map<String, Object> body = Map.of("partnershipId", COVENTRY, "provisions", List.of(provision),
                "obtainedMethod", "VERBAL", "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT",
                "art9Condition", "EXPLICIT_CONSENT");
        return Journey.as(user).body(body).post(Journey.url("consent", "/api/subjects/" + subject + "/consents")).then()
                .statusCode(201).extract().path("id");
    }

    static Map<String, Object> referralBody(String subject, String service, List<String> needs, List<String> sections) {
        Map<String, Object> m = new HashMap<>();
        m.put("subjectId", subject);
        m.put("toServiceId", service);
        m.put("needs", needs);
        m.put("urgency", "ROUTINE");
        m.put("sections", sections);
        m.put("personKnows", true);
        return m;
    }

    static ValidatableResponse send(String user, Map<String, Object> body) {
        return Journey.as(user).body(body).post(referral("/api/referrals")).then();
    }

    static String sent(String user, Map<String, Object> body) {
        return send(user, body).statusCode(201).extract().path("id");
    }

    static ValidatableResponse move(String user, String referralId, long version, Map<String, Object> body) {
        return Journey.as(user).header("If-Match", "\"" + version + "\"").body(body)
                .post(referral("/api/referrals/" + referralId + "/transitions")).then();
    }

    static String state(String user, String referralId) {
        return Journey.as(user).get(referral("/api/referrals/" + referralId)).then().statusCode(200).extract().path("state");
    }

    /**
     * The user's inbox entries (her own and, for coordinators and connectors, her organisation's mailbox) about these
     * referrals, newest first, reading pages only back to {@code since}: the test stack keeps earlier runs' entries.
     */
    static List<Map<String, Object>> inbox(String user, Set<String> referrals, Instant since) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int page = 0; page < 50; page++) {
            List<Map<String, Object>> items = Journey.as(user).queryParam("size", 100).queryParam("page", page)
                    .get(Journey.url("notification", "/api/inbox")).then().statusCode(200).extract().jsonPath().getList("items");
            boolean older = false;
            for (Map<String, Object> i : items) {
                if (OffsetDateTime.parse((String) i.get("createdAt")).toInstant().isBefore(since)) older = true;
                else if (i.get("referralId") != null && referrals.contains(i.get("referralId"))) out.add(i);
            }
            if (older || items.size() < 100) break;
        }
        return out;
    }

    static List<Map<String, Object>> inbox(String user, String referralId, String kind, Instant since) {
        return inbox(user, Set.of(referralId), since).stream().filter(i -> kind.equals(i.get("kind"))).toList();
    }

    /** Every page of the Connector's view of the partnership's referrals with these filters (metadata only). */
    static List<Map<String, Object>> connectorView(String connector, Map<String, ?> filters) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int page = 0; ; page++) {
            var request = Journey.as(connector).queryParam("partnershipId", COVENTRY).queryParam("size", 200).queryParam("page", page);
            filters.forEach((k, v) -> {
                if (v instanceof Collection<?> many) request.queryParam(k, many);
                else request.queryParam(k, v);
            });
            List<Map<String, Object>> items = request.get(referral("/api/connector/referrals")).then().statusCode(200)
                    .extract().jsonPath().getList("items");
            out.addAll(items);
            if (items.size() < 200) return out;
        }
    }
}
