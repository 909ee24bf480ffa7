package org.pathways.referral.domain.measure;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.pathways.platform.rest.Problem;

/**
 * The Short Warwick-Edinburgh Mental Wellbeing Scale (SWEMWBS; issue 17, item 6; ADR 0074): seven items each scored 1
 * (none of the time) to 5 (all of the time); the raw total (7-35) is converted to the metric score with the scale's
 * published Rasch conversion table, which is what studies compare (the Coventry evaluation among them). SWEMWBS
 * © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.
 */
public final class Swemwbs {

    public static final int ITEMS = 7;

    /** Metric score for raw totals 7..35 (index = raw - 7). */
    private static final String[] METRIC = { "7.00", "9.51", "11.25", "12.40", "13.33", "14.08", "14.75", "15.32", "15.84",
            "16.36", "16.88", "17.43", "17.98", "18.59", "19.25", "19.98", "20.73", "21.54", "22.35", "23.21", "24.11", "25.03",
            "26.02", "27.03", "28.13", "29.31", "30.70", "32.55", "35.00" };

    private Swemwbs() {
    }

    /** The raw total of seven valid item scores. */
    public static int rawTotal(List<Integer> items) {
        return items.stream().mapToInt(Integer::intValue).sum();
    }

    /** The metric score of a raw total (7 to 35). */
    public static BigDecimal metric(int rawTotal) {
        if (rawTotal < 7 || rawTotal > 35) throw new IllegalArgumentException("a SWEMWBS raw total is 7 to 35");
        return new BigDecimal(METRIC[rawTotal - 7]);
    }

    /** Field errors of the item scores (empty when valid): exactly seven, each 1 to 5. */
    public static List<Problem.FieldError> check(List<Integer> items) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (items == null || items.size() != ITEMS) {
            errors.add(new Problem.FieldError("items", "must be the seven item scores, in the scale's order"));
            return errors;
        }
        for (int i = 0; i < ITEMS; i++) {
            Integer v = items.get(i);
            if (v == null || v < 1 || v > 5) errors.add(new Problem.FieldError("items[" + i + "]", "must be 1 (none of the time) to 5 (all of the time)"));
        }
        return errors;
    }
}
