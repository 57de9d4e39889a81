package org.concretelab.model.estimator;

/**
 * An estimator of the discrete ELBO's gradient from single samples (m = 1): what it optimises, how logs name it, and that
 * it needs no relaxation — said once for NVIL, DisARM and any later one-sample score-function estimator.
 */
interface DiscreteElboEstimator extends GradientEstimator {

    @Override
    default String objectiveName() {
        return "discrete ELBO";
    }

    @Override
    default String objectiveColumn() {
        return "discrete_elbo";
    }

    @Override
    default boolean relaxed() {
        return false;
    }

    @Override
    default int maximumSamples() {
        return 1;
    }
}
