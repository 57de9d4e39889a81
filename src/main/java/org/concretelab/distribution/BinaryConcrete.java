package org.concretelab.distribution;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * BinaryConcrete(α, λ): Concrete with n = 2 written as one number X ∈ (0, 1).
 *
 * <p>Sampling: Y = (log α + L)/λ with L = log U − log(1 − U) ~ Logistic(0, 1), X = σ(Y).
 *
 * <p>Density of X: p(x) = λ α x^(−λ−1) (1−x)^(−λ−1) / (α x^(−λ) + (1−x)^(−λ))².
 * Distribution function: P(X ≤ x) = P(L ≤ λ logit x − log α) = σ(λ logit x − log α).
 * Density of the logit Y (what training uses): log p(y) = log λ − λy + log α − 2 softplus(log α − λy).
 *
 * <p>The static methods are the same formulas on plain numbers, for the VAE's fused batch passes.
 */
public final class BinaryConcrete {
    private final double logAlpha;
    private final double lambda;

    private BinaryConcrete(double logAlpha, double lambda) {
        this.logAlpha = logAlpha;
        this.lambda = lambda;
    }

    /** @throws IllegalArgumentException unless α and λ are positive and finite */
    public static BinaryConcrete of(double alpha, double lambda) {
        if (!(alpha > 0) || !Double.isFinite(alpha)) {
            throw new IllegalArgumentException("α must be positive and finite, was " + alpha);
        }
        return new BinaryConcrete(Math.log(alpha), Checks.temperature(lambda));
    }

    public static BinaryConcrete ofLogit(double logAlpha, double lambda) {
        if (!Double.isFinite(logAlpha)) {
            throw new IllegalArgumentException("log α must be finite, was " + logAlpha);
        }
        return new BinaryConcrete(logAlpha, Checks.temperature(lambda));
    }

    public double temperature() {
        return lambda;
    }

    /** P(X &gt; ½) = σ(log α), the Bernoulli probability of the discrete limit. */
    public double probability() {
        return LogSpace.sigmoid(logAlpha);
    }

    public double sample(UniformRandomProvider rng) {
        return LogSpace.sigmoid(sampleLogit(rng));
    }

    public double sampleLogit(UniformRandomProvider rng) {
        return logitFromLogistic(Noise.logistic(rng));
    }

    /** The logit Y that logistic noise {@code l} maps to. */
    public double logitFromLogistic(double l) {
        return logitFromLogistic(logAlpha, l, lambda);
    }

    /** y = (log α + L)/λ: the relaxed logit that logistic noise L gives. */
    public static double logitFromLogistic(double logAlpha, double l, double lambda) {
        return (logAlpha + l) / lambda;
    }

    /**
     * ∂X/∂ log α = X(1 − X)/λ at the sample X = σ((log α + L)/λ) for fixed noise L: the reparameterisation's
     * pathwise derivative (what a relaxed or straight-through gradient multiplies ∂f/∂X by).
     */
    public static double sampleDerivative(double x, double lambda) {
        return x * (1 - x) / lambda;
    }

    /** log λ, the density's constant (ExpConcrete's log((n−1)!) + (n−1) log λ at n = 2). */
    public static double logNormalizer(double lambda) {
        return ExpConcrete.logNormalizer(2, lambda);
    }

    /**
     * log p(y) at the sample y = (log α + L)/λ itself, from the noise alone: log α − λy = −L there, so
     * log p = log λ − L − 2 softplus(−L) — exact, with no cancellation at low λ, and independent of α.
     */
    public static double logitLogDensityAtNoise(double l, double logNormalizer) {
        return logNormalizer - l - 2 * LogSpace.softplus(-l);
    }

    /** log p(y) = log λ + t − 2 softplus(t) with t = log α − λy, given e^−|t| (shared with σ(t) in hot loops). */
    public static double logitLogDensity(double t, double logNormalizer, double expNegAbsT) {
        return logNormalizer + t - 2 * LogSpace.softplus(t, expNegAbsT);
    }

    /** The X that logistic noise {@code l} maps to. */
    public double sampleFromLogistic(double l) {
        return LogSpace.sigmoid(logitFromLogistic(l));
    }

    public double logitLogDensity(double y) {
        double t = logAlpha - lambda * y;
        return logitLogDensity(t, logNormalizer(lambda), Math.exp(-Math.abs(t)));
    }

    /** log p(x) = log p_Y(logit x) − log x − log(1 − x) (change of variables y = logit x). */
    public double logDensity(double x) {
        if (!(x > 0 && x < 1)) {
            return Double.NEGATIVE_INFINITY;
        }
        double lx = Math.log(x);
        double l1x = Math.log1p(-x);
        return logitLogDensity(lx - l1x) - lx - l1x;
    }

    public double density(double x) {
        return Math.exp(logDensity(x));
    }

    /** P(X ≤ x): the mass the density puts left of {@code x}, exact even where the density diverges (x → 0, 1 at λ &lt; 1). */
    public double cdf(double x) {
        if (!(x > 0)) {
            return 0;
        }
        if (!(x < 1)) {
            return 1;
        }
        return LogSpace.sigmoid(lambda * (Math.log(x) - Math.log1p(-x)) - logAlpha);
    }
}
