package org.concretelab.train;

import org.concretelab.model.ModelState;

/**
 * Everything needed to continue a run exactly where it stopped: the run's options (which hold the
 * data seed), the model's parameters and optimiser moments, and the position in the data.
 *
 * @param options      the run's options (the model spec is {@code options.spec()})
 * @param model        parameters, Adam moments and the optimiser's step count
 * @param step         trainer steps taken so far (the next step is {@code step + 1})
 * @param epoch        0-based epoch the next step belongs to
 * @param batchInEpoch minibatches of {@code epoch} already taken (the next one's index)
 */
public record TrainingCheckpoint(TrainingOptions options, ModelState model, long step, int epoch, int batchInEpoch) {

    public TrainingCheckpoint {
        if (options == null || model == null) {
            throw new IllegalArgumentException("a checkpoint needs options and a model state");
        }
        if (!options.spec().equals(model.spec())) {
            throw new IllegalArgumentException("the model state (" + model.spec().describe()
                    + ") does not match the options' spec (" + options.spec().describe() + ")");
        }
        if (step < 0 || epoch < 0 || batchInEpoch < 0) {
            throw new IllegalArgumentException("step, epoch and batchInEpoch must be non-negative, were "
                    + step + ", " + epoch + ", " + batchInEpoch);
        }
    }
}
