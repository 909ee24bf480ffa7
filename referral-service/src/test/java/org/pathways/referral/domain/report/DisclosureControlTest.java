package org.pathways.referral.domain.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.pathways.referral.domain.report.DisclosureControl.Mark;

class DisclosureControlTest {

    @Test
    void engagementsPerOrganisationAllSmallShowOnlyTheTotal() {
        // The partnership: 8 engagements across four organisations, 6 women.
        PublishedTable t = DisclosureControl.publish(List.of("kairos", "crasac", "celc", "fwt"), List.of("engagements"),
                new long[][] {{3}, {2}, {2}, {1}});
        assertEquals("<5", t.cell("kairos", "engagements"));
        assertEquals("8", t.total());
        assertEquals(List.of("8"), t.columnTotals());
        assertProtected(new long[][] {{3}, {2}, {2}, {1}});
    }

    @Test
    void aCellOfThreeCannotBeWorkedOutFromItsRowAndColumnTotals() {
        long[][] counts = {{3, 10}, {12, 20}};
        PublishedTable t = DisclosureControl.publish(List.of("a", "b"), List.of("x", "y"), counts);
        assertEquals("<5", t.cell("a", "x"));
        // Totals stay published; the three can only be hidden by hiding the whole rectangle.
        assertEquals(List.of("13", "32"), t.rowTotals());
        assertEquals(List.of("15", "30"), t.columnTotals());
        assertEquals("45", t.total());
        assertEquals(List.of(List.of("<5", "*"), List.of("*", "*")), t.cells());
        assertProtected(counts);
    }

    @Test
    void aSingleHiddenCellInARowIsNeverLeftAlone() {
        long[][] counts = {{3, 10, 11}, {12, 20, 9}, {6, 7, 8}};
        Mark[][] marks = DisclosureControl.marks(counts);
        for (int r = 0; r <= counts.length; r++) {
            int hidden = 0;
            for (int c = 0; c <= counts[0].length; c++) {
                hidden += marks[r][c] == Mark.SHOWN ? 0 : 1;
            }
            assertTrue(hidden != 1, "row " + r + " has exactly one hidden entry");
        }
        assertProtected(counts);
    }

    @Test
    void aHiddenCountItsTotalGivesAwayIsShownInstead() {
        // Before: the 5 was published as "*" beside its own row total "5" (found in one-column tables).
        long[][] counts = {{5}, {0}};
        PublishedTable t = DisclosureControl.publish(List.of("a", "b"), List.of("x"), counts);
        assertEquals("5", t.cell("a", "x"));
        assertEquals(List.of("5", "<5"), t.rowTotals());
        assertProtected(counts);
    }

