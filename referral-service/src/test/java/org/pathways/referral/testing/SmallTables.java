package org.pathways.referral.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A reader's view of a published two-way table with its margins, to check secondary suppression from the outside: every
 * "&lt;5" is 0..4, every "*" is at least 5, shown numbers are fixed, and every shown (or marked) row, column and grand
 * total must hold. {@link #possibleValues} lists every value a body cell can take in some table consistent with all of
 * that; one value means the cell is pinned down. Brute force with pruning, for the small tables tests publish.
 */
public final class SmallTables {

    public static final String SMALL = "<5";
    public static final String HIDDEN = "*";

    private SmallTables() {
    }

    /**
     * @param rowTotals empty when the table publishes no row totals
     * @param cap       the largest value a "*" can take (e.g. the grand total when it is shown)
     */
    public static Set<Long> possibleValues(List<List<String>> cells, List<String> rowTotals, List<String> columnTotals, String total,
            int row, int column, long cap) {
        int rows = cells.size();
        int cols = rows == 0 ? 0 : cells.get(0).size();
        long[][] t = new long[rows][cols];
        Set<Long> out = new TreeSet<>();
        search(cells, rowTotals, columnTotals, total, t, 0, rows, cols, cap, row, column, out);
        return out;
    }

    private static void search(List<List<String>> cells, List<String> rowTotals, List<String> columnTotals, String total,
            long[][] t, int k, int rows, int cols, long cap, int fr, int fc, Set<Long> out) {
        if (k == rows * cols) {
            long grand = 0;
            for (int c = 0; c < cols; c++) {
                long sum = 0;
                for (int r = 0; r < rows; r++) sum += t[r][c];
                if (!fits(columnTotals.get(c), sum)) return;
                grand += sum;
            }
            if (total != null && !fits(total, grand)) return;
            out.add(t[fr][fc]);
            return;
        }
        int r = k / cols;
        int c = k % cols;
        for (long v : domain(cells.get(r).get(c), cap)) {
            t[r][c] = v;
            if (!partialOk(columnTotals.get(c), t, r, c, true)) continue;
            if (c == cols - 1 && !rowTotals.isEmpty()) {
                long sum = 0;
                for (int j = 0; j < cols; j++) sum += t[r][j];
                if (!fits(rowTotals.get(r), sum)) continue;
            } else if (!rowTotals.isEmpty() && !partialOk(rowTotals.get(r), t, r, c, false)) {
                continue;
            }
            search(cells, rowTotals, columnTotals, total, t, k + 1, rows, cols, cap, fr, fc, out);
        }
        t[r][c] = 0;
    }

    /** A partial sum (down a column to row r, or along a row to column c) must not already exceed the total's bound. */
    private static boolean partialOk(String bound, long[][] t, int r, int c, boolean column) {
        long sum = 0;
        if (column) for (int i = 0; i <= r; i++) sum += t[i][c];
        else for (int j = 0; j <= c; j++) sum += t[r][j];
        if (bound.equals(SMALL)) return sum <= 4;
        if (bound.equals(HIDDEN)) return true;
        return sum <= Long.parseLong(bound);
    }

    private static boolean fits(String shown, long v) {
        if (shown.equals(SMALL)) return v >= 0 && v <= 4;
        if (shown.equals(HIDDEN)) return v >= 5;
        return v == Long.parseLong(shown);
    }

    private static List<Long> domain(String shown, long cap) {
        List<Long> out = new ArrayList<>();
        if (shown.equals(SMALL)) for (long v = 0; v <= 4; v++) out.add(v);
        else if (shown.equals(HIDDEN)) for (long v = 5; v <= cap; v++) out.add(v);
        else out.add(Long.parseLong(shown));
        return out;
    }
}
