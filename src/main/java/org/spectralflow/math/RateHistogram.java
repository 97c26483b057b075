package org.spectralflow.math;

import java.util.Arrays;

/**
 * Counts of a rate in fixed bins of width {@link #WIDTH}, stored sparsely (sorted bin indices),
 * with ±∞ in bins of their own. Quantiles are nearest-rank and returned as the centre of the bin
 * holding the exact sample quantile, so they are within {@code WIDTH/2} of it. Counts are exact,
 * so merging in any order gives the same histogram. A Flink POJO.
 */
public class RateHistogram {
    /** Bin width of the rate γ: quantiles are exact to ±5·10⁻⁵. */
    public static final double WIDTH = 1e-4;
    private static final double BINS_PER_UNIT = 1e4;
    private static final long NEG_INF = Long.MIN_VALUE, POS_INF = Long.MAX_VALUE;

    public long[] bins = new long[0];
    public long[] counts = new long[0];
    public long total;

    public RateHistogram() {}

    public void add(double x) {
        if (Double.isNaN(x)) return;
        add(binOf(x), 1);
    }

    public void merge(RateHistogram o) {
        for (int i = 0; i < o.bins.length; i++) add(o.bins[i], o.counts[i]);
    }

    private void add(long bin, long c) {
        int i = Arrays.binarySearch(bins, bin);
        if (i < 0) {
            int at = -i - 1;
            long[] nb = new long[bins.length + 1], nc = new long[bins.length + 1];
            System.arraycopy(bins, 0, nb, 0, at);
            System.arraycopy(counts, 0, nc, 0, at);
            nb[at] = bin;
            System.arraycopy(bins, at, nb, at + 1, bins.length - at);
            System.arraycopy(counts, at, nc, at + 1, counts.length - at);
            bins = nb;
            counts = nc;
            i = at;
        }
        counts[i] += c;
        total += c;
    }

    static long binOf(double x) {
        if (x == Double.NEGATIVE_INFINITY) return NEG_INF;
        if (x == Double.POSITIVE_INFINITY) return POS_INF;
        return (long) Math.floor(x * BINS_PER_UNIT);
    }

    /** The nearest-rank p-quantile (rank ⌈p·total⌉, at least 1), NaN when empty. */
    public double quantile(double p) {
        if (total == 0) return Double.NaN;
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                if (bins[i] == NEG_INF) return Double.NEGATIVE_INFINITY;
                if (bins[i] == POS_INF) return Double.POSITIVE_INFINITY;
                return (bins[i] + 0.5) / BINS_PER_UNIT;
            }
        }
        throw new IllegalStateException("histogram counts do not add up");
    }
}
