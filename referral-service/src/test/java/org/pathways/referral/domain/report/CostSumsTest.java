package org.pathways.referral.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Sums of money follow the count table's suppression (issue 17, item 3; ADR 0065). */
class CostSumsTest {

    @Test
    void aSumIsShownOnlyWhereItsCountIsShown() {
        // Service a: 7 counselling lines, 3 subsistence; service b: 6 and 5. The 3 is "<5" and the rectangle is hidden.
        PublishedTable counts = DisclosureControl.publish(List.of("a", "b"), List.of("COUNSELLING", "SUBSISTENCE"),
                new long[][] {{7, 3}, {6, 5}}, true, true);
        PublishedTable sums = CostSums.publish(counts, List.of(new CostSums.Sum("a", "COUNSELLING", 70000),
                new CostSums.Sum("a", "SUBSISTENCE", 15050), new CostSums.Sum("b", "COUNSELLING", 60000),
                new CostSums.Sum("b", "SUBSISTENCE", 25000)));
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 2; c++) {
                boolean shown = counts.cells().get(r).get(c).matches("\\d+");
                assertEquals(shown, !sums.cells().get(r).get(c).equals(CostSums.SUPPRESSED), "cell " + r + "," + c);
            }
        }
        assertEquals("x", sums.cell("a", "SUBSISTENCE"));
        assertEquals("1700.50", sums.total());
        assertEquals(List.of("850.50", "850.00"), sums.rowTotals());
    }

    @Test
    void smallTotalsHideTheirSums() {
        PublishedTable counts = DisclosureControl.publish(List.of("a"), List.of("OTHER"), new long[][] {{2}}, true, true);
        PublishedTable sums = CostSums.publish(counts, List.of(new CostSums.Sum("a", "OTHER", 999)));
        assertEquals(List.of(List.of("x")), sums.cells());
        assertEquals("x", sums.total());
        assertEquals(List.of("x"), sums.rowTotals());
        assertEquals(List.of("x"), sums.columnTotals());
    }
}
