package org.pathways.notification;

import java.util.Map;
import java.util.Set;

import org.pathways.platform.testing.ServiceFoundationContract;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class NotificationFoundationTest extends ServiceFoundationContract {

    @Override
    protected String serviceName() {
        return "notification-service";
    }

    /** A representative set of answers this service's integration tests see (ADR 0007: each is documented). */
    @Override
    protected Map<String, Set<String>> answersSeenInTests() {
        return Map.ofEntries(
                Map.entry("POST /api/webhooks/subscriptions", Set.of("201", "400", "403")),
                Map.entry("DELETE /api/webhooks/subscriptions/{id}", Set.of("204", "404")),
                Map.entry("POST /api/webhooks/subscriptions/{id}/deliveries/{deliveryId}/redeliver", Set.of("202", "404")),
                Map.entry("POST /api/inbox/stream-tickets", Set.of("201", "401")),
                Map.entry("GET /api/inbox/stream", Set.of("200", "401")),
                Map.entry("POST /api/inbox/{id}/read", Set.of("200", "404")));
    }
}
