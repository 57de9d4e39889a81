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
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < logits.length; k++) {
            double v = logits[k] + Noise.gumbel(rng);
            if (v > bestValue) {
                bestValue = v;
                best = k;
            }
        }
        return best;
    }

    public double logProbability(int k) {
        if (k < 0 || k >= logits.length) {
            return Double.NEGATIVE_INFINITY;
        }
        return logits[k] - logNormaliser;
    }

    public double probability(int k) {
        return Math.exp(logProbability(k));
    }
}
