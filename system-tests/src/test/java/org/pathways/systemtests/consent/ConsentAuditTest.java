package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.systemtests.consent.ConsentBodies.consent;
import static org.pathways.systemtests.consent.ConsentBodies.decision;
import static org.pathways.systemtests.consent.ConsentBodies.provision;
import static org.pathways.systemtests.consent.ConsentBodies.recipient;
import static org.pathways.systemtests.consent.ConsentApi.CELC;
import static org.pathways.systemtests.consent.ConsentApi.COVENTRY;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.FWT;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.pathways.consent.testing.ConsentDb;

/**
 * Every successful read of her consent data writes exactly one access_audit row (ids and codes only), refused reads
 * none; changes stay in the consent's own history; her registering organisation's privacy officers read the log (ADR 0026).
 */
class ConsentAuditTest {

    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final Set<String> ROLES = Set.of("caseworker", "referral-coordinator", "connector", "privacy-officer");

    /** One audit row: action, basis, actor organisation, consent id, override id, partnership id, actor user, roles. */
    record Row(String action, String basis, String organisation, String consentId, String overrideId,
               String partnershipId, String user, String roles) {
    }

    static String token(String user) {
        return Tokens.forUser(user);
    }

    static long lastEntry(String subject) {
        return ConsentDb.count("select coalesce(max(entry_no), 0) from access_audit where subject_id = ?", UUID.fromString(subject));
    }

    static List<Row> rowsAfter(String subject, long entry) {
        return ConsentDb.rows("""
                select action, basis, actor_organisation_id::text, consent_id::text, override_id::text, partnership_id::text,
                       actor_user_id, actor_roles from access_audit where subject_id = ? and entry_no > ? order by entry_no
                """, UUID.fromString(subject), entry).stream()
                .map(r -> new Row((String) r.get(0), (String) r.get(1), (String) r.get(2), (String) r.get(3),
                        (String) r.get(4), (String) r.get(5), (String) r.get(6), (String) r.get(7))).toList();
    }

    /** Runs {@code read} and returns the one row it wrote (fails if it wrote none or more). */
    static Row onlyRowOf(String subject, Runnable read) {
        long before = lastEntry(subject);
        read.run();
        List<Row> rows = rowsAfter(subject, before);
        assertEquals(1, rows.size(), "exactly one audit row: " + rows);
        return rows.get(0);
    }

    static void writesNothing(String subject, Runnable call) {
        long before = lastEntry(subject);
        call.run();
        assertEquals(List.of(), rowsAfter(subject, before));
    }

