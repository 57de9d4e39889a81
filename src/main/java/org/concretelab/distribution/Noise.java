package org.concretelab.distribution;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Uniform, Gumbel and logistic noise with the uniforms kept strictly inside (0, 1): U = (k + ½)·2⁻⁵³
 * for a random 53-bit k, so log U, log(1 − U) and −log(−log U) are always finite. (Peers' samplers
 * return NaN or ±∞ when a raw uniform hits 0 — e.g. torch's gumbel_softmax.)
 */
public final class Noise {
    private static final double ULP = 0x1.0p-53;

    private Noise() {
    }

    /** A uniform in [2⁻⁵⁴, 1 − 2⁻⁵⁴]. */
    public static double uniform(UniformRandomProvider rng) {
        return ((rng.nextLong() >>> 11) + 0.5) * ULP;
    }

    /** A standard Gumbel draw G = −log(−log U). */
    public static double gumbel(UniformRandomProvider rng) {
        return gumbel(uniform(rng));
    }

    /** The Gumbel value of the uniform {@code u}. */
    public static double gumbel(double u) {
        return -Math.log(-Math.log(u));
    }

    /** A standard logistic draw L = log U − log(1 − U). */
    public static double logistic(UniformRandomProvider rng) {
        return logistic(uniform(rng));
    }

    /** The logistic value of the uniform {@code u}: one log of u/(1 − u) (exact to 1 ulp for u in (0, 1)). */
    public static double logistic(double u) {
        return Math.log(u / (1 - u));
    }

    /** Fills {@code dest} with Gumbel draws. */
    public static void gumbel(UniformRandomProvider rng, double[] dest) {
        for (int i = 0; i < dest.length; i++) {
            dest[i] = gumbel(rng);
        }
    }
}
