package org.pathways.referral.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.putSection;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.Fixtures.story;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.referral.ReferralFixtures;
import org.pathways.contracts.vocab.Roles;
import org.pathways.platform.testing.Tokens;
import org.pathways.referral.domain.report.ReportingPeriods;
import org.pathways.stack.testing.LocalStackTestResource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Deny by default, checked from the outside: every operation of the live OpenAPI document is called as every demo
 * role of the owning organisation, as users and systems of other organisations, and without a token. An operation
 * this test does not list fails it, so a new endpoint cannot ship without saying who may call it.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class EndpointIsolationTest {

    /** Which organisations an operation's target belongs to: none, the subject's owner, or the referral's two sides. */
    private enum Scope { NONE, SUBJECT, REFERRAL, RECEIVER, SENDER, OWN_SERVICE, PUBLIC }

    /**
     * Who may call an operation, how it is scoped (other organisations get 404), and the status a permitted caller
     * gets (a POST that creates answers 201; a transition sent without If-Match answers 428 after passing every
     * access check).
     */
    private record Spec(Set<String> roles, Scope scope, String body, int ok) {
        Spec(Set<String> roles, boolean subjectScoped, String body) {
            this(roles, subjectScoped ? Scope.SUBJECT : Scope.NONE, body, 200);
        }
    }

    private static final Set<String> CASE_ROLES = Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR);
    private static final Set<String> LOG_ROLES = Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR,
            Roles.PRIVACY_OFFICER);

    private static Map<String, Spec> specs() {
        Map<String, Spec> m = new LinkedHashMap<>();
        m.put("GET /api/me", new Spec(Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN,
                Roles.PARTNERSHIP_ADMIN, Roles.PRIVACY_OFFICER, Roles.INTERNAL_SERVICE), false, null));
        m.put("POST /api/subjects", new Spec(CASE_ROLES, false, "{}"));
        m.put("GET /api/subjects/{id}", new Spec(CASE_ROLES, true, null));
        m.put("PUT /api/subjects/{id}/lead-worker", new Spec(CASE_ROLES, true, "{\"leadWorkerId\":\"%LEAD%\"}"));
        m.put("PUT /api/subjects/{id}/restricted", new Spec(CASE_ROLES, true, "{\"restricted\":false}"));
        m.put("GET /api/subjects/{id}/summary", new Spec(CASE_ROLES, true, null));
        m.put("GET /api/subjects/{id}/summary/sections/{category}", new Spec(CASE_ROLES, true, null));
        m.put("PUT /api/subjects/{id}/summary/sections/{category}", new Spec(CASE_ROLES, true, story("isolation")));
        m.put("GET /api/subjects/{id}/summary/sections/{category}/versions", new Spec(CASE_ROLES, true, null));
        m.put("GET /api/subjects/{id}/summary/sections/{category}/versions/{version}", new Spec(CASE_ROLES, true, null));
        m.put("GET /api/subjects/{id}/access-log", new Spec(LOG_ROLES, true, null));
        m.put("GET /api/audit/verification", new Spec(Set.of(Roles.PRIVACY_OFFICER), false, null));
        // consent-service asks where its caller stands towards her (ADR 0027): our services only.
        m.put("POST /internal/subject-standing", new Spec(Set.of(Roles.INTERNAL_SERVICE), Scope.NONE, "{\"subjectId\":\"%SUBJECT%\","
                + "\"organisationId\":\"5e1f0000-0000-4000-8000-000000000001\",\"userId\":\"%LEAD%\",\"roles\":[\"caseworker\"]}", 200));
        // Referrals: FWT (the subject's owner) sent one to CELC. Sending needs her owner (or a taken-up referral).
        m.put("POST /api/referrals", new Spec(CASE_ROLES, Scope.SUBJECT, "%REFERRAL%", 200));
        m.put("GET /api/referrals", new Spec(CASE_ROLES, Scope.NONE, null, 200));
        m.put("GET /api/referrals/{id}", new Spec(CASE_ROLES, Scope.REFERRAL, null, 200));
        m.put("GET /api/referrals/{id}/history", new Spec(CASE_ROLES, Scope.REFERRAL, null, 200));
        // Only the receiver reads her summary through a referral; the sender gets 403 (it knows the referral exists).
        m.put("GET /api/referrals/{id}/summary", new Spec(CASE_ROLES, Scope.RECEIVER, null, 200));
        // SENT -> SENT exists for nobody: every caller who passes the role and organisation checks gets 409.
        // Sent without If-Match: a caller who passed every access check gets 428 (issue 14), everyone else 404.
        m.put("POST /api/referrals/{id}/transitions", new Spec(CASE_ROLES, Scope.REFERRAL, "{\"target\":\"SENT\"}", 428));
        m.put("POST /api/subjects/{id}/signposts", new Spec(CASE_ROLES, Scope.SUBJECT,
                "{\"needCode\":\"employment-skills\",\"externalOrganisation\":\"A job club outside the partnership\"}", 200));
        m.put("POST /api/subjects/{id}/no-service-found", new Spec(CASE_ROLES, Scope.SUBJECT, "{\"needCode\":\"fgm\"}", 200));
        // Work queues, the Connector's view, pathways (ADR 0037). Queues are the caller's own organisation's: no foreign ids.
        m.put("GET /api/queues/incoming", new Spec(CASE_ROLES, Scope.NONE, null, 200));
        m.put("GET /api/queues/outgoing", new Spec(CASE_ROLES, Scope.NONE, null, 200));
        // Only the receiver assigns a referral to its workers; the sender gets 403 (it knows the referral exists).
        m.put("POST /api/referrals/{id}/claim", new Spec(CASE_ROLES, Scope.RECEIVER, "{}", 200));
        // Waiting lists (issue 16 item 7): the caller's own organisation's lists; held informally by the receiver only
        // (the referral is SENT, not on the list: a receiver who passes every check gets 409).
        m.put("GET /api/queues/waiting-list", new Spec(CASE_ROLES, Scope.NONE, null, 200));
        m.put("PUT /api/referrals/{id}/informal-support", new Spec(CASE_ROLES, Scope.RECEIVER, "{\"held\":true}", 409));
        // Escalations and decline reviews (issue 16 item 5): the sender raises (the receiver 403), the receiver answers (the
        // sender 403). Reasons and an outcome of the other kind reach the 422 after every access check; the answer is to an
        // escalation FWT raised in the set-up.
        m.put("POST /api/referrals/{id}/escalations", new Spec(CASE_ROLES, Scope.SENDER, "{\"reasonCode\":\"NEED_IN_SCOPE\"}", 422));
        m.put("POST /api/referrals/{id}/decline-reviews", new Spec(CASE_ROLES, Scope.SENDER, "{\"reasonCode\":\"NO_ANSWER\"}", 422));
        m.put("GET /api/referrals/{id}/challenges", new Spec(CASE_ROLES, Scope.REFERRAL, null, 200));
        m.put("POST /api/referrals/{id}/challenges/{challengeId}/answer", new Spec(CASE_ROLES, Scope.RECEIVER,
                "{\"outcome\":\"DECLINE_UPHELD\"}", 422));
        // My caseload (issue 16 item 2): the caller's own; the limit is her organisation admin's to set.
        m.put("GET /api/caseload", new Spec(CASE_ROLES, Scope.NONE, null, 200));
        m.put("PUT /api/caseload/limit", new Spec(Set.of(Roles.ORG_ADMIN), Scope.NONE, "{\"minimum\":7,\"maximum\":12}", 200));
        // The team around the person and meeting records (issue 16 item 3): her registering organisation's case roles. The
        // add names a partner's worker as joint lead: 422 after every access check. The removal is of a member the set-up
        // added (again: no change, 204). The meeting record discusses FWT's subject (others 404, as for a send).
        m.put("GET /api/subjects/{id}/team", new Spec(CASE_ROLES, Scope.SUBJECT, null, 200));
        m.put("POST /api/subjects/{id}/team/members", new Spec(CASE_ROLES, Scope.SUBJECT, "{\"userId\":\"%LEAD%\",\"organisationId\":\""
                + ReferralFixtures.CELC + "\",\"role\":\"JOINT_LEAD_WORKER\"}", 422));
        m.put("DELETE /api/subjects/{id}/team/members/{memberId}", new Spec(CASE_ROLES, Scope.SUBJECT, null, 204));
        m.put("POST /api/meetings", new Spec(CASE_ROLES, Scope.SUBJECT, "{\"kind\":\"MDT\",\"heldOn\":\"%TODAY%\","
                + "\"attendeeOrganisationIds\":[],\"cases\":[{\"subjectId\":\"%SUBJECT%\",\"decisions\":[\"CONTINUE_SUPPORT\"]}]}", 200));
        m.put("GET /api/meetings/{meetingId}", new Spec(CASE_ROLES, Scope.SUBJECT, null, 200));
        m.put("GET /api/subjects/{id}/meetings", new Spec(CASE_ROLES, Scope.SUBJECT, null, 200));
        // The blockage log (issue 16 item 6): partnership admins and the Connector read the partnership's (without the
        // required partnershipId a permitted caller gets 400); every case role reads what its organisation raised; only a
        // partnership admin reviews (the item is the set-up escalation's, OPEN: RESOLVED is 409 after every check).
        Set<String> logReaders = Set.of(Roles.PARTNERSHIP_ADMIN, Roles.CONNECTOR);
        m.put("GET /api/blockages", new Spec(logReaders, Scope.NONE, null, 400));
        m.put("GET /api/blockages/board", new Spec(logReaders, Scope.NONE, null, 400));
        m.put("GET /api/blockages/raised", new Spec(Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR,
                Roles.PARTNERSHIP_ADMIN), Scope.NONE, null, 200));
        m.put("POST /api/blockages/{blockageId}/status", new Spec(Set.of(Roles.PARTNERSHIP_ADMIN), Scope.NONE,
                "{\"status\":\"RESOLVED\",\"outcome\":\"OTHER\"}", 409));
        // Repeat contacts (issue 16 item 8): her organisation's case roles; the link names the erasable second subject
        // (registered after hers: 422 not-earlier after every check); the organisation's own figures for its staff.
        m.put("POST /api/subjects/{id}/contacts", new Spec(CASE_ROLES, Scope.SUBJECT, "{\"contactedOn\":\"%TODAY%\",\"channel\":\"HELPLINE\"}", 200));
        m.put("GET /api/subjects/{id}/contacts", new Spec(CASE_ROLES, Scope.SUBJECT, null, 200));
        m.put("POST /api/subjects/{id}/repeat-of", new Spec(CASE_ROLES, Scope.SUBJECT, "{\"subjectId\":\"%LATER%\"}", 422));
        m.put("GET /api/repeat-contacts", new Spec(Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.CONNECTOR, Roles.ORG_ADMIN),
                Scope.NONE, null, 200));
        m.put("GET /api/connector/referrals", new Spec(Set.of(Roles.CONNECTOR), Scope.NONE, null, 200));
        // The referral is her first: its id names her pathway. Both organisations on it may see the pathway.
        m.put("GET /api/pathways/{id}", new Spec(CASE_ROLES, Scope.REFERRAL, null, 200));
        // Only the receiving Connector splits a referral; FWT's connector is the sender here (403), nobody else has the role.
        m.put("POST /api/referrals/{id}/children", new Spec(Set.of(Roles.CONNECTOR), Scope.RECEIVER, "{\"toServiceId\":\""
                + ReferralFixtures.CRASAC_COUNSELLING + "\",\"needs\":[\"counselling\"],\"urgency\":\"ROUTINE\","
                + "\"sections\":[\"NEEDS\"],\"personKnows\":true}", 200));
        // Erasure (issue 6): FWT's case workers ask (asking again answers with the open request), FWT's privacy officer
        // decides a request made in the set-up for a second subject: approval erases her, a second decision is a 409.
        m.put("POST /api/subjects/{id}/erasure-requests", new Spec(Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR),
                Scope.SUBJECT, "{\"reasonCode\":\"NO_LONGER_NEEDED\"}", 200));
        m.put("GET /api/erasure-requests", new Spec(Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR, Roles.PRIVACY_OFFICER),
                Scope.NONE, null, 200));
        m.put("GET /api/erasure-requests/{requestId}", new Spec(Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR,
                Roles.PRIVACY_OFFICER), Scope.SUBJECT, null, 200));
        m.put("POST /api/erasure-requests/{requestId}/approval", new Spec(Set.of(Roles.PRIVACY_OFFICER), Scope.SUBJECT, null, 200));
        m.put("POST /api/erasure-requests/{requestId}/rejection", new Spec(Set.of(Roles.PRIVACY_OFFICER), Scope.SUBJECT, null, 409));
        m.put("GET /api/subjects/{id}/subject-access-export", new Spec(Set.of(Roles.PRIVACY_OFFICER), Scope.SUBJECT, null, 200));
        m.put("GET /api/subjects/{id}/subject-access-export/page", new Spec(Set.of(Roles.PRIVACY_OFFICER), Scope.SUBJECT, null, 200));
        // Cost lines (issue 17): only the receiver (CELC) records and reads them; the referral is SENT, so a permitted
        // recorder gets 409 not-taken-up after every access check; the sender gets 403.
        m.put("POST /api/referrals/{id}/costs", new Spec(CASE_ROLES, Scope.RECEIVER,
                "{\"category\":\"COUNSELLING\",\"amountPence\":1000,\"providedOn\":\"%TODAY%\"}", 409));
        m.put("GET /api/referrals/{id}/costs", new Spec(CASE_ROLES, Scope.RECEIVER, null, 200));
        // Support periods (issue 17 item 1, ADR 0073): the receiver starts, extends and ends them (the referral is SENT:
        // a permitted starter gets 409 not-taken-up, the others 404 as no period started); both sides read; only the
        // receiver's coordinator decides an extension (a receiving caseworker's 403 is SupportPeriodTest's: CELC's client
        // here holds both roles).
        Set<String> support = Set.of(Roles.CASEWORKER, Roles.REFERRAL_COORDINATOR);
        m.put("POST /api/referrals/{id}/support-period", new Spec(support, Scope.RECEIVER, "{\"startedOn\":\"%TODAY%\",\"ddvcEligible\":false}", 409));
        m.put("GET /api/referrals/{id}/support-period", new Spec(support, Scope.REFERRAL, null, 404));
        m.put("POST /api/referrals/{id}/support-period/extensions", new Spec(support, Scope.RECEIVER,
                "{\"weeks\":2,\"reasonCode\":\"ONGOING_RISK\"}", 404));
        m.put("POST /api/referrals/{id}/support-period/extensions/{extensionId}/decision", new Spec(support,
                Scope.RECEIVER, "{\"approve\":true}", 404));
        m.put("POST /api/referrals/{id}/support-period/end", new Spec(support, Scope.RECEIVER,
                "{\"endedOn\":\"%TODAY%\",\"reasonCode\":\"MOVED_ON\"}", 404));
        // Wellbeing and equality monitoring (issue 17 item 6, ADR 0074): her organisation (FWT) only; sheAgreed false reaches
        // the 400 after every access check; equality answers are a new version each time, then read back.
        m.put("POST /api/subjects/{id}/wellbeing", new Spec(CASE_ROLES, Scope.SUBJECT,
                "{\"timepoint\":\"START\",\"takenOn\":\"%TODAY%\",\"items\":[3,3,3,3,3,3,3],\"sheAgreed\":false}", 400));
        m.put("GET /api/subjects/{id}/wellbeing", new Spec(CASE_ROLES, Scope.SUBJECT, null, 200));
        m.put("PUT /api/subjects/{id}/equality-monitoring", new Spec(CASE_ROLES, Scope.SUBJECT, "{\"sheAgreed\":true}", 200));
        m.put("GET /api/subjects/{id}/equality-monitoring", new Spec(CASE_ROLES, Scope.SUBJECT, null, 200));
        // Turn-aways (issue 17): FWT's case roles for FWT's own service; another organisation's staff get 403 not-your-service.
        m.put("POST /api/turn-aways", new Spec(CASE_ROLES, Scope.OWN_SERVICE, "{\"serviceId\":\"" + ReferralFixtures.FWT_EMPLOYMENT
                + "\",\"needCode\":\"employment-skills\",\"reasonCode\":\"NO_CAPACITY\",\"date\":\"%TODAY%\"}", 200));
        // The one unauthenticated write (ADR 0089): everyone, with a token or none, gets the same answer; a body with no
        // answers is the 400 after no access check at all (nothing is stored or counted).
        m.put("POST /api/self-referrals", new Spec(Set.of(), Scope.PUBLIC, "{}", 400));
        m.put("GET /api/retention/runs", new Spec(Set.of(Roles.PRIVACY_OFFICER), Scope.NONE, null, 200));
        // Reports: every caller with a reader role here belongs to a Coventry member (FWT, WBG).
        Set<String> readers = Set.of(Roles.CONNECTOR, Roles.PARTNERSHIP_ADMIN, Roles.EVALUATOR);
        m.put("GET /api/reports/partnerships/{partnershipId}/periods", new Spec(readers, Scope.NONE, null, 200));
        m.put("GET /api/reports/partnerships/{partnershipId}/periods/{periodId}", new Spec(readers, Scope.NONE, null, 200));
        m.put("GET /api/reports/partnerships/{partnershipId}/periods/{periodId}/csv", new Spec(readers, Scope.NONE, null, 200));
        m.put("GET /api/reports/partnerships/{partnershipId}/provisional", new Spec(readers, Scope.NONE, null, 200)); // ADR 0075
        m.put("GET /api/reports/partnerships/{partnershipId}/provisional/csv", new Spec(readers, Scope.NONE, null, 200));
        return m;
    }

    /**
     * A caller: a demo user or client, its single Pathways role, whether it belongs to FWT (the subject's owner and the
     * referral's sender), and whether it belongs to CELC (the referral's receiver).
     */
    private record Who(String name, boolean client, String role, boolean owner, boolean receiver) {
        Who(String name, boolean client, String role, boolean owner) {
            this(name, client, role, owner, name.startsWith("celc.") || name.startsWith("partner-celc"));
        }

        RequestSpecification request() {
            return given().auth().oauth2(client ? Tokens.forClient(name) : Tokens.forUser(name)).contentType(ContentType.JSON);
        }
    }

    private static final List<Who> CALLERS = List.of(
            new Who("fwt.caseworker1", false, Roles.CASEWORKER, true),
            new Who("fwt.coordinator1", false, Roles.REFERRAL_COORDINATOR, true),
            new Who("fwt.connector1", false, Roles.CONNECTOR, true),
            new Who("fwt.admin1", false, Roles.ORG_ADMIN, true),
            new Who("fwt.partnership-admin1", false, Roles.PARTNERSHIP_ADMIN, true),
            new Who("fwt.privacy1", false, Roles.PRIVACY_OFFICER, true),
            new Who("kairos.caseworker1", false, Roles.CASEWORKER, false),
            new Who("crasac.coordinator1", false, Roles.REFERRAL_COORDINATOR, false),
            new Who("sbs.caseworker1", false, Roles.CASEWORKER, false),
            new Who("celc.privacy1", false, Roles.PRIVACY_OFFICER, false),
            new Who("wbg.evaluator1", false, Roles.EVALUATOR, false),
            new Who("partner-celc-system", true, Roles.CASEWORKER, false),
            new Who("referral-service", true, Roles.INTERNAL_SERVICE, false));

    @Test
    void everyOperationIsCoveredAndDeniesEveryoneItShouldDeny() throws Exception {
        JsonNode openApi = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        Set<String> live = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (Iterator<String> methods = p.getValue().fieldNames(); methods.hasNext();) {
                String method = methods.next();
                if (Set.of("get", "put", "post", "delete", "patch").contains(method)) live.add(method.toUpperCase() + " " + p.getKey());
            }
        }
        Map<String, Spec> specs = specs();
        assertEquals(new TreeSet<>(specs.keySet()), live, "every live operation must be listed here (and nothing else)");

        String subject = registeredAndKnownToConsent("fwt.caseworker1");
        putSection("fwt.caseworker1", subject, "STORY", story("isolation"));
        recordConsent("fwt.caseworker1", subject, List.of(ReferralFixtures.CELC), List.of("REFERRAL", "CASE_COORDINATION"),
                List.of("NEEDS", "STORY"));
        String referralBody = "{\"subjectId\":\"" + subject + "\",\"toServiceId\":\"" + ReferralFixtures.CELC_IMMIGRATION
                + "\",\"needs\":[\"legal-immigration\"],\"urgency\":\"ROUTINE\",\"sections\":[\"NEEDS\",\"STORY\"],\"personKnows\":true}";
        String referral = given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).contentType(ContentType.JSON).body(referralBody)
                .post("/api/referrals").then().statusCode(201).extract().path("id");
        String challenge = given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).contentType(ContentType.JSON)
                .body("{\"reasonCode\":\"NO_ANSWER\"}").post("/api/referrals/" + referral + "/escalations").then().statusCode(201)
                .extract().path("id");
        String lead = given().auth().oauth2(Tokens.forUser("fwt.caseworker2")).get("/api/me").then().extract().path("userId");
        String erasable = given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).contentType(ContentType.JSON).body("{}")
                .post("/api/subjects").then().statusCode(201).extract().path("id");
        String erasure = given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).contentType(ContentType.JSON)
                .body("{\"reasonCode\":\"ENTERED_IN_ERROR\"}").post("/api/subjects/" + erasable + "/erasure-requests").then()
                .statusCode(201).extract().path("id");
        String member = given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).contentType(ContentType.JSON)
                .body("{\"userId\":\"" + lead + "\",\"role\":\"KEY_WORKER\"}").post("/api/subjects/" + subject + "/team/members").then()
                .statusCode(201).extract().path("id");
        String meeting = given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).contentType(ContentType.JSON)
                .body("{\"kind\":\"MARAC\",\"heldOn\":\"" + java.time.LocalDate.now(java.time.ZoneId.of("Europe/London"))
                        + "\",\"attendeeOrganisationIds\":[],\"cases\":[{\"subjectId\":\"" + subject + "\",\"decisions\":[\"RISK_REDUCED\"]}]}")
                .post("/api/meetings").then().statusCode(201).extract().path("id");
        String blockage = given().auth().oauth2(Tokens.forUser("fwt.caseworker1")).get("/api/blockages/raised").then().statusCode(200)
                .extract().path("find { it.source == 'ESCALATED' }.id");
        String period = ReportingPeriods.of("P6M", java.time.Instant.parse("2020-04-01T00:00:00Z"))
                .closed(java.time.Instant.EPOCH, java.time.Instant.now(), 1).get(0).id();

        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<String, Spec> e : specs.entrySet()) {
            String method = e.getKey().substring(0, e.getKey().indexOf(' '));
            String path = e.getKey().substring(e.getKey().indexOf(' ') + 1).replace("{id}", e.getKey().contains("/api/referrals/") || e.getKey().contains("/api/pathways/") ? referral : subject)
                    .replace("{category}", "STORY").replace("{version}", "1").replace("{requestId}", erasure).replace("{challengeId}", challenge)
                    .replace("{partnershipId}", ReferralFixtures.COVENTRY).replace("{periodId}", period);
            path = path.replace("{memberId}", member).replace("{meetingId}", meeting).replace("{blockageId}", blockage);
            Spec spec = e.getValue();
            path = path.replace("{extensionId}", java.util.UUID.randomUUID().toString()); // support periods (issue 17)
            String body = spec.body() == null ? null : spec.body().replace("%LEAD%", lead).replace("%REFERRAL%", referralBody).replace("%SUBJECT%", subject).replace("%LATER%", erasable)
                    .replace("%TODAY%", java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")).toString());

            int anonymous = call(given().contentType(ContentType.JSON), method, path, body).statusCode();
            calls++;
            int anonymousExpected = spec.scope() == Scope.PUBLIC ? spec.ok() : 401;
            if (anonymous != anonymousExpected) failures.add(e.getKey() + " without a token: " + anonymous);
            for (Who who : CALLERS) {
                Response r = call(who.request(), method, path, body);
                calls++;
                boolean inScope = switch (spec.scope()) {
                    case NONE, PUBLIC -> true;
                    case SUBJECT, OWN_SERVICE -> who.owner();
                    case REFERRAL, RECEIVER, SENDER -> who.owner() || who.receiver();
                };
                int expected = spec.scope() == Scope.PUBLIC ? spec.ok() : !spec.roles().contains(who.role()) ? 403 : !inScope ? (spec.scope() == Scope.OWN_SERVICE ? 403 : 404)
                        : spec.scope() == Scope.RECEIVER && who.owner() ? 403
                        : spec.scope() == Scope.SENDER && !who.owner() ? 403 : spec.ok();
                int actual = r.statusCode() == 201 ? 200 : r.statusCode();
                if (actual != expected) failures.add(e.getKey() + " as " + who.name() + ": expected " + expected + ", got " + r.statusCode());
                if (actual >= 400 && !String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                    failures.add(e.getKey() + " as " + who.name() + ": not problem+json");
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(specs.size() * (CALLERS.size() + 1), calls);
    }

    private static Response call(RequestSpecification request, String method, String path, String body) {
        if (body != null) request = request.body(body);
        return switch (method) {
            case "GET" -> request.get(path);
            case "POST" -> request.post(path);
            case "PUT" -> request.put(path);
            case "DELETE" -> request.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
    }
}
