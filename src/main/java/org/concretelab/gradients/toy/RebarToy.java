package org.concretelab.gradients.toy;

import java.util.List;
import java.util.Locale;

/**
 * REBAR (Tucker et al. 2017) on one Bernoulli: the Concrete relaxation f(σ(z/λ)) as a control variate scaled by η,
 * ĝ = [f(b) − η f(σ_λ(z̃))]·∂log p(b)/∂θ + η ∂f(σ_λ(z))/∂θ − η ∂f(σ_λ(z̃))/∂θ with z̃ ~ z | b. Unbiased at any λ;
 * η is the variance-optimal one, E[f(b)s(b)·C]/E[C²], from the exact moments ({@link ControlVariates}) at the
 * current θ and λ (the paper trains η, and λ, by gradient steps on a sampled variance; here it is solved exactly).
 */
final class RebarToy extends NamedToy {
    RebarToy() {
        super("rebar", "REBAR (Concrete control variate)", true, true);
    }

    private static final ControlVariates RELAXATION = new ControlVariates(List.of(ControlVariates.RELAXED_LOSS));

    @Override
    public double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda) {
        return RELAXATION.estimates(toy, draws, theta, lambda, new double[] {eta(toy, theta, lambda)});
    }

    /** The variance-optimal η at θ, λ (1 if the control variate is degenerate). */
    static double eta(ToyProblem toy, double theta, double lambda) {
        ControlVariates.Moments m = RELAXATION.moments(toy, theta, lambda);
        double g = m.g()[0][0];
        return g > 0 && Double.isFinite(g) ? m.h()[0] / g : 1;
    }

    /** REBAR's exact variance at θ, λ with a given η. */
    static double variance(ToyProblem toy, double theta, double lambda, double eta) {
        return RELAXATION.moments(toy, theta, lambda).variance(new double[] {eta}, toy.exactGradient(theta));
    }

    @Override
    public String fitted(ToyProblem toy, double theta, double lambda) {
        return String.format(Locale.ROOT, "η = %.3f", eta(toy, theta, lambda));
    }
}
