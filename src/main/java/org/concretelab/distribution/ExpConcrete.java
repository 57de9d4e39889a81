package org.concretelab.distribution;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * ExpConcrete(α, λ): the distribution of Y = log X for X ~ Concrete(α, λ), the form training uses
 * because it never underflows (at λ = 0.05 a float softmax of 100 classes is mostly exact zeros).
 *
 * <p>Sampling: Y_k = (log α_k + G_k)/λ − logsumexp_i((log α_i + G_i)/λ), G_k iid Gumbel(0, 1).
 *
 * <p>Density (Maddison et al. 2017, appendix C) with respect to the first n−1 coordinates:
 * log p(y) = log((n−1)!) + (n−1) log λ + Σ_k (log α_k − λ y_k) − n · logsumexp_k(log α_k − λ y_k).
 * It is unchanged when α is scaled, so unnormalised logits may be used.
 */
public final class ExpConcrete {
    private final double[] logits;
    private final double lambda;
    private final double logNorm;

    private ExpConcrete(double[] logits, double lambda) {
        this.logits = logits;
        this.lambda = lambda;
        int n = logits.length;
        this.logNorm = LogSpace.logFactorial(n - 1) + (n - 1) * Math.log(lambda);
    }

    /** @throws IllegalArgumentException unless every α_k is positive and finite, n ≥ 2 and λ is positive and finite */
    public static ExpConcrete of(double[] alpha, double lambda) {
        return new ExpConcrete(Checks.logsOfWeights(alpha), Checks.temperature(lambda));
    }

    /** From logits log α_k (any finite reals). */
    public static ExpConcrete ofLogits(double[] logits, double lambda) {
        return new ExpConcrete(Checks.logits(logits), Checks.temperature(lambda));
    }

    public int dimension() {
        return logits.length;
    }

    public double temperature() {
        return lambda;
    }

    public double[] logits() {
        return logits.clone();
    }

    /** A log-simplex point: Σ_k exp(y_k) = 1. */
    public double[] sample(UniformRandomProvider rng) {
        double[] g = new double[logits.length];
        Noise.gumbel(rng, g);
        return sampleFromGumbel(g, new double[logits.length]);
    }

    /** The sample that the Gumbel noise {@code g} maps to, written into {@code dest} (which is returned). */
    public double[] sampleFromGumbel(double[] g, double[] dest) {
        Checks.dimension("Gumbel noise", g, logits.length);
        for (int k = 0; k < logits.length; k++) {
            dest[k] = (logits[k] + g[k]) / lambda;
        }
        double lse = LogSpace.logSumExp(dest);
        for (int k = 0; k < logits.length; k++) {
            dest[k] -= lse;
        }
        return dest;
    }

    public double logDensity(double[] y) {
        Checks.dimension("y", y, logits.length);
        double[] t = new double[y.length];
        double sum = 0;
        for (int k = 0; k < y.length; k++) {
            t[k] = logits[k] - lambda * y[k];
            sum += t[k];
        }
        return logNorm + sum - y.length * LogSpace.logSumExp(t);
    }

    public double density(double[] y) {
        return Math.exp(logDensity(y));
    }
}
