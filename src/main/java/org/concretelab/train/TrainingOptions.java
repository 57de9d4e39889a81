package org.concretelab.train;

import java.nio.file.Path;
import org.concretelab.data.Binarization;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.model.InvalidSettingException;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;

/**
 * Everything a training run needs besides the data: the model, minibatching, length, seeds and where
 * checkpoints and the CSV log go. Immutable and validated; a violation is an InvalidSettingException
 * naming the option and value.
 *
 * @param spec             the model and its objective
 * @param batchSize        examples per step
 * @param epochs           passes over the training set
 * @param seed             seeds parameters, shuffling, binarization and Concrete noise
 * @param binarization     dynamic (default) or fixed
 * @param trainLimit       use only the first {@code trainLimit} training images (0 = all 50,000)
 * @param validationLimit  validation images scored after each epoch (0 = all 10,000)
 * @param validationSamples importance samples k of the per-epoch validation NLL
 * @param outputDir        folder for checkpoints and the CSV log, or {@code null} for none
 * @param finalLearningRate the learning rate reached at the last step by exponential decay from the
 *                          spec's rate; 0 keeps the rate constant
 * @param finalTemperatureFactor the factor both temperatures reach at the last step by exponential
 *                          annealing from the spec's λ1 and λ2; 0 (or 1) keeps them constant
 * @param klWarmupSteps     steps over which the KL weight β rises linearly from 0 to 1 (0 = none: the bound
 *                          from the first step); keeps many-unit categorical models from collapsing early
 * @param protocol          the defaults the run started from ({@link Protocol}; a checkpoint without one: project)
 * @param dataset           what the run trains on ({@link Datasets}; a checkpoint without one: MNIST)
 */
