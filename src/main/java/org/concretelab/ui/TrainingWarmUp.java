package org.concretelab.ui;

import java.util.Random;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.TrainingOptions;

/**
 * A few training steps of the default model on noise, in the background a few seconds after start-up, then dropped: the
 * JIT compiles the training step while nobody waits, instead of in a run's first second, when its compiler threads, the
 * run and the window's first points of the charts share the cores (on two cores the FX thread then waited 100–115 ms for
 * one: {@code FxLatencyBenchmark -Dbench.demo=true}). Nothing is written and nothing of it is kept.
 */
final class TrainingWarmUp {
    /** Steps enough for the JIT's tiers to compile the step's loops (~0.3 s of one core). */
    static final int STEPS = 60;

    private TrainingWarmUp() {
    }

    /** Runs the steps on the calling thread (a background one); returns the last step's objective. */
    static double run() {
        TrainingOptions o = TrainingOptions.defaults();
        VaeModel model = VaeModels.create(o.spec(), 1);
        int rows = o.batchSize();
        float[] batch = new float[rows * o.dataset().pixels()];
        Random r = new Random(1);
        double objective = Double.NaN;
        for (int s = 0; s < STEPS; s++) {
            for (int i = 0; i < batch.length; i++) {
                batch[i] = r.nextFloat() < 0.15f ? 1f : 0f; // MNIST's share of ink
            }
            objective = model.trainStep(batch, rows, s);
        }
        return objective;
    }
}
