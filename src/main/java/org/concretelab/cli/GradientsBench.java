package org.concretelab.cli;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.concretelab.data.DataFileException;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.concretelab.gradients.ComparisonResult;
import org.concretelab.gradients.ComparisonSettings;
import org.concretelab.gradients.GradientComparison;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.Trainer;

/** {@code bench --gradients}: how long the Gradients tab's default comparison takes (the target: under 10 s). */
final class GradientsBench {
    static final int IMAGES = 10;

    private GradientsBench() {
    }

    static int run(Path checkpoint, Path dataDir, String dataset, int runs) {
        VaeModel model;
        float[] batch;
        try {
            org.concretelab.train.TrainingCheckpoint cp = Checkpoints.load(checkpoint);
            model = VaeModels.restore(cp.model());
            batch = MinibatchIterator.fixedBinarized(DatasetChoice.splitsFor(cp, dataset, dataDir, checkpoint).test().limit(IMAGES), Trainer.EVALUATION_SEED);
        } catch (CheckpointException | DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + checkpoint + " cannot be used: " + e.getMessage());
            return 1;
        }
        ComparisonSettings settings = ComparisonSettings.of(ComparisonSettings.DRAWS);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        System.out.printf(Locale.ROOT, "bench --gradients: %s, N = %d, %d images, %,d reference draws per image, %d threads,"
                        + " %d cores, load average %.1f%n", model.spec().describe(), settings.draws(), IMAGES,
                settings.referenceDraws(), settings.threads(), Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage());
        double[] wall = new double[runs];
        for (int r = 0; r < runs; r++) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            ComparisonResult result = GradientComparison.run(model, batch, IMAGES, settings, GradientComparison.Progress.NONE, () -> false);
            wall[r] = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: %.2f s wall, %.2f s CPU (%d estimators)%n", r + 1, wall[r],
                    (os.getProcessCpuTime() - cpu) / 1e9, result.estimators().size());
        }
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "comparison: median %.2f s%n", wall[runs / 2]);
        return 0;
    }
}
