package org.pathways.notification;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.pathways.contracts.events.EventEnvelope;
import org.pathways.notification.TestEvents.SafeguardingOverride;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The two job-raised events: directory-service's stale capacity (ADR 0013) reaches the service's SPOC, or the
 * organisation mailbox when the SPOC is a mailbox; consent-service's override expiry (ADR 0021), which names nobody,
 * reaches whoever requested and approved the override and the organisation concerned. Real topics, the real
 * directory-service and Keycloak; read back through the inbox API.
 */
@QuarkusTest
@QuarkusTestResource(NotificationTestResource.class)
class StaleCapacityAndOverrideExpiryTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String STALE = "DIRECTORY_CAPACITY_STALE";

    /** Her entries about one aggregate (a service or an override), newest first. */
    static List<Map<String, Object>> about(String username, UUID aggregateId) {
        return Inbox.all(username).stream().filter(i -> aggregateId.toString().equals(i.get("aggregateId"))).toList();
    }

    static Set<Object> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> i.get("id")).collect(Collectors.toSet());
    }

    @Test
    void staleCapacityReachesTheServiceSpocOnceEvenWhenDuplicated() {
        // The service id is fixed (a demo service), so earlier runs may have left entries: look at new ones only.
        Set<Object> before = ids(about("celc.coordinator1", TestEvents.CELC_IMMIGRATION));
        EventEnvelope stale = TestEvents.publish(TestEvents.capacityStale(TestEvents.CELC_IMMIGRATION, TestEvents.CELC, "NO_CAPACITY"));
        TestEvents.publish(stale); // redelivered or duplicated by the producer
        // A later announcement on the same key (same partition) proves the duplicate was consumed before we count.
        TestEvents.publish(TestEvents.capacityStale(TestEvents.CELC_IMMIGRATION, TestEvents.CELC, "WAITLIST"));

        await().atMost(WAIT).until(() -> fresh("celc.coordinator1", before, TestEvents.CELC_IMMIGRATION).stream().anyMatch(i -> "WAITLIST".equals(i.get("state"))));
        List<Map<String, Object>> fresh = fresh("celc.coordinator1", before, TestEvents.CELC_IMMIGRATION);
        assertEquals(2, fresh.size(), "one entry per announcement, none for the duplicate");
        assertEquals(Set.of("NO_CAPACITY", "WAITLIST"), fresh.stream().map(i -> i.get("state")).collect(Collectors.toSet()));
        Map<String, Object> item = fresh.get(0);
        assertEquals(STALE, item.get("kind"));
        assertEquals("Please confirm your service's capacity in Pathways.", item.get("text"));
        assertEquals("S-" + TestEvents.CELC_IMMIGRATION.toString().substring(0, 8).toUpperCase(), item.get("reference"));
        // The SPOC is a known user: hers alone, not also the mailbox's; other organisations see nothing.
        assertTrue(fresh.stream().noneMatch(i -> (Boolean) i.get("organisationMailbox")));
        assertTrue(fresh.stream().allMatch(i -> i.get("referralId") == null));
        assertTrue(about("crasac.coordinator1", TestEvents.CELC_IMMIGRATION).stream().noneMatch(i -> STALE.equals(i.get("kind"))));
    }

    @Test
    void staleCapacityOfAServiceWhoseSpocIsAMailboxGoesToTheOrganisationMailbox() {
        Set<Object> before = ids(about("crasac.coordinator1", TestEvents.CRASAC_COUNSELLING));
        TestEvents.publish(TestEvents.capacityStale(TestEvents.CRASAC_COUNSELLING, TestEvents.CRASAC, "WAITLIST"));
        await().atMost(WAIT).until(() -> fresh("crasac.coordinator1", before, TestEvents.CRASAC_COUNSELLING).size() == 1);
        Map<String, Object> item = fresh("crasac.coordinator1", before, TestEvents.CRASAC_COUNSELLING).get(0);
        assertEquals(STALE, item.get("kind"));
        assertEquals(true, item.get("organisationMailbox"));
        // A caseworker does not read the mailbox.
        assertTrue(about("crasac.caseworker1", TestEvents.CRASAC_COUNSELLING).isEmpty());
    }

    @Test
    void anExpiredOverrideReachesItsRequesterItsApproverAndTheOrganisationOnce() {
        UUID requester = TestEvents.userId("celc.caseworker1");
        UUID approver = TestEvents.userId("celc.privacy1");
        SafeguardingOverride o = SafeguardingOverride.of(TestEvents.CELC, TestEvents.COVENTRY);
        TestEvents.publish(o.requested(requester));
        TestEvents.publish(o.approved(requester, approver));
        EventEnvelope expired = TestEvents.publish(o.expired("APPROVED", 3));
        TestEvents.publish(expired); // a duplicate: no second entry

        String kind = "CONSENT_OVERRIDE_EXPIRED";
        await().atMost(WAIT).until(() -> kinds("celc.caseworker1", o.overrideId()).contains(kind));
        await().atMost(WAIT).until(() -> kinds("celc.privacy1", o.overrideId()).contains(kind));
        await().atMost(WAIT).until(() -> about("celc.coordinator1", o.overrideId()).stream()
                .anyMatch(i -> kind.equals(i.get("kind")) && (Boolean) i.get("organisationMailbox")));
        // Another expiry event on the same key after the duplicate: once its entry is in, the duplicate was consumed.
        TestEvents.publish(o.expired("APPROVED", 4));
        await().atMost(WAIT).until(() -> count("celc.caseworker1", o.overrideId(), kind) == 2);

        Map<String, Object> item = about("celc.caseworker1", o.overrideId()).get(0);
        assertEquals("Sharing without consent has ended: the safeguarding override expired.", item.get("text"));
        assertEquals("EXPIRED", item.get("state"));
        assertEquals(false, item.get("organisationMailbox"));
        assertEquals(2, count("celc.privacy1", o.overrideId(), kind), "one per expiry event, the duplicate ignored");
        // The partnership lead's privacy officer was told of the approval, not of the expiry.
        assertTrue(kinds("fwt.privacy1", o.overrideId()).contains("CONSENT_OVERRIDE_APPROVED"));
        assertFalse(kinds("fwt.privacy1", o.overrideId()).contains(kind));
        assertTrue(about("celc.caseworker2", o.overrideId()).isEmpty());
    }

    @Test
    void aRequestThatExpiredUndecidedTellsTheRequesterAndTheOrganisation() {
        UUID requester = TestEvents.userId("celc.caseworker2");
        SafeguardingOverride o = SafeguardingOverride.of(TestEvents.CELC, TestEvents.COVENTRY);
        TestEvents.publish(o.requested(requester));
        TestEvents.publish(o.expired("REQUESTED", 2));
        String kind = "CONSENT_OVERRIDE_REQUEST_EXPIRED";
        await().atMost(WAIT).until(() -> kinds("celc.caseworker2", o.overrideId()).contains(kind));
        assertEquals("A request to share without consent expired without a decision.",
                about("celc.caseworker2", o.overrideId()).stream().filter(i -> kind.equals(i.get("kind"))).findFirst()
                        .orElseThrow().get("text"));
        await().atMost(WAIT).until(() -> about("celc.coordinator1", o.overrideId()).stream()
                .anyMatch(i -> kind.equals(i.get("kind")) && (Boolean) i.get("organisationMailbox")));
        // Nobody approved it: the privacy officer had the request (as an approver) but is not told of its lapse.
        assertTrue(kinds("celc.privacy1", o.overrideId()).contains("CONSENT_OVERRIDE_REQUESTED"));
        assertFalse(kinds("celc.privacy1", o.overrideId()).contains(kind));
    }

    @Test
    void aRefusedRequestTellsTheRequesterAndTheOrganisationMailboxOnce() {
        UUID requester = TestEvents.userId("celc.caseworker1");
        UUID refuser = TestEvents.userId("celc.privacy1");
        SafeguardingOverride o = SafeguardingOverride.of(TestEvents.CELC, TestEvents.COVENTRY);
        TestEvents.publish(o.requested(requester));
        EventEnvelope refused = TestEvents.publish(o.refused(requester, refuser, "NOT_PROPORTIONATE"));
        TestEvents.publish(refused); // a duplicate: no second entry
        String kind = "CONSENT_OVERRIDE_REFUSED";
        await().atMost(WAIT).until(() -> kinds("celc.caseworker1", o.overrideId()).contains(kind));
        await().atMost(WAIT).until(() -> about("celc.coordinator1", o.overrideId()).stream()
                .anyMatch(i -> kind.equals(i.get("kind")) && (Boolean) i.get("organisationMailbox")));
        // A later event on the same key (same partition): once its entry is in, the duplicate was consumed.
        TestEvents.publish(o.expired("REQUESTED", 3));
        await().atMost(WAIT).until(() -> kinds("celc.caseworker1", o.overrideId()).contains("CONSENT_OVERRIDE_REQUEST_EXPIRED"));

        Map<String, Object> item = about("celc.caseworker1", o.overrideId()).stream().filter(i -> kind.equals(i.get("kind")))
                .findFirst().orElseThrow();
        assertEquals("A request to share without consent was refused: nothing is shared without her consent.", item.get("text"));
        assertEquals("REFUSED", item.get("state"));
        assertEquals(false, item.get("organisationMailbox"));
        assertEquals(1, count("celc.caseworker1", o.overrideId(), kind), "the duplicate ignored");
        // Another caseworker of the organisation, and another organisation, hear nothing of it.
        assertTrue(about("celc.caseworker2", o.overrideId()).isEmpty());
        assertTrue(about("kairos.coordinator1", o.overrideId()).isEmpty());
    }

    @Test
    void anExpiryOfAnOverrideNeverSeenBeforeStillReachesTheOrganisationMailbox() {
        SafeguardingOverride o = SafeguardingOverride.of(TestEvents.KAIROS, TestEvents.COVENTRY);
        TestEvents.publish(o.expired("APPROVED", 2));
        await().atMost(WAIT).until(() -> about("kairos.coordinator1", o.overrideId()).size() == 1);
        assertEquals(true, about("kairos.coordinator1", o.overrideId()).get(0).get("organisationMailbox"));
        assertTrue(about("kairos.caseworker1", o.overrideId()).isEmpty());
    }

    static List<Map<String, Object>> fresh(String username, Set<Object> before, UUID aggregate) {
        return about(username, aggregate).stream().filter(i -> !before.contains(i.get("id"))).toList();
    }

    static List<String> kinds(String username, UUID aggregate) {
        return about(username, aggregate).stream().map(i -> (String) i.get("kind")).toList();
    }

    static long count(String username, UUID aggregate, String kind) {
        return about(username, aggregate).stream().filter(i -> kind.equals(i.get("kind"))).count();
    }
}
