package org.pathways.notification;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;
import org.pathways.notification.domain.Notification;
import org.pathways.notification.domain.Recipient;
import org.pathways.notification.service.LiveUpdates;
import org.pathways.platform.testing.Tokens;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The inbox API: paging, unread count, mark read, deny by default, the SSE stream with single-use tickets. */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class InboxApiTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    LiveUpdates live;

    @Test
    void listPagesUnreadCountAndMarkRead() throws Exception {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
        // She is the service's SPOC and reads CELC's mailbox: one entry for the event, her own (ADR 0049).
        await().atMost(WAIT).until(() -> Inbox.about("celc.coordinator1", r.referralId()).size() == 1);
        String token = Tokens.forUser("celc.coordinator1");
        int unread = given().auth().oauth2(token).get("/api/inbox/unread-count").then().statusCode(200)
                .extract().path("unread");
        assertTrue(unread >= 1);

        given().auth().oauth2(token).queryParam("size", 1).queryParam("page", 0).get("/api/inbox").then().statusCode(200)
                .body("size", equalTo(1)).body("items.size()", equalTo(1)).body("unread", equalTo(unread));
        given().auth().oauth2(token).queryParam("unread", "true").queryParam("size", 100).get("/api/inbox").then()
                .statusCode(200).body("items.readAt", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.nullValue()));

        String id = (String) Inbox.about("celc.coordinator1", r.referralId()).get(0).get("id");
        given().auth().oauth2(token).post("/api/inbox/" + id + "/read").then().statusCode(200)
                .body("id", equalTo(id)).body("readAt", org.hamcrest.Matchers.notNullValue());
        // Idempotent.
        given().auth().oauth2(token).post("/api/inbox/" + id + "/read").then().statusCode(200);
        int after = given().auth().oauth2(token).get("/api/inbox/unread-count").then().statusCode(200).extract().path("unread");
        assertEquals(unread - 1, after);

        // Not in her boxes: another organisation's user, and a CELC caseworker for the CELC mailbox entry.
        given().auth().oauth2(Tokens.forUser("kairos.coordinator1")).post("/api/inbox/" + id + "/read").then()
                .statusCode(404).contentType("application/problem+json");
        String mailboxEntry = mailboxEntry(r.referralId());
        given().auth().oauth2(Tokens.forUser("celc.caseworker1")).post("/api/inbox/" + mailboxEntry + "/read").then()
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(token).post("/api/inbox/not-an-id/read").then().statusCode(404);
    }

    @Inject
    io.agroal.api.AgroalDataSource db;

    /** The mailbox entry of the referral (not listed to the SPOC who has her own, still in the mailbox for the others). */
    String mailboxEntry(UUID referralId) throws java.sql.SQLException {
        try (var c = db.getConnection(); var ps = c.prepareStatement(
                "select id from notification where referral_id = ? and recipient_kind = 'ORG'")) {
            ps.setObject(1, referralId);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void authFailuresAndBadInputAreProblems() {
        given().get("/api/inbox").then().statusCode(401).contentType("application/problem+json");
        given().get("/api/inbox/unread-count").then().statusCode(401);
        given().post("/api/inbox/stream-tickets").then().statusCode(401);
        given().auth().oauth2(Tokens.forUser("wbg.evaluator1")).get("/api/inbox").then().statusCode(403)
                .contentType("application/problem+json");
        given().auth().oauth2(Tokens.forUser("wbg.evaluator1")).post("/api/inbox/stream-tickets").then().statusCode(403);
        String token = Tokens.forUser("celc.coordinator1");
        given().auth().oauth2(token).queryParam("size", 0).get("/api/inbox").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("size"));
        given().auth().oauth2(token).queryParam("page", "x").get("/api/inbox").then().statusCode(400)
                .body("errors.field", hasItem("page"));
        given().auth().oauth2(token).queryParam("unread", "maybe").get("/api/inbox").then().statusCode(400)
                .body("errors.field", hasItem("unread"));
        // A service account (our own services) has no inbox role.
        given().auth().oauth2(Tokens.forClient("referral-service")).get("/api/inbox").then().statusCode(403);
    }

    @Test
    void streamDeliversNewEntriesLiveWithASingleUseTicket() throws Exception {
        String token = Tokens.forUser("celc.coordinator1");
        String ticket = given().auth().oauth2(token).post("/api/inbox/stream-tickets").then().statusCode(201)
                .body("expiresAt", org.hamcrest.Matchers.notNullValue()).extract().path("ticket");
        assertTrue(ticket.length() >= 40);
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        String url = "http://127.0.0.1:" + port + "/api/inbox/stream?ticket=" + ticket;
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        UUID probe = UUID.randomUUID();
        CompletableFuture<Void> listening = new CompletableFuture<>();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String l; (l = reader.readLine()) != null; ) {
                    if (l.startsWith("data:") && l.contains(probe.toString())) listening.complete(null);
                    if (l.startsWith("data:") && l.contains(r.referralId().toString())) return l;
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        // The server subscribes the stream to the live fan-out just after it has sent the headers: hand the fan-out a
        // probe entry until the stream shows it, so the real event cannot be broadcast before the stream listens.
        Notification probeEntry = new Notification(UUID.randomUUID(), Recipient.user(TestEvents.userId("celc.coordinator1")),
                "REFERRAL_SENT", UUID.randomUUID().toString(), EventTypes.REFERRAL_SENT, probe.toString(), probe, "SENT", null,
                OffsetDateTime.now(), null);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!listening.isDone()) live.publish(List.of(probeEntry));
            return listening.isDone();
        });
        TestEvents.publish(r.sent(TestEvents.userId("kairos.caseworker1")));
        String data = line.get(30, TimeUnit.SECONDS);
        assertNotNull(data);
        assertTrue(data.contains("REFERRAL_SENT"));
        // The ticket was used: a second connection with it is refused, as are unknown or missing tickets.
        given().queryParam("ticket", ticket).get("/api/inbox/stream").then().statusCode(401)
                .contentType("application/problem+json");
        given().queryParam("ticket", "x".repeat(43)).get("/api/inbox/stream").then().statusCode(401);
        given().get("/api/inbox/stream").then().statusCode(401);
        response.body().close();
        // The access log records the path only: the ticket (in the query string) is in no log line.
        java.nio.file.Path log = java.nio.file.Path.of("target/notification-test.log");
        await().atMost(Duration.ofSeconds(10)).until(() -> java.nio.file.Files.readString(log).contains("GET /api/inbox/stream\" 401"));
        // Deliberately quiet for a second: the closed stream's own line may still be written, and must not hold it either.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> !java.nio.file.Files.readString(log).contains(ticket));
    }

    @Test
    void aCaseworkerSeesHerOwnEntriesButNotTheOrganisationMailbox() {
        List<Map<String, Object>> items = Inbox.all("celc.caseworker1");
        assertTrue(items.stream().noneMatch(i -> (Boolean) i.get("organisationMailbox")));
        given().auth().oauth2(Tokens.forUser("celc.caseworker1")).get("/api/inbox").then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(20));
        given().auth().oauth2(Tokens.forUser("celc.caseworker1")).get("/api/me").then().statusCode(200)
                .body("organisationId", startsWith("5e1f0000"));
    }

    /**
     * Another replica's entries reach this replica's streams (ADR 0081): an entry announced on PostgreSQL's channel by a
     * connection that is not this service's — as another replica's commit would be — arrives on a stream held here.
     */
    @Test
    void aStreamHearsEntriesAnnouncedByAnotherReplica() throws Exception {
        String token = Tokens.forUser("celc.coordinator1");
        String ticket = given().auth().oauth2(token).post("/api/inbox/stream-tickets").then().statusCode(201).extract().path("ticket");
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/inbox/stream?ticket=" + ticket)).header("Accept", "text/event-stream")
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        UUID referralId = UUID.randomUUID();
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                for (String l; (l = reader.readLine()) != null; ) {
                    if (l.startsWith("data:") && l.contains(referralId.toString())) return l;
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        Map<String, Object> entry = new java.util.LinkedHashMap<>();
        entry.put("id", UUID.randomUUID().toString());
        entry.put("recipient", Map.of("kind", "USER", "id", TestEvents.userId("celc.coordinator1").toString()));
        entry.put("kind", "REFERRAL_SENT");
        entry.put("eventId", UUID.randomUUID().toString());
        entry.put("eventType", EventTypes.REFERRAL_SENT);
        entry.put("aggregateId", referralId.toString());
        entry.put("referralId", referralId.toString());
        entry.put("state", "SENT");
        entry.put("reasonCode", null);
        entry.put("createdAt", OffsetDateTime.now().toString());
        entry.put("readAt", null);
        String payload = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("notification", entry, "toldPersonally", List.of()));
        var config = ConfigProvider.getConfig();
        try (var other = java.sql.DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class), config.getValue("quarkus.datasource.password", String.class));
                var notify = other.prepareStatement("select pg_notify('pathways_inbox', ?)")) {
            notify.setString(1, payload);
            // The stream subscribes just after its headers are sent: announce until it shows the entry.
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!line.isDone()) notify.execute();
                return line.isDone();
            });
        }
        String data = line.get(5, TimeUnit.SECONDS);
        assertNotNull(data);
        assertTrue(data.contains("REFERRAL_SENT"), data);
        response.body().close();
    }
}
