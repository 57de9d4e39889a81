package org.concretelab.gradients.toy;

import java.util.List;
import java.util.Locale;

/**
 * RELAX (Grathwohl et al. 2018) on one Bernoulli: REBAR's estimator with the learned control variate
 * c(z) = f(σ(z/λ)) + r_ρ(z), r_ρ(z) = ρ₀ + ρ₁z + ρ₂z² (a quadratic in the logistic logit z = θ + L). Its variance is
 * quadratic in ρ, so the variance-minimising ρ at the current θ and λ solves a 3×3 system from the exact moments
 * ({@link ControlVariates}) — the point the paper's stochastic gradient steps on the sampled variance move towards.
 * Fitted before any estimate is drawn, from no draw: the estimates stay unbiased. ρ = 0 is REBAR at η = 1, so RELAX's
 * variance is never above that.
 */
final class RelaxToy extends NamedToy {
    RelaxToy() {
        super("relax", "RELAX (learned control variate)", true, true);
    }

    private static final ControlVariates LEARNED = new ControlVariates(List.of(ControlVariates.RELAXED_LOSS,
            ControlVariates.ONE, ControlVariates.Z, ControlVariates.Z_SQUARED));

    @Override
    public double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda) {
        return LEARNED.estimates(toy, draws, theta, lambda, weights(LEARNED.moments(toy, theta, lambda)));
    }

    /** (1, ρ₀, ρ₁, ρ₂): the relaxation's weight is fixed at 1, ρ minimises the variance. */
    private static double[] weights(ControlVariates.Moments m) {
        double[][] g = new double[3][3];
        double[] rhs = new double[3];
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < 3; k++) {
                g[j][k] = m.g()[j + 1][k + 1];
            }
            rhs[j] = m.h()[j + 1] - m.g()[j + 1][0];
        }
        double[] rho = ControlVariates.solve(g, rhs);
        for (double r : rho) {
            if (!Double.isFinite(r)) {
                return new double[] {1, 0, 0, 0}; // a degenerate fit: plain REBAR at η = 1, still unbiased
            }
        }
        return new double[] {1, rho[0], rho[1], rho[2]};
    }

    /** ρ at θ, λ. */
    static double[] rho(ToyProblem toy, double theta, double lambda) {
        double[] w = weights(LEARNED.moments(toy, theta, lambda));
        return new double[] {w[1], w[2], w[3]};
    }

    /** RELAX's exact variance at θ, λ; with {@code fitted} false, ρ = 0 (REBAR at η = 1). */
    static double variance(ToyProblem toy, double theta, double lambda, boolean fitted) {
        ControlVariates.Moments m = LEARNED.moments(toy, theta, lambda);
        return m.variance(fitted ? weights(m) : new double[] {1, 0, 0, 0}, toy.exactGradient(theta));
    }

    @Override
    public String fitted(ToyProblem toy, double theta, double lambda) {
        double[] r = rho(toy, theta, lambda);
        return String.format(Locale.ROOT, "r(z) = %.2g %+.2g z %+.2g z²", r[0], r[1], r[2]);
    }
}
