package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.Journey.url;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;

/**
 * The demo partnership (directory demo ids) and the calls a worker makes for her, through the services' public APIs
 * only. Request shapes are those of the services' own tests (referral-service Fixtures / ReferralFixtures).
 */
final class CaseFixtures {

    static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String HAVEN = "5e1f0000-0000-4000-8000-000000000004";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    static final String SBS = "5e1f0000-0000-4000-8000-000000000007";
    static final String COVENTRY = demoId("partnership:coventry");
    static final String CRASAC_COUNSELLING = demoId("service:crasac-counselling");
    static final String CELC_IMMIGRATION = demoId("service:celc-immigration");
    static final String FWT_EMPLOYMENT = demoId("service:fwt-employment");

    /** Actions in her access log that are reads of her data (the rest are writes and moves). */
    static final List<String> READ_ACTIONS = List.of("SECTION_READ", "SECTION_VERSION_READ", "SUMMARY_READ", "REFERRAL_READ",
            "REFERRAL_SUMMARY_READ", "SUBJECT_ACCESS_EXPORTED");

    private static final Duration WAIT = Duration.ofSeconds(60);

    private CaseFixtures() {
    }

    static String demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A demo user's Keycloak id: the subject of her real token. */
    static String userId(String user) {
        String payload = new String(Base64.getUrlDecoder().decode(Tokens.forUser(user).split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString("sub");
    }

    /** Registers a woman as {@code user} (a fresh id) and waits until consent-service has learned of her over Kafka. */
    static String register(String user) {
        String subject = as(user).body("{}").post(url("referral", "/api/subjects")).then().statusCode(201).extract().path("id");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() ->
                as(user).get(url("consent", "/api/subjects/" + subject + "/consents")).statusCode() == 200);
        return subject;
    }

    /** Writes a section that must not exist yet ({@code If-Match: "0"}): her story is told once. Returns the version. */
    static int writeOnce(String user, String subject, String category, String json) {
        return as(user).header("If-Match", "\"0\"").body(json)
                .put(url("referral", "/api/subjects/" + subject + "/summary/sections/" + category)).then().statusCode(200)
                .extract().path("version");
    }

    /** Her first consent in the Coventry partnership: one provision per recipient organisation (organisation -> categories). */
    static String recordConsent(String user, String subject, Map<String, List<String>> categoriesByOrganisation) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Map<String, Object>> provisions = new ArrayList<>();
        categoriesByOrganisation.forEach((org, categories) -> provisions.add(Map.of(
                "recipients", List.of(Map.of("type", "ORGANISATION", "id", org)),
                "purposes", List.of("REFERRAL", "CASE_COORDINATION"), "categories", categories,
                "validFrom", now.minusMinutes(5).toString(), "validUntil", now.plusMonths(6).toString())));
        Map<String, Object> body = Map.of("partnershipId", COVENTRY, "provisions", provisions, "obtainedMethod", "VERBAL",
                "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT", "art9Condition", "EXPLICIT_CONSENT");
        return as(user).body(body).post(url("consent", "/api/subjects/" + subject + "/consents")).then().statusCode(201)
                .extract().path("id");
    }

    static Map<String, Object> referral(String subject, String service, List<String> needs, List<String> sections) {
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
        return as(user).body(body).post(url("referral", "/api/referrals")).then();
    }

    static ValidatableResponse move(String user, String referral, long version, Map<String, Object> body) {
        return as(user).header("If-Match", "\"" + version + "\"").body(body)
                .post(url("referral", "/api/referrals/" + referral + "/transitions")).then();
    }

    /**
     * The user's inbox entries (hers and, for a coordinator or connector, her organisation's mailbox) about a referral,
     * among her newest thousand (newest first; a busy test mailbox holds far more, and ours are recent).
     */
    static List<Map<String, Object>> inbox(String user, String referralId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            List<Map<String, Object>> items = as(user).queryParam("size", 100).queryParam("page", page)
                    .get(url("notification", "/api/inbox")).then().statusCode(200).extract().jsonPath().getList("items");
            items.stream().filter(i -> referralId.equals(i.get("referralId"))).forEach(out::add);
            if (items.size() < 100) break;
        }
        return out;
    }

    /** Waits until the user's inbox has an entry of this kind about the referral, and returns it. */
    static Map<String, Object> awaitInbox(String user, String referralId, String kind) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> inbox(user, referralId).stream().anyMatch(i -> kind.equals(i.get("kind"))));
        return inbox(user, referralId).stream().filter(i -> kind.equals(i.get("kind"))).findFirst().orElseThrow();
    }

    /** Every entry of her access log (all pages), oldest first, as her organisation's worker sees it. */
    static List<Map<String, Object>> accessLog(String user, String subject) {
        List<Map<String, Object>> out = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = as(user).queryParam("after", after).queryParam("limit", 1000)
                    .get(url("referral", "/api/subjects/" + subject + "/access-log")).then().statusCode(200).extract().jsonPath();
            out.addAll(page.getList("entries"));
            Long next = page.getObject("nextAfter", Long.class);
            if (next == null) return out;
            after = next;
        }
    }

    /** A read as her access log records it: organisation, action, outcome and categories (sorted). */
    record Read(String organisationId, String action, String outcome, List<String> categories) {

        static Read of(String organisationId, String action, String outcome, List<String> categories) {
            return new Read(organisationId, action, outcome, categories.stream().sorted().toList());
        }

        @SuppressWarnings("unchecked")
        static Read of(Map<String, Object> entry) {
            return of((String) entry.get("organisationId"), (String) entry.get("action"), (String) entry.get("outcome"),
                    (List<String>) entry.get("categories"));
        }
    }

    /** The reads in her access log, in order. */
    static List<Read> readsIn(List<Map<String, Object>> log) {
        return log.stream().filter(e -> READ_ACTIONS.contains(e.get("action"))).map(Read::of).toList();
    }
}
