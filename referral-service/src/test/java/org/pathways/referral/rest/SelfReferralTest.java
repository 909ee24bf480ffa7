package org.pathways.referral.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.referral.Fixtures.FWT;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.ReferralFixtures.COVENTRY;
import static org.pathways.referral.ReferralFixtures.FWT_CONNECTOR;
import static org.pathways.referral.ReferralFixtures.FWT_EMPLOYMENT;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import org.pathways.referral.Fixtures;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;
import org.pathways.referral.PartnerServicesTestResource;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 15 screen 8 (ADR 0089): a woman asks for help herself, with no login, against the real directory-service. Her
 * request lands in FWT's Connector queue as a self-referral; nothing she wrote is readable in any table, event or audit
 * row; bad input, an unknown service, a service that is not a Connector's, and too many requests are refused.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
@QuarkusTestResource(PartnerServicesTestResource.class)
class SelfReferralTest {

    @Inject
    AgroalDataSource db;

    /** A documentation address (RFC 3849) of its own per call, so the per-address limit of one test spares the others. */
    static String address() {
        return "2001:db8::" + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff)) + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1, 0xffff));
    }

    static RequestSpecification from(String address) {
        return given().contentType(ContentType.JSON).header("X-Forwarded-For", address);
    }

    static Map<String, Object> request(String serviceId, String words, String alias, String phone, String email) {
        Map<String, Object> b = new HashMap<>();
        b.put("serviceId", serviceId);
        b.put("partnershipId", COVENTRY);
        b.put("needs", List.of("domestic-abuse", "housing-homelessness"));
        b.put("inHerWords", words);
        b.put("alias", alias);
        b.put("contactMethods", List.of("PHONE_CALL", "EMAIL"));
        b.put("phone", phone);
        b.put("email", email);
        b.put("safeTimes", "weekday mornings");
        b.put("messageMayBeLeft", false);
        return b;
    }

    @Test
    void herRequestReachesFwtsConnectorQueueAsASelfReferralAndNothingSheWroteIsReadableAnywhere() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String words = "CANARY-WORDS-" + tag + " he took my phone and I need somewhere safe";
        String alias = "CanaryAlias" + tag;
        String phone = "07700 9" + ThreadLocalRandom.current().nextInt(10000, 99999);
        String email = "canary-" + tag + "@example.org";

        String reference = from(address()).body(request(FWT_CONNECTOR, words, alias, phone, email)).post("/api/self-referrals")
                .then().statusCode(202).header("Cache-Control", "no-store").body("size()", equalTo(1))
                .extract().path("reference");
        assertTrue(reference.matches("SR-[2-9A-Z]{4}-[2-9A-Z]{4}"), reference);

        // The referral: SELF origin, SENT to FWT's Connector service, no referrer organisation (FWT on both sides, ADR 0053).
        String id = one("select r.id::text from referral r join self_referral s on s.referral_id = r.id where s.reference = ?", reference);
        String subject = one("select subject_id::text from referral where id = ?::uuid", id);
        assertEquals("SELF", one("select origin from referral where id = ?::uuid", id));
        assertEquals(FWT, one("select organisation_id::text from subject where id = ?::uuid", subject));

        // FWT's Connector sees it in her queue with the reference, and reads her words and how to contact her.
        Map<String, Object> item = findInQueue("fwt.connector1", id);
        assertEquals("SELF", item.get("origin"));
        assertEquals(reference, item.get("selfReference"));
        assertEquals("SENT", item.get("state"));
        assertEquals(FWT_CONNECTOR, item.get("toServiceId"));
        assertEquals(COVENTRY, item.get("partnershipId"));
        as("fwt.connector1").get("/api/referrals/" + id).then().statusCode(200).body("state", equalTo("SENT"))
                .body("internal", equalTo(true)).body("fromOrganisationId", equalTo(FWT)).body("toOrganisationId", equalTo(FWT))
                .body("note", equalTo(words)).body("safeContactInstructions", org.hamcrest.Matchers.containsString(phone))
                .body("sections", hasItem("NEEDS")).body("sections", hasItem("SAFE_CONTACT"));
        as("fwt.connector1").get("/api/subjects/" + subject + "/summary/sections/NEEDS").then().statusCode(200)
                .body("content.needs[0].inHerWords", equalTo(words)).body("content.needs.code", hasItem("housing-homelessness"));
        as("fwt.connector1").get("/api/subjects/" + subject + "/summary/sections/SAFE_CONTACT").then().statusCode(200)
                .body("content.messageMayBeLeft", equalTo(false)).body("content.safeMethods", hasItem("EMAIL"));
        // Another organisation learns nothing.
        as("kairos.caseworker1").get("/api/referrals/" + id).then().statusCode(404);

        // Audited as her own request: purpose SELF_REFERRAL, basis CONSENT, reference self-referral:<ref>.
        // Registration, the two sections (one row), the send.
        assertEquals(3, count(db, "select count(*) from access_audit where subject_id = ?::uuid and purpose = 'SELF_REFERRAL' "
                + "and basis = 'CONSENT' and basis_ref = ? and actor_user_id = 'self-referral'", subject, "self-referral:" + reference));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ?::uuid and action = 'REFERRAL_SENT'", subject));

        // The sent event arrives, with ids and states only.
        await().atMost(Duration.ofSeconds(30)).until(() -> TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream()
                .anyMatch(r -> id.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).contains("pathways.referral.sent")));
        List<String> canaries = List.of("CANARY-WORDS-" + tag, alias, phone, phone.replace(" ", ""), email, reference);
        for (var r : TopicReader.readToEnd(Topics.REFERRAL_EVENTS)) {
            String v = new String(r.value(), StandardCharsets.UTF_8);
            for (String c : canaries) assertFalse(v.contains(c), "an event carries " + c);
        }
        // Nothing she wrote is in any table as text, nor in clear in the ciphertext columns; her reference only in self_referral.
        for (String c : canaries.subList(0, 5)) {
            assertEquals(List.of(), Fixtures.tablesContaining(db, c), "tables holding " + c);
            assertEquals(0, count(db, "select count(*) from referral where position(convert_to(?, 'UTF8') in coalesce(note_ciphertext, ''::bytea)) > 0 "
                    + "or position(convert_to(?, 'UTF8') in coalesce(safe_contact_ciphertext, ''::bytea)) > 0", c, c));
            assertEquals(0, count(db, "select count(*) from summary_section where position(convert_to(?, 'UTF8') in ciphertext) > 0", c));
        }
        // Her reference: in self_referral and in the audit's basis reference (self-referral:<ref>), nowhere else.
        assertEquals(List.of("access_audit", "self_referral"), Fixtures.tablesContaining(db, reference).stream().sorted().toList());
    }

    @Test
    void badInputIsA400WithFieldDetailAndStoresNothing() {
        long before = count(db, "select count(*) from self_referral");
        Map<String, Object> b = request(FWT_CONNECTOR, "", null, "call me maybe", "nope");
        b.put("needs", List.of("not-a-need"));
        Response r = from(address()).body(b).post("/api/self-referrals");
        r.then().statusCode(400).contentType("application/problem+json").header("Cache-Control", "no-store")
                .body("errors.field", hasItem("needs")).body("errors.field", hasItem("inHerWords"))
                .body("errors.field", hasItem("phone")).body("errors.field", hasItem("email"));
        assertFalse(r.asString().contains("call me maybe"), "the problem echoes what she wrote");
        from(address()).body("{\"serviceId\":\"" + FWT_CONNECTOR + "\",\"unknown\":1}").post("/api/self-referrals").then()
                .statusCode(400).contentType("application/problem+json");
        from(address()).body("not json").post("/api/self-referrals").then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, count(db, "select count(*) from self_referral"));
    }

    @Test
    void anUnknownServiceIs404AndAServiceThatIsNotAConnectorsIs422() {
        long before = count(db, "select count(*) from self_referral");
        from(address()).body(request(UUID.randomUUID().toString(), "help", null, "07700 900111", "a@example.org"))
                .post("/api/self-referrals").then().statusCode(404).contentType("application/problem+json");
        from(address()).body(request(FWT_EMPLOYMENT, "help", null, "07700 900111", "a@example.org"))
                .post("/api/self-referrals").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("serviceId"));
        Map<String, Object> otherPartnership = request(FWT_CONNECTOR, "help", null, "07700 900111", "a@example.org");
        otherPartnership.put("partnershipId", UUID.randomUUID().toString());
        from(address()).body(otherPartnership).post("/api/self-referrals").then().statusCode(422)
                .body("errors.field", hasItem("partnershipId"));
        assertEquals(before, count(db, "select count(*) from self_referral"));
    }

    @Test
    void fiveAnHourFromOneAddressThenA429WithRetryAfter() {
        String address = address();
        Map<String, Object> unknown = request(UUID.randomUUID().toString(), "help", null, "07700 900111", "a@example.org");
        for (int i = 0; i < 5; i++) from(address).body(unknown).post("/api/self-referrals").then().statusCode(404);
        String retry = from(address).body(unknown).post("/api/self-referrals").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", notNullValue()).header("Cache-Control", "no-store")
                .extract().header("Retry-After");
        long seconds = Long.parseLong(retry);
        assertTrue(seconds > 0 && seconds <= 3600, retry);
        // Another address is not held back by hers.
        from(address()).body(unknown).post("/api/self-referrals").then().statusCode(404);
    }

    @Test
    void theServiceWideLimitHoldsInTheSharedRowAndAnswers429() throws SQLException {
        long before = count(db, "select count(*) from self_referral");
        update("update self_referral_rate set window_start = now(), taken = 200 where id = 1");
        try {
            from(address()).body(request(FWT_CONNECTOR, "help", null, "07700 900111", "a@example.org")).post("/api/self-referrals")
                    .then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
            assertEquals(before, count(db, "select count(*) from self_referral"));
            assertEquals(200, count(db, "select taken from self_referral_rate where id = 1"));
        } finally {
            update("update self_referral_rate set window_start = now(), taken = 0 where id = 1");
        }
    }

    // ------------------------------------------------------------------------------------------------------- helpers

    @SuppressWarnings("unchecked")
    private static Map<String, Object> findInQueue(String user, String id) {
        for (int page = 0; page < 50; page++) {
            List<Map<String, Object>> items = as(user).queryParam("serviceId", FWT_CONNECTOR).queryParam("state", "SENT")
                    .queryParam("size", 200).queryParam("page", page).get("/api/queues/incoming").then().statusCode(200)
                    .extract().path("items");
            for (Map<String, Object> i : items) if (id.equals(i.get("id"))) return i;
            if (items.size() < 200) break;
        }
        throw new AssertionError("referral " + id + " is not in " + user + "'s incoming queue");
    }

    private String one(String sql, String param) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), sql);
                return rs.getString(1);
            }
        }
    }

    private void update(String sql) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        }
    }
}
