package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.CELC;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.FWT;
import static org.pathways.systemtests.consent.ConsentApi.demoId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.pathways.platform.testing.Tokens;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The real referral-service, through its API: consent-service asks it where the caller stands towards her on every
 * request (ADR 0027), so her registration and every referral that lets another organisation act for her are made
 * there, as staff make them. (These tests once published referral-service's events themselves and consent-service
 * derived the standing from them; ADR 0008.)
 */
final class ReferralService {

    /** The demo service each receiving organisation is referred to, and a need it meets. */
    private static final Map<String, List<String>> SERVICE = Map.of(
            CRASAC, List.of(demoId("service:crasac-counselling"), "counselling"),
            FWT, List.of(demoId("service:fwt-employment"), "employment-skills"),
            CELC, List.of(demoId("service:celc-immigration"), "legal-immigration"));

    private ReferralService() {
    }

    static String url(String path) {
        return ConsentApi.url("referral", path);
    }

    static RequestSpecification as(String user) {
        return RestAssured.given().auth().oauth2(Tokens.forUser(user)).contentType(ContentType.JSON);
    }

    /** A demo user's id as every service's {@code /api/me} says it. */
    static String userId(String user) {
        return as(user).get(url("/api/me")).then().statusCode(200).extract().path("userId");
    }

    /** Registers a woman in referral-service as {@code worker} (of {@code organisation}); consent-service knows her at once. */
    static String registeredSubject(String organisation, String worker) {
        return registeredSubject(organisation, worker, null);
    }

    /** As above, with her lead worker (a real user of her organisation with a case role: referral-service checks it). */
    static String registeredSubject(String organisation, String worker, String leadWorkerUserId) {
        Map<String, Object> body = leadWorkerUserId == null ? Map.of() : Map.of("leadWorkerId", leadWorkerUserId);
        String subject = as(worker).body(body).post(url("/api/subjects")).then().statusCode(201).extract().path("id");
        // Registered by the organisation the test names (a wrong worker would make every later step misleading).
        as(worker).get(url("/api/subjects/" + subject)).then().statusCode(200)
                .body("organisationId", org.hamcrest.Matchers.equalTo(organisation));
        // consent-service asks referral-service about her: it knows her at once (its row is made on the fly).
        ConsentApi.given().auth().oauth2(Tokens.forUser(worker)).get("/api/subjects/" + subject + "/consents").then()
                .statusCode(200);
        return subject;
    }

    /**
     * {@code worker} refers her to {@code toOrganisation}'s demo service, sharing NEEDS (written first): her consent must
     * permit NEEDS to that organisation for REFERRAL. Returns the referral's id (SENT, version 1).
     */
    static String sent(String worker, String subject, String toOrganisation) {
        List<String> service = SERVICE.get(toOrganisation);
        as(worker).body("{\"needs\":[{\"code\":\"" + service.get(1) + "\",\"status\":\"IDENTIFIED\"}]}")
                .put(url("/api/subjects/" + subject + "/summary/sections/NEEDS")).then().statusCode(200);
        Map<String, Object> body = new HashMap<>();
        body.put("subjectId", subject);
        body.put("toServiceId", service.get(0));
        body.put("needs", List.of(service.get(1)));
        body.put("urgency", "ROUTINE");
        body.put("sections", List.of("NEEDS"));
        body.put("personKnows", true);
        return as(worker).body(body).post(url("/api/referrals")).then().statusCode(201).extract().path("id");
    }

    /** A move of the referral by {@code user} from {@code version}: ACCEPTED, IN_PROGRESS, DECLINED (NO_CAPACITY). */
    static void moved(String user, String referralId, long version, String target) {
        Map<String, Object> body = new HashMap<>();
        body.put("target", target);
        if ("DECLINED".equals(target)) body.put("reason", "NO_CAPACITY");
        as(user).header("If-Match", "\"" + version + "\"").body(body)
                .post(url("/api/referrals/" + referralId + "/transitions")).then().statusCode(200);
    }

    /** Completed by the receiver from IN_PROGRESS at {@code version}, every need met. */
    static void completed(String user, String referralId, long version, String toOrganisation) {
        as(user).header("If-Match", "\"" + version + "\"")
                .body(Map.of("target", "COMPLETED", "outcomes", Map.of(SERVICE.get(toOrganisation).get(1), "NEED_MET")))
                .post(url("/api/referrals/" + referralId + "/transitions")).then().statusCode(200);
    }

    /**
     * Her erasure in referral-service: requested by {@code worker}, approved by {@code privacyOfficer} of her organisation
     * (another person); referral-service publishes {@code subject.erased}, which consent-service applies.
     */
    static void erased(String worker, String privacyOfficer, String subject) {
        String request = as(worker).body(Map.of("reasonCode", "SUBJECT_REQUEST"))
                .post(url("/api/subjects/" + subject + "/erasure-requests")).then().statusCode(201).extract().path("id");
        as(privacyOfficer).post(url("/api/erasure-requests/" + request + "/approval")).then().statusCode(200);
    }
}
