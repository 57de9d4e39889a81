package org.concretelab.gradients.toy;

/** f′(X)·∂X/∂θ at the relaxed X = σ((θ + L)/λ): the gradient of E f(X), biased for E f(b). */
final class ConcreteToy extends RelaxedPathToy {
    ConcreteToy() {
        super("concrete", "Concrete relaxation (f at relaxed X)");
    }

    @Override
    double derivativeAt(double x, double b) {
        return x;
    }
}
