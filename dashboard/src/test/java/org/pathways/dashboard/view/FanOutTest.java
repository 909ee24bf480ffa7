package org.pathways.dashboard.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class FanOutTest {

    private static final String CRASAC = "5e1f0000-0000-4000-8000-0000000000c1";
    private static final String CELC = "5e1f0000-0000-4000-8000-0000000000c2";

    @Test
    void oneChildPerServiceChosenNeedsForTheSameServiceTogetherInTheParentsOrder() {
        Map<String, String> chosen = new HashMap<>();
        chosen.put("counselling", CRASAC);
        chosen.put("legal-immigration", CELC);
        chosen.put("stalking-harassment", CRASAC.toUpperCase());
        chosen.put("domestic-abuse", ""); // not now
        List<FanOut.Child> children = FanOut.children(List.of("counselling", "domestic-abuse", "legal-immigration", "stalking-harassment"),
                chosen);
        assertEquals(List.of(new FanOut.Child(CRASAC, List.of("counselling", "stalking-harassment")),
                new FanOut.Child(CELC, List.of("legal-immigration"))), children);
    }

    @Test
    void nothingChosenOrNotAServiceIdIsNoChildAndANeedNotOfTheParentIsIgnored() {
        assertTrue(FanOut.children(List.of("counselling"), Map.of()).isEmpty());
        assertTrue(FanOut.children(List.of("counselling"), Map.of("counselling", "not-an-id")).isEmpty());
        assertTrue(FanOut.children(List.of("counselling"), Map.of("housing", CRASAC)).isEmpty());
    }

    @Test
    void onlyTheConnectorOfTheReceivingOrganisationSplitsATakenUpReferralToAConnectorService() {
        Set<String> connector = Set.of("connector");
        for (String state : List.of("ACCEPTED", "ON_HOLD", "IN_PROGRESS")) assertTrue(FanOut.maySplit(connector, state, true, true), state);
        for (String state : List.of("SENT", "DECLINED", "COMPLETED", "NOT_COMPLETED", "EXPIRED", "WITHDRAWN")) {
            assertFalse(FanOut.maySplit(connector, state, true, true), state);
        }
        assertFalse(FanOut.maySplit(Set.of("caseworker", "referral-coordinator"), "ACCEPTED", true, true), "not the connector role");
        assertFalse(FanOut.maySplit(connector, "ACCEPTED", false, true), "she sent it: not hers to split");
        assertFalse(FanOut.maySplit(connector, "ACCEPTED", true, false), "not a Connector service");
    }

    @Test
    void theChildIdsInTheAddressAreIdsOnlyAtMostTwentyWithoutRepeats() {
        assertEquals(List.of(CRASAC, CELC), FanOut.ids(CRASAC + ", " + CELC + "," + CRASAC + ",<script>,"));
        assertTrue(FanOut.ids(null).isEmpty());
        String many = String.join(",", java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> String.format("5e1f0000-0000-4000-8000-%012d", i)).toList());
        assertEquals(FanOut.MAX_CHILDREN, FanOut.ids(many).size());
    }

    @Test
    void theSectionAConsentRefusalNamesAndTheFieldOfANeed() {
        assertEquals("STORY", FanOut.uncoveredSection("STORY is not covered by her consent"));
        assertEquals("", FanOut.uncoveredSection(null));
        assertEquals("service-legal-immigration", FanOut.field("legal-immigration"));
    }
}
