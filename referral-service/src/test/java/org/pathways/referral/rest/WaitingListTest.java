package org.pathways.referral.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathways.referral.Fixtures.CRASAC;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.uuid;
import static org.pathways.referral.ReferralFixtures.CRASAC_COUNSELLING;
import static org.pathways.referral.ReferralFixtures.move;
import static org.pathways.referral.ReferralFixtures.recordConsent;
import static org.pathways.referral.ReferralFixtures.referral;
import static org.pathways.referral.ReferralFixtures.registeredAndKnownToConsent;
import static org.pathways.referral.ReferralFixtures.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16, item 7 (ADR 0054): accept onto the waiting list from SENT in one move, the receiving organisation's waiting
 * list per service, and "held informally" recorded, counted and ended when she leaves the list - on the real stack.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class WaitingListTest {

    @Inject
    AgroalDataSource db;

    private String sentToCrasac() {
        String subject = registeredAndKnownToConsent("kairos.caseworker1");
        recordConsent("kairos.caseworker1", subject, List.of(CRASAC), List.of("REFERRAL"), List.of("NEEDS"));
        return send("kairos.caseworker1", referral(subject, CRASAC_COUNSELLING, List.of("counselling"), List.of("NEEDS")))
                .statusCode(201).extract().path("id");
    }

    private static String inTwoWeeks() {
        return LocalDate.now(ZoneId.of("Europe/London")).plusDays(14).toString();
    }

    @Test
    void aSpocAcceptsOntoTheWaitingListInOneMoveAndTheListShowsHowLongSheHasWaited() {
        String id = sentToCrasac();
        // The referrer cannot put it on a waiting list; the receiver needs a future review date.
        move("kairos.caseworker1", id, 1, Map.of("target", "ON_HOLD", "reviewDate", inTwoWeeks())).statusCode(409)
                .body("type", equalTo("https://pathways.example/problems/illegal-transition"));
        move("crasac.coordinator1", id, 1, Map.of("target", "ON_HOLD")).statusCode(422).body("errors[0].field", equalTo("reviewDate"));
        move("crasac.coordinator1", id, 1, Map.of("target", "ON_HOLD", "reviewDate", "2020-01-01")).statusCode(422)
                .body("errors[0].field", equalTo("reviewDate"));

        move("crasac.coordinator1", id, 1, Map.of("target", "ON_HOLD", "reviewDate", inTwoWeeks())).statusCode(200)
                .body("state", equalTo("ON_HOLD")).body("reviewDate", equalTo(inTwoWeeks()));
        as("crasac.coordinator1").get("/api/referrals/" + id + "/history").then().statusCode(200)
                .body("to", contains("SENT", "ON_HOLD")).body("from[1]", equalTo("SENT")).body("actor[1]", equalTo("RECEIVER"));
        // The review-date timer replaces the response timers.
        assertEquals(1, count(db, "select count(*) from referral_timer where referral_id = ? and kind = 'ON_HOLD_REVIEW' "
                + "and cancelled_at is null", uuid(id)));
        assertEquals(0, count(db, "select count(*) from referral_timer where referral_id = ? and kind = 'ESCALATE' "
                + "and cancelled_at is null", uuid(id)));
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .map(r -> id.equals(r.key()) ? new String(r.value(), StandardCharsets.UTF_8) : "")
                .anyMatch(v -> v.contains("pathways.referral.on-hold") && v.contains("\"previousState\":\"SENT\"")));

        as("crasac.coordinator1").get("/api/queues/waiting-list?serviceId=" + CRASAC_COUNSELLING).then().statusCode(200)
                .body("services[0].serviceId", equalTo(CRASAC_COUNSELLING))
                .body("services[0].count", greaterThanOrEqualTo(1))
                .body("services[0].items.referralId", hasItem(id))
                .body("services[0].items.find { it.referralId == '" + id + "' }.waitedDays", equalTo(0))
                .body("services[0].items.find { it.referralId == '" + id + "' }.onListSince", notNullValue())
                .body("services[0].items.find { it.referralId == '" + id + "' }.heldInformally", equalTo(false))
                .body("services[0].oldest.referralId", notNullValue());
        // Without serviceId: every service of the organisation with anyone waiting.
        as("crasac.caseworker1").get("/api/queues/waiting-list").then().statusCode(200)
                .body("services.serviceId", hasItem(CRASAC_COUNSELLING));
        // Another organisation's waiting list is not Kairos's to see: asked for CRASAC's service, it lists nobody.
        as("kairos.caseworker1").get("/api/queues/waiting-list?serviceId=" + CRASAC_COUNSELLING).then().statusCode(200)
                .body("services[0].count", equalTo(0)).body("services[0].items", empty());
        as("crasac.coordinator1").get("/api/queues/waiting-list?serviceId=not-an-id").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("serviceId"));
    }

    @Test
    void heldInformallyIsRecordedCountedAndEndsWhenSheLeavesTheList() {
        String id = sentToCrasac();
        // Not on the list yet: nothing to hold informally.
        as("crasac.coordinator1").body(Map.of("held", true)).put("/api/referrals/" + id + "/informal-support").then()
                .statusCode(409).body("type", equalTo("https://pathways.example/problems/not-on-waiting-list"));
        move("crasac.coordinator1", id, 1, Map.of("target", "ON_HOLD", "reviewDate", inTwoWeeks())).statusCode(200);

        // Bad input changes nothing; the sender may not record it; others do not see the referral.
        as("crasac.coordinator1").body(Map.of()).put("/api/referrals/" + id + "/informal-support").then().statusCode(400)
                .body("errors.field", hasItem("held"));
        as("crasac.coordinator1").body(Map.of("held", true, "why", "x")).put("/api/referrals/" + id + "/informal-support").then()
                .statusCode(400);
        as("kairos.caseworker1").body(Map.of("held", true)).put("/api/referrals/" + id + "/informal-support").then().statusCode(403);
        as("celc.coordinator1").body(Map.of("held", true)).put("/api/referrals/" + id + "/informal-support").then().statusCode(404);
        assertEquals(0, count(db, "select count(*) from referral_informal_support where referral_id = ?", uuid(id)));

        String since = as("crasac.caseworker1").body(Map.of("held", true)).put("/api/referrals/" + id + "/informal-support").then()
                .statusCode(200).body("held", equalTo(true)).body("since", notNullValue()).extract().path("since");
        // The same answer again changes nothing.
        as("crasac.caseworker1").body(Map.of("held", true)).put("/api/referrals/" + id + "/informal-support").then()
                .statusCode(200).body("since", equalTo(since));
        assertEquals(1, count(db, "select count(*) from referral_informal_support where referral_id = ?", uuid(id)));
        as("crasac.coordinator1").get("/api/queues/waiting-list?serviceId=" + CRASAC_COUNSELLING).then().statusCode(200)
                .body("services[0].heldInformally", greaterThanOrEqualTo(1))
                .body("services[0].items.find { it.referralId == '" + id + "' }.heldInformally", equalTo(true));
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .map(r -> id.equals(r.key()) ? new String(r.value(), StandardCharsets.UTF_8) : "")
                .anyMatch(v -> v.contains("pathways.referral.informal-support") && v.contains("\"held\":true")));

        // Taken off the list (first contact): the informal support ends with it, and cannot be recorded any more.
        move("crasac.coordinator1", id, 2, Map.of("target", "IN_PROGRESS")).statusCode(200);
        assertEquals(1, count(db, "select count(*) from referral_informal_support where referral_id = ? and ended_at is not null",
                uuid(id)));
        as("crasac.coordinator1").body(Map.of("held", true)).put("/api/referrals/" + id + "/informal-support").then().statusCode(409);
    }
}
