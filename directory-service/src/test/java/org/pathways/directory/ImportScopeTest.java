package org.pathways.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.pathways.directory.Expect.assertThat;
import static org.pathways.platform.testing.Requests.as;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventSchemas;
import org.pathways.contracts.events.EventTypes;
import org.pathways.contracts.events.Topics;
import org.pathways.directory.service.DemoDataLoader;
import org.pathways.platform.testing.Tokens;
import org.pathways.platform.testing.TopicReader;
import org.pathways.stack.testing.LocalStackTestResource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 14, finding 5 (ADR 0015): an HSDS import writes only for the organisations the caller may administer, and a
 * change of who receives referrals (SPOC user or mailbox, by import or by the admin API) is audited and announced.
 * Before the fix the first import answered 200 and created both services, the MWNUK one with the chosen mailbox.
 */
@QuarkusTest
@QuarkusTestResource(value = LocalStackTestResource.class, initArgs = @ResourceArg(name = "service", value = "directory"))
class ImportScopeTest {

    @Inject
    EntityManager em;


    private static Map<String, Object> service(UUID id, UUID organisation, String mailbox) {
        return Map.of("id", id.toString(), "name", "Imported outreach " + id.toString().substring(0, 8), "status", "active",
                "organization", Map.of("id", organisation.toString(), "name", "ignored", "description", "ignored"),
                "pathways", Map.of("spoc", Map.of("mailbox", mailbox)));
    }

    private long rows(String sql, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).setParameter(1, id)
                .getSingleResult()).longValue());
    }

    private static List<EventEnvelope> routingEvents(UUID key) {
        return TopicReader.readToEnd(Topics.DIRECTORY_EVENTS).stream().filter(r -> key.toString().equals(r.key()))
                .map(ConsumerRecord::value).map(EventEnvelope::parse)
                .filter(e -> EventTypes.DIRECTORY_ROUTING_CHANGED.equals(e.type())).toList();
    }

    @Test
    void aPartnershipAdminCannotImportForOrganisationsOutsideHerPartnershipAndNothingIsWritten() {
        UUID crasacService = UUID.randomUUID();
        UUID mwnukService = UUID.randomUUID();
        // FWT leads the Coventry partnership (CRASAC is a member); MWNUK is in none of FWT's partnerships.
        as("fwt.partnership-admin1").body(Map.of("services", List.of(
                service(crasacService, DemoDataLoader.CRASAC, "crasac-intake@evil.example.org"),
                service(mwnukService, DemoDataLoader.MWNUK, "mwnuk-intake@evil.example.org"))))
                .post("/api/import?source=scope-test").then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", equalTo(List.of("services[1].organization.id")));
        // The whole import is refused: the CRASAC record was not written either, and nothing was audited.
        given().get("/services/" + crasacService).then().statusCode(404);
        given().get("/services/" + mwnukService).then().statusCode(404);
        assertThat(rows("select count(*) from routing_change where service_id = ?1", crasacService)).isEqualTo(0L);

        // Her own partnership's member alone: allowed, the SPOC mailbox change audited (ids only) and announced.
        as("fwt.partnership-admin1").body(List.of(service(crasacService, DemoDataLoader.CRASAC, "crasac-intake@example.org")))
                .post("/api/import?source=scope-test").then().statusCode(200).body("created", equalTo(1));
        assertThat(rows("select count(*) from routing_change where service_id = ?1 and source = 'IMPORT' and mailbox_changed"
                + " and organisation_id = '" + DemoDataLoader.CRASAC + "'", crasacService)).isEqualTo(1L);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routingEvents(crasacService).size() == 1);
        List<EventEnvelope> events = routingEvents(crasacService);
        assertThat(EventSchemas.isValid(EventTypes.DIRECTORY_ROUTING_CHANGED, events.get(0).data())).isTrue();
        assertThat(events.get(0).data().path("organisationId").asText()).isEqualTo(DemoDataLoader.CRASAC.toString());
        assertThat(new String(events.get(0).toBytes())).doesNotContain("crasac-intake");

        // An existing service of an organisation outside her scope cannot be taken over by reusing its id either.
        as("fwt.partnership-admin1").body(List.of(service(DemoDataLoader.id("service:mwnuk-helpline"), DemoDataLoader.FWT,
                "x@example.org"))).post("/api/import").then().statusCode(403).body("errors.field", equalTo(List.of("[0].id")));
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from service where source_ref like 'scope-test:%'")
                .executeUpdate());
    }

    @Test
    void anOrgAdminImportsOnlyForHerOwnOrganisation() {
        UUID own = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        as("kairos.admin1").body(List.of(service(own, DemoDataLoader.KAIROS, "kairos-intake@example.org"),
                service(other, DemoDataLoader.CRASAC, "crasac@example.org")))
                .post("/api/import?source=scope-test").then().statusCode(403).body("errors.field", equalTo(List.of("[1].organization.id")));
        given().get("/services/" + own).then().statusCode(404);
        // An organisation that is not in the directory: only a partnership admin's import may add one.
        UUID unknownOrg = UUID.randomUUID();
        as("kairos.admin1").body(List.of(service(other, unknownOrg, "new@example.org")))
                .post("/api/import?source=scope-test").then().statusCode(403).body("errors.field", hasItem("[0].organization.id"));
        as("kairos.admin1").body(List.of(service(own, DemoDataLoader.KAIROS, "kairos-intake@example.org")))
                .post("/api/import?source=scope-test").then().statusCode(200).body("created", equalTo(1));
        assertThat(rows("select count(*) from routing_change where service_id = ?1", own)).isEqualTo(1L);
        // Caseworkers import nothing.
        as("kairos.caseworker1").body(List.of()).post("/api/import").then().statusCode(403);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from service where source_ref like 'scope-test:%'")
                .executeUpdate());
    }

    @Test
    void aSpocChangeThroughTheAdminApiIsAuditedAndAnnouncedOnce() {
        UUID service = DemoDataLoader.CELC_IMMIGRATION;
        long before = rows("select count(*) from routing_change where service_id = ?1 and source = 'API'", service);
        int eventsBefore = routingEvents(service).size();
        as("celc.admin1").body(Map.of("username", "celc.coordinator1", "mailbox", "immigration-new@celc.example.org"))
                .put("/api/services/" + service + "/spoc").then().statusCode(200);
        // The same SPOC again changes nothing: no audit row, no notice.
        as("celc.admin1").body(Map.of("username", "celc.coordinator1", "mailbox", "immigration-new@celc.example.org"))
                .put("/api/services/" + service + "/spoc").then().statusCode(200);
        as("celc.admin1").body(Map.of("username", "celc.coordinator1", "mailbox", "immigration@celc.example.org"))
                .put("/api/services/" + service + "/spoc").then().statusCode(200);
        assertThat(rows("select count(*) from routing_change where service_id = ?1 and source = 'API'", service))
                .isEqualTo(before + 2);
        // The outbox relays after the commit: wait for both, then make sure no third (the unchanged PUT) follows.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> routingEvents(service).size() >= eventsBefore + 2);
        List<EventEnvelope> events = routingEvents(service);
        assertThat(events.size()).isEqualTo(eventsBefore + 2);
        assertThat(events.get(events.size() - 1).data().path("parts").toString()).isEqualTo("[\"MAILBOX\"]");
    }
}
