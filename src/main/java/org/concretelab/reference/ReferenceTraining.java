package org.concretelab.reference;

import java.nio.file.Path;
import java.util.Locale;
import org.concretelab.data.Binarization;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link GaussianVaeNetwork} with DL4J's own training loop — {@code MultiLayerNetwork.pretrainLayer(0, it, 1)}
 * once per epoch over {@link BinarizedBatches} — on the project's protocol: the 50,000 training images (or the first
 * {@code trainImages}) binarized dynamically per epoch from the seed, Adam. After each epoch it scores the first
 * {@code validationImages} validation images, binarized once with the evaluation seed, by importance sampling, and
 * saves the network atomically.
 */
public final class ReferenceTraining {

    /** What to train; validated on construction, each message naming its field. */
    public record Options(int latents, int hidden, int batchSize, int epochs, double learningRate, long seed,
            int trainImages, int validationImages, int validationSamples) {
        public Options {
            require(latents >= 1, "latents must be at least 1, was " + latents);
            require(hidden >= 1, "hidden must be at least 1, was " + hidden);
            require(batchSize >= 1, "batchSize must be at least 1, was " + batchSize);
            require(epochs >= 1, "epochs must be at least 1, was " + epochs);
            require(learningRate > 0 && Double.isFinite(learningRate), "learningRate must be a positive number, was " + learningRate);
            require(trainImages >= 0, "trainImages must be 0 (all) or positive, was " + trainImages);
            require(validationImages >= 0, "validationImages must be 0 (none) or positive, was " + validationImages);
            require(validationSamples >= 1, "validationSamples must be at least 1, was " + validationSamples);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }

    /** One finished epoch: the mean of the layer's score (negative ELBO per image) over its steps, and validation. */
    public record Epoch(int epoch, long steps, double meanScore, double validationNll, double validationElbo, double seconds,
            double validationSeconds) {
    }

    /** Hears every step (its layer score) and every finished epoch. */
    public interface Listener {
        default void step(long step, double score) {
        }

        void epoch(Epoch epoch);
    }

    /** The run could not go on (a non-finite score); nothing bad was saved. */
    public static final class TrainingFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TrainingFailedException(String message) {
            super(message);
        }
    }

    private final Options options;
    private final MultiLayerNetwork net;
    private final ImageSet train;
    private final float[] validationImages;
    private final int validationRows;
    private volatile boolean stopRequested;
    private long step;
    private int epochsDone;
    private double lastValidationNll = Double.NaN;
    private double scoreSum;
    private long scoreCount;
    private double firstNonFinite = 0;

    public ReferenceTraining(Options options, MnistSplits data) {
        this.options = options;
        this.train = data.train().limit(options.trainImages());
        ImageSet val = data.validation().limit(options.validationImages());
        this.validationRows = options.validationImages() == 0 ? 0 : val.size();
        this.validationImages = validationRows == 0 ? new float[0]
                : MinibatchIterator.fixedBinarized(val, org.concretelab.train.Trainer.EVALUATION_SEED);
        Nd4j.getRandom().setSeed(options.seed()); // the layer's reparameterisation noise comes from ND4J's generator
        this.net = GaussianVaeNetwork.build(options.latents(), options.hidden(), options.learningRate(), options.seed());
    }

    public MultiLayerNetwork network() {
        return net;
    }

    /** See {@link GaussianVaeNetwork#describe}. */
    public String describe() {
        return GaussianVaeNetwork.describe(net);
    }

    public Options options() {
        return options;
    }

    public long step() {
        return step;
    }

    public int epochsDone() {
        return epochsDone;
    }

    public int trainImages() {
        return train.size();
    }

    /** Ends the run after the current step; {@link #run} then saves the network and returns. */
    public void stop() {
        stopRequested = true;
    }

    public boolean stopped() {
        return stopRequested;
    }

    /**
     * Trains all epochs, saving to {@code modelFile} after each (and when stopped); returns normally when done or
     * stopped, throws {@link TrainingFailedException} when the score stops being finite (the file keeps the last good
     * epoch) and {@link ReferenceFileException} when a save fails.
     */
    public void run(Path modelFile, Listener listener) {
        BinarizedBatches batches = new BinarizedBatches(train, options.batchSize(), Binarization.DYNAMIC, options.seed(),
                () -> stopRequested || firstNonFinite != 0);
        net.setListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                double s = model.score();
                step++;
                if (!Double.isFinite(s) && firstNonFinite == 0) {
                    firstNonFinite = step;
                }
                scoreSum += s;
                scoreCount++;
                listener.step(step, s);
            }
        });
        for (int e = 0; e < options.epochs() && !stopRequested; e++) {
            long start = System.nanoTime();
            scoreSum = 0;
            scoreCount = 0;
            batches.startEpoch(e);
            net.pretrainLayer(0, batches, 1);
            if (firstNonFinite != 0) {
                throw new TrainingFailedException(String.format(Locale.ROOT,
                        "the layer's score became non-finite at step %d (epoch %d); %s", firstNonFinite, e + 1,
                        epochsDone == 0 ? "nothing was saved" : "the last good network is " + modelFile + " (epoch " + epochsDone + ")"));
            }
            if (stopRequested && scoreCount < batches.batchesPerEpoch()) {
                break; // a partial epoch: saved below, not validated
            }
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            long valStart = System.nanoTime();
            GaussianVaeScorer.Scores val = validationRows == 0 ? null
                    : new GaussianVaeScorer(net).score(validationImages, validationRows, options.validationSamples(),
                            org.concretelab.train.Trainer.EVALUATION_SEED, null);
            double valSeconds = (System.nanoTime() - valStart) / 1e9;
            if (val != null && !Double.isFinite(val.nll())) {
                throw new TrainingFailedException(String.format(Locale.ROOT,
                        "the validation NLL of epoch %d is %s; %s", e + 1, val.nll(),
                        epochsDone == 0 ? "nothing was saved" : "the last good network is " + modelFile + " (epoch " + epochsDone + ")"));
            }
            epochsDone = e + 1;
            lastValidationNll = val == null ? Double.NaN : val.nll();
            ReferenceFiles.save(modelFile, net, record());
            listener.epoch(new Epoch(epochsDone, step, scoreSum / scoreCount, lastValidationNll,
                    val == null ? Double.NaN : val.elbo(), trainSeconds, valSeconds));
        }
        if (stopRequested && step > 0) {
            ReferenceFiles.save(modelFile, net, record());
        }
    }

    private ReferenceFiles.Record record() {
        return new ReferenceFiles.Record(ReferenceFiles.FORMAT, 1, epochsDone, step, options.batchSize(), options.learningRate(),
                options.seed(), train.size(), "dynamic", options.latents(), options.hidden(), lastValidationNll,
                validationRows, options.validationSamples());
    }
}
