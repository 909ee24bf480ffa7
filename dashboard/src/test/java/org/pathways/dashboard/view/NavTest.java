package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class NavTest {

    @Test
    void caseRolesSeeMyWorkAndNewReferralOthersSeeNothingYet() {
        assertEquals(List.of(Nav.MY_WORK, Nav.NEW_REFERRAL, Nav.CASELOAD, Nav.WAITING, Nav.TURN_AWAYS), Nav.items(Set.of("referral-coordinator")));
        assertEquals(List.of(Nav.MY_WORK, Nav.NEW_REFERRAL, Nav.CASELOAD, Nav.WAITING, Nav.TURN_AWAYS, Nav.PRIVACY), Nav.items(Set.of("caseworker", "privacy-officer")));
        assertEquals(List.of(Nav.PRIVACY), Nav.items(Set.of("privacy-officer")));
        assertEquals(List.of(Nav.REPORTS), Nav.items(Set.of("evaluator")));
        assertEquals(List.of(Nav.REPORTS), Nav.items(Set.of("partnership-admin")));
        assertEquals(List.of(Nav.DIRECTORY), Nav.items(Set.of("org-admin")));
        assertEquals(false, Nav.mayAdminDirectory(Set.of("caseworker", "referral-coordinator", "connector", "privacy-officer", "partnership-admin")));
    }

    @Test
    void onlyThePartnershipConnectorSeesTheBoard() {
        assertEquals(List.of(Nav.MY_WORK, Nav.NEW_REFERRAL, Nav.CASELOAD, Nav.WAITING, Nav.TURN_AWAYS, Nav.BOARD, Nav.REPORTS), Nav.items(Set.of("connector")));
        assertEquals(false, Nav.mayUseReports(Set.of("referral-coordinator", "caseworker", "privacy-officer", "org-admin")));
        assertEquals(false, Nav.mayUseBoard(Set.of("referral-coordinator", "caseworker")));
    }

    /** Every entry is marked "page" on its own page, and only that entry (Turn-aways was not marked on its own page). */
    @Test
    void eachEntryIsTheCurrentPageOnItsOwnPageAndNoOtherIs() {
        Set<String> everyone = Set.of("connector", "privacy-officer");
        List<Nav.Item> all = Nav.items(everyone);
        assertEquals(List.of(Nav.MY_WORK, Nav.NEW_REFERRAL, Nav.CASELOAD, Nav.WAITING, Nav.TURN_AWAYS, Nav.BOARD, Nav.REPORTS, Nav.PRIVACY), all);
        assertOnlyCurrent(everyone, "/work", Nav.MY_WORK);
        assertOnlyCurrent(everyone, "/new", Nav.NEW_REFERRAL);
        assertOnlyCurrent(everyone, "/caseload", Nav.CASELOAD);
        assertOnlyCurrent(everyone, "/waiting-lists", Nav.WAITING);
        assertOnlyCurrent(everyone, "/turn-aways", Nav.TURN_AWAYS);
        assertOnlyCurrent(everyone, "/board", Nav.BOARD);
        assertOnlyCurrent(everyone, "/reports", Nav.REPORTS);
        assertOnlyCurrent(everyone, "/privacy", Nav.PRIVACY);
    }

    @Test
    void aPageBelowAnEntryMarksItTrueAndUnrelatedPagesMarkNothing() {
        assertEquals("true", Nav.current(Nav.NEW_REFERRAL, "/new/abc/consent"));
        assertEquals("true", Nav.current(Nav.PRIVACY, "/privacy/overrides/1"));
        assertEquals("page", Nav.current(Nav.TURN_AWAYS, "/turn-aways/"));
        assertNull(Nav.current(Nav.NEW_REFERRAL, "/newsletter"), "a prefix that is not a path segment");
        assertNull(Nav.current(Nav.MY_WORK, "/referrals/1"));
        assertNull(Nav.current(Nav.MY_WORK, null));
        assertEquals(List.of(), Nav.links(Set.of("connector"), "/referrals/1").stream().filter(l -> l.current() != null).toList());
    }

    private static void assertOnlyCurrent(Set<String> roles, String path, Nav.Item expected) {
        List<Nav.Link> marked = Nav.links(roles, path).stream().filter(l -> l.current() != null).toList();
        assertEquals(List.of(new Nav.Link(expected, "page")), marked, path);
    }
}
