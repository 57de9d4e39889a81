package org.concretelab.distribution;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Uniform, Gumbel and logistic noise with the uniforms kept strictly inside (0, 1): U = (k + ½)·2⁻⁵³
 * for a random 53-bit k, so log U, log(1 − U) and −log(−log U) are always finite. (Peers' samplers
 * return NaN or ±∞ when a raw uniform hits 0 — e.g. torch's gumbel_softmax.)
 */
public final class Noise {
    private static final double HALF_ULP = 0x1.0p-54;
    private static final double ULP = 0x1.0p-53;

    private Noise() {
    }

    /** A uniform in [2⁻⁵⁴, 1 − 2⁻⁵⁴]. */
    public static double uniform(UniformRandomProvider rng) {
        return (rng.nextLong() >>> 11) * ULP + HALF_ULP;
    }

    /** A standard Gumbel draw G = −log(−log U). */
    public static double gumbel(UniformRandomProvider rng) {
        return -Math.log(-Math.log(uniform(rng)));
    }

    /** A standard logistic draw L = log U − log(1 − U). */
    public static double logistic(UniformRandomProvider rng) {
        double u = uniform(rng);
        return Math.log(u) - Math.log1p(-u);
    }

    /** Fills {@code dest} with Gumbel draws. */
    public static void gumbel(UniformRandomProvider rng, double[] dest) {
        for (int i = 0; i < dest.length; i++) {
            dest[i] = gumbel(rng);
        }
    }
}