    @Test
    void noHiddenEntryIsDeterminedByWhatIsShown() {
        Random random = new Random(7);
        for (int k = 0; k < 3000; k++) {
            int rows = 1 + random.nextInt(4);
            int cols = 1 + random.nextInt(3);
            long[][] counts = new long[rows][cols];
            for (long[] row : counts) {
                for (int c = 0; c < cols; c++) {
                    row[c] = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextInt(15);
                }
            }
            boolean rowTotals = random.nextBoolean();
            DisclosureControl.Grid g = DisclosureControl.Grid.of(counts, cols);
            g.unpublish(rowTotals, true);
            Mark[][] marks = DisclosureControl.marks(counts, rowTotals, true);
            for (int i = 0; i < marks.length; i++) {
                System.arraycopy(marks[i], 0, g.marks[i], 0, marks[i].length);
            }
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= cols; j++) {
                    if (marks[i][j] == Mark.HIDDEN) {
                        assertFalse(DisclosureControl.exposed(g, i, j), "(" + i + "," + j + ") is '*' but determined");
                    }
                }
            }
            if (k < 300) {
                assertProtected(counts, rowTotals); // the independent search is slow: a sample is enough
            }
        }
    }

    @Test
    void zeroIsShownAsUnderFiveToo() {
        PublishedTable t = DisclosureControl.publish(List.of("a", "b"), List.of("x", "y"), new long[][] {{0, 9}, {7, 8}});
        assertEquals("<5", t.cell("a", "x"));
        assertProtected(new long[][] {{0, 9}, {7, 8}});
    }

    @Test
    void smallTotalsAreSuppressedAndStillProtected() {
        long[][] counts = {{1, 2}, {0, 1}};
        PublishedTable t = DisclosureControl.publish(List.of("a", "b"), List.of("x", "y"), counts);
        assertEquals("<5", t.total());
        assertEquals(List.of("<5", "<5"), t.rowTotals());
        assertProtected(counts);
    }

    @Test
    void aFunnelPublishesNoRowTotalsAndIsStillProtected() {
        // Columns sent, taken up, completed: not additive across a row, so no row totals.
        long[][] counts = {{12, 9, 3}, {20, 15, 11}, {8, 6, 6}};
        PublishedTable t = DisclosureControl.publish(List.of("crasac", "celc", "fwt"), List.of("sent", "taken-up", "completed"),
                counts, false, true);
        assertEquals(List.of(), t.rowTotals());
        assertEquals("<5", t.cell("crasac", "completed"));
        assertEquals(3, t.columnTotals().size());
        assertProtected(counts, false);
        Random random = new Random(7);
        for (int trial = 0; trial < 100; trial++) {
            long[][] c = new long[1 + random.nextInt(3)][1 + random.nextInt(3)];
            for (long[] row : c) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = random.nextInt(3) == 0 ? 5 + random.nextInt(6) : random.nextInt(6);
                }
            }
            assertProtected(c, false);
        }
    }

    @Test
    void largeCountsAreShownUnchanged() {
        long[][] counts = {{50, 60}, {70, 80}};
        PublishedTable t = DisclosureControl.publish(List.of("a", "b"), List.of("x", "y"), counts);
        assertEquals(List.of(List.of("50", "60"), List.of("70", "80")), t.cells());
        assertEquals("260", t.total());
    }

    @Test
    void randomTablesNeverExposeASmallCell() {
        Random random = new Random(20261122L);
        for (int trial = 0; trial < 300; trial++) {
            int rows = 1 + random.nextInt(3);
            int cols = 1 + random.nextInt(3);
            long[][] counts = new long[rows][cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    counts[r][c] = random.nextInt(4) == 0 ? 5 + random.nextInt(8) : random.nextInt(7);
                }
            }
            assertProtected(counts);
        }
    }

    @Test
    void shownValuesAreTheTrueValues() {
        long[][] counts = {{3, 10, 11}, {12, 20, 9}, {6, 7, 8}};
        Mark[][] marks = DisclosureControl.marks(counts);
        PublishedTable t = DisclosureControl.publish(List.of("a", "b", "c"), List.of("x", "y", "z"), counts);
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                if (marks[r][c] == Mark.SHOWN) {
                    assertEquals(Long.toString(counts[r][c]), t.cells().get(r).get(c));
                }
            }
        }
    }

    @Test
    void raggedOrNegativeTablesAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DisclosureControl.publish(List.of("a"), List.of("x", "y"), new long[][] {{1}}));
        assertThrows(IllegalArgumentException.class,
                () -> DisclosureControl.publish(List.of("a"), List.of("x"), new long[][] {{-1}}));
    }

    // ---- an independent check: a reader's exhaustive search over every table consistent with what is published ----

    /**
     * For every "&lt;5" entry (body or total), searches for a table that matches everything shown, respects the rule's
     * bounds (0..4 for "&lt;5", at least 5 for "*"), and gives that entry a different value. Independent of the
     * residual-cycle test in the code under test: plain depth-first search over the hidden body cells.
     */
    private static void assertProtected(long[][] counts) {
        assertProtected(counts, true);
    }

    private static void assertProtected(long[][] counts, boolean rowTotals) {
        Mark[][] marks = DisclosureControl.marks(counts, rowTotals, true);
        int rows = counts.length;
        int cols = counts[0].length;
        long grand = 0;
        for (long[] row : counts) {
            for (long v : row) {
                grand += v;
            }
        }
        for (int i = 0; i <= rows; i++) {
            for (int j = 0; j <= cols; j++) {
                if (marks[i][j] == Mark.SMALL) {
                    long truth = value(counts, i, j);
                    boolean other = false;
                    for (long v : new long[] {truth - 1, truth + 1}) {
                        if (v >= 0 && v <= 4 && existsTable(counts, marks, grand, i, j, v)) {
                            other = true;
                        }
                    }
                    assertTrue(other, "entry (" + i + "," + j + ")=" + truth + " is exposed in " + show(counts, marks));
                }
                if (marks[i][j] == Mark.SHOWN) {
                    assertFalse(value(counts, i, j) < 5, "a count under 5 is shown");
                }
            }
        }
    }

    private static long value(long[][] counts, int i, int j) {
        int rows = counts.length;
        int cols = counts[0].length;
        long sum = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if ((i == rows || i == r) && (j == cols || j == c)) {
                    sum += counts[r][c];
                }
            }
        }
        return sum;
    }

    private static boolean existsTable(long[][] counts, Mark[][] marks, long grand, int fi, int fj, long fv) {
        int rows = counts.length;
        int cols = counts[0].length;
        long[][] t = new long[rows][cols];
        // A reader's upper bound for a hidden body cell: the grand total when shown, otherwise 4 per "<5" total row...
        // simply "the true grand total + 10" is generous and keeps the search finite.
        long cap = grand + 10;
        return search(counts, marks, t, 0, cap, fi, fj, fv);
    }

    private static boolean search(long[][] counts, Mark[][] marks, long[][] t, int k, long cap, int fi, int fj, long fv) {
        int rows = counts.length;
        int cols = counts[0].length;
        if (k == rows * cols) {
            for (int i = 0; i <= rows; i++) {
                for (int j = 0; j <= cols; j++) {
                    long v = value(t, i, j);
                    if (i == fi && j == fj && v != fv) {
                        return false;
                    }
                    if (!fits(marks[i][j], v, value(counts, i, j))) {
                        return false;
                    }
                }
            }
            return true;
        }
        int r = k / cols;
        int c = k % cols;
        long lo;
        long hi;
        switch (marks[r][c]) {
            case SHOWN -> { lo = counts[r][c]; hi = counts[r][c]; }
            case SMALL -> { lo = 0; hi = 4; }
            default -> { lo = 5; hi = cap; }
        }
        for (long v = lo; v <= hi; v++) {
            t[r][c] = v;
            if (partialOk(counts, marks, t, r, c) && search(counts, marks, t, k + 1, cap, fi, fj, fv)) {
                return true;
            }
        }
        t[r][c] = 0;
        return false;
    }

    /** Prunes: a completed row must fit its total; partial sums may not exceed a shown or "<5" total. */
    private static boolean partialOk(long[][] counts, Mark[][] marks, long[][] t, int r, int c) {
        int rows = counts.length;
        int cols = counts[0].length;
        long rowSum = 0;
        for (int j = 0; j <= c; j++) {
            rowSum += t[r][j];
        }
        if (c == cols - 1 && !fits(marks[r][cols], rowSum, value(counts, r, cols))) {
            return false;
        }
        if (marks[r][cols] != Mark.HIDDEN && marks[r][cols] != Mark.UNPUBLISHED && rowSum > upper(marks[r][cols], value(counts, r, cols))) {
            return false;
        }
        long colSum = 0;
        for (int i = 0; i <= r; i++) {
            colSum += t[i][c];
        }
        if (r == rows - 1 && !fits(marks[rows][c], colSum, value(counts, rows, c))) {
            return false;
        }
        return marks[rows][c] == Mark.HIDDEN || colSum <= upper(marks[rows][c], value(counts, rows, c));
    }

    private static long upper(Mark mark, long truth) {
        return mark == Mark.SMALL ? 4 : truth;
    }

    private static boolean fits(Mark mark, long v, long truth) {
        return switch (mark) {
            case SHOWN -> v == truth;
            case SMALL -> v >= 0 && v <= 4;
            case HIDDEN -> v >= 5;
            case UNPUBLISHED -> true;
        };
    }

    private static String show(long[][] counts, Mark[][] marks) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i <= counts.length; i++) {
            for (int j = 0; j <= counts[0].length; j++) {
                sb.append(value(counts, i, j)).append(marks[i][j] == Mark.SHOWN ? "" : marks[i][j] == Mark.SMALL ? "s" : "h").append(' ');
            }
            sb.append("| ");
        }
        return sb.toString();
    }
}
