package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(List.of(), Nav.items(Set.of("org-admin")));
    }

    @Test
    void onlyThePartnershipConnectorSeesTheBoard() {
        assertEquals(List.of(Nav.MY_WORK, Nav.NEW_REFERRAL, Nav.CASELOAD, Nav.WAITING, Nav.TURN_AWAYS, Nav.BOARD, Nav.REPORTS), Nav.items(Set.of("connector")));
        assertEquals(false, Nav.mayUseReports(Set.of("referral-coordinator", "caseworker", "privacy-officer", "org-admin")));
        assertEquals(false, Nav.mayUseBoard(Set.of("referral-coordinator", "caseworker")));
    }
}
