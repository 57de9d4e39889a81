package org.concretelab.model;

import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.Tasks;

/** Builds the VAE a {@link ModelSpec} describes. */
public final class VaeModels {
    private VaeModels() {
    }

    /** A freshly initialised model (Glorot weights from {@code seed}). */
    public static VaeModel create(ModelSpec spec, long seed) {
        if (spec == null) {
            throw new IllegalArgumentException("spec must be given");
        }
        MemoryEstimate.of(spec, 1).requireFits(); // e.g. a checkpoint of a model too big for this machine
        return new ConcreteVae(spec, Tasks.create(spec.task()), Estimators.create(spec.estimator()), seed);
    }

    /** A model holding {@code state}'s parameters and optimiser moments. */
    public static VaeModel restore(ModelState state) {
        VaeModel model = create(state.spec(), 0);
        model.load(state);
        return model;
    }

    /**
     * A private copy of {@code model}'s parameters (taken at once, so a model being trained is only paused for the
     * copy) that draws the named estimator's gradient estimates with m = {@code samples}, at the model's current
     * temperatures. The model itself is never changed.
     *
     * @throws IllegalArgumentException for an unknown estimator, or an m it cannot work with
     */
    public static GradientProbe gradientProbe(VaeModel model, String estimator, int samples) {
        double[] temperatures = model.temperatures();
        GradientProbe probe = GradientProbe.of(model.state(), estimator, samples);
        probe.setTemperatures(temperatures[0], temperatures[1]);
        return probe;
    }
}
