package org.pathways.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.Journey.as;
import static org.pathways.systemtests.Journey.url;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * Journey 4 — safeguarding without consent. A high-risk case at CELC: the woman does not know of the referral to
 * CRASAC (telling her would put her at risk). A caseworker requests a safeguarding override; she cannot approve it
 * herself; CELC's privacy officer approves; only then does the referral with {@code personKnows: false} go; privacy
 * officers (CELC's and the lead organisation FWT's) are told; her access log shows the sending and CRASAC's reads on
 * the override.
 */
class SafeguardingJourneyTest {

    static final String FWT = "5e1f0000-0000-4000-8000-000000000001";
    static final String CRASAC = "5e1f0000-0000-4000-8000-000000000002";
    static final String CELC = "5e1f0000-0000-4000-8000-000000000005";
    static final String COVENTRY = demoId("partnership:coventry");
    static final String CRASAC_COUNSELLING = demoId("service:crasac-counselling");

    static final String WORKER = "celc.caseworker1";
    static final String COLLEAGUE = "celc.caseworker2";
    static final String PRIVACY = "celc.privacy1";
    static final String COORDINATOR = "celc.coordinator1";
    static final String LEAD_PRIVACY = "fwt.privacy1";
    static final String SPOC = "crasac.coordinator1";

    static final List<String> SECTIONS = List.of("NEEDS", "SAFE_CONTACT", "RISK");

    @Test
    void highRiskReferralSheDoesNotKnowOfGoesOnlyAfterASecondPersonApproves() {
        Journey j = new Journey("4 Safeguarding without consent");

        String subject = j.step("CELC registers her, and consent-service learns of her", () -> {
            String id = as(WORKER).body("{}").post(url("referral", "/api/subjects")).then().statusCode(201).extract().path("id");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
                    as(WORKER).get(url("consent", "/api/subjects/" + id + "/consents")).statusCode() == 200);
            return id;
        });

        j.step("CELC records a high-risk case: RISK (HIGH, MARAC), NEEDS, SAFE_CONTACT via her worker only", () -> {
            String workerId = userId(WORKER);
            putSection(subject, "RISK", "{\"level\":\"HIGH\",\"assessmentTool\":\"DASH\",\"maracInvolved\":true}");
            putSection(subject, "NEEDS", "{\"needs\":[{\"code\":\"sexual-violence\",\"status\":\"IDENTIFIED\"}]}");
            putSection(subject, "SAFE_CONTACT", "{\"doNotContact\":false,\"contactViaNamedWorkerOnly\":true,\"namedWorkerId\":\""
                    + workerId + "\",\"safeMethods\":[\"VIA_WORKER\"],\"messageMayBeLeft\":false}");
        });

        j.step("bad input: a referral she does not know of, with no consent and no override, is refused; nothing stored", () -> {
            // She has consented to nothing (she does not know), so consent-service covers no section: 422, per section.
            sendReferral(WORKER, referral(subject)).statusCode(422)
                    .contentType(startsWith("application/problem+json"))
                    .body("type", equalTo("https://pathways.example/problems/consent-not-covering"))
                    .body("errors.size()", equalTo(SECTIONS.size()));
            assertTrue(outgoingFor(subject).isEmpty(), "a refused referral stores nothing");
            assertEquals(0, accessLog(subject).stream().filter(e -> "REFERRAL_SENT".equals(e.get("action"))).count());
        });

        String overrideId = j.step("the caseworker requests a safeguarding override for CRASAC (REQUESTED)", () ->
                as(WORKER).body(overrideRequest()).post(url("consent", "/api/subjects/" + subject + "/overrides")).then()
                        .statusCode(201).body("state", equalTo("REQUESTED")).body("organisationId", equalTo(CELC))
                        .extract().<String>path("id"));

        j.step("a requested override permits nothing: the referral is still refused", () ->
                sendReferral(WORKER, referral(subject)).statusCode(422)
                        .body("type", equalTo("https://pathways.example/problems/consent-not-covering")));

        j.step("the requester cannot approve her own override (403), nor can a caseworker colleague (403)", () -> {
            as(WORKER).post(url("consent", "/api/overrides/" + overrideId + "/approval")).then().statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            as(COLLEAGUE).post(url("consent", "/api/overrides/" + overrideId + "/approval")).then().statusCode(403);
            as(WORKER).get(url("consent", "/api/overrides/" + overrideId)).then().statusCode(200).body("state", equalTo("REQUESTED"));
        });

