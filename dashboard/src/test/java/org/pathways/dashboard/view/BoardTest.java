package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class BoardTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration STALLED = Duration.ofDays(14);

    private static Map<String, Object> item(String id, String state, boolean overdue, String updatedAt) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("state", state);
        m.put("overdue", overdue);
        m.put("fromOrganisationId", "kairos");
        m.put("toOrganisationId", "crasac");
        m.put("toServiceId", "counselling");
        m.put("needs", List.of("counselling"));
        m.put("urgency", "ROUTINE");
        m.put("sentAt", "2026-11-01T09:00:00Z");
        m.put("updatedAt", updatedAt);
        m.put("dueAt", "2026-12-20T09:00:00Z");
        return m;
    }

    private static List<Board.Group> board(List<Map<String, Object>> items, String ownOrg) {
        return Board.groups(items, id -> "Org " + id, id -> "Service " + id, ownOrg, NOW, STALLED);
    }

    @Test
    void oneGroupPerInFlightStateInTheLifecyclesOrderEndedOnesLeftOut() {
        List<Board.Group> groups = board(List.of(item("a", "IN_PROGRESS", false, "2026-12-06T09:00:00Z"),
                item("b", "SENT", false, "2026-12-06T09:00:00Z"), item("c", "COMPLETED", false, "2026-12-06T09:00:00Z")), null);
        assertEquals(List.of("SENT", "ACCEPTED", "ON_HOLD", "IN_PROGRESS"), groups.stream().map(Board.Group::state).toList());
        assertEquals(List.of(1, 0, 0, 1), groups.stream().map(Board.Group::count).toList());
        assertEquals("New", groups.get(0).label());
    }

    @Test
    void overdueFirstThenStalledThenTheApisOrder() {
        List<Board.Group> groups = board(List.of(
                item("fresh", "ACCEPTED", false, "2026-12-06T09:00:00Z"),
                item("stalled", "ACCEPTED", false, "2026-11-20T09:00:00Z"),
                item("late", "ACCEPTED", true, "2026-12-06T09:00:00Z"),
                item("fresh2", "ACCEPTED", false, "2026-12-07T09:00:00Z")), null);
        Board.Group accepted = groups.get(1);
        assertEquals(List.of("late", "stalled", "fresh", "fresh2"), accepted.rows().stream().map(Board.Row::id).toList());
        assertEquals(1, accepted.overdue());
        assertEquals(1, accepted.stalled());
        assertEquals("No move for 17 days", accepted.rows().get(1).idle());
        assertFalse(accepted.rows().get(0).stalled(), "an overdue referral is counted as overdue, not also as stalled");
    }

    @Test
    void onlyHerOwnOrganisationsReferralsOpenAndChildrenAndReRoutesAreMarked() {
        Map<String, Object> child = item("child", "SENT", false, "2026-12-06T09:00:00Z");
        child.put("parentReferralId", "parent");
        Map<String, Object> reroute = item("reroute", "SENT", false, "2026-12-06T09:00:00Z");
        reroute.put("replacesReferralId", "declined");
        List<Board.Row> rows = board(List.of(child, reroute), "fwt").get(0).rows();
        assertTrue(rows.get(0).child() && !rows.get(0).reroute());
        assertTrue(rows.get(1).reroute());
        assertFalse(rows.get(0).openable(), "another organisations' referral: metadata only");
        assertTrue(board(List.of(child), "crasac").get(0).rows().get(0).openable());
        assertEquals("Org kairos", rows.get(0).from());
        assertEquals("Service counselling", rows.get(0).service());
        assertEquals("1 November 2026", rows.get(0).sent());
    }
    @Test
    void aTakenUpReferralToHerOwnConnectorServiceIsSplittableNothingElse() {
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        for (String state : List.of("SENT", "ACCEPTED", "ON_HOLD", "IN_PROGRESS")) {
            Map<String, Object> i = item("to-connector-" + state, state, false, "2026-12-06T09:00:00Z");
            i.put("toOrganisationId", "fwt");
            i.put("toServiceId", "fwt-connector");
            items.add(i);
        }
        Map<String, Object> otherService = item("to-employment", "ACCEPTED", false, "2026-12-06T09:00:00Z");
        otherService.put("toOrganisationId", "fwt");
        otherService.put("toServiceId", "fwt-employment");
        items.add(otherService);
        Map<String, Object> otherOrg = item("to-another-connector", "ACCEPTED", false, "2026-12-06T09:00:00Z");
        otherOrg.put("toServiceId", "fwt-connector"); // received by crasac: not hers to split
        items.add(otherOrg);
        List<Board.Group> groups = Board.groups(items, id -> "Org " + id, id -> "Service " + id, "fwt-connector"::equals, "fwt", NOW, STALLED);
        Map<String, Boolean> splittable = new HashMap<>();
        groups.forEach(g -> g.rows().forEach(r -> splittable.put(r.id(), r.splittable())));
        assertEquals(Map.of("to-connector-SENT", false, "to-connector-ACCEPTED", true, "to-connector-ON_HOLD", true,
                "to-connector-IN_PROGRESS", true, "to-employment", false, "to-another-connector", false), splittable);
        assertFalse(board(items, "fwt").get(1).rows().get(0).splittable(), "without the directory's connector flag: never");
    }

    @Test
    void declinedOrExpiredReferralsHerOrganisationSentNewestFirstReplacedOnesLeftOut() {
        Map<String, Object> older = item("older", "DECLINED", false, "2026-12-01T09:00:00Z");
        older.put("fromOrganisationId", "fwt");
        older.put("parentReferralId", "parent");
        Map<String, Object> newer = item("newer", "EXPIRED", false, "2026-12-05T09:00:00Z");
        newer.put("fromOrganisationId", "fwt");
        Map<String, Object> received = item("received", "DECLINED", false, "2026-12-06T09:00:00Z"); // kairos sent it
        Map<String, Object> declinedReroute = item("declined-reroute", "DECLINED", false, "2026-12-04T09:00:00Z");
        declinedReroute.put("fromOrganisationId", "fwt");
        declinedReroute.put("replacesReferralId", "first-decline");
        Map<String, Object> firstDecline = item("first-decline", "DECLINED", false, "2026-11-30T09:00:00Z");
        firstDecline.put("fromOrganisationId", "fwt");
        Map<String, Object> open = item("open", "SENT", false, "2026-12-06T09:00:00Z");
        open.put("fromOrganisationId", "fwt");
        List<Board.Declined> rows = Board.declined(List.of(older, newer, received, declinedReroute, firstDecline, open), id -> "Org " + id,
                id -> "Service " + id, "fwt");
        assertEquals(List.of("newer", "declined-reroute", "older"), rows.stream().map(Board.Declined::id).toList());
        assertEquals("Declined", rows.get(2).stateLabel());
        assertTrue(rows.get(2).child() && !rows.get(2).reroute());
        assertTrue(rows.get(1).reroute());
        assertEquals("Org crasac", rows.get(0).to());
        assertEquals("Service counselling", rows.get(0).service());
        assertEquals("5 December 2026", rows.get(0).ended());
        assertTrue(Board.declined(List.of(older), id -> id, id -> id, null).isEmpty(), "no organisation: nothing");
    }
}
