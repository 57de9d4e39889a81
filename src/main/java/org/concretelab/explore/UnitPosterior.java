package org.concretelab.explore;

import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.Concrete;

/**
 * One discrete unit of a digit's posterior at temperature λ: the Concrete tab's picture for a real latent of a real
 * digit. Any K: the class probabilities and the relaxed weights of the fixed-noise samples ({@link RelaxedPosterior}'s,
 * the ones decoded in its top row) with their hard classes. K = 2 (a binary unit): the BinaryConcrete density of the
 * unit's value on (0, 1) and its mass in {@value #BINS} equal bins (exact, from the distribution function, so the end
 * bins hold the mass that piles on 0 and 1 where the density diverges). K = 3: the Concrete log density on a triangular
 * grid. The formulas are the distribution package's; this only evaluates them. Plain Java, for a background thread.
 */
public record UnitPosterior(int unit, double lambda, double[] probabilities, double[][] samples, int[] hard,
                            Interval interval, Triangle triangle) {
    /** Bins of the binary picture: the first and the last are the values within 1/BINS of 0 and 1. */
    public static final int BINS = 25;
    /** Points of the density curve, over the middle bins (the end bins' steep or diverging parts show as their mass). */
    public static final int CURVE_POINTS = 231;
    /** Cells per side of the triangle's density grid. */
    public static final int GRID = 90;
    /** Height of the unit triangle with vertices (½, 0), (0, H), (1, H): class 1 on top, 2 bottom left, 3 bottom right. */
    public static final double H = Math.sqrt(3) / 2;

    /**
     * A binary unit's value x = the weight of class 2 (a binary code's 1): its density {@code density[i]} at
     * {@code x[i]}, covering [1/BINS, 1 − 1/BINS], and the mass of each of the {@value #BINS} bins of (0, 1).
     */
    public record Interval(double[] x, double[] density, double[] binMass) {
        /** P(1/BINS &lt; x &lt; 1 − 1/BINS): how often the decoder sees an in-between value of this unit. */
        public double middleMass() {
            return Math.max(0, 1 - binMass[0] - binMass[binMass.length - 1]);
        }
    }

    /**
     * A 3-way unit's log density on a {@code grid} × {@code grid} raster of the bounding box of the unit triangle (see
     * {@link #H}): cell (i, j) at ((i + ½)/grid, (j + ½)/grid · H), −∞ outside the triangle; {@code max} its largest value.
     */
    public record Triangle(int grid, double[] logDensity, double max) {
    }

    /**
     * Unit {@code unit}'s posterior at {@code lambda}: {@code logits} its log class probabilities (log α), {@code gumbel}
     * one row of Gumbel noise per sample.
     */
    public static UnitPosterior of(int unit, double[] logits, double[][] gumbel, double lambda) {
        Concrete concrete = Concrete.ofLogits(logits, lambda);
        int k = logits.length;
        double[][] samples = new double[gumbel.length][];
        int[] hard = new int[gumbel.length];
        for (int s = 0; s < gumbel.length; s++) {
            samples[s] = concrete.sampleFromGumbel(gumbel[s], new double[k]);
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (logits[c] + gumbel[s][c] > logits[best] + gumbel[s][best]) {
                    best = c;
                }
            }
            hard[s] = best;
        }
        Interval interval = k == 2 ? interval(BinaryConcrete.ofLogit(logits[1] - logits[0], lambda)) : null;
        Triangle triangle = k == 3 ? triangle(concrete) : null;
        return new UnitPosterior(unit, lambda, concrete.probabilities(), samples, hard, interval, triangle);
    }

    /** The density of class 2's weight: BinaryConcrete with α = α₂/α₁ (the two-class Concrete written as one number). */
    static Interval interval(BinaryConcrete b) {
        double[] x = new double[CURVE_POINTS];
        double[] density = new double[CURVE_POINTS];
        double lo = 1.0 / BINS;
        double hi = 1 - lo;
        for (int i = 0; i < CURVE_POINTS; i++) {
            x[i] = lo + (hi - lo) * i / (CURVE_POINTS - 1);
            density[i] = b.density(x[i]);
        }
        double[] mass = new double[BINS];
        double below = 0;
        for (int i = 0; i < BINS; i++) {
            double upTo = i == BINS - 1 ? 1 : b.cdf((i + 1.0) / BINS);
            mass[i] = Math.max(0, upTo - below);
            below = upTo;
        }
        return new Interval(x, density, mass);
    }

    private static Triangle triangle(Concrete concrete) {
        double[] log = new double[GRID * GRID];
        double[] p = new double[3];
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                double v = Double.NEGATIVE_INFINITY;
                if (barycentric((i + 0.5) / GRID, (j + 0.5) / GRID * H, p)) {
                    v = concrete.logDensity(p);
                    max = Math.max(max, v);
                }
                log[j * GRID + i] = v;
            }
        }
        return new Triangle(GRID, log, max);
    }

    /** The weights of (px, py) in the unit triangle's vertices (see {@link #H}); false outside it. */
    public static boolean barycentric(double px, double py, double[] out) {
        out[0] = 1 - py / H; // the top vertex's weight falls linearly to the base
        out[2] = px - out[0] / 2; // the distance from the left edge, which is at x = w₀/2
        out[1] = 1 - out[0] - out[2];
        return out[0] > 0 && out[1] > 0 && out[2] > 0;
    }

    /** A two-class unit's relaxed value: sample {@code s}'s weight of class 2 (a binary code's 1). */
    public double value(int s) {
        return samples[s][1];
    }
}
