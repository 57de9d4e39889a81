package org.concretelab.gradients.toy;

/** f′(b)·∂X/∂θ: f at the hard b = 1[θ + L &gt; 0], the derivative of the relaxed X. */
final class StraightThroughToy extends RelaxedPathToy {
    StraightThroughToy() {
        super("straight-through", "Straight-through");
    }

    @Override
    double derivativeAt(double x, double b) {
        return b;
    }
}
