package org.concretelab.gradients.toy;

/** f′(X)·∂X/∂θ at the relaxed X = σ((θ + L)/λ): the gradient of E f(X), biased for E f(b). */
final class ConcreteToy extends NamedToy {
    ConcreteToy() {
        super("concrete", "Concrete relaxation (f at relaxed X)", true, false);
    }

    @Override
    public double[] estimates(ToyProblem toy, ToyDraws draws, double theta, double lambda) {
        return toy.perDraw(draws, theta, lambda, this::one);
    }

    @Override
    public double expectation(ToyProblem toy, double theta, double lambda) {
        return toy.expectationOverNoise(theta, lambda, this::one);
    }

    private double one(ToyProblem toy, double x, double b, double lambda) {
        return toy.lossDerivative(x) * ToyProblem.relaxedSlope(x, lambda);
    }
}
