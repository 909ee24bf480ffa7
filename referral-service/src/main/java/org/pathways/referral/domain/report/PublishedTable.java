package org.pathways.referral.domain.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of counts as published: every entry is a number, {@value DisclosureControl#SMALL} (fewer than five) or
 * {@value DisclosureControl#HIDDEN} (hidden so that a "&lt;5" cannot be worked out from the totals).
 */
public record PublishedTable(List<String> rowLabels, List<String> columnLabels, List<List<String>> cells,
        List<String> rowTotals, List<String> columnTotals, String total) {

    /** The entry for one row and column label, for tests and readers. */
    public String cell(String rowLabel, String columnLabel) {
        int r = rowLabels.indexOf(rowLabel);
        int c = columnLabels.indexOf(columnLabel);
        if (r < 0 || c < 0) {
            throw new IllegalArgumentException("no such row or column");
        }
        return cells.get(r).get(c);
    }

    public String rowTotal(String rowLabel) {
        return rowTotals.get(rowLabels.indexOf(rowLabel));
    }

    /** Rows of strings for CSV: a header, one row per label with its total, then the column totals. */
    public List<List<String>> asRows(String cornerLabel) {
        List<List<String>> out = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add(cornerLabel);
        header.addAll(columnLabels);
        header.add("total");
        out.add(header);
        for (int r = 0; r < rowLabels.size(); r++) {
            List<String> row = new ArrayList<>();
            row.add(rowLabels.get(r));
            row.addAll(cells.get(r));
            row.add(rowTotals.get(r));
            out.add(row);
        }
        List<String> totals = new ArrayList<>();
        totals.add("total");
        totals.addAll(columnTotals);
        totals.add(total);
        out.add(totals);
        return out;
    }
}
