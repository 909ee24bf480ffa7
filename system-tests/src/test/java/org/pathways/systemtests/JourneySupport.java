package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.StackInfo;

/**
 * The demo partnership (directory demo ids) and the calls a worker makes for her, shared by the journeys, with the
 * request shapes of the services' APIs (as in referral-service's Fixtures and ReferralFixtures). Every call goes
 * through {@link Journey#as}, so a failing step shows it.
 */
final class JourneySupport {

    static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String KAIROS = "5e1f0000-0000-4000-8000-000000000003";
    static final String HAVEN = "5e1f0000-0000-4000-8000-000000000004";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    static final String SBS = "5e1f0000-0000-4000-8000-000000000007";
    static final String BSWA = "5e1f0000-0000-4000-8000-00000000000a";
    static final String MWNUK = "5e1f0000-0000-4000-8000-00000000000d";
    static final String MWNUK_NETWORK = demoId("partnership:mwnuk-casework");
    static final String COVENTRY = demoId("partnership:coventry");
    static final String CRASAC_COUNSELLING = demoId("service:crasac-counselling");
    static final String CELC_IMMIGRATION = demoId("service:celc-immigration");
    static final String FWT_EMPLOYMENT = demoId("service:fwt-employment");

    /** Actions in her access log that are reads of her data (the rest are writes and moves). */
    static final List<String> READ_ACTIONS = List.of("SECTION_READ", "SECTION_VERSION_READ", "SUMMARY_READ", "REFERRAL_READ",
            "REFERRAL_SUMMARY_READ", "SUBJECT_ACCESS_EXPORTED");

    private static final Duration WAIT = Duration.ofSeconds(60);

    private JourneySupport() {
    }

    /** The directory's demo ids: name-based UUIDs of "pathways-demo:&lt;key&gt;". */
    static String demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String referral(String path) {
        return Journey.url("referral", path);
    }

