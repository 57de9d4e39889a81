package org.concretelab.gradients.toy;

/**
 * A relaxed toy estimator: f′ at some point times ∂X/∂θ of the relaxed X = σ((θ + L)/λ), per draw, and its exact
 * expectation by quadrature over the noise. Concrete takes f′ at X, straight-through at the hard b.
 */
abstract class RelaxedPathToy extends NamedToy {
    RelaxedPathToy(String id, String label) {
        super(id, label, true, false);
    }

    /** Where f′ is taken: at the relaxed {@code x} or the hard {@code b} of the same noise. */
    abstract double derivativeAt(double x, double b);

    @Override
    public final double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda) {
        return toy.perDraw(draws, theta, lambda, this::one);
    }

    @Override
    public final double expectation(ToyProblem toy, double theta, double lambda) {
        return toy.expectationOverNoise(theta, lambda, this::one);
    }

    private double one(ToyProblem toy, double x, double b, double lambda) {
        return toy.lossDerivative(derivativeAt(x, b)) * ToyProblem.relaxedSlope(x, lambda);
    }
}
