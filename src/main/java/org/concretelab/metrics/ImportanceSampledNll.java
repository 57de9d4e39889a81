package org.concretelab.metrics;

import org.concretelab.model.VaeModel;

/** −log p(x) estimated by importance sampling with k discrete posterior samples (the paper's test NLL). */
public final class ImportanceSampledNll implements Metric {
    @Override
    public String key() {
        return "nll";
    }

    @Override
    public String label() {
        return "NLL";
    }

    @Override
    public boolean higherIsBetter() {
        return false;
    }

    @Override
    public double score(VaeModel model, float[] images, int rows, long noiseSeed, int k) {
        return model.importanceSampledNll(images, rows, k, noiseSeed);
    }
}
