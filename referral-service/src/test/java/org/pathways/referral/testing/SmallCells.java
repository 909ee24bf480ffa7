package org.pathways.referral.testing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A reader's view of a published report table, to check that small-cell suppression holds: every "&lt;5" cell could be
 * 0..4, the shown cells are fixed, and together they make the published total. Shared (through this module's
 * test-jar) by referral-service's report test and the reports journey in system-tests.
 */
public final class SmallCells {

    public static final String SUPPRESSED = "<5";

    private SmallCells() {
    }

    /** Every value a reader could give to cell {@code index} from the cells and the total: one value means it is pinned down. */
    public static Set<Integer> possibleValues(List<String> cells, int index, int total) {
        Set<Integer> values = new HashSet<>();
        explore(cells, 0, 0, new int[cells.size()], index, total, values);
        return values;
    }

    private static void explore(List<String> cells, int i, int sum, int[] chosen, int index, int total, Set<Integer> values) {
        if (i == cells.size()) {
            if (sum == total) values.add(chosen[index]);
            return;
        }
        if (!cells.get(i).equals(SUPPRESSED)) {
            chosen[i] = Integer.parseInt(cells.get(i));
            explore(cells, i + 1, sum + chosen[i], chosen, index, total, values);
            return;
        }
        for (int v = 0; v <= 4; v++) {
            chosen[i] = v;
            explore(cells, i + 1, sum + v, chosen, index, total, values);
        }
    }
}