        j.step("CELC's privacy officer and coordinator are told a decision is needed (inbox)", () -> {
            for (String user : List.of(PRIVACY, COORDINATOR)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> inboxAbout(user, overrideId, "CONSENT_OVERRIDE_REQUESTED") == 1);
            }
        });

        j.step("the privacy officer, a different person, approves: APPROVED at once", () -> {
            String approver = as(PRIVACY).post(url("consent", "/api/overrides/" + overrideId + "/approval")).then().statusCode(200)
                    .body("state", equalTo("APPROVED")).extract().path("approvedBy.userId");
            String requester = as(PRIVACY).get(url("consent", "/api/overrides/" + overrideId)).then().statusCode(200)
                    .extract().path("requestedBy.userId");
            assertEquals(userId(PRIVACY), approver);
            assertEquals(userId(WORKER), requester);
            assertNotEquals(requester, approver);
            // A second decision is refused: the override is no longer pending.
            as(COORDINATOR).post(url("consent", "/api/overrides/" + overrideId + "/approval")).then().statusCode(409);
        });

        j.step("privacy officers of CELC and of the lead organisation (FWT) are notified of the approval", () -> {
            for (String user : List.of(PRIVACY, LEAD_PRIVACY)) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                        .until(() -> inboxAbout(user, overrideId, "CONSENT_OVERRIDE_APPROVED") == 1);
            }
        });

        String referralId = j.step("the referral with personKnows=false now goes, on the approved override", () ->
                sendReferral(WORKER, referral(subject)).statusCode(201)
                        .body("state", equalTo("SENT")).body("personKnows", equalTo(false))
                        .body("overrideId", equalTo(overrideId)).body("toOrganisationId", equalTo(CRASAC))
                        .extract().<String>path("id"));

        j.step("CRASAC's SPOC is notified and, before accepting, sees only the triage sections, on the override", () -> {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> inboxAboutReferral(SPOC, referralId, "REFERRAL_SENT") >= 1);
            as(SPOC).get(url("referral", "/api/referrals/" + referralId + "/summary")).then().statusCode(200)
                    .body("sections.category", containsInAnyOrder("NEEDS", "SAFE_CONTACT"))
                    .body("sections.basis.type", everyItemIs("OVERRIDE"))
                    .body("sections.basis.overrideId", everyItemIs(overrideId))
                    .body("withheld.find { it.category == 'RISK' }.reason", equalTo("AWAITING_ACCEPTANCE"))
                    .body("contactFlags.contactViaNamedWorkerOnly", equalTo(true));
        });

        j.step("CRASAC accepts and reads every shared section, RISK included, on the override", () -> {
            as(SPOC).header("If-Match", "\"1\"").body(Map.of("target", "ACCEPTED"))
                    .post(url("referral", "/api/referrals/" + referralId + "/transitions")).then().statusCode(200)
                    .body("state", equalTo("ACCEPTED"));
            as(SPOC).get(url("referral", "/api/referrals/" + referralId + "/summary")).then().statusCode(200)
                    .body("sections.category", containsInAnyOrder(SECTIONS.toArray()))
                    .body("sections.basis.overrideId", everyItemIs(overrideId))
                    .body("withheld", org.hamcrest.Matchers.empty());
        });

        j.step("her access log shows the sending and CRASAC's reads, each on the override", () -> {
            List<Map<String, Object>> log = accessLog(subject);
            List<Map<String, Object>> sent = log.stream().filter(e -> "REFERRAL_SENT".equals(e.get("action"))).toList();
            assertEquals(1, sent.size(), "one referral sent");
            assertEquals("OVERRIDE", sent.get(0).get("basis"));
            assertEquals(overrideId, sent.get(0).get("basisRef"));
            assertEquals(CELC, sent.get(0).get("organisationId"));
            List<Map<String, Object>> reads = log.stream().filter(e -> "REFERRAL_SUMMARY_READ".equals(e.get("action"))
                    && CRASAC.equals(e.get("organisationId")) && "GRANTED".equals(e.get("outcome"))).toList();
            assertEquals(2, reads.size(), "CRASAC's two reads, granted");
            assertTrue(reads.stream().allMatch(e -> "OVERRIDE".equals(e.get("basis")) && overrideId.equals(e.get("basisRef"))),
                    "every granted read names the override");
            // The first read withheld RISK (awaiting acceptance): that is in her log too.
            assertTrue(log.stream().anyMatch(e -> "REFERRAL_SUMMARY_READ".equals(e.get("action")) && "DENIED".equals(e.get("outcome"))
                    && ((List<?>) e.get("categories")).contains("RISK")), "the withheld RISK section is logged as DENIED");
        });
    }

    // ---- requests

    static Map<String, Object> referral(String subject) {
        Map<String, Object> m = new HashMap<>();
        m.put("subjectId", subject);
        m.put("toServiceId", CRASAC_COUNSELLING);
        m.put("needs", List.of("sexual-violence"));
        m.put("urgency", "URGENT");
        m.put("sections", SECTIONS);
        m.put("personKnows", false);
        return m;
    }

    /**
     * Sends a referral. A 503 (directory- or consent-service did not answer in time; nothing is stored) is sent again,
     * as a client would: on a machine shared by several builds a dependency is sometimes slower than the 5 s read timeout.
     */
    static io.restassured.response.ValidatableResponse sendReferral(String user, Object body) {
        io.restassured.response.Response[] last = new io.restassured.response.Response[1];
        // Same thread: Journey records the exchanges of the step's thread.
        await().pollInSameThread().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            last[0] = as(user).body(body).post(url("referral", "/api/referrals"));
            return last[0].statusCode() != 503;
        });
        return last[0].then();
    }

    static Map<String, Object> overrideRequest() {
        return Map.of("partnershipId", COVENTRY, "legalBasis", "DPA2018_SCH1_PARA18_SAFEGUARDING",
                "justification", "Serious risk of harm; telling her now would increase it.",
                "recipients", List.of(Map.of("type", "ORGANISATION", "id", CRASAC)),
                "purposes", List.of("REFERRAL", "CASE_COORDINATION"), "categories", SECTIONS,
                "validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).toString());
    }

    static void putSection(String subject, String category, String json) {
        as(WORKER).body(json).put(url("referral", "/api/subjects/" + subject + "/summary/sections/" + category)).then()
                .statusCode(200);
    }

    static String userId(String user) {
        return as(user).get(url("referral", "/api/me")).then().statusCode(200).extract().path("userId");
    }

    static List<Map<String, Object>> outgoingFor(String subject) {
        List<Map<String, Object>> items = as(WORKER).queryParam("direction", "outgoing").queryParam("limit", 200)
                .get(url("referral", "/api/referrals")).then().statusCode(200).extract().jsonPath().getList("$");
        return items.stream().filter(r -> subject.equals(r.get("subjectId"))).toList();
    }

    static List<Map<String, Object>> accessLog(String subject) {
        return as(PRIVACY).queryParam("limit", 1000).get(url("referral", "/api/subjects/" + subject + "/access-log")).then()
                .statusCode(200).extract().jsonPath().getList("entries");
    }

    /** Inbox entries of {@code user} of the kind about one aggregate (an override id), over every page. */
    static long inboxAbout(String user, String aggregateId, String kind) {
        return inbox(user).stream().filter(i -> kind.equals(i.get("kind")) && aggregateId.equals(i.get("aggregateId"))
                && !Boolean.TRUE.equals(i.get("organisationMailbox"))).count();
    }

    static long inboxAboutReferral(String user, String referralId, String kind) {
        return inbox(user).stream().filter(i -> kind.equals(i.get("kind")) && referralId.equals(i.get("referralId"))).count();
    }

    static List<Map<String, Object>> inbox(String user) {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            List<Map<String, Object>> items = as(user).queryParam("size", 100).queryParam("page", page)
                    .get(url("notification", "/api/inbox")).then().statusCode(200).extract().jsonPath().getList("items");
            out.addAll(items);
            if (items.size() < 100) return out;
        }
    }

    static org.hamcrest.Matcher<Iterable<? extends Object>> everyItemIs(Object value) {
        @SuppressWarnings({ "unchecked", "rawtypes" })
        org.hamcrest.Matcher<Iterable<? extends Object>> m = (org.hamcrest.Matcher) org.hamcrest.Matchers.everyItem(equalTo(value));
        return m;
    }

    static String demoId(String key) {
        return UUID.nameUUIDFromBytes(("pathways-demo:" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
