package org.concretelab.gradients.toy;

import org.concretelab.distribution.Bernoulli;
import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.LogSpace;

/**
 * A one-parameter problem whose gradient is known exactly, to watch estimators at work: minimise
 * f(θ) = E_{z ~ Bernoulli(σ(θ))}[(z − t)²] (t = 0.45 by default), whose exact gradient is
 * σ(θ)(1 − σ(θ))·(f(1) − f(0)) = σ(θ)(1 − σ(θ))·((1 − t)² − t²).
 *
 * <p>Every estimate uses one logistic draw L ({@link ToyDraws}): the hard sample
 * z = 1[θ + L &gt; 0] ({@link Bernoulli#sampleFromLogistic}) and the relaxed X = σ((θ + L)/λ)
 * ({@link BinaryConcrete#logitFromLogistic}) share it, as in the VAE. The same seed gives every estimator the
 * same draws. The estimators themselves are registered in {@link ToyEstimators}.
 */
public final class ToyProblem {
    /** The paper-free classic: t close to ½ makes the signal f(1) − f(0) small against f itself. */
    public static final double TARGET = 0.45;
    private static final double QUADRATURE_HALF_RANGE = 60;
    private static final int QUADRATURE_STEPS = 6000;
    /** The standard logistic density is BinaryConcrete's logit density at α = 1, λ = 1. */
    private static final BinaryConcrete LOGISTIC = BinaryConcrete.ofLogit(0, 1);

    private final double target;

    public ToyProblem() {
        this(TARGET);
    }

    public ToyProblem(double target) {
        if (!Double.isFinite(target)) {
            throw new IllegalArgumentException("the target t must be finite, was " + target);
        }
        this.target = target;
    }

    public double target() {
        return target;
    }

    /** The loss of one sample, (z − t)². */
    public double loss(double z) {
        return (z - target) * (z - target);
    }

    /** Its derivative 2(z − t). */
    public double lossDerivative(double z) {
        return 2 * (z - target);
    }

    /** f(θ) = E[(z − t)²] = σ(θ) f(1) + (1 − σ(θ)) f(0). */
    public double objective(double theta) {
        double p = LogSpace.sigmoid(theta);
        return p * loss(1) + (1 - p) * loss(0);
    }

    /** df/dθ = σ(θ)(1 − σ(θ))·(f(1) − f(0)). */
    public double exactGradient(double theta) {
        double p = LogSpace.sigmoid(theta);
        return p * (1 - p) * (loss(1) - loss(0));
    }

    /** {@code n} estimates of df/dθ by {@code estimator} (λ matters only to relaxed ones), noise from {@code seed}. */
    public double[] estimates(ToyEstimator estimator, double theta, double lambda, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        checkLambda(lambda);
        return estimator.estimates(this, ToyDraws.of(n, seed), theta, lambda);
    }

    /**
     * The estimator's expectation: the exact gradient for the unbiased ones; for the biased relaxed ones the integral
     * over the logistic noise ({@link #expectationOverNoise}).
     */
    public double expectedEstimate(ToyEstimator estimator, double theta, double lambda) {
        checkLambda(lambda);
        return estimator.unbiased() ? exactGradient(theta) : estimator.expectation(this, theta, lambda);
    }

    private static void checkLambda(double lambda) {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("λ must be positive and finite, was " + lambda);
        }
    }

    // ------------------------------------------------------------------ what the estimators share

    /** The hard sample b = 1[θ + L &gt; 0] as 0 or 1. */
    public double hard(double theta, double logistic) {
        return Bernoulli.sampleFromLogistic(theta, logistic) ? 1 : 0;
    }

    /** The relaxed sample X = σ((θ + L)/λ). */
    public double relaxed(double theta, double logistic, double lambda) {
        return LogSpace.sigmoid(BinaryConcrete.logitFromLogistic(theta, logistic, lambda));
    }

    /** ∂ log p(b)/∂θ = b − σ(θ). */
    public double score(double theta, double b) {
        return Bernoulli.score(theta, b);
    }

    /** ∂X/∂θ = X(1 − X)/λ at fixed noise. */
    public static double relaxedSlope(double x, double lambda) {
        return BinaryConcrete.sampleDerivative(x, lambda);
    }

    /** An estimate that depends on one draw only, through its relaxed X and hard b. */
    interface PerDraw {
        double estimate(ToyProblem toy, double x, double b, double lambda);
    }

    double[] perDraw(ToyDraws draws, double theta, double lambda, PerDraw one) {
        double[] g = new double[draws.size()];
        for (int i = 0; i < g.length; i++) {
            double l = draws.logistic()[i];
            g[i] = one.estimate(this, relaxed(theta, l, lambda), hard(theta, l), lambda);
        }
        return g;
    }

    /**
     * E[g] over the logistic noise of a one-draw estimate, by Simpson's rule in v = (θ + L)/λ (the relaxed logit), where
     * a relaxed estimator's integrand is smooth at any λ (it vanishes where |v| is large).
     */
    double expectationOverNoise(double theta, double lambda, PerDraw one) {
        // E[g] = ∫ g(L) p(L) dL with L = λv − θ, dL = λ dv; the hard z = 1[v > 0] jumps at 0: two halves
        return simpson(one, theta, lambda, -QUADRATURE_HALF_RANGE, 0) + simpson(one, theta, lambda, 0, QUADRATURE_HALF_RANGE);
    }

    private double simpson(PerDraw one, double theta, double lambda, double from, double to) {
        double h = (to - from) / QUADRATURE_STEPS;
        double s = 0;
        for (int k = 0; k <= QUADRATURE_STEPS; k++) {
            double v = from + k * h;
            double weight = k == 0 || k == QUADRATURE_STEPS ? 1 : k % 2 == 1 ? 4 : 2;
            s += weight * integrand(one, theta, lambda, v, to <= 0);
        }
        return s * h / 3;
    }

    /** g(L) p(L) λ at L = λv − θ; {@code lowerHalf}: z = 0 (v ≤ 0), else z = 1. */
    private double integrand(PerDraw one, double theta, double lambda, double v, boolean lowerHalf) {
        double l = lambda * v - theta;
        double g = one.estimate(this, LogSpace.sigmoid(v), lowerHalf ? 0 : 1, lambda);
        return g * Math.exp(LOGISTIC.logitLogDensity(l)) * lambda;
    }
}
