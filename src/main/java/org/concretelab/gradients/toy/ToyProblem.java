package org.concretelab.gradients;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.distribution.Bernoulli;
import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.LogSpace;
import org.concretelab.distribution.Noise;

/**
 * A one-parameter problem whose gradient is known exactly, to watch estimators at work: minimise
 * f(θ) = E_{z ~ Bernoulli(σ(θ))}[(z − t)²] (t = 0.45 by default), whose exact gradient is
 * σ(θ)(1 − σ(θ))·(f(1) − f(0)) = σ(θ)(1 − σ(θ))·((1 − t)² − t²).
 *
 * <p>Every estimate uses one logistic draw L (clamped uniforms, {@link Noise}): the hard sample
 * z = 1[θ + L &gt; 0] ({@link Bernoulli#sampleFromLogistic}) and the relaxed X = σ((θ + L)/λ)
 * ({@link BinaryConcrete#logitFromLogistic}) share it, as in the VAE. The same seed gives every estimator the
 * same draws.
 */
public final class ToyProblem {
    /** The paper-free classic: t close to ½ makes the signal f(1) − f(0) small against f itself. */
    public static final double TARGET = 0.45;
    /** NVIL's running-centring decay. */
    static final double CENTRING_DECAY = 0.9;
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
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("λ must be positive and finite, was " + lambda);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] g = new double[n];
        double[] losses = new double[n];
        double[] scores = new double[n];
        for (int i = 0; i < n; i++) {
            double l = Noise.logistic(Noise.uniform(rng));
            double z = Bernoulli.sampleFromLogistic(theta, l) ? 1 : 0;
            double x = LogSpace.sigmoid(BinaryConcrete.logitFromLogistic(theta, l, lambda));
            losses[i] = loss(z);
            scores[i] = Bernoulli.score(theta, z);
            g[i] = switch (estimator) {
                case SCORE_FUNCTION -> losses[i] * scores[i];
                case CONCRETE -> lossDerivative(x) * BinaryConcrete.sampleDerivative(x, lambda);
                case STRAIGHT_THROUGH -> lossDerivative(z) * BinaryConcrete.sampleDerivative(x, lambda);
                default -> 0; // the baselines need the other draws: below
            };
        }
        if (estimator == ToyEstimator.SCORE_FUNCTION_BASELINE) {
            double sum = 0;
            for (double f : losses) {
                sum += f;
            }
            for (int i = 0; i < n; i++) {
                double baseline = n > 1 ? (sum - losses[i]) / (n - 1) : 0;
                g[i] = (losses[i] - baseline) * scores[i];
            }
        } else if (estimator == ToyEstimator.NVIL_CENTRING) {
            double c = 0;
            for (int i = 0; i < n; i++) {
                g[i] = (losses[i] - c) * scores[i];
                c = CENTRING_DECAY * c + (1 - CENTRING_DECAY) * losses[i];
            }
        }
        return g;
    }

    /**
     * The estimator's expectation: the exact gradient for the score-function ones (unbiased); for the relaxed ones
     * the integral over the logistic noise, by Simpson's rule in v = (θ + L)/λ (the relaxed logit), where the
     * integrand is smooth at any λ.
     */
    public double expectedEstimate(ToyEstimator estimator, double theta, double lambda) {
        if (!estimator.relaxed()) {
            return exactGradient(theta);
        }
        // E[g] = ∫ g(L) p(L) dL with L = λv − θ, dL = λ dv; the hard z = 1[v > 0] jumps at 0: two halves
        return simpson(estimator, theta, lambda, -QUADRATURE_HALF_RANGE, 0) + simpson(estimator, theta, lambda, 0,
                QUADRATURE_HALF_RANGE);
    }

    private double simpson(ToyEstimator estimator, double theta, double lambda, double from, double to) {
        double h = (to - from) / QUADRATURE_STEPS;
        double s = 0;
        for (int k = 0; k <= QUADRATURE_STEPS; k++) {
            double v = from + k * h;
            double weight = k == 0 || k == QUADRATURE_STEPS ? 1 : k % 2 == 1 ? 4 : 2;
            s += weight * integrand(estimator, theta, lambda, v, to <= 0);
        }
        return s * h / 3;
    }

    /** g(L) p(L) λ at L = λv − θ; {@code lowerHalf}: z = 0 (v ≤ 0), else z = 1. */
    private double integrand(ToyEstimator estimator, double theta, double lambda, double v, boolean lowerHalf) {
        double l = lambda * v - theta;
        double x = LogSpace.sigmoid(v);
        double z = lowerHalf ? 0 : 1;
        double slope = BinaryConcrete.sampleDerivative(x, lambda);
        double g = estimator == ToyEstimator.CONCRETE ? lossDerivative(x) * slope : lossDerivative(z) * slope;
        return g * Math.exp(LOGISTIC.logitLogDensity(l)) * lambda;
    }
}
