package org.pathways.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;
import org.pathways.platform.testing.Tokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Webhooks against a real HTTP receiver that verifies signatures and fails on demand. */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class WebhookTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final List<String> TYPES = List.of(EventTypes.REFERRAL_SENT, EventTypes.REFERRAL_ACCEPTED,
            EventTypes.REFERRAL_IN_PROGRESS, EventTypes.REFERRAL_COMPLETED);

    static String body(String url, List<String> types, String extra) {
        return "{\"url\":\"" + url + "\",\"eventTypes\":[" + types.stream().map(t -> "\"" + t + "\"")
                .collect(Collectors.joining(",")) + "]" + (extra == null ? "" : "," + extra) + "}";
    }

    static Map<String, Object> create(String admin, String url, List<String> types) {
        return given().auth().oauth2(Tokens.forUser(admin)).contentType("application/json").body(body(url, types, null))
                .post("/api/webhooks/subscriptions").then().statusCode(201).extract().jsonPath().getMap("");
    }

    /** The subscription's delivery log (newest first), as the organisation's admin reads it. */
    static List<Map<String, Object>> deliveryLog(String admin, Map<String, Object> subscription) {
        return given().auth().oauth2(Tokens.forUser(admin)).queryParam("size", 200)
                .get("/api/webhooks/subscriptions/" + subscription.get("id") + "/deliveries").then().statusCode(200)
                .extract().jsonPath().getList("");
    }

    @Test
    void subscriptionsAreManagedByTheOrganisationsAdminsOnly() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String admin = Tokens.forUser("celc.admin1");
            Map<String, Object> s = create("celc.admin1", receiver.url(), TYPES);
            String id = (String) s.get("id");
            assertTrue(((String) s.get("secret")).startsWith("whsec_"));
            assertEquals(TestEvents.CELC.toString(), s.get("organisationId"));
            given().auth().oauth2(admin).get("/api/webhooks/subscriptions/" + id).then().statusCode(200)
                    .body("secret", nullValue()).body("active", equalTo(true)).body("url", equalTo(receiver.url()));
            given().auth().oauth2(admin).get("/api/webhooks/subscriptions").then().statusCode(200)
                    .body("id", hasItem(id)).body("secret", org.hamcrest.Matchers.everyItem(nullValue()));
            given().auth().oauth2(admin).contentType("application/json")
                    .body(body(receiver.url(), List.of(EventTypes.REFERRAL_SENT), "\"active\":true"))
                    .put("/api/webhooks/subscriptions/" + id).then().statusCode(200).body("eventTypes.size()", equalTo(1));

            // Another organisation's admin: 404 by id, 403 when naming CELC in a body.
            String crasac = Tokens.forUser("crasac.admin1");
            given().auth().oauth2(crasac).get("/api/webhooks/subscriptions/" + id).then().statusCode(404)
                    .contentType("application/problem+json");
            given().auth().oauth2(crasac).delete("/api/webhooks/subscriptions/" + id).then().statusCode(404);
            given().auth().oauth2(crasac).get("/api/webhooks/subscriptions/" + id + "/deliveries").then().statusCode(404);
            given().auth().oauth2(crasac).contentType("application/json")
                    .body(body(receiver.url(), TYPES, "\"organisationId\":\"" + TestEvents.CELC + "\""))
                    .post("/api/webhooks/subscriptions").then().statusCode(403).contentType("application/problem+json");
            given().auth().oauth2(crasac).get("/api/webhooks/subscriptions").then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.not(hasItem(id)));
            // Wrong role, no token.
            given().auth().oauth2(Tokens.forUser("celc.caseworker1")).get("/api/webhooks/subscriptions").then().statusCode(403);
            given().get("/api/webhooks/subscriptions").then().statusCode(401).contentType("application/problem+json");

            given().auth().oauth2(admin).delete("/api/webhooks/subscriptions/" + id).then().statusCode(204);
            given().auth().oauth2(admin).get("/api/webhooks/subscriptions/" + id).then().statusCode(404);
        }
    }

    @Test
    void badUrlsAndTypesAre400ProblemsWithTheField() {
        String admin = Tokens.forUser("celc.admin1");
        for (String url : List.of("ftp://partner.example.org/hook", "file:///etc/passwd", "not a url",
                "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook", "http://192.168.0.10/hook",
                "http://[fd00::1]/hook", "http://user:pw@partner.example.org/hook")) {
            given().auth().oauth2(admin).contentType("application/json").body(body(url, TYPES, null))
                    .post("/api/webhooks/subscriptions").then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem("url"));
        }
        given().auth().oauth2(admin).contentType("application/json")
                .body(body("http://127.0.0.1:9/hook", List.of("pathways.referral.nope"), null))
                .post("/api/webhooks/subscriptions").then().statusCode(400).body("errors.field", hasItem("eventTypes[0]"));
        given().auth().oauth2(admin).contentType("application/json").body("{\"url\":\"http://127.0.0.1:9/hook\",\"eventTypes\":[]}")
                .post("/api/webhooks/subscriptions").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(admin).contentType("application/json")
                .body(body("http://127.0.0.1:9/hook", TYPES, "\"secret\":\"mine\"")).post("/api/webhooks/subscriptions")
                .then().statusCode(400);
    }

    /** The machine's own non-loopback addresses, as URL hosts (IPv6 bracketed, without an interface zone). */
    static List<String> ownAddressHosts() throws java.net.SocketException {
        List<String> out = new ArrayList<>();
        for (java.net.InetAddress a : org.pathways.notification.security.UrlGuard.interfaceAddresses()) {
            if (a.isLoopbackAddress()) continue;
            String h = a.getHostAddress();
            if (h.contains("%")) h = h.substring(0, h.indexOf('%'));
            out.add(a instanceof java.net.Inet6Address ? "[" + h + "]" : h);
        }
        return out;
    }

    /**
     * ADR 0048 (issue 14, finding 9): every spelling of a forbidden address is refused at subscription, even with the
     * test profile's loopback allowance on ({@code [::127.0.0.1]} and the machine's own address were accepted before).
     */
    @Test
    void everyFormOfAForbiddenAddressIsRefusedAtSubscription() throws Exception {
        String admin = Tokens.forUser("celc.admin1");
        try (WebhookReceiver receiver = new WebhookReceiver("0.0.0.0")) {
            int port = receiver.port();
            List<String> hosts = new ArrayList<>(List.of("[::127.0.0.1]", "[::7f00:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
                    "[0:0:0:0:0:ffff:7f00:1]", "0.0.0.0", "[::]", "2130706433", "0177.0.0.1", "0x7f.0.0.1", "0x7f000001",
                    "127.1", "127.0.0.1.", "0", "169.254.169.254", "[fe80::1]", "224.0.0.1", "239.255.255.250",
                    "255.255.255.255", "[ff02::1]", "[fd00::1]", "[fc00::1]", "[fec0::1]", "10.1.2.3", "172.16.0.1",
                    "192.168.0.10", "100.64.0.1", "192.0.2.1", "[64:ff9b::7f00:1]", "[64:ff9b::a9fe:a9fe]",
                    "[2002:7f00:1::1]", "[2001:db8::1]", "[2001:0:4136:e378:8000:63bf:3fff:fdd2]", "[fe80::1%25eth0]"));
            List<String> own = ownAddressHosts();
            hosts.addAll(own);
            for (String host : hosts) {
                String url = "http://" + host + ":" + port + "/hook";
                given().auth().oauth2(admin).contentType("application/json").body(body(url, TYPES, null))
                        .post("/api/webhooks/subscriptions").then().statusCode(400).contentType("application/problem+json")
                        .body("errors.field", hasItem("url"));
            }
            // The plain loopback receiver of the tests is still admitted (pathways.webhooks.allow-loopback, test only).
            Map<String, Object> ok = create("celc.admin1", "http://127.0.0.1:" + port + "/hook", TYPES);
            given().auth().oauth2(admin).delete("/api/webhooks/subscriptions/" + ok.get("id")).then().statusCode(204);
            assertEquals(0, receiver.hits(), "nothing was sent anywhere");
        }
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    /**
     * ADR 0048: the address is checked again at each delivery, after resolution, and nothing is sent to a forbidden
     * one. The subscriptions are written straight to the database, as ones saved before this rule (or by a name that
     * pointed elsewhere then) would be; the receiver listens on every interface, so an attempted delivery would land.
     */
    @Test
    void aDeliveryToAnAddressForbiddenAtDeliveryTimeIsNotAttempted() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver("0.0.0.0")) {
            int port = receiver.port();
            List<String> hosts = new ArrayList<>(List.of("[::127.0.0.1]", "[::7f00:1]", "0.0.0.0", "[::]"));
            hosts.addAll(ownAddressHosts());
            List<java.util.UUID> subs = new ArrayList<>();
            for (String host : hosts) subs.add(insertSubscription(TestEvents.HAVEN, "http://" + host + ":" + port + "/hook"));
            Referral r = Referral.of(TestEvents.KAIROS, TestEvents.HAVEN, TestEvents.HAVEN_REFUGE);
            TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
            for (java.util.UUID sub : subs) {
                await().atMost(WAIT).until(() -> lastError(sub) != null);
                String error = lastError(sub);
                assertTrue(error.endsWith("-address") || error.equals("invalid-url"), "refused by the address rule: " + error);
            }
            // A few more retry rounds (test backoff 0.2-2 s): nothing reaches the receiver at any moment of them.
            await().during(java.time.Duration.ofSeconds(1)).atMost(java.time.Duration.ofSeconds(3)).until(() -> receiver.hits() == 0);
            assertEquals(0, receiver.hits(), "no delivery was attempted to a forbidden address");
            try (var c = db.getConnection(); var ps = c.prepareStatement("delete from webhook_subscription where id = any(?)")) {
                ps.setArray(1, c.createArrayOf("uuid", subs.toArray()));
                ps.executeUpdate();
            }
        }
    }

    /** What a receiver keeps: the first copy of each webhook-id, in the order they arrived. */
    static List<WebhookReceiver.Received> firstCopies(List<WebhookReceiver.Received> received) {
        Set<String> seen = new java.util.HashSet<>();
        return received.stream().filter(x -> seen.add(x.webhookId())).toList();
    }

    java.util.UUID insertSubscription(java.util.UUID org, String url) throws java.sql.SQLException {
        java.util.UUID id = java.util.UUID.randomUUID();
        try (var c = db.getConnection(); var ps = c.prepareStatement("""
                insert into webhook_subscription (id, organisation_id, url, secret, event_types, active)
                values (?, ?, ?, ?, ?, true)""")) {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setString(3, url);
            ps.setString(4, "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]));
            ps.setString(5, EventTypes.REFERRAL_SENT);
            ps.executeUpdate();
        }
        return id;
    }

    String lastError(java.util.UUID subscription) throws java.sql.SQLException {
        try (var c = db.getConnection(); var ps = c.prepareStatement(
                "select last_error from webhook_delivery where subscription_id = ? and attempts > 0")) {
            ps.setObject(1, subscription);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    @Test
    void aReceiverDownForAWhileGetsEveryEventSignedAndInOrderPerReferral() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, Object> s = create("celc.admin1", receiver.url(), TYPES);
            receiver.secret.set((String) s.get("secret"));
            receiver.failing.set(true);
            UId celcSpoc = new UId(TestEvents.userId("celc.coordinator1"));
            List<Referral> referrals = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
                referrals.add(r);
                TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
                TestEvents.publish(r.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, celcSpoc.id(), null));
                TestEvents.publish(r.transition(EventTypes.REFERRAL_IN_PROGRESS, "IN_PROGRESS", "ACCEPTED", 3, celcSpoc.id(), null));
                TestEvents.publish(r.transition(EventTypes.REFERRAL_COMPLETED, "COMPLETED", "IN_PROGRESS", 4, celcSpoc.id(), null));
            }
            // Down: attempts fail and are retried with backoff, while all 16 deliveries queue up behind each referral's
            // first one; only then does the receiver come back, so the order after recovery is really tested.
            Set<String> ours = referrals.stream().map(r -> r.referralId().toString()).collect(Collectors.toSet());
            await().atMost(WAIT).until(() -> receiver.refused.get() >= 8 && deliveryLog("celc.admin1", s).stream()
                    .filter(d -> ours.contains(d.get("orderKey"))).count() == 16);
            receiver.failing.set(false);
            for (Referral r : referrals) {
                // At least once: an attempt the receiver took but whose answer the worker lost (an I/O error on a busy
                // machine) is sent again with the same webhook-id, before the next event of the referral; receivers
                // drop the repeat by that id (Standard Webhooks). Order is checked on the first copy of each id.
                await().atMost(WAIT).until(() -> firstCopies(receiver.about(r.referralId().toString())).size() == 4);
                List<Integer> versions = firstCopies(receiver.about(r.referralId().toString())).stream()
                        .map(x -> x.body().path("data").path("version").asInt()).toList();
                assertEquals(List.of(1, 2, 3, 4), versions, "delivered in order for referral " + r.referralId());
                for (WebhookReceiver.Received x : receiver.about(r.referralId().toString())) {
                    assertEquals(x.webhookId(), x.body().path("id").asText());
                    assertEquals(Set.of("type", "id", "timestamp", "data"), fieldNames(x.body()));
                }
            }
            assertEquals(0, receiver.badSignatures.get());
            // The delivery log shows the failed attempts before success.
            String admin = Tokens.forUser("celc.admin1");
            List<Map<String, Object>> log = deliveryLog("celc.admin1", s);
            assertTrue(log.stream().allMatch(d -> "DELIVERED".equals(d.get("status"))));
            assertTrue(log.stream().anyMatch(d -> ((Integer) d.get("attempts")) > 1));
            // Manual redelivery sends one again, signed.
            String one = (String) log.get(0).get("id");
            int before = receiver.received.size();
            given().auth().oauth2(admin).post("/api/webhooks/subscriptions/" + s.get("id") + "/deliveries/" + one + "/redeliver")
                    .then().statusCode(202);
            await().atMost(WAIT).until(() -> receiver.received.size() == before + 1);
            given().auth().oauth2(admin).post("/api/webhooks/subscriptions/" + s.get("id") + "/deliveries/"
                    + java.util.UUID.randomUUID() + "/redeliver").then().statusCode(404);
            given().auth().oauth2(admin).delete("/api/webhooks/subscriptions/" + s.get("id")).then().statusCode(204);
        }
    }

    @Test
    void persistentFailureDisablesTheSubscriptionAndTellsTheOrgAdmins() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Map<String, Object> s = create("haven.admin1", receiver.url(), List.of(EventTypes.REFERRAL_SENT));
            receiver.secret.set((String) s.get("secret"));
            receiver.failing.set(true);
            Referral r = Referral.of(TestEvents.KAIROS, TestEvents.HAVEN, TestEvents.HAVEN_REFUGE);
            TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
            String admin = Tokens.forUser("haven.admin1");
            // Test profile: retries for 20 s, then give up.
            await().atMost(WAIT).until(() -> Boolean.FALSE.equals(given().auth().oauth2(admin)
                    .get("/api/webhooks/subscriptions/" + s.get("id")).then().statusCode(200).extract().path("active")));
            given().auth().oauth2(admin).get("/api/webhooks/subscriptions/" + s.get("id")).then()
                    .body("disabledReason", equalTo("DELIVERY_FAILED"));
            await().atMost(WAIT).until(() -> Inbox.all("haven.admin1").stream()
                    .anyMatch(i -> "WEBHOOK_DISABLED".equals(i.get("kind")) && s.get("id").equals(i.get("aggregateId"))));
            given().auth().oauth2(admin).get("/api/webhooks/subscriptions/" + s.get("id") + "/deliveries").then().statusCode(200)
                    .body("[0].status", equalTo("FAILED")).body("[0].lastStatus", equalTo(503))
                    .body("[0].attemptLog.size()", org.hamcrest.Matchers.greaterThan(2));
            // The receiver is fixed; re-enabling sends what failed.
            receiver.failing.set(false);
            given().auth().oauth2(admin).contentType("application/json")
                    .body(body(receiver.url(), List.of(EventTypes.REFERRAL_SENT), "\"active\":true"))
                    .put("/api/webhooks/subscriptions/" + s.get("id")).then().statusCode(200).body("active", equalTo(true));
            await().atMost(WAIT).until(() -> receiver.about(r.referralId().toString()).size() == 1);
            assertEquals(0, receiver.badSignatures.get());
            given().auth().oauth2(admin).delete("/api/webhooks/subscriptions/" + s.get("id")).then().statusCode(204);
        }
    }

    record UId(java.util.UUID id) {
    }

    static Set<String> fieldNames(com.fasterxml.jackson.databind.JsonNode n) {
        Set<String> names = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
