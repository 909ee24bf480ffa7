package org.pathways.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.contracts.events.EventTypes;
import org.pathways.notification.TestEvents.Referral;
import org.pathways.notification.service.Router;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Issue 16 item 4 (ADR 0069): notices follow the team around her - members of her registering organisation hear of
 * every move of her referrals, a partner organisation's member only of referrals her organisation is on; a team change
 * applies only when newer - on the real topics and Keycloak.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class TeamRoutingTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AgroalDataSource db;

    /** Her team's version as applied here (subject events and referral events travel on different partitions). */
    private long teamVersion(UUID subject) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select version from subject_team where subject_id = ?")) {
            ps.setObject(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** As referral-service publishes it: the whole team at a version. */
    static EventEnvelope teamChanged(UUID subjectId, UUID org, int version, List<Object[]> members) {
        ObjectNode d = TestEvents.JSON.createObjectNode().put("subjectId", subjectId.toString()).put("organisationId", org.toString());
        ArrayNode list = d.putArray("members");
        for (Object[] m : members) {
            list.addObject().put("userId", m[0].toString()).put("organisationId", m[1].toString()).put("role", (String) m[2]);
        }
        d.put("version", version).put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return TestEvents.event(EventTypes.SUBJECT_TEAM_CHANGED, subjectId, d);
    }

    private long leadWorkerVersion(UUID subject) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select version from subject_lead_worker where subject_id = ?")) {
            ps.setObject(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    /** Item 4: a widening of her consent raised before consent-service heard of a handover still reaches the new lead worker. */
    @Test
    void aWideningAfterAHandoverTellsHerCurrentLeadWorker() throws Exception {
        UUID subject = UUID.randomUUID();
        UUID previous = TestEvents.userId("fwt.caseworker1");
        UUID current = TestEvents.userId("fwt.caseworker2");
        TestEvents.publish(TestEvents.subjectRegistered(subject, TestEvents.FWT, previous));
        TestEvents.publish(TestEvents.leadWorkerChanged(subject, TestEvents.FWT, current, 1));
        await().atMost(WAIT).until(() -> leadWorkerVersion(subject) == 1);
        EventEnvelope widened = ConsentWideningRoutingTest.widened(TestEvents.FWT, TestEvents.CRASAC, previous);
        ObjectNode d = (ObjectNode) widened.data().deepCopy();
        d.put("subjectId", subject.toString());
        UUID consentId = UUID.fromString(widened.subject());
        TestEvents.publish(TestEvents.event(EventTypes.CONSENT_WIDENED, consentId, d));
        await().atMost(WAIT).until(() -> ConsumerRoutingTest.aggregate("fwt.caseworker2", consentId).size() == 1);
        assertTrue(ConsumerRoutingTest.aggregate("fwt.caseworker1", consentId).isEmpty(), "the previous lead worker is not told");
    }

    private static Set<Object> kinds(String user, UUID referralId) {
        return Inbox.about(user, referralId).stream().map(i -> i.get("kind")).collect(Collectors.toSet());
    }

    @Test
    void herTeamHearsOfHerReferralsMovesAndAPartnerOnlyOfItsOwn() throws Exception {
        Referral toHaven = Referral.of(TestEvents.KAIROS, TestEvents.HAVEN, TestEvents.HAVEN_REFUGE);
        Referral toCrasac = toHaven.onward(TestEvents.KAIROS, TestEvents.CRASAC, TestEvents.CRASAC_COUNSELLING);
        UUID subject = toHaven.subjectId();
        UUID lead = TestEvents.userId("kairos.caseworker1");
        UUID joint = TestEvents.userId("kairos.caseworker2");
        UUID isva = TestEvents.userId("crasac.caseworker1");
        TestEvents.publish(TestEvents.subjectRegistered(subject, TestEvents.KAIROS, lead));
        TestEvents.publish(teamChanged(subject, TestEvents.KAIROS, 2, List.of(new Object[] { joint, TestEvents.KAIROS, "JOINT_LEAD_WORKER" },
                new Object[] { isva, TestEvents.CRASAC, "ISVA" })));
        await().atMost(WAIT).until(() -> teamVersion(subject) == 2);

        TestEvents.publish(toHaven.sent(lead));
        TestEvents.publish(toHaven.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, TestEvents.userId("haven.coordinator1"), null));
        TestEvents.publish(toCrasac.sent(lead));
        // Her joint lead worker hears of both referrals' moves; CRASAC's ISVA only of the referral to CRASAC.
        await().atMost(WAIT).until(() -> Inbox.about("kairos.caseworker2", toHaven.referralId()).size() == 2);
        await().atMost(WAIT).until(() -> kinds("crasac.caseworker1", toCrasac.referralId()).contains(Router.TEAM_KIND));
        assertEquals(Set.of(Router.TEAM_KIND), kinds("kairos.caseworker2", toHaven.referralId()));
        assertEquals("A referral for someone whose team you are on has moved on.",
                Inbox.about("kairos.caseworker2", toHaven.referralId()).get(0).get("text"));
        assertTrue(Inbox.about("crasac.caseworker1", toHaven.referralId()).isEmpty(), "a partner hears nothing of another's referral");
        // The referrer keeps her own notice (not a team one).
        await().atMost(WAIT).until(() -> kinds("kairos.caseworker1", toHaven.referralId()).contains("REFERRAL_ACCEPTED"));
        assertEquals(Set.of("REFERRAL_ACCEPTED"), kinds("kairos.caseworker1", toHaven.referralId()));

        // The joint lead worker leaves the team (version 3); an older team arriving late (version 1) changes nothing. She
        // makes a move herself on the other referral: she is not told of it either way.
        TestEvents.publish(teamChanged(subject, TestEvents.KAIROS, 3, List.<Object[]>of(new Object[] { isva, TestEvents.CRASAC, "ISVA" })));
        TestEvents.publish(teamChanged(subject, TestEvents.KAIROS, 1, List.<Object[]>of(new Object[] { joint, TestEvents.KAIROS, "KEY_WORKER" })));
        // A handover after them on the same partition (her subject id): once it is applied, both team events were seen.
        TestEvents.publish(TestEvents.leadWorkerChanged(subject, TestEvents.KAIROS, lead, 7));
        await().atMost(WAIT).until(() -> leadWorkerVersion(subject) == 7);
        assertEquals(3L, teamVersion(subject), "the older team was not applied");
        TestEvents.publish(toHaven.transition(EventTypes.REFERRAL_IN_PROGRESS, "IN_PROGRESS", "ACCEPTED", 3, TestEvents.userId("haven.coordinator1"), null));
        TestEvents.publish(toCrasac.transition(EventTypes.REFERRAL_ACCEPTED, "ACCEPTED", "SENT", 2, isva, null));
        await().atMost(WAIT).until(() -> kinds("kairos.caseworker1", toHaven.referralId()).contains("REFERRAL_IN_PROGRESS"));
        await().atMost(WAIT).until(() -> kinds("kairos.caseworker1", toCrasac.referralId()).contains("REFERRAL_ACCEPTED"));
        assertEquals(2, Inbox.about("kairos.caseworker2", toHaven.referralId()).size(), "no notice after she left the team");
        assertEquals(1, Inbox.about("crasac.caseworker1", toCrasac.referralId()).size(), "not told of her own move");
    }
}