    static String fwtConsent(String subject) {
        return given().auth().oauth2(token("fwt.caseworker1")).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC), recipient("ORGANISATION", CELC)),
                        List.of("REFERRAL"), List.of("NEEDS", "RISK"))))).post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .extract().path("id");
    }

    @Test
    void eachReadOfHerConsentDataWritesOneRowWithItsActionAndBasisAndChangesStayInTheHistory() {
        String subject = ReferralService.registeredSubject(FWT, "fwt.caseworker1");
        // Recording is a change: since issue 14 her log says who recorded it (one CONSENT_RECORDED row).
        long start = lastEntry(subject);
        JsonPath recorded = given().auth().oauth2(token("fwt.caseworker1")).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC), recipient("ORGANISATION", CELC)),
                        List.of("REFERRAL"), List.of("NEEDS", "RISK"))))).post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .body("versions[0].recordedBy.organisationId", equalTo(FWT)).extract().jsonPath();
        String consentId = recorded.getString("id");
        String fwtWorker = recorded.getString("versions[0].recordedBy.userId");
        assertEquals(List.of(new Row("CONSENT_RECORDED", "ORGANISATION", FWT, consentId, null, COVENTRY, fwtWorker, "caseworker")),
                rowsAfter(subject, start));

        Row read = onlyRowOf(subject, () -> given().auth().oauth2(token("fwt.caseworker1")).get("/api/consents/" + consentId)
                .then().statusCode(200));
        assertEquals(new Row("CONSENT_READ", "ORGANISATION", FWT, consentId, null, COVENTRY, fwtWorker, "caseworker"), read);
        Row listed = onlyRowOf(subject, () -> given().auth().oauth2(token("fwt.caseworker1"))
                .get("/api/subjects/" + subject + "/consents").then().statusCode(200).body("id", hasItem(consentId)));
        assertEquals(new Row("CONSENTS_LISTED", "ORGANISATION", FWT, null, null, null, fwtWorker, "caseworker"), listed);
        // The receipt, each form of it: RECEIPT_READ once, never also CONSENT_READ.
        for (String path : List.of("/receipt", "/receipt?discreet=true", "/receipt.html", "/receipt.html?discreet=true")) {
            Row receipt = onlyRowOf(subject, () -> given().auth().oauth2(token("fwt.caseworker1"))
                    .get("/api/consents/" + consentId + path).then().statusCode(200));
            assertEquals(new Row("RECEIPT_READ", "ORGANISATION", FWT, consentId, null, COVENTRY, fwtWorker, "caseworker"),
                    receipt, path);
        }

        // CELC reads through its live referral: the basis says so.
        String toCelc = ReferralService.sent("fwt.caseworker1", subject, CELC);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("celc.caseworker1"))
                .get("/api/consents/" + consentId).then().statusCode(200));
        Row celc = onlyRowOf(subject, () -> given().auth().oauth2(token("celc.privacy1"))
                .get("/api/subjects/" + subject + "/consents").then().statusCode(200));
        assertEquals("CONSENTS_LISTED", celc.action());
        assertEquals("LIVE_REFERRAL", celc.basis());
        assertEquals(CELC, celc.organisation());
        assertEquals("privacy-officer", celc.roles());

        // Changes (issue 14): a new version and a partial withdrawal each write one row saying who; who and when are
        // also in the history. CELC adds HOUSING, a widening: it needs a referral CELC has accepted (ADR 0027).
        ReferralService.moved("celc.coordinator1", toCelc, 1, "ACCEPTED");
        Row changed = onlyRowOf(subject, () -> given().auth().oauth2(token("celc.caseworker1")).contentType(ContentType.JSON)
                .body(ConsentBodies.newVersion(1, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS", "RISK", "HOUSING")))))
                .post("/api/consents/" + consentId + "/versions").then().statusCode(200)
                .body("versions[1].recordedBy.organisationId", equalTo(CELC)).body("versions[1].recordedAt", startsWith("20")));
        assertEquals(new Row("CONSENT_RECORDED", "LIVE_REFERRAL", CELC, consentId, null, COVENTRY, celcUser(), "caseworker"), changed);
        Row withdrawn = onlyRowOf(subject, () -> given().auth().oauth2(token("fwt.caseworker1")).contentType(ContentType.JSON)
                .body(Map.of("basedOnVersion", 2, "scope", "PARTIAL", "category", "HOUSING", "method", "VERBAL"))
                .post("/api/consents/" + consentId + "/withdrawals").then().statusCode(200)
                .body("withdrawals[0].withdrawnBy.userId", equalTo(fwtWorker))
                .body("withdrawals[0].withdrawnBy.organisationId", equalTo(FWT)).body("withdrawals[0].withdrawnAt", startsWith("20")));
        assertEquals(new Row("CONSENT_WITHDRAWN", "ORGANISATION", FWT, consentId, null, COVENTRY, fwtWorker, "caseworker"), withdrawn);

        // Overrides: request and approval are in the override itself; reads are audited.
        String[] overrideId = new String[1];
        writesNothing(subject, () -> overrideId[0] = given().auth().oauth2(token("fwt.caseworker1")).contentType(ContentType.JSON)
                .body(SafeguardingOverrideTest.riskToCrasac()).post("/api/subjects/" + subject + "/overrides").then()
                .statusCode(201).body("requestedBy.userId", equalTo(fwtWorker)).extract().path("id"));
        writesNothing(subject, () -> given().auth().oauth2(token("fwt.privacy1")).post("/api/overrides/" + overrideId[0] + "/approval")
                .then().statusCode(200).body("approvedBy.organisationId", equalTo(FWT)).body("approvedAt", startsWith("20")));
        assertEquals(new Row("OVERRIDE_READ", "LIVE_REFERRAL", CELC, null, overrideId[0], COVENTRY, celcUser(), "caseworker"),
                onlyRowOf(subject, () -> given().auth().oauth2(token("celc.caseworker1")).get("/api/overrides/" + overrideId[0])
                        .then().statusCode(200)));
        assertEquals("OVERRIDES_LISTED", onlyRowOf(subject, () -> given().auth().oauth2(token("fwt.caseworker1"))
                .get("/api/subjects/" + subject + "/overrides").then().statusCode(200)).action());

        // Refused reads (ADR 0026): a 404 (no relation to her) or a role 403 reached nothing of hers and writes nothing.
        writesNothing(subject, () -> given().auth().oauth2(token("crasac.caseworker1")).get("/api/consents/" + consentId)
                .then().statusCode(404));
        writesNothing(subject, () -> given().auth().oauth2(token("crasac.caseworker1"))
                .get("/api/consents/" + consentId + "/receipt.html").then().statusCode(404));
        writesNothing(subject, () -> given().auth().oauth2(token("crasac.caseworker1"))
                .get("/api/subjects/" + subject + "/consents").then().statusCode(404));
        writesNothing(subject, () -> given().auth().oauth2(token("wbg.evaluator1")).get("/api/consents/" + consentId)
                .then().statusCode(403));
        writesNothing(subject, () -> given().get("/api/consents/" + consentId + "/receipt").then().statusCode(401));
        // The internal decision path is not an end-user read: referral-service audits the read it protects.
        writesNothing(subject, () -> given().auth().oauth2(Tokens.forClient("referral-service")).contentType(ContentType.JSON)
                .body(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS"))).post("/api/decisions").then()
                .statusCode(200));

        assertOnlyIdsAndCodes(subject);
    }

    private static String celcUser() {
        return given().auth().oauth2(token("celc.caseworker1")).get("/api/me").then().statusCode(200).extract().path("userId");
    }

    /** Every column of every row of hers is an id, a code or a timestamp: no note, no justification, no name. */
    static void assertOnlyIdsAndCodes(String subject) {
        List<Row> rows = rowsAfter(subject, 0);
        assertTrue(!rows.isEmpty());
        for (Row r : rows) {
            // Issue 14: her log also says who recorded and who withdrew each version of her consent.
            assertTrue(Set.of("CONSENT_READ", "CONSENTS_LISTED", "RECEIPT_READ", "OVERRIDE_READ", "OVERRIDES_LISTED",
                    "ACCESS_LOG_READ", "CONSENT_RECORDED", "CONSENT_WITHDRAWN").contains(r.action()), r.toString());
            assertTrue(Set.of("ORGANISATION", "LIVE_REFERRAL", "PARTNERSHIP_PRIVACY_OFFICER").contains(r.basis()), r.toString());
            assertTrue(r.user().matches(UUID_RE), r.toString());
            assertTrue(ROLES.containsAll(List.of(r.roles().split(","))), r.toString());
        }
        assertEquals(0, ConsentDb.count("select count(*) from access_audit a where a.subject_id = ?"
                + " and (a::text ~* 'punjabi|marac|interpreter|risk' or a::text like '%.%@%')", UUID.fromString(subject)));
    }

    @Test
    void herRegisteringOrganisationsPrivacyOfficersReadWhoLookedNewestFirstInPages() {
        String subject = ReferralService.registeredSubject(FWT, "fwt.caseworker1");
        String consentId = fwtConsent(subject);
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token("fwt.caseworker1")).get("/api/consents/" + consentId).then().statusCode(200);
        }
        long rowsBefore = ConsentDb.count("select count(*) from access_audit where subject_id = ?", UUID.fromString(subject));
        String log = "/api/subjects/" + subject + "/access-log";

        // Everything, newest first; the officer's own read is recorded after the page was read.
        Row own = onlyRowOf(subject, () -> given().auth().oauth2(token("fwt.privacy1")).get(log).then().statusCode(200)
                .contentType(startsWith("application/json")).body("subjectId", equalTo(subject))
                .body("entries", hasSize((int) rowsBefore)).body("entries[0].action", equalTo("CONSENT_READ"))
                .body("entries[0].consentId", equalTo(consentId)).body("entries[0].partnershipId", equalTo(COVENTRY))
                .body("entries[0].actorOrganisationId", equalTo(FWT)).body("entries[0].actorRoles", equalTo(List.of("caseworker")))
                .body("entries[0].basis", equalTo("ORGANISATION")).body("entries[0].at", startsWith("20"))
                .body("entries[-1].action", equalTo("CONSENTS_LISTED")).body("nextBefore", nullValue()));
        assertEquals("ACCESS_LOG_READ", own.action());
        assertEquals("ORGANISATION", own.basis());
        assertEquals("privacy-officer", own.roles());

        // Pages of two: the log read comes first now, then the three consent reads, each page below the last.
        JsonPath first = given().auth().oauth2(token("fwt.privacy1")).queryParam("limit", 2).get(log).then().statusCode(200)
                .body("entries", hasSize(2)).body("entries[0].action", equalTo("ACCESS_LOG_READ"))
                .body("entries[1].action", equalTo("CONSENT_READ")).extract().jsonPath();
        long next = first.getLong("nextBefore");
        assertEquals(first.getLong("entries[1].entryNo"), next);
        assertTrue(first.getLong("entries[0].entryNo") > next);
        JsonPath second = given().auth().oauth2(token("fwt.privacy1")).queryParam("limit", 2).queryParam("before", next)
                .get(log).then().statusCode(200).body("entries", hasSize(2)).body("entries.action",
                        equalTo(List.of("CONSENT_READ", "CONSENT_READ"))).extract().jsonPath();
        assertTrue(second.getLong("entries[0].entryNo") < next);
        // Only the documented fields, all ids, codes and timestamps.
        assertTrue(Set.of("entryNo", "at", "actorUserId", "actorOrganisationId", "actorRoles", "action", "consentId",
                "overrideId", "partnershipId", "basis").containsAll(second.getMap("entries[0]").keySet()));

        // Bad paging: 400 problem+json naming each parameter, and no row.
        writesNothing(subject, () -> given().auth().oauth2(token("fwt.privacy1")).queryParam("limit", "0")
                .queryParam("before", "x").get(log).then().statusCode(400).contentType(startsWith("application/problem+json"))
                .body("errors.field", equalTo(List.of("before", "limit"))));
        for (String[] bad : List.of(new String[] { "limit", "201" }, new String[] { "limit", "ten" },
                new String[] { "before", "0" }, new String[] { "before", "-5" })) {
            given().auth().oauth2(token("fwt.privacy1")).queryParam(bad[0], bad[1]).get(log).then().statusCode(400)
                    .contentType(startsWith("application/problem+json")).body("errors.field", equalTo(List.of(bad[0])));
        }

        // No token 401; other roles 403 by role, the same for her and for an unknown id (nothing learned).
        given().get(log).then().statusCode(401);
        writesNothing(subject, () -> given().auth().oauth2(token("fwt.caseworker1")).get(log).then().statusCode(403)
                .contentType(startsWith("application/problem+json")));
        given().auth().oauth2(token("fwt.caseworker1")).get("/api/subjects/" + UUID.randomUUID() + "/access-log").then()
                .statusCode(403);
        // Another organisation's privacy officer: the unknown subject's 404, even with a live referral for her (the
        // log names every organisation that works with her; ADR 0026).
        String unknown = given().auth().oauth2(token("celc.privacy1")).get("/api/subjects/" + UUID.randomUUID() + "/access-log")
                .then().statusCode(404).contentType(startsWith("application/problem+json")).extract().jsonPath().getString("detail");
        writesNothing(subject, () -> assertEquals(unknown, given().auth().oauth2(token("celc.privacy1")).get(log).then()
                .statusCode(404).extract().jsonPath().getString("detail")));
        ReferralService.sent("fwt.caseworker1", subject, CELC);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("celc.privacy1"))
                .get("/api/consents/" + consentId).then().statusCode(200));
        writesNothing(subject, () -> given().auth().oauth2(token("celc.privacy1")).get(log).then().statusCode(404));
        assertOnlyIdsAndCodes(subject);

        // Erasure: her rows stay (ids, codes, dates; issue 4), but nobody reads her log any more.
        long rowsAtErasure = ConsentDb.count("select count(*) from access_audit where subject_id = ?", UUID.fromString(subject));
        ReferralService.erased("fwt.caseworker1", "fwt.privacy1", subject);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(token("fwt.privacy1")).get(log)
                .then().statusCode(404));
        assertEquals(rowsAtErasure, ConsentDb.count("select count(*) from access_audit where subject_id = ?",
                UUID.fromString(subject)));
    }
}
