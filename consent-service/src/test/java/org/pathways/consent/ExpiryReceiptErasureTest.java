package org.pathways.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.consent.ConsentBodies.consent;
import static org.pathways.consent.ConsentBodies.decision;
import static org.pathways.consent.ConsentBodies.provision;
import static org.pathways.consent.ConsentBodies.recipient;
import static org.pathways.consent.ReferralServiceEvents.CELC;
import static org.pathways.consent.ReferralServiceEvents.COVENTRY;
import static org.pathways.consent.ReferralServiceEvents.CRASAC;
import static org.pathways.consent.ReferralServiceEvents.KAIROS;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(value = StackWithDirectory.class, initArgs = @ResourceArg(name = "service", value = "consent"))
class ExpiryReceiptErasureTest {

    static String kairos() {
        return Tokens.forUser("kairos.caseworker1");
    }

    static List<String> typesFor(String key) {
        return TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream().filter(r -> key.equals(r.key()))
                .map(r -> EventEnvelope.parse(r.value()).type()).toList();
    }

    @Test
    void consentExpiresByItselfAfterAnExpiringNotice() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        Map<String, Object> shortLived = new HashMap<>(provision(List.of(recipient("ORGANISATION", CRASAC)),
                List.of("REFERRAL"), List.of("NEEDS")));
        shortLived.put("validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(8).toString());
        String consentId = given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(shortLived))).post("/api/subjects/" + subject + "/consents").then()
                .statusCode(201).extract().path("id");
        // Within the notice period from the start: the worker is told it is expiring.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertTrue(
                typesFor(consentId).contains(EventTypes.CONSENT_EXPIRING)));
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertEquals(
                List.of(EventTypes.CONSENT_GRANTED, EventTypes.CONSENT_EXPIRING, EventTypes.CONSENT_EXPIRED),
                typesFor(consentId)));
        given().auth().oauth2(kairos()).get("/api/consents/" + consentId).then().statusCode(200)
                .body("state", equalTo("EXPIRED"));
        given().auth().oauth2(Tokens.forClient("referral-service")).contentType(ContentType.JSON)
                .body(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS"))).post("/api/decisions").then()
                .statusCode(200).body("permitted", empty());
    }

    @Test
    void theExpiringNoticeNamesHerLeadWorkerAtTheRecordingOrganisation() {
        String lead = UUID.randomUUID().toString();
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1", lead);
        String withoutLead = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        List<String> ids = new java.util.ArrayList<>();
        for (String s : List.of(subject, withoutLead)) {
            Map<String, Object> shortLived = new HashMap<>(provision(List.of(recipient("ORGANISATION", CRASAC)),
                    List.of("REFERRAL"), List.of("NEEDS")));
            shortLived.put("validUntil", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(8).toString());
            ids.add(given().auth().oauth2(kairos()).contentType(ContentType.JSON).body(consent(COVENTRY, List.of(shortLived)))
                    .post("/api/subjects/" + s + "/consents").then().statusCode(201).extract().path("id"));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertTrue(expiring(ids.get(0)).isPresent());
            assertTrue(expiring(ids.get(1)).isPresent());
        });
        assertEquals(lead, expiring(ids.get(0)).orElseThrow().data().path("leadWorkerUserId").asText());
        assertEquals(KAIROS, expiring(ids.get(0)).orElseThrow().data().path("organisationId").asText());
        // No lead worker known: the field is left out (notification-service falls back to the mailbox).
        assertFalse(expiring(ids.get(1)).orElseThrow().data().has("leadWorkerUserId"));
    }

    static java.util.Optional<EventEnvelope> expiring(String consentId) {
        return TopicReader.readToEnd(Topics.CONSENT_EVENTS).stream().filter(r -> consentId.equals(r.key()))
                .map(r -> EventEnvelope.parse(r.value())).filter(e -> EventTypes.CONSENT_EXPIRING.equals(e.type())).findFirst();
    }

    @Test
    void receiptInPlainLanguageAndDiscreetModeNamesNoSensitiveService() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(
                        provision(List.of(recipient("ORGANISATION", CRASAC)), List.of("REFERRAL"), List.of("NEEDS", "STORY")),
                        provision(List.of(recipient("ORGANISATION", CELC)), List.of("REFERRAL"), List.of("IMMIGRATION")))))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201).extract().path("id");

        given().auth().oauth2(kairos()).get("/api/consents/" + consentId + "/receipt").then().statusCode(200)
                .body("inForce", equalTo(true))
                .body("shares.who", contains("Coventry Rape and Sexual Abuse Centre", "Central England Law Centre"))
                .body("shares[0].what", hasItem("what you would like help with"))
                .body("notShared", containsString("information about your safety"))
                .body("howToChange", containsString("change your mind"));

        String discreet = given().auth().oauth2(kairos()).get("/api/consents/" + consentId + "/receipt.html?discreet=true")
                .then().statusCode(200).contentType(startsWith("text/html")).extract().asString();
        assertFalse(discreet.contains("Rape"), "discreet receipt names a sexual-violence service");
        assertFalse(discreet.contains("Sexual"));
        assertFalse(discreet.contains("Abuse"));
        assertFalse(discreet.contains("Kairos"));
        assertTrue(discreet.contains("Central England Law Centre"), "a non-sensitive organisation may be named");
        assertTrue(discreet.contains("Changing your mind"));
        String full = given().auth().oauth2(kairos()).get("/api/consents/" + consentId + "/receipt.html").then()
                .statusCode(200).extract().asString();
        assertTrue(full.contains("Coventry Rape and Sexual Abuse Centre"));

        given().auth().oauth2(Tokens.forUser("crasac.caseworker1")).get("/api/consents/" + consentId + "/receipt")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.forUser("wbg.evaluator1")).get("/api/consents/" + consentId + "/receipt")
                .then().statusCode(403);
        given().get("/api/consents/" + consentId + "/receipt.html").then().statusCode(401);
    }

    @Test
    void erasureRemovesFreeTextAndEndsEverySharing() {
        String subject = ReferralServiceEvents.registeredSubject(KAIROS, "kairos.caseworker1");
        String consentId = given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(consent(COVENTRY, List.of(provision(List.of(recipient("ORGANISATION", CRASAC)),
                        List.of("REFERRAL"), List.of("NEEDS")))))
                .post("/api/subjects/" + subject + "/consents").then().statusCode(201)
                .body("versions[0].explanationNote", containsString("Punjabi")).extract().path("id");
        String overrideId = given().auth().oauth2(kairos()).contentType(ContentType.JSON)
                .body(SafeguardingOverrideTest.riskToCrasac()).post("/api/subjects/" + subject + "/overrides").then()
                .statusCode(201).extract().path("id");

        ReferralServiceEvents.erased(subject, KAIROS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(kairos())
                .get("/api/consents/" + consentId).then().statusCode(404));
        given().auth().oauth2(Tokens.forClient("referral-service")).contentType(ContentType.JSON)
                .body(decision(subject, COVENTRY, CRASAC, "REFERRAL", List.of("NEEDS"))).post("/api/decisions").then()
                .statusCode(404);
        given().auth().oauth2(kairos()).get("/api/overrides/" + overrideId).then().statusCode(404);
        // What remains is ids, codes and dates: checked in the database itself.
        ErasureProbe.assertNoFreeTextFor(subject);
    }
}
