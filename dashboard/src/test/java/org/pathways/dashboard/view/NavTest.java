package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class NavTest {

    @Test
    void caseRolesSeeMyWorkAndNewReferralOthersSeeNothingYet() {
        assertEquals(List.of(Nav.MY_WORK, Nav.NEW_REFERRAL), Nav.items(Set.of("referral-coordinator")));
        assertEquals(List.of(Nav.MY_WORK, Nav.NEW_REFERRAL), Nav.items(Set.of("caseworker", "privacy-officer")));
        assertEquals(List.of(), Nav.items(Set.of("evaluator")));
        assertEquals(List.of(), Nav.items(Set.of("org-admin")));
    }

    @Test
    void onlyThePartnershipConnectorSeesTheBoard() {
        assertEquals(List.of(Nav.MY_WORK, Nav.NEW_REFERRAL, Nav.BOARD), Nav.items(Set.of("connector")));
        assertEquals(false, Nav.mayUseBoard(Set.of("referral-coordinator", "caseworker")));
    }
}
