package org.pathways.referral.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.pathways.referral.Fixtures.FWT;
import static org.pathways.referral.Fixtures.KAIROS;
import static org.pathways.referral.Fixtures.anonymous;
import static org.pathways.referral.Fixtures.as;
import static org.pathways.referral.Fixtures.count;
import static org.pathways.referral.Fixtures.register;
import static org.pathways.referral.Fixtures.userId;
import static org.pathways.referral.Fixtures.uuid;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "referral"))
class SubjectResourceTest {

    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Inject
    AgroalDataSource db;

    @Test
    void registeringGivesAnOpaqueIdOwnedByTheCallersOrganisationAndEmitsAnEvent() {
        String me = userId("kairos.caseworker1");
        String id = as("kairos.caseworker1").body("{}").post("/api/subjects").then().statusCode(201)
                .header("Location", matchesPattern(".*/api/subjects/" + UUID_RE))
                .header("ETag", "\"0\"")
                .body("id", matchesPattern(UUID_RE)).body("organisationId", equalTo(KAIROS))
                .body("leadWorkerId", equalTo(me)).body("restricted", equalTo(false)).body("version", equalTo(0))
                .extract().path("id");
        assertNotEquals(id, register("kairos.caseworker1"), "every registration is a new random id: no matching");

        assertEquals(1, count(db, "select count(*) from subject_key where subject_id = ?", uuid(id)), "her own data key");
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'SUBJECT_REGISTERED'"
                + " and actor_user_id = ? and actor_organisation_id = ? and basis = 'OWNER'", uuid(id), me, uuid(KAIROS)));

        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(30)).until(
                () -> registeredEvent(id), Optional::isPresent).orElseThrow();
        EventEnvelope event = EventEnvelope.parse(record.value());
        assertEquals(EventTypes.SUBJECT_REGISTERED, event.type());
        assertEquals(id, event.subject());
        assertEquals(id, event.data().get("subjectId").asText());
        assertEquals(KAIROS, event.data().get("organisationId").asText());
        assertEquals(List.of("leadWorkerUserId", "occurredAt", "organisationId", "subjectId"),
                iteratorToSortedList(event.data().fieldNames()), "ids and a timestamp only");
        assertEquals(me, event.data().get("leadWorkerUserId").asText(), "her lead worker, for consent-service's expiry notice");
    }

    @Test
    void coordinatorsAndConnectorsRegisterForTheirOwnOrganisation() {
        as("kairos.coordinator1").body("{\"restricted\":true}").post("/api/subjects").then().statusCode(201)
                .body("organisationId", equalTo(KAIROS)).body("restricted", equalTo(true));
        String lead = userId("fwt.caseworker1");
        as("fwt.connector1").body("{\"leadWorkerId\":\"" + lead + "\"}").post("/api/subjects").then().statusCode(201)
                .body("organisationId", equalTo(FWT)).body("leadWorkerId", equalTo(lead));
    }

    @Test
    void registrationRefusesPersonalDataAndUnknownFieldsAndChangesNothing() {
        long before = count(db, "select count(*) from subject");
        as("kairos.caseworker1").body("{\"name\":\"Jane\"}").post("/api/subjects").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("name"))
                .body(not(org.hamcrest.Matchers.containsString("Jane")));
        as("kairos.caseworker1").body("{\"leadWorkerId\":\"jane.doe\"}").post("/api/subjects").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("leadWorkerId"));
        as("kairos.caseworker1").body("[]").post("/api/subjects").then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        assertEquals(before, count(db, "select count(*) from subject"));
    }

    @Test
    void onlyCaseRolesMayRegister() {
        anonymous().body("{}").post("/api/subjects").then().statusCode(401).contentType(startsWith("application/problem+json"));
        for (String user : List.of("wbg.evaluator1", "kairos.admin1", "fwt.privacy1", "fwt.partnership-admin1")) {
            as(user).body("{}").post("/api/subjects").then().statusCode(403).contentType(startsWith("application/problem+json"));
        }
    }

    @Test
    void anotherOrganisationGets404ForHerRecord() {
        String id = register("kairos.caseworker1");
        as("kairos.caseworker2").get("/api/subjects/" + id).then().statusCode(200).body("id", equalTo(id));
        for (String user : List.of("crasac.caseworker1", "crasac.coordinator1", "sbs.caseworker1", "fwt.connector1")) {
            as(user).get("/api/subjects/" + id).then().statusCode(404).contentType(startsWith("application/problem+json"));
        }
        as("kairos.caseworker1").get("/api/subjects/" + UUID.randomUUID()).then().statusCode(404);
        as("kairos.caseworker1").get("/api/subjects/not-a-uuid").then().statusCode(404);
        anonymous().get("/api/subjects/" + id).then().statusCode(401);
        as("wbg.evaluator1").get("/api/subjects/" + id).then().statusCode(403);
    }

    @Test
    void handoverChangesTheLeadWorkerWithVersioningAndIsAudited() {
        String id = register("kairos.caseworker1");
        String other = userId("kairos.caseworker2");
        String body = "{\"leadWorkerId\":\"" + other + "\"}";
        as("kairos.coordinator1").header("If-Match", "\"0\"").body(body).put("/api/subjects/" + id + "/lead-worker").then()
                .statusCode(200).body("leadWorkerId", equalTo(other)).body("version", equalTo(1)).header("ETag", "\"1\"");
        as("kairos.caseworker1").header("If-Match", "\"0\"").body(body).put("/api/subjects/" + id + "/lead-worker").then()
                .statusCode(409).contentType(startsWith("application/problem+json"));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'LEAD_WORKER_CHANGED'", uuid(id)));

        as("crasac.caseworker1").body(body).put("/api/subjects/" + id + "/lead-worker").then().statusCode(404);
        as("sbs.caseworker1").body(body).put("/api/subjects/" + id + "/lead-worker").then().statusCode(404);
        anonymous().body(body).put("/api/subjects/" + id + "/lead-worker").then().statusCode(401);
        as("wbg.evaluator1").body(body).put("/api/subjects/" + id + "/lead-worker").then().statusCode(403);
        as("kairos.caseworker1").body("{\"leadWorkerId\":\"somebody\"}").put("/api/subjects/" + id + "/lead-worker").then()
                .statusCode(400).body("errors.field", hasItem("leadWorkerId"));
        as("kairos.caseworker1").body("{}").put("/api/subjects/" + id + "/lead-worker").then()
                .statusCode(400).body("errors.field", hasItem("leadWorkerId"));
        as("kairos.caseworker1").header("If-Match", "yesterday").body(body).put("/api/subjects/" + id + "/lead-worker").then()
                .statusCode(400).body("errors.field", hasItem("If-Match"));
        as("kairos.caseworker1").get("/api/subjects/" + id).then().statusCode(200).body("version", equalTo(1));

        // The handover, and only it (not the refused attempts), wrote one lead-worker-changed event in its transaction.
        assertEquals(1, count(db, "select count(*) from outbox_event where message_key = ? and event_type = ?", id,
                EventTypes.SUBJECT_LEAD_WORKER_CHANGED));
        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(30)).until(
                () -> event(id, EventTypes.SUBJECT_LEAD_WORKER_CHANGED), Optional::isPresent).orElseThrow();
        EventEnvelope event = EventEnvelope.parse(record.value());
        assertEquals(id, event.subject());
        assertEquals(List.of("leadWorkerUserId", "occurredAt", "organisationId", "subjectId", "version"),
                iteratorToSortedList(event.data().fieldNames()), "ids, a version and a timestamp only");
        assertEquals(id, event.data().get("subjectId").asText());
        assertEquals(KAIROS, event.data().get("organisationId").asText());
        assertEquals(other, event.data().get("leadWorkerUserId").asText());
        assertEquals(1, event.data().get("version").asInt(), "the subject's version after the handover");
    }

    @Test
    void theLeadWorkerMustBeStaffOfHerOrganisationWithACaseRole() {
        String id = register("kairos.caseworker1");
        // Keycloak (the real realm) is asked: an unknown user, another organisation's worker, staff without a case role.
        for (String lead : List.of(UUID.randomUUID().toString(), userId("crasac.caseworker1"), userId("kairos.admin1"))) {
            as("kairos.caseworker1").body("{\"leadWorkerId\":\"" + lead + "\"}").put("/api/subjects/" + id + "/lead-worker").then()
                    .statusCode(400).contentType(startsWith("application/problem+json"))
                    .body("errors.field", hasItem("leadWorkerId"));
            as("kairos.caseworker1").body("{\"leadWorkerId\":\"" + lead + "\"}").post("/api/subjects").then().statusCode(400)
                    .body("errors.field", hasItem("leadWorkerId"));
        }
        as("kairos.caseworker1").body("{\"leadWorkerId\":\"" + userId("crasac.caseworker1") + "\"}")
                .put("/api/subjects/" + id + "/lead-worker").then().statusCode(400)
                .body("errors[0].message", equalTo("is not a user of your organisation"));
        as("kairos.caseworker1").body("{\"leadWorkerId\":\"" + userId("kairos.admin1") + "\"}")
                .put("/api/subjects/" + id + "/lead-worker").then().statusCode(400)
                .body("errors[0].message", startsWith("is not a caseworker, referral coordinator or connector"));
        as("kairos.caseworker1").get("/api/subjects/" + id).then().statusCode(200).body("version", equalTo(0));
        assertEquals(0, count(db, "select count(*) from access_audit where subject_id = ? and action = 'LEAD_WORKER_CHANGED'", uuid(id)));
        // A coordinator of her organisation is a valid lead.
        as("kairos.caseworker1").body("{\"leadWorkerId\":\"" + userId("kairos.coordinator1") + "\"}")
                .put("/api/subjects/" + id + "/lead-worker").then().statusCode(200);
    }

    @Test
    void restrictedFlagCanBeSetByHerOrganisationOnly() {
        String id = register("kairos.caseworker1");
        as("kairos.caseworker1").body("{\"restricted\":true}").put("/api/subjects/" + id + "/restricted").then()
                .statusCode(200).body("restricted", equalTo(true)).body("version", equalTo(1));
        as("kairos.caseworker1").body("{}").put("/api/subjects/" + id + "/restricted").then()
                .statusCode(400).body("errors.field", hasItem("restricted"));
        as("kairos.caseworker1").body("{\"restricted\":true,\"reason\":\"x\"}").put("/api/subjects/" + id + "/restricted").then()
                .statusCode(400).body("errors.field", hasItem("reason"));
        as("crasac.caseworker1").body("{\"restricted\":false}").put("/api/subjects/" + id + "/restricted").then().statusCode(404);
        as("wbg.evaluator1").body("{\"restricted\":false}").put("/api/subjects/" + id + "/restricted").then().statusCode(403);
        anonymous().body("{\"restricted\":false}").put("/api/subjects/" + id + "/restricted").then().statusCode(401);
        as("kairos.caseworker1").get("/api/subjects/" + id).then().body("restricted", equalTo(true));
        assertEquals(1, count(db, "select count(*) from access_audit where subject_id = ? and action = 'RESTRICTION_CHANGED'", uuid(id)));
    }

    private static Optional<ConsumerRecord<String, byte[]>> registeredEvent(String id) {
        return TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream().filter(r -> id.equals(r.key())).findFirst();
    }

    private static Optional<ConsumerRecord<String, byte[]>> event(String id, String type) {
        return TopicReader.readToEnd(Topics.REFERRAL_EVENTS).stream().filter(r -> id.equals(r.key()))
                .filter(r -> type.equals(EventEnvelope.parse(r.value()).type())).findFirst();
    }

    private static List<String> iteratorToSortedList(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        out.sort(null);
        return out;
    }
}
