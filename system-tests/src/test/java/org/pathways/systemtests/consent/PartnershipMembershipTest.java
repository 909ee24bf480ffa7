package org.pathways.systemtests.consent;

import static org.pathways.systemtests.consent.ConsentApi.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.pathways.systemtests.consent.ConsentBodies.consent;
import static org.pathways.systemtests.consent.ConsentBodies.decision;
import static org.pathways.systemtests.consent.ConsentBodies.provision;
import static org.pathways.systemtests.consent.ConsentBodies.recipient;
import static org.pathways.systemtests.consent.ConsentApi.COVENTRY;
import static org.pathways.systemtests.consent.ConsentApi.CRASAC;
import static org.pathways.systemtests.consent.ConsentApi.KAIROS;
import static org.pathways.systemtests.consent.ConsentApi.SBS;
import static org.pathways.systemtests.consent.ConsentApi.WBG;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.pathways.platform.testing.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * "The whole partnership" as a recipient means its sharing members, as the real directory-service (running as its own
 * process) says at the moment of the decision: a member is permitted, a reporting partner and an outsider are not,
 * and a membership change made through the directory's API shows in the next decisions (after the short cache).
 */
class PartnershipMembershipTest {

    static ValidatableResponse decide(String subject, String org) {
        return given().auth().oauth2(Tokens.forClient("referral-service")).contentType(ContentType.JSON)
                .body(decision(subject, COVENTRY, org, "REFERRAL", List.of("NEEDS"))).post("/api/decisions").then().statusCode(200);
    }

    static String directory() {
        return ConsentApi.url("directory", "");
    }

    @Test
    void wholePartnershipConsentFollowsTheDirectorysMembership() {
        String subject = ReferralService.registeredSubject(KAIROS, "kairos.caseworker1");
        given().auth().oauth2(Tokens.forUser("kairos.caseworker1")).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(List.of(recipient("PARTNERSHIP", COVENTRY)), List.of("REFERRAL"),
                        List.of("NEEDS"))))).post("/api/subjects/" + subject + "/consents").then().statusCode(201);

        decide(subject, CRASAC).body("permitted.category", contains("NEEDS"));  // a member of Coventry
        decide(subject, WBG).body("permitted", empty());                          // reporting partner: aggregates only
        decide(subject, SBS).body("permitted", empty());                          // not in Coventry

        // The lead's partnership admin adds SBS to Coventry in the directory: the next decisions permit SBS.
        String members = directory() + "/api/partnerships/" + COVENTRY + "/members";
        given().auth().oauth2(Tokens.forUser("fwt.partnership-admin1")).contentType(ContentType.JSON)
                .body(Map.of("organisationId", SBS)).post(members).then().statusCode(201);
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> decide(subject, SBS).body("permitted.category", contains("NEEDS")));
        } finally {
            given().auth().oauth2(Tokens.forUser("fwt.partnership-admin1")).delete(members + "/" + SBS).then().statusCode(204);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> decide(subject, SBS).body("permitted", empty()));
        // An organisation-specific grant needs no directory at all; the whole-partnership one still holds for CRASAC.
        decide(subject, CRASAC).body("permitted.category", contains("NEEDS"));
    }
}