    /** A demo user's Keycloak id: the subject of her real token (what every service's {@code /api/me} calls userId). */
    static String userId(String user) {
        String payload = new String(Base64.getUrlDecoder().decode(Tokens.forUser(user).split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString("sub");
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

    /** Writes a section that must not exist yet ({@code If-Match: "0"}): her story is told once. Returns the version. */
    static int writeOnce(String user, String subject, String category, String json) {
        return Journey.as(user).header("If-Match", "\"0\"").body(json)
                .put(referral("/api/subjects/" + subject + "/summary/sections/" + category)).then().statusCode(200)
                .extract().path("version");
    }

    static String needs(String... codes) {
        StringBuilder sb = new StringBuilder("{\"needs\":[");
        for (int i = 0; i < codes.length; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"code\":\"").append(codes[i]).append("\",\"status\":\"IDENTIFIED\"}");
        }
        return sb.append("]}").toString();
    }

    /** Records her consent in Coventry: one provision giving every organisation these purposes and categories. */
    static String recordConsent(String user, String subject, List<String> organisations, List<String> purposes, List<String> categories) {
        return recordConsent(user, subject, List.of(provision(organisations, purposes, categories)));
    }

    /**
     * Records her consent in Coventry: one provision per recipient organisation (organisation -> categories), each for
     * referral and case coordination.
     */
    static String recordConsent(String user, String subject, Map<String, List<String>> categoriesByOrganisation) {
        List<Map<String, Object>> provisions = new ArrayList<>();
        categoriesByOrganisation.forEach((org, categories) ->
                provisions.add(provision(List.of(org), List.of("REFERRAL", "CASE_COORDINATION"), categories)));
        return recordConsent(user, subject, provisions);
    }

    private static String recordConsent(String user, String subject, List<Map<String, Object>> provisions) {
        return recordConsentAt(StackInfo.serviceUrl("consent"), user, subject, provisions);
    }

    /** As {@link #recordConsent(String, String, List, List, List)}, in another partnership than Coventry. */
    static String recordConsentIn(String partnership, String user, String subject, List<String> organisations, List<String> purposes,
                                  List<String> categories) {
        Map<String, Object> body = Map.of("partnershipId", partnership, "provisions", List.of(provision(organisations, purposes, categories)),
                "obtainedMethod", "VERBAL", "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT",
                "art9Condition", "EXPLICIT_CONSENT");
        return Journey.as(user).body(body).post(StackInfo.serviceUrl("consent") + "/api/subjects/" + subject + "/consents").then()
                .statusCode(201).extract().path("id");
    }

    /** As {@link #recordConsent(String, String, List, List, List)}, through the consent-service at {@code consentUrl} (a replica). */
    static String recordConsentAt(String consentUrl, String user, String subject, List<String> organisations, List<String> purposes,
                                  List<String> categories) {
        return recordConsentAt(consentUrl, user, subject, List.of(provision(organisations, purposes, categories)));
    }

    private static String recordConsentAt(String consentUrl, String user, String subject, List<Map<String, Object>> provisions) {
        Map<String, Object> body = Map.of("partnershipId", COVENTRY, "provisions", provisions,
                "obtainedMethod", "VERBAL", "language", "en", "interpreterUsed", false, "art6Basis", "CONSENT",
                "art9Condition", "EXPLICIT_CONSENT");
        return Journey.as(user).body(body).post(consentUrl + "/api/subjects/" + subject + "/consents").then()
                .statusCode(201).extract().path("id");
    }

    /** A provision valid from five minutes ago for six months. */
    private static Map<String, Object> provision(List<String> organisations, List<String> purposes, List<String> categories) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return Map.of("recipients", organisations.stream().map(o -> Map.of("type", "ORGANISATION", "id", o)).toList(),
                "purposes", purposes, "categories", categories,
                "validFrom", now.minusMinutes(5).toString(), "validUntil", now.plusMonths(6).toString());
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
        return inboxAt(StackInfo.serviceUrl("notification"), user, referrals, since);
    }

    /** As {@link #inbox(String, Set, Instant)}, read from the notification-service at {@code notificationUrl} (a replica). */
    static List<Map<String, Object>> inboxAt(String notificationUrl, String user, Set<String> referrals, Instant since) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int page = 0; page < 50; page++) {
            List<Map<String, Object>> items = Journey.as(user).queryParam("size", 100).queryParam("page", page)
                    .get(notificationUrl + "/api/inbox").then().statusCode(200).extract().jsonPath().getList("items");
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

    /** Waits until the user's inbox has an entry of this kind about the referral (since then), and returns it. */
    static Map<String, Object> awaitInbox(String user, String referralId, String kind, Instant since) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> !inbox(user, referralId, kind, since).isEmpty());
        return inbox(user, referralId, kind, since).get(0);
    }

    /**
     * No event or notice carries her words: the canary (written into her free texts by the journey) is in no record of
     * {@code referral.events} and in no inbox entry of these users about these referrals. Positive control: the topic
     * holds events of every one of the referrals, and each user has an entry about them.
     */
    static void assertNoEventOrNoticeCarries(String canary, Set<String> referrals, List<String> users, Instant since) {
        List<String> found = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (var record : TopicReader.readToEnd(Topics.REFERRAL_EVENTS)) {
            String value = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
            if (referrals.contains(record.key())) seen.add(record.key());
            if (value.contains(canary) || (record.key() != null && record.key().contains(canary))) {
                found.add(record.partition() + "@" + record.offset()); // where, never the text around it
            }
        }
        if (!seen.equals(referrals)) throw new AssertionError("positive control: referral.events holds events of " + seen
                + ", not of every referral of the journey " + referrals);
        if (!found.isEmpty()) throw new AssertionError("the canary is in referral.events records " + found);
        for (String user : users) {
            List<Map<String, Object>> entries = inbox(user, referrals, since);
            if (entries.isEmpty()) throw new AssertionError("positive control: " + user + " has no inbox entry about the journey's referrals");
            if (entries.toString().contains(canary)) throw new AssertionError("the canary is in an inbox entry of " + user);
        }
    }

    /** Every entry of her access log (all pages), oldest first, as her organisation's worker sees it. */
    static List<Map<String, Object>> accessLog(String user, String subject) {
        List<Map<String, Object>> out = new ArrayList<>();
        long after = 0;
        while (true) {
            JsonPath page = Journey.as(user).queryParam("after", after).queryParam("limit", 1000)
                    .get(referral("/api/subjects/" + subject + "/access-log")).then().statusCode(200).extract().jsonPath();
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
