package org.concretelab.model.estimator;

/**
 * What an estimator may ask of the model it trains, without depending on the model's package (the model's spec
 * implements this): the chosen estimator and m, and the facts an estimator can be limited to.
 */
public interface EstimatorSetting {
    /** The estimator's registered name. */
    String estimator();

    /** m, the samples per example. */
    int samples();

    /** The task's registered name. */
    String task();

    /** Stochastic layers of the model. */
    int stochasticLayerCount();

    /** Whether every discrete latent is binary (logistic noise). */
    boolean binaryLatents();

    /** Reparameterised Gaussian units beside the discrete ones. */
    int gaussianUnits();

    /**
     * Values per row of the first stochastic layer's posterior parameters (a network on the latents reads that many);
     * unknown (an IllegalStateException) for the facts alone, which only refusals read.
     */
    default int posteriorWidth() {
        throw new IllegalStateException("the posterior's width is not among these facts");
    }

    /** The facts alone (e.g. for a spec still being validated). */
    record Of(String estimator, int samples, String task, int stochasticLayerCount, boolean binaryLatents,
              int gaussianUnits) implements EstimatorSetting {
    }
}