public record TrainingOptions(ModelSpec spec, int batchSize, int epochs, long seed, Binarization binarization,
                              int trainLimit, int validationLimit, int validationSamples, Path outputDir,
                              double finalLearningRate, double finalTemperatureFactor, int klWarmupSteps, Protocol protocol,
                              Dataset dataset) {

    /** Options of a run on MNIST. */
    public TrainingOptions(ModelSpec spec, int batchSize, int epochs, long seed, Binarization binarization, int trainLimit,
                           int validationLimit, int validationSamples, Path outputDir, double finalLearningRate,
                           double finalTemperatureFactor, int klWarmupSteps, Protocol protocol) {
        this(spec, batchSize, epochs, seed, binarization, trainLimit, validationLimit, validationSamples, outputDir,
                finalLearningRate, finalTemperatureFactor, klWarmupSteps, protocol, Datasets.defaultDataset());
    }

    /** Options of the project's protocol. */
    public TrainingOptions(ModelSpec spec, int batchSize, int epochs, long seed, Binarization binarization, int trainLimit,
                           int validationLimit, int validationSamples, Path outputDir, double finalLearningRate,
                           double finalTemperatureFactor, int klWarmupSteps) {
        this(spec, batchSize, epochs, seed, binarization, trainLimit, validationLimit, validationSamples, outputDir,
                finalLearningRate, finalTemperatureFactor, klWarmupSteps, Protocol.PROJECT);
    }

    public TrainingOptions {
        if (dataset == null) {
            throw new InvalidSettingException("dataset", "dataset must be given");
        }
        if (protocol == null) {
            throw new InvalidSettingException("protocol", "protocol must be given");
        }
        if (spec == null) {
            throw new InvalidSettingException("spec", "spec must be given");
        }
        if (binarization == null) {
            throw new InvalidSettingException("binarization", "binarization must be given");
        }
        atLeast("batchSize", batchSize, 1);
        atLeast("epochs", epochs, 1);
        atLeast("trainLimit", trainLimit, 0);
        atLeast("validationLimit", validationLimit, 0);
        atLeast("validationSamples", validationSamples, 1);
        atLeast("klWarmupSteps", klWarmupSteps, 0);
        if (finalLearningRate < 0 || !Double.isFinite(finalLearningRate)) {
            throw new InvalidSettingException("finalLearningRate",
                    "finalLearningRate must be 0 (constant) or positive, was " + finalLearningRate);
        }
        if (finalTemperatureFactor < 0 || !Double.isFinite(finalTemperatureFactor)) {
            throw new InvalidSettingException("finalTemperatureFactor",
                    "finalTemperatureFactor must be 0 (constant) or positive, was " + finalTemperatureFactor);
        }
    }

    /** Options without a KL warm-up. */
    public TrainingOptions(ModelSpec spec, int batchSize, int epochs, long seed, Binarization binarization, int trainLimit,
                           int validationLimit, int validationSamples, Path outputDir, double finalLearningRate,
                           double finalTemperatureFactor) {
        this(spec, batchSize, epochs, seed, binarization, trainLimit, validationLimit, validationSamples, outputDir,
                finalLearningRate, finalTemperatureFactor, 0);
    }

    /** Options without temperature annealing. */
    public TrainingOptions(ModelSpec spec, int batchSize, int epochs, long seed, Binarization binarization, int trainLimit,
                           int validationLimit, int validationSamples, Path outputDir, double finalLearningRate) {
        this(spec, batchSize, epochs, seed, binarization, trainLimit, validationLimit, validationSamples, outputDir,
                finalLearningRate, 0);
    }

    /** The temperature factor of {@code step} out of {@code totalSteps}: exponential from 1 to the final factor. */
    public double temperatureFactorAt(long step, long totalSteps) {
        if (finalTemperatureFactor == 0 || finalTemperatureFactor == 1 || totalSteps <= 1) {
            return 1;
        }
        double t = Math.min(1.0, step / (double) (totalSteps - 1));
        return Math.pow(finalTemperatureFactor, t);
    }

    /** A run with the same choices writing to {@code dir} and lasting {@code totalEpochs}. */
    public TrainingOptions withOutput(Path dir, int totalEpochs) {
        return new TrainingOptions(spec, batchSize, totalEpochs, seed, binarization, trainLimit, validationLimit,
                validationSamples, dir, finalLearningRate, finalTemperatureFactor, klWarmupSteps, protocol, dataset);
    }

    /** The same options recorded as started from {@code p}'s defaults. */
    public TrainingOptions withProtocol(Protocol p) {
        return new TrainingOptions(spec, batchSize, epochs, seed, binarization, trainLimit, validationLimit,
                validationSamples, outputDir, finalLearningRate, finalTemperatureFactor, klWarmupSteps, p, dataset);
    }

    /** The same options on another dataset. */
    public TrainingOptions withDataset(Dataset d) {
        return new TrainingOptions(spec, batchSize, epochs, seed, binarization, trainLimit, validationLimit,
                validationSamples, outputDir, finalLearningRate, finalTemperatureFactor, klWarmupSteps, protocol, d);
    }

    /** β of {@code step}: rises linearly from 0 at step 0 to 1 at {@code klWarmupSteps}, then stays 1. */
    public double klWeightAt(long step) {
        return klWarmupSteps == 0 ? 1 : Math.min(1.0, step / (double) klWarmupSteps);
    }

    /** Whether {@code step} lies after the warm-up (the logged objective is the bound itself). */
    public boolean warmedUp(long step) {
        return step >= klWarmupSteps;
    }

    /** The learning rate of {@code step} out of {@code totalSteps}: exponential from the spec's rate to the final one. */
    public double learningRateAt(long step, long totalSteps) {
        if (finalLearningRate == 0 || totalSteps <= 1) {
            return spec.learningRate();
        }
        double t = Math.min(1.0, step / (double) (totalSteps - 1));
        return spec.learningRate() * Math.pow(finalLearningRate / spec.learningRate(), t);
    }

    /** The default run: default model, batch 100, 100 epochs, seed 1, dynamic binarization. */
    public static TrainingOptions defaults() {
        return new TrainingOptions(ModelSpec.defaults(), PaperDefaults.BATCH, 100, 1L, Binarization.DYNAMIC, 0, 0,
                PaperDefaults.VALIDATION_SAMPLES, null, 0);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new InvalidSettingException(name, name + " must be at least " + min + ", was " + value);
        }
    }
}
