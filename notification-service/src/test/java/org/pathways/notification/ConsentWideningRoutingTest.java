package org.pathways.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathways.notification.ConsumerRoutingTest.WAIT;
import static org.pathways.notification.ConsumerRoutingTest.aggregate;
import static org.pathways.notification.ConsumerRoutingTest.withdrawals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 14: consent widened by another organisation tells her registering organisation (ADR 0027); a partial
 * withdrawal tells only the receivers whose part it removed.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class ConsentWideningRoutingTest {

    static EventEnvelope widened(UUID registering, UUID recordedBy, UUID leadWorker) {
        ObjectNode d = TestEvents.JSON.createObjectNode();
        UUID consentId = UUID.randomUUID();
        d.put("consentId", consentId.toString());
        d.put("version", 2);
        d.put("subjectId", UUID.randomUUID().toString());
        d.put("partnershipId", TestEvents.COVENTRY.toString());
        d.put("recordedByOrganisationId", recordedBy.toString());
        d.put("recordedByUserId", TestEvents.userId("crasac.coordinator1").toString());
        d.put("registeringOrganisationId", registering.toString());
        if (leadWorker != null) d.put("leadWorkerUserId", leadWorker.toString());
        d.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return TestEvents.event(EventTypes.CONSENT_WIDENED, consentId, d);
    }

    @Test
    void aWideningTellsHerLeadWorkerAndAlertsHerOrganisationsPrivacyOfficersOnly() {
        UUID lead = TestEvents.userId("fwt.caseworker2");
        EventEnvelope e = TestEvents.publish(widened(TestEvents.FWT, TestEvents.CRASAC, lead));
        TestEvents.publish(e); // redelivered: still once each
        UUID consentId = UUID.fromString(e.subject());
        await().atMost(WAIT).until(() -> aggregate("fwt.caseworker2", consentId).size() == 1);
        await().atMost(WAIT).until(() -> aggregate("fwt.privacy1", consentId).size() == 1);
        await().atMost(WAIT).until(() -> aggregate("fwt.privacy2", consentId).size() == 1);
        assertEquals("CONSENT_WIDENED", aggregate("fwt.caseworker2", consentId).get(0).get("kind"));
        assertEquals(1, aggregate("fwt.caseworker2", consentId).size());
        // Nobody else: not another worker of hers, not the widening organisation, not another organisation's officer.
        assertTrue(aggregate("fwt.caseworker1", consentId).isEmpty());
        assertTrue(aggregate("crasac.coordinator1", consentId).isEmpty());
        assertTrue(aggregate("celc.privacy1", consentId).isEmpty());
    }

    @Test
    void withoutALeadWorkerHerOrganisationsPrivacyOfficerAndMailboxAreTold() {
        // Issue 16 item 10: Kairos has a privacy officer in the demo realm now (kairos.privacy1), who is alerted; she has
        // no lead worker here, so Kairos's mailbox (read by its SPOC, kairos.coordinator1) is told as well (seen in a run).
        EventEnvelope e = TestEvents.publish(widened(TestEvents.KAIROS, TestEvents.CRASAC, null));
        UUID consentId = UUID.fromString(e.subject());
        await().atMost(WAIT).until(() -> aggregate("kairos.privacy1", consentId).size() == 1);
        assertEquals("CONSENT_WIDENED", aggregate("kairos.privacy1", consentId).get(0).get("kind"));
        await().atMost(WAIT).until(() -> aggregate("kairos.coordinator1", consentId).size() == 1);
        assertEquals(Boolean.TRUE, aggregate("kairos.coordinator1", consentId).get(0).get("organisationMailbox"));
        assertTrue(aggregate("crasac.coordinator1", consentId).isEmpty());
        assertTrue(aggregate("crasac.privacy1", consentId).isEmpty());
    }

    /** Issue 14, finding 10: "A partial withdrawal for FWT also notified CELC." */
    @Test
    void aPartialWithdrawalTellsOnlyTheReceiversWhosePartItRemoved() {
        UUID referrer = TestEvents.userId("kairos.caseworker1");
        Referral toCelc = Referral.of(TestEvents.KAIROS, TestEvents.CELC, TestEvents.CELC_IMMIGRATION);
        Referral toFwt = toCelc.onward(TestEvents.KAIROS, TestEvents.FWT, TestEvents.demoId("service:fwt-employment"));
        for (Referral r : List.of(toCelc, toFwt)) TestEvents.publish(r.sent(referrer));
        TestEvents.publish(toCelc.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, TestEvents.userId("celc.coordinator1"), null));
        TestEvents.publish(toFwt.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, TestEvents.userId("fwt.coordinator1"), null));
        for (Referral r : List.of(toCelc, toFwt)) {
            await().atMost(WAIT).until(() -> Inbox.about("kairos.caseworker1", r.referralId()).size() == 1);
        }

        // Kairos withdraws FWT's part only, then the whole consent.
        UUID consentId = UUID.randomUUID();
        EventEnvelope partial = TestEvents.consentWithdrawn(consentId, 2, toCelc.subjectId(), TestEvents.KAIROS, referrer, "PARTIAL");
        ObjectNode onlyFwt = partial.data().deepCopy();
        onlyFwt.putArray("withdrawnRecipientIds").add(TestEvents.FWT.toString());
        TestEvents.publish(TestEvents.event(EventTypes.CONSENT_WITHDRAWN, consentId, onlyFwt));
        TestEvents.publish(TestEvents.consentWithdrawn(consentId, 3, toCelc.subjectId(), TestEvents.KAIROS, referrer, "WHOLE"));

        // Same key, same partition: once the whole withdrawal shows, the partial one has been consumed too.
        await().atMost(WAIT).until(() -> withdrawals("celc.coordinator1", consentId).size() == 1);
        await().atMost(WAIT).until(() -> withdrawals("fwt.coordinator1", consentId).size() == 2);
        assertEquals("WITHDRAWN", withdrawals("celc.coordinator1", consentId).get(0).get("state"), "CELC: the whole one only");
    }
}
