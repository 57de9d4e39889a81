package org.concretelab.gradients.toy;

/** f′(b)·∂X/∂θ: f at the hard b = 1[θ + L &gt; 0], the derivative of the relaxed X. */
final class StraightThroughToy extends NamedToy {
    StraightThroughToy() {
        super("straight-through", "Straight-through", true, false);
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
        return toy.lossDerivative(b) * ToyProblem.relaxedSlope(x, lambda);
    }
}
