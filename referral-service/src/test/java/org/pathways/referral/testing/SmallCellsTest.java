package org.pathways.referral.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The reader's-view helper itself: it must find a pinned-down cell as well as a protected one. */
class SmallCellsTest {

    @Test
    void twoSmallCellsBesideAShownOneProtectEachOther() {
        // 3 + 2 + 6 = 11: either small cell could be anything the other and the total allow.
        assertEquals(Set.of(1, 2, 3, 4), SmallCells.possibleValues(List.of("<5", "<5", "6"), 0, 11));
    }

    @Test
    void aLoneSmallCellIsPinnedDownByTheTotal() {
        assertEquals(Set.of(3), SmallCells.possibleValues(List.of("<5", "5", "6"), 0, 14));
        assertEquals(Set.of(5), SmallCells.possibleValues(List.of("<5", "5", "6"), 1, 14));
    }

    @Test
    void cellsThatCannotMakeTheTotalAllowNothing() {
        assertEquals(Set.of(), SmallCells.possibleValues(List.of("<5", "5"), 0, 20));
    }
}
