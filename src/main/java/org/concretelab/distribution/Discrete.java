package org.concretelab.distribution;

import org.apache.commons.rng.UniformRandomProvider;

/** Discrete(α): one of n classes with P(k) = α_k / Σα, sampled by the Gumbel-max trick. */
public final class Discrete {
    private final double[] logits;
    private final double logNormaliser;

    private Discrete(double[] logits) {
        this.logits = logits;
        this.logNormaliser = LogSpace.logSumExp(logits);
    }

    public static Discrete of(double[] alpha) {
        return new Discrete(Checks.logsOfWeights(alpha));
    }

    public static Discrete ofLogits(double[] logits) {
        return new Discrete(Checks.logits(logits));
    }

    public int dimension() {
        return logits.length;
    }

    /** argmax_k (log α_k + G_k): the λ → 0 limit of Concrete with the same noise. */
    public int sample(UniformRandomProvider rng) {
        double[] g = new double[logits.length];
        Noise.gumbel(rng, g);
        return gumbelMax(logits, g, logits.length);
    }

    public double logProbability(int k) {
        if (k < 0 || k >= logits.length) {
            return Double.NEGATIVE_INFINITY;
        }
        return logits[k] - logNormaliser;
    }

    /** The Gumbel-max trick: argmax_k (log α_k + G_k) over the first {@code n} classes (first index on ties). */
    public static int gumbelMax(double[] logits, double[] g, int n) {
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
            double v = logits[k] + g[k];
            if (v > bestValue) {
                bestValue = v;
                best = k;
            }
        }
        return best;
    }

    /** log P(k) = log α_k − logsumexp(log α) over the first {@code n} logits. */
    public static double logProbability(double[] logits, int n, int k) {
        return logits[k] - LogSpace.logSumExp(logits, n);
    }

    public double probability(int k) {
        return Math.exp(logProbability(k));
    }
}
