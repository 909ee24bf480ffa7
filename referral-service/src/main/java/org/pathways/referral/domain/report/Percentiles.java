package org.pathways.referral.domain.report;

import java.util.Arrays;
import java.util.OptionalDouble;

/** Nearest-rank percentiles (no interpolation: every reported value is one that happened). */
public final class Percentiles {

    private Percentiles() {
    }

    /** The {@code p}-th percentile (0 &lt; p &lt;= 100) of {@code values}, or empty when there are none. */
    public static OptionalDouble of(double[] values, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]");
        }
        if (values.length == 0) {
            return OptionalDouble.empty();
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return OptionalDouble.of(sorted[Math.max(rank, 1) - 1]);
    }
}
