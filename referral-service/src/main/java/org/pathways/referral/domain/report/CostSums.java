package org.pathways.referral.domain.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sums of money beside a published table of counts (issue 17, item 3; ADR 0065): a sum is shown only where the count of
 * lines behind it is shown, so a sum never reveals a cell whose count is "&lt;5" or hidden ("*"); everything else is
 * {@value #SUPPRESSED}. Row, column and grand totals follow the same rule. Pounds with two decimals.
 */
public final class CostSums {

    public static final String SUPPRESSED = "x";

    /** A sum of pence in one (row, column) cell. */
    public record Sum(String row, String column, long pence) {
    }

    private CostSums() {
    }

    public static PublishedTable publish(PublishedTable counts, List<Sum> sums) {
        Map<String, Long> cell = new HashMap<>();
        Map<String, Long> row = new HashMap<>();
        Map<String, Long> col = new HashMap<>();
        long grand = 0;
        for (Sum s : sums) {
            cell.merge(s.row() + "\u0000" + s.column(), s.pence(), Long::sum);
            row.merge(s.row(), s.pence(), Long::sum);
            col.merge(s.column(), s.pence(), Long::sum);
            grand += s.pence();
        }
        List<List<String>> cells = new ArrayList<>();
        for (int r = 0; r < counts.rowLabels().size(); r++) {
            List<String> line = new ArrayList<>();
            for (int c = 0; c < counts.columnLabels().size(); c++) {
                line.add(shown(counts.cells().get(r).get(c),
                        cell.getOrDefault(counts.rowLabels().get(r) + "\u0000" + counts.columnLabels().get(c), 0L)));
            }
            cells.add(line);
        }
        List<String> rowTotals = new ArrayList<>();
        for (int r = 0; r < counts.rowTotals().size(); r++) {
            rowTotals.add(shown(counts.rowTotals().get(r), row.getOrDefault(counts.rowLabels().get(r), 0L)));
        }
        List<String> columnTotals = new ArrayList<>();
        for (int c = 0; c < counts.columnTotals().size(); c++) {
            columnTotals.add(shown(counts.columnTotals().get(c), col.getOrDefault(counts.columnLabels().get(c), 0L)));
        }
        return new PublishedTable(counts.rowLabels(), counts.columnLabels(), cells, rowTotals, columnTotals,
                counts.total() == null ? null : shown(counts.total(), grand));
    }

    /** The sum where its count is a published number; otherwise suppressed. */
    static String shown(String count, long pence) {
        if (count == null || !count.chars().allMatch(Character::isDigit) || count.isEmpty()) return SUPPRESSED;
        return String.format(java.util.Locale.ROOT, "%d.%02d", pence / 100, pence % 100);
    }
}
