package org.concretelab.train;

import org.concretelab.model.ModelState;

/**
 * A resumable snapshot of a run: its options, the model (parameters and Adam moments), and where in the
 * data stream the next step starts.
 *
 * @param options       the run's options (its {@code outputDir} is not stored)
 * @param model         parameters, optimiser moments and optimiser step
 * @param step          global steps taken
 * @param epoch         0-based epoch of the next step
 * @param batchInEpoch  batch index of the next step within {@code epoch}
 */
public record TrainingCheckpoint(TrainingOptions options, ModelState model, long step, int epoch, int batchInEpoch) {

    public TrainingCheckpoint {
        if (options == null || model == null) {
            throw new IllegalArgumentException("a checkpoint needs options and a model state");
        }
        if (!options.spec().equals(model.spec())) {
            throw new IllegalArgumentException("the options' model (" + options.spec().describe()
                    + ") differs from the state's (" + model.spec().describe() + ")");
        }
    }

    /** True when Adam's moments are included, so that training can resume exactly. */
    public boolean resumable() {
        return model.arrays().keySet().stream().anyMatch(n -> n.endsWith("#adam"));
    }
}
