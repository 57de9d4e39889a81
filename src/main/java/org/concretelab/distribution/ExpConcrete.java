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
        this.logNorm = logNormalizer(n, lambda);
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
            dest[k] = scaledPerturbedLogit(logits[k], g[k], lambda);
        }
        normalizeLog(dest, logits.length);
        return dest;
    }

    // ------------------------------------------------------------------ the formulas on plain numbers

    /** log((n−1)!) + (n−1) log λ, the density's constant. */
    public static double logNormalizer(int n, double lambda) {
        return LogSpace.logFactorial(n - 1) + (n - 1) * Math.log(lambda);
    }

    /** s_k = (log α_k + G_k)/λ; the sample is y = s − logsumexp(s) ({@link #normalizeLog}). */
    public static double scaledPerturbedLogit(double logAlpha, double g, double lambda) {
        return (logAlpha + g) / lambda;
    }

    /** s − logsumexp(s) in place over the first {@code n} values; returns logsumexp(s). */
    public static double normalizeLog(double[] s, int n) {
        double lse = LogSpace.logSumExp(s, n);
        for (int k = 0; k < n; k++) {
            s[k] -= lse;
        }
        return lse;
    }

    /**
     * log p(y) at the sample y the Gumbel noise g gives, from the noise alone: log α_k − λy_k = −G_k + λ·logsumexp(s)
     * there, so log p = log((n−1)!) + (n−1) log λ − Σ_k G_k − n log Σ_k e^{−G_k} — exact, independent of α.
     */
    public static double logDensityAtNoise(double[] g, int n, double logNormalizer) {
        double sumG = 0;
        double sumExpNegG = 0;
        for (int k = 0; k < n; k++) {
            sumG += g[k];
        }
        for (int k = 0; k < n; k++) {
            sumExpNegG += Math.exp(-g[k]);
        }
        return logNormalizer - sumG - n * Math.log(sumExpNegG);
    }

    /**
     * log p(y) = log((n−1)!) + (n−1) log λ + Σ_k t_k − n · logsumexp_k(t_k) for the offsets t_k = log α_k − λy_k
     * (overwritten); when {@code softmaxOut} is given it receives softmax(t), what the density's gradients need:
     * ∂/∂log α_k = 1 − n·softmax_k(t), ∂/∂y_k = −λ + nλ·softmax_k(t).
     */
    public static double logDensityOfOffsets(double[] t, int n, double logNormalizer, double[] softmaxOut) {
        double max = Double.NEGATIVE_INFINITY;
        double sumT = 0;
        for (int k = 0; k < n; k++) {
            sumT += t[k];
            max = Math.max(max, t[k]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
            t[k] = Math.exp(t[k] - max);
            sum += t[k];
        }
        if (softmaxOut != null) {
            for (int k = 0; k < n; k++) {
                softmaxOut[k] = t[k] / sum;
            }
        }
        return logNormalizer + sumT - n * (max + Math.log(sum));
    }

    public double logDensity(double[] y) {
        Checks.dimension("y", y, logits.length);
        double[] t = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            t[k] = logits[k] - lambda * y[k];
        }
        return logDensityOfOffsets(t, y.length, logNorm, null);
    }

    public double density(double[] y) {
        return Math.exp(logDensity(y));
    }
}
