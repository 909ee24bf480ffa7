package org.pathways.referral.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.pathways.referral.testing.SmallTables;

/**
 * The turn-away table (issue 17, item 4: service x reason code, with row, column and grand totals) under the existing
 * disclosure control, checked by {@link SmallTables}, the reader's brute force the integration test uses too.
 */
class TurnAwayTableTest {

    private static final List<String> SERVICES = List.of("service-a", "service-b");

    private static PublishedTable publish(long[][] counts) {
        return DisclosureControl.publish(SERVICES.subList(0, counts.length),
                List.of("NO_CAPACITY", "NOT_ELIGIBLE", "OUT_OF_AREA").subList(0, counts[0].length), counts, true, true);
    }

    @Test
    void theReaderPinsDownAnUnprotectedSmallCell() {
        // Without secondary suppression a 3 next to 10, 12 and 20 is the row total minus 10: the reader must see that.
        Set<Long> values = SmallTables.possibleValues(List.of(List.of("<5", "10"), List.of("12", "20")), List.of("13", "32"),
                List.of("15", "30"), "45", 0, 0, 45);
        assertEquals(Set.of(3L), values);
    }

    @Test
    void threeTurnedAwayOutOfAreaCannotBeWorkedOutFromTheTotals() {
        long[][] counts = {{7, 3}, {6, 5}};
        PublishedTable t = publish(counts);
        assertEquals("<5", t.cells().get(0).get(1));
        assertEquals("21", t.total());
        Set<Long> values = SmallTables.possibleValues(t.cells(), t.rowTotals(), t.columnTotals(), t.total(), 0, 1, 21);
        assertTrue(values.size() > 1, "the 3 is pinned down: " + t);
        assertTrue(values.contains(3L));
    }

    @Test
    void randomTurnAwayTablesNeverExposeASmallCell() {
        Random random = new Random(17);
        for (int n = 0; n < 150; n++) {
            int rows = 1 + random.nextInt(2);
            int cols = 1 + random.nextInt(3);
            long[][] counts = new long[rows][cols];
            for (long[] row : counts) for (int c = 0; c < cols; c++) row[c] = random.nextInt(10);
            PublishedTable t = publish(counts);
            long cap = t.total().matches("\\d+") ? Math.min(Long.parseLong(t.total()), 40) : 40;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    String shown = t.cells().get(r).get(c);
                    if (shown.equals(DisclosureControl.HIDDEN)) continue;
                    if (!shown.equals(DisclosureControl.SMALL)) {
                        assertEquals(Long.toString(counts[r][c]), shown, "a shown cell is its true value");
                        continue;
                    }
                    Set<Long> values = SmallTables.possibleValues(t.cells(), t.rowTotals(), t.columnTotals(), t.total(), r, c, cap);
                    assertTrue(values.contains(counts[r][c]), "the truth is among the reader's candidates");
                    assertTrue(values.size() > 1, "cell " + r + "," + c + " of " + java.util.Arrays.deepToString(counts)
                            + " is pinned down: " + t);
                }
            }
        }
    }
}
