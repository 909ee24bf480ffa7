package org.pathways.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14, finding 5: a change of who receives a service's referrals (directory ADR 0015) reaches that organisation's
 * admins, and nobody else.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class RoutingChangeNoticeTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    static List<Map<String, Object>> about(String username, UUID aggregateId) {
        return Inbox.all(username).stream().filter(i -> aggregateId.toString().equals(i.get("aggregateId"))).toList();
    }

    @Test
    void aRoutingChangeReachesTheOrganisationsAdminsOnly() {
        UUID service = UUID.randomUUID(); // a fresh key: earlier runs left nothing about it
        ObjectNode d = TestEvents.JSON.createObjectNode();
        d.put("changeId", UUID.randomUUID().toString());
        d.put("serviceId", service.toString());
        d.put("organisationId", TestEvents.CRASAC.toString());
        d.put("actorUserId", TestEvents.userId("fwt.partnership-admin1").toString());
        d.put("source", "IMPORT");
        d.putArray("parts").add("MAILBOX");
        d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        EventEnvelope changed = TestEvents.publish(TestEvents.event(EventTypes.DIRECTORY_ROUTING_CHANGED, service, d));
        TestEvents.publish(changed); // redelivered: still one notice

        await().atMost(WAIT).until(() -> about("crasac.admin1", service).size() == 1);
        Map<String, Object> item = about("crasac.admin1", service).get(0);
        assertEquals("DIRECTORY_ROUTING_CHANGED", item.get("kind"));
        assertTrue(String.valueOf(item.get("text")).contains("Who receives referrals"));
        // A later event on the same key proves the duplicate was consumed before counting again.
        ObjectNode again = d.deepCopy();
        again.put("changeId", UUID.randomUUID().toString());
        TestEvents.publish(TestEvents.event(EventTypes.DIRECTORY_ROUTING_CHANGED, service, again));
        await().atMost(WAIT).until(() -> about("crasac.admin1", service).size() == 2);
        // Not the coordinators or caseworkers of CRASAC, not the importer's organisation.
        assertTrue(about("crasac.coordinator1", service).isEmpty());
        assertTrue(about("crasac.caseworker1", service).isEmpty());
        assertTrue(about("fwt.admin1", service).isEmpty());
    }
}
