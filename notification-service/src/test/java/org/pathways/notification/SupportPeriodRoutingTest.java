package org.pathways.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 17 item 1 (ADR 0073): a support period's extension request reaches the providing service's coordinators; the
 * reminder and the end reach the referrer, to plan her move-on; a start notifies nobody — on the real topics,
 * directory-service and Keycloak. Codes and ids only in the events; the notices' texts are fixed.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class SupportPeriodRoutingTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    private static ObjectNode change(Referral r, String change, UUID actor) {
        ObjectNode d = r.base("ACCEPTED", 2);
        d.put("periodId", UUID.randomUUID().toString());
        d.put("change", change);
        if (actor != null) d.put("actorUserId", actor.toString());
        return d;
    }

    private static Set<Object> kinds(String user, UUID referralId) {
        return Inbox.about(user, referralId).stream().map(i -> i.get("kind")).collect(Collectors.toSet());
    }

    @Test
    void theCoordinatorHearsOfAnExtensionRequestAndTheReferrerOfTheEndingAndTheEnd() {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        UUID referrer = TestEvents.userId("kairos.caseworker1");
        UUID provider = TestEvents.userId("celc.caseworker1");
        TestEvents.publish(r.sent(referrer));
        TestEvents.publish(TestEvents.event(EventTypes.REFERRAL_SUPPORT_PERIOD, r.referralId(), change(r, "STARTED", provider)));
        ObjectNode asked = change(r, "EXTENSION_REQUESTED", provider);
        asked.put("extensionId", UUID.randomUUID().toString());
        asked.put("reasonCode", "AWAITING_HOUSING");
        TestEvents.publish(TestEvents.event(EventTypes.REFERRAL_SUPPORT_PERIOD, r.referralId(), asked));
        await().atMost(WAIT).until(() -> kinds("celc.coordinator1", r.referralId()).contains("SUPPORT_EXTENSION_REQUESTED"));
        assertEquals("An extension of support was asked for and needs your decision.",
                Inbox.about("celc.coordinator1", r.referralId()).stream().filter(i -> "SUPPORT_EXTENSION_REQUESTED".equals(i.get("kind")))
                        .findFirst().orElseThrow().get("text"));

        TestEvents.publish(TestEvents.event(EventTypes.REFERRAL_SUPPORT_PERIOD, r.referralId(), change(r, "ENDING_SOON", null)));
        ObjectNode ended = change(r, "ENDED", provider);
        ended.put("reasonCode", "MOVED_ON");
        TestEvents.publish(TestEvents.event(EventTypes.REFERRAL_SUPPORT_PERIOD, r.referralId(), ended));
        await().atMost(WAIT).until(() -> kinds("kairos.caseworker1", r.referralId()).containsAll(Set.of("SUPPORT_ENDING_SOON", "SUPPORT_ENDED")));
        // The referrer is not asked to decide an extension, and nobody is told of a start.
        assertFalse(kinds("kairos.caseworker1", r.referralId()).contains("SUPPORT_EXTENSION_REQUESTED"));
        assertFalse(kinds("celc.coordinator1", r.referralId()).contains("SUPPORT_STARTED"));
        assertFalse(kinds("kairos.caseworker1", r.referralId()).contains("SUPPORT_STARTED"));
    }
}
