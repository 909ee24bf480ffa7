package org.pathways.referral.domain.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * Small-number suppression for a two-way table of counts with row, column and grand totals.
 *
 * <p><b>Primary suppression</b>: every count under {@value #THRESHOLD} (zero included, so a "<5" never tells a reader
 * that somebody was or was not there) is shown as {@value #SMALL}, in the body and in the totals alike.
 *
 * <p><b>Secondary suppression</b>: a hidden cell must not be recoverable from what is shown. A reader who knows the rule
 * knows that a "<5" lies in 0..4 and a secondary-suppressed cell ({@value #HIDDEN}) is at least 5. The table with its
 * margins is written as an (R+1)x(C+1) array whose every row and column sums to zero (margins negated, grand total
 * positive), so the tables a reader cannot tell apart are exactly the integer circulations within those bounds. A hidden
 * value is then determined by what is shown if and only if no alternating cycle of hidden cells passes through it that
 * can move it by one (the residual-cycle test of network flows); {@link #exposed} runs that test exactly. Cells are added
 * to the secondary set, smallest body cell of the exposed cell's row or column first, until no primary cell is exposed.
 *
 * <p>Pure and deterministic: the same counts always give the same published table.
 */
public final class DisclosureControl {

    /** Counts below this are never shown. */
    public static final int THRESHOLD = 5;
    /** Shown for a count under {@link #THRESHOLD}. */
    public static final String SMALL = "<5";
    /** Shown for a count of five or more hidden so that a "<5" cannot be worked out from the totals. */
    public static final String HIDDEN = "*";

    private static final long INF = Long.MAX_VALUE / 4;

    /** How an entry of the table is published. UNPUBLISHED: a total that is not part of the table at all. */
    public enum Mark { SHOWN, SMALL, HIDDEN, UNPUBLISHED }

    private DisclosureControl() {
    }

    /**
     * Publishes {@code counts} (rows x columns, all non-negative) with its totals.
     *
     * @throws IllegalArgumentException for a ragged or negative table
     */
    public static PublishedTable publish(List<String> rowLabels, List<String> columnLabels, long[][] counts) {
        return publish(rowLabels, columnLabels, counts, true, true);
    }

    /**
     * As {@link #publish(List, List, long[][])}; a table whose columns are not additive (e.g. a funnel: sent, taken up,
     * completed) publishes no row totals, and the protection then assumes nothing about them.
     */
    public static PublishedTable publish(List<String> rowLabels, List<String> columnLabels, long[][] counts,
            boolean rowTotals, boolean columnTotals) {
        int rows = rowLabels.size();
        int cols = columnLabels.size();
        if (counts.length != rows) {
            throw new IllegalArgumentException("expected " + rows + " rows, got " + counts.length);
        }
        for (long[] row : counts) {
            if (row.length != cols) {
                throw new IllegalArgumentException("every row needs " + cols + " columns");
            }
            for (long v : row) {
                if (v < 0) {
                    throw new IllegalArgumentException("counts cannot be negative");
                }
            }
        }
        Grid grid = Grid.of(counts, cols);
        grid.unpublish(rowTotals, columnTotals);
        suppress(grid);
        return grid.toPublished(rowLabels, columnLabels);
    }

    /** The marks {@link #publish} would give, for tests and for callers that format the numbers themselves. */
    public static Mark[][] marks(long[][] counts) {
        return marks(counts, true, true);
    }

    public static Mark[][] marks(long[][] counts, boolean rowTotals, boolean columnTotals) {
        Grid grid = Grid.of(counts, counts.length == 0 ? 0 : counts[0].length);
        grid.unpublish(rowTotals, columnTotals);
        suppress(grid);
        return grid.marks;
    }

    private static void suppress(Grid g) {
        for (int i = 0; i < g.n; i++) {
            for (int j = 0; j < g.m; j++) {
                if (g.marks[i][j] == Mark.SHOWN && g.trueValue(i, j) < THRESHOLD) {
                    g.marks[i][j] = Mark.SMALL;
                }
            }
        }
        while (true) {
            int[] exposedCell = firstExposed(g);
            if (exposedCell == null) {
                break;
            }
            // Prefer one cell that protects it on its own: in its row or column, then anywhere (body before totals);
            // failing that, hide the smallest body count of its row or column and look again.
            List<int[]> sameLine = candidates(g, exposedCell, true);
            int[] chosen = firstThatProtects(g, exposedCell, sameLine);
            if (chosen == null) {
                chosen = firstThatProtects(g, exposedCell, candidates(g, exposedCell, false));
            }
            if (chosen == null) {
                List<int[]> fallback = sameLine.isEmpty() ? candidates(g, exposedCell, false) : sameLine;
                if (fallback.isEmpty()) {
                    break; // everything is hidden already: nothing more can be done (and nothing is shown)
                }
                chosen = fallback.get(0);
            }
            g.marks[chosen[0]][chosen[1]] = Mark.HIDDEN;
        }
        showDetermined(g);
    }

    /**
     * A "*" whose value the shown entries fix anyway (e.g. a single-column table's cell beside its shown row total: "*"
     * next to "5") protects nothing and reads as a leak, so it is shown. Safe: fixing an entry that takes one value in
     * every table consistent with what is shown leaves that set of tables unchanged, so no other entry's protection
     * changes (and the order of this pass does not matter).
     */
    private static void showDetermined(Grid g) {
        List<int[]> determined = new ArrayList<>();
        for (int i = 0; i < g.n; i++) {
            for (int j = 0; j < g.m; j++) {
                if (g.marks[i][j] == Mark.HIDDEN && exposed(g, i, j)) {
                    determined.add(new int[] {i, j});
                }
            }
        }
        determined.forEach(c -> g.marks[c[0]][c[1]] = Mark.SHOWN);
    }

    private static int[] firstThatProtects(Grid g, int[] cell, List<int[]> candidates) {
        for (int[] c : candidates) {
            g.marks[c[0]][c[1]] = Mark.HIDDEN;
            boolean protects = !exposed(g, cell[0], cell[1]);
            g.marks[c[0]][c[1]] = Mark.SHOWN;
            if (protects) {
                return c;
            }
        }
        return null;
    }

    private static int[] firstExposed(Grid g) {
        for (int i = 0; i < g.n; i++) {
            for (int j = 0; j < g.m; j++) {
                if (g.marks[i][j] == Mark.SMALL && exposed(g, i, j)) {
                    return new int[] {i, j};
                }
            }
        }
        return null;
    }

    /**
     * Shown entries that could be hidden to protect {@code cell}: in its row or column when {@code sameLine}, anywhere
     * otherwise; body cells before totals, then smallest first (hiding a small count loses the least information).
     */
    private static List<int[]> candidates(Grid g, int[] cell, boolean sameLine) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < g.n; i++) {
            for (int j = 0; j < g.m; j++) {
                if (g.marks[i][j] == Mark.SHOWN && (!sameLine || i == cell[0] || j == cell[1])) {
                    out.add(new int[] {i, j});
                }
            }
        }
        out.sort(Comparator.<int[]>comparingInt(c -> g.isMargin(c[0], c[1]) ? 1 : 0)
                .thenComparingLong(c -> g.trueValue(c[0], c[1]))
                .thenComparingInt(c -> c[0]).thenComparingInt(c -> c[1]));
        return out;
    }

    /** True when the hidden entry (i, j) is the only value consistent with what is shown and the rule's bounds. */
    static boolean exposed(Grid g, int i, int j) {
        return !canMove(g, i, j, +1) && !canMove(g, i, j, -1);
    }

    /**
     * Whether entry (i, j) can change by {@code dir} along a cycle of hidden entries, every other entry on it staying
     * within its bounds. Changing (i, j) unbalances column j; walk: column -> row through an entry that moves by
     * {@code -dir}, row -> column through an entry that moves by {@code +dir}, until row i is reached.
     */
    private static boolean canMove(Grid g, int i, int j, int dir) {
        if (!g.canShift(i, j, dir)) {
            return false;
        }
        boolean[] seenRow = new boolean[g.n];
        boolean[] seenCol = new boolean[g.m];
        Deque<Integer> colQueue = new ArrayDeque<>();
        colQueue.add(j);
        seenCol[j] = true;
        while (!colQueue.isEmpty()) {
            int c = colQueue.poll();
            for (int r = 0; r < g.n; r++) {
                if (seenRow[r] || (r == i && c == j) || !g.canShift(r, c, -dir)) {
                    continue;
                }
                if (r == i) {
                    return true;
                }
                seenRow[r] = true;
                for (int c2 = 0; c2 < g.m; c2++) {
                    if (!seenCol[c2] && !(r == i && c2 == j) && g.canShift(r, c2, dir)) {
                        seenCol[c2] = true;
                        colQueue.add(c2);
                    }
                }
            }
        }
        return false;
    }

    /** The table with its margins as one zero-sum (R+1)x(C+1) array, and the mark of every entry. */
    static final class Grid {
        final int n;
        final int m;
        final long[][] entry; // body counts; margins negated; grand total positive: every line sums to zero
        final Mark[][] marks;

        private Grid(long[][] entry) {
            this.n = entry.length;
            this.m = entry[0].length;
            this.entry = entry;
            this.marks = new Mark[n][m];
            for (Mark[] row : marks) {
                Arrays.fill(row, Mark.SHOWN);
            }
        }

        static Grid of(long[][] counts, int cols) {
            int rows = counts.length;
            long[][] e = new long[rows + 1][cols + 1];
            long grand = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    long v = counts[r][c];
                    e[r][c] = v;
                    e[r][cols] -= v;
                    e[rows][c] -= v;
                    grand += v;
                }
            }
            e[rows][cols] = grand;
            return new Grid(e);
        }

        boolean isMargin(int i, int j) {
            return i == n - 1 || j == m - 1;
        }

        /** The count this entry stands for (margins are stored negated). */
        long trueValue(int i, int j) {
            return sign(i, j) * entry[i][j];
        }

        private int sign(int i, int j) {
            boolean rowMargin = i == n - 1;
            boolean colMargin = j == m - 1;
            return rowMargin ^ colMargin ? -1 : 1;
        }

        void unpublish(boolean rowTotals, boolean columnTotals) {
            if (!rowTotals) {
                for (int i = 0; i < n - 1; i++) {
                    marks[i][m - 1] = Mark.UNPUBLISHED;
                }
            }
            if (!columnTotals) {
                for (int j = 0; j < m - 1; j++) {
                    marks[n - 1][j] = Mark.UNPUBLISHED;
                }
            }
            if (!rowTotals && !columnTotals) {
                marks[n - 1][m - 1] = Mark.UNPUBLISHED;
            }
        }

        /** Whether a reader who knows the rule would consider entry + delta possible. */
        boolean canShift(int i, int j, int delta) {
            Mark mark = marks[i][j];
            if (mark == Mark.SHOWN) {
                return false;
            }
            if (mark == Mark.UNPUBLISHED) {
                return true;
            }
            long lo = mark == Mark.SMALL ? 0 : THRESHOLD;
            long hi = mark == Mark.SMALL ? THRESHOLD - 1 : INF;
            long shifted = trueValue(i, j) + (long) sign(i, j) * delta;
            return shifted >= lo && shifted <= hi;
        }

        PublishedTable toPublished(List<String> rowLabels, List<String> columnLabels) {
            int rows = n - 1;
            int cols = m - 1;
            List<List<String>> body = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < cols; c++) {
                    row.add(show(r, c));
                }
                body.add(List.copyOf(row));
            }
            List<String> rowTotals = new ArrayList<>();
            for (int r = 0; r < rows && marks[r][cols] != Mark.UNPUBLISHED; r++) {
                rowTotals.add(show(r, cols));
            }
            List<String> colTotals = new ArrayList<>();
            for (int c = 0; c < cols && marks[rows][c] != Mark.UNPUBLISHED; c++) {
                colTotals.add(show(rows, c));
            }
            return new PublishedTable(List.copyOf(rowLabels), List.copyOf(columnLabels), List.copyOf(body),
                    List.copyOf(rowTotals), List.copyOf(colTotals), marks[rows][cols] == Mark.UNPUBLISHED ? null : show(rows, cols));
        }

        private String show(int i, int j) {
            return switch (marks[i][j]) {
                case SHOWN -> Long.toString(trueValue(i, j));
                case SMALL -> SMALL;
                case HIDDEN -> HIDDEN;
                case UNPUBLISHED -> null;
            };
        }
    }
}
