package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class QueueRowTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private static Map<String, Object> item(String id, String state, String dueAt, boolean overdue) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("state", state);
        m.put("fromOrganisationId", "org-a");
        m.put("needs", List.of("counselling", "legal-immigration"));
        m.put("urgency", "ROUTINE");
        m.put("dueAt", dueAt);
        m.put("overdue", overdue);
        m.put("version", 1);
        return m;
    }

    @Test
    void newReferralsComeFirstKeepingTheQueuesOrderWithinEachGroup() {
        List<QueueRow> rows = QueueRow.incoming(List.of(
                item("00000000-accepted-1", "ACCEPTED", "2026-12-08T10:00:00Z", false),
                item("00000000-sent-1", "SENT", "2026-12-09T10:00:00Z", false),
                item("00000000-accepted-2", "ACCEPTED", null, false),
                item("00000000-sent-2", "SENT", "2026-12-10T10:00:00Z", false)), id -> "Org A", NOW);
        assertEquals(List.of("00000000-sent-1", "00000000-sent-2", "00000000-accepted-1", "00000000-accepted-2"),
                rows.stream().map(QueueRow::id).toList());
        assertTrue(rows.get(0).isNew());
        assertFalse(rows.get(2).isNew());
        assertEquals("Org A", rows.get(0).otherOrganisation());
        assertEquals("Counselling, Immigration law", rows.get(0).needs(), "the taxonomy's own labels");
    }

    @Test
    void daysLeftAndOverdue() {
        QueueRow r = QueueRow.of(item("x", "SENT", "2026-12-10T12:00:00Z", false), "org-a", id -> "A", NOW);
        assertEquals("3 days left", r.daysLeft());
        assertEquals("10 December 2026", r.due());
        assertTrue(QueueRow.of(item("y", "SENT", "2026-12-06T12:00:00Z", true), "org-a", id -> "A", NOW).overdue());
        assertEquals("Due today", QueueRow.daysLeft(NOW, NOW.plusSeconds(3600)));
        assertEquals("1 day left", QueueRow.daysLeft(NOW, NOW.plusSeconds(30 * 3600)));
        assertEquals("Due now", QueueRow.daysLeft(NOW, NOW.minusSeconds(1)));
    }

    @Test
    void aStatutoryReferralSaysItsKindBesideTheOrganisation() {
        Map<String, Object> marac = item("00000000-marac-1", "SENT", null, false);
        marac.put("kind", "MARAC");
        Map<String, Object> police = item("00000000-police-1", "SENT", null, false);
        police.put("kind", "POLICE");
        Map<String, Object> sarc = item("00000000-sarc-1", "ACCEPTED", null, false);
        sarc.put("kind", "SARC");
        Map<String, Object> ordinary = item("00000000-plain-1", "ACCEPTED", null, false);
        List<QueueRow> rows = QueueRow.incoming(List.of(marac, police, sarc, ordinary), id -> "Kairos", NOW);
        assertEquals(List.of("Kairos (MARAC referral)", "Kairos (Police referral)", "Kairos (SARC referral)", "Kairos"),
                rows.stream().map(QueueRow::otherOrganisation).toList());
        assertEquals("MARAC", rows.get(0).kind());
        assertEquals(null, rows.get(3).kind());
        Map<String, Object> out = item("00000000-out-1", "SENT", null, false);
        out.put("toOrganisationId", "org-m");
        out.put("kind", "MARAC");
        assertEquals("Coventry MARAC coordinator (MARAC referral)",
                QueueRow.outgoing(List.of(out), id -> "Coventry MARAC coordinator", NOW).get(0).otherOrganisation());
    }
}
