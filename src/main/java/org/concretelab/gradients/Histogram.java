package org.concretelab.gradients;

import java.util.Arrays;

/**
 * Counts of values in equal bins over [lo, hi), with how many fell below and above.
 *
 * @param lo     the first bin's lower edge
 * @param hi     the last bin's upper edge
 * @param counts values per bin
 * @param below  values under {@code lo}
 * @param above  values at or over {@code hi}
 */
public record Histogram(double lo, double hi, long[] counts, long below, long above) {

    /** {@code bins} equal bins over [lo, hi). */
    public static Histogram of(double[] values, int bins, double lo, double hi) {
        if (bins < 1 || !(hi > lo)) {
            throw new IllegalArgumentException("a histogram needs bins ≥ 1 and hi > lo, had " + bins + " bins over [" + lo + ", " + hi + ")");
        }
        long[] counts = new long[bins];
        long below = 0;
        long above = 0;
        double width = (hi - lo) / bins;
        for (double v : values) {
            if (v < lo) {
                below++;
            } else if (v >= hi) {
                above++;
            } else {
                counts[Math.min(bins - 1, (int) ((v - lo) / width))]++;
            }
        }
        return new Histogram(lo, hi, counts, below, above);
    }

    /**
     * A range for a histogram of {@code values}: from the {@code tail} quantile to the 1 − {@code tail} one (so that a
     * few wild values do not squash the rest into one bin), widened to take in {@code mark} (e.g. the true value),
     * with 5 % room on either side.
     */
    public static double[] range(double[] values, double tail, double mark) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double lo = n == 0 ? mark : sorted[(int) Math.floor(tail * (n - 1))];
        double hi = n == 0 ? mark : sorted[(int) Math.ceil((1 - tail) * (n - 1))];
        lo = Math.min(lo, mark);
        hi = Math.max(hi, mark);
        if (!(hi > lo)) {
            double pad = Math.max(1e-3, Math.abs(lo) * 0.1);
            return new double[] {lo - pad, hi + pad};
        }
        double pad = 0.05 * (hi - lo);
        return new double[] {lo - pad, hi + pad};
    }

    public int bins() {
        return counts.length;
    }

    public double binWidth() {
        return (hi - lo) / counts.length;
    }

    /** The centre of bin {@code i}. */
    public double center(int i) {
        return lo + (i + 0.5) * binWidth();
    }
}
