package org.concretelab.metrics;

import org.concretelab.model.VaeModel;

/** The ELBO with discrete latents, the graph the paper evaluates. */
public final class DiscreteElbo implements Metric {
    @Override
    public String key() {
        return "discrete_elbo";
    }

    @Override
    public String label() {
        return "discrete ELBO";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double score(VaeModel model, float[] images, int rows, long noiseSeed, int k) {
        return model.discreteElbo(images, rows, noiseSeed);
    }
}
