package org.concretelab.metrics;

import org.concretelab.model.VaeModel;

/** The ELBO with Concrete-relaxed latents (what training optimises at m = 1). */
public final class RelaxedElbo implements Metric {
    @Override
    public String key() {
        return "relaxed_elbo";
    }

    @Override
    public String label() {
        return "relaxed ELBO";
    }

    @Override
    public boolean higherIsBetter() {
        return true;
    }

    @Override
    public double score(VaeModel model, float[] images, int rows, long noiseSeed, int k) {
        return model.relaxedElbo(images, rows, noiseSeed);
    }
}
