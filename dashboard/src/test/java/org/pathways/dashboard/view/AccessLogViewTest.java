package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AccessLogViewTest {

    private static Map<String, Object> entry(long seq, String at, String action, String outcome, String basis) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("seq", seq);
        e.put("at", at);
        e.put("userId", "u-1");
        e.put("organisationId", "org-crasac");
        e.put("roles", List.of("caseworker", "offline_access", "default-roles-pathways"));
        e.put("action", action);
        e.put("categories", List.of("NEEDS", "SAFE_CONTACT"));
        e.put("purpose", "REFERRAL");
        e.put("basis", basis);
        e.put("outcome", outcome);
        return e;
    }

    @Test
    void eachEntryInPlainWordsWithTheOrganisationsNameNewestFirst() {
        List<AccessLogView.Line> lines = AccessLogView.record(List.of(
                entry(1, "2026-12-07T09:00:00Z", "REFERRAL_SUMMARY_READ", "GRANTED", "CONSENT"),
                entry(2, "2026-12-07T10:30:00Z", "REFERRAL_SUMMARY_READ", "DENIED", "NONE")),
                id -> id.equals("org-crasac") ? "CRASAC" : "?");
        assertEquals(2, lines.size());
        AccessLogView.Line newest = lines.get(0);
        assertEquals("7 December 2026 at 10:30am", newest.when());
        assertTrue(newest.refused());
        assertEquals("Refused: not shared", newest.result());
        AccessLogView.Line read = lines.get(1);
        assertEquals("A caseworker, CRASAC", read.who());
        assertEquals("Read her summary through a referral: Needs, Safe contact", read.what());
        assertEquals("To refer her, on her consent", read.why());
        assertEquals("Allowed", read.result());
    }

    @Test
    void consentServicesEntriesKeepTheirOrderAndNameTheAction() {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("at", "2026-06-01T08:00:00Z");
        e.put("actorRoles", List.of("privacy-officer"));
        e.put("actorOrganisationId", "org-celc");
        e.put("action", "OVERRIDE_READ");
        e.put("basis", "ORGANISATION");
        List<AccessLogView.Line> lines = AccessLogView.consent(List.of(e), id -> "CELC");
        assertEquals("A privacy officer, CELC", lines.get(0).who());
        assertEquals("Read a request to share without her consent", lines.get(0).what());
        assertEquals("1 June 2026 at 9:00am", lines.get(0).when(), "UK time (summer)");
        assertEquals("On her own organisation's record", lines.get(0).why());
    }
}
