package org.pathways.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
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
 * Issue 16 item 5 (ADR 0055): a referrer's own escalation reaches the receiving service's SPOC and the Partnership
 * Connector; the answer reaches the referrer - on the real topics, directory-service and Keycloak.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class ChallengeRoutingTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    private static ObjectNode challenge(Referral r, UUID challengeId, String kind, UUID actor) {
        ObjectNode d = r.base("SENT", 1);
        d.put("challengeId", challengeId.toString());
        d.put("kind", kind);
        d.put("actorUserId", actor.toString());
        return d;
    }

    private static Set<Object> kinds(String user, UUID referralId) {
        return Inbox.about(user, referralId).stream().map(i -> i.get("kind")).collect(Collectors.toSet());
    }

    @Test
    void anEscalationReachesTheSpocAndTheConnectorAndItsAnswerTheReferrer() {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        UUID referrer = TestEvents.userId("kairos.caseworker1");
        UUID spoc = TestEvents.userId("celc.coordinator1");
        TestEvents.publish(r.sent(referrer));
        UUID id = UUID.randomUUID();
        ObjectNode raised = challenge(r, id, "ESCALATION", referrer);
        raised.put("reasonCode", "NO_ANSWER");
        TestEvents.publish(TestEvents.event(EventTypes.REFERRAL_CHALLENGE_RAISED, r.referralId(), raised));

        // celc.coordinator1 is the immigration service's SPOC; FWT's connector-role users are the Partnership Connector.
        await().atMost(WAIT).until(() -> kinds("celc.coordinator1", r.referralId()).contains("REFERRAL_ESCALATION_RAISED"));
        await().atMost(WAIT).until(() -> kinds("fwt.connector1", r.referralId()).contains("REFERRAL_ESCALATION_RAISED"));
        Map<String, Object> item = Inbox.about("fwt.connector1", r.referralId()).get(0);
        assertEquals("A referrer escalated a referral to your service: please answer it.", item.get("text"));

        ObjectNode answered = challenge(r, id, "ESCALATION", spoc);
        answered.put("outcome", "ACTIONED");
        TestEvents.publish(TestEvents.event(EventTypes.REFERRAL_CHALLENGE_ANSWERED, r.referralId(), answered));
        await().atMost(WAIT).until(() -> kinds("kairos.caseworker1", r.referralId()).contains("REFERRAL_ESCALATION_ANSWERED"));
        // The referrer is not told of her own escalation; another organisation hears nothing.
        assertEquals(Set.of("REFERRAL_ESCALATION_ANSWERED"), kinds("kairos.caseworker1", r.referralId()));
        assertTrue(Inbox.about("crasac.coordinator1", r.referralId()).isEmpty());
    }

    @Test
    void aDeclineReviewIsToldAsSuch() {
        Referral r = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        UUID referrer = TestEvents.userId("kairos.caseworker1");
        TestEvents.publish(r.sent(referrer));
        ObjectNode raised = r.base("DECLINED", 2);
        raised.put("challengeId", UUID.randomUUID().toString());
        raised.put("kind", "DECLINE_REVIEW");
        raised.put("reasonCode", "NEED_IN_SCOPE");
        raised.put("actorUserId", referrer.toString());
        TestEvents.publish(TestEvents.event(EventTypes.REFERRAL_CHALLENGE_RAISED, r.referralId(), raised));
        await().atMost(WAIT).until(() -> kinds("celc.coordinator1", r.referralId()).contains("REFERRAL_DECLINE_REVIEW_REQUESTED"));
    }
}
