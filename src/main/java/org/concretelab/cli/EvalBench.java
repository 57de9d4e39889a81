package org.concretelab.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.concretelab.data.DataFileException;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.Evaluation;

/**
 * {@code bench --eval}: how fast {@code eval} scores test images at k importance samples (the same scoring loop,
 * {@link Evaluation#score}, on the first test images), and what that makes the full test set and the paper's k = 50,000.
 */
final class EvalBench {
    private EvalBench() {
    }

    static int run(Path checkpoint, Path dataDir, String dataset, int k, int images, int threads, int runs) {
        if (k < 1 || images < Evaluation.CHUNK || threads < 1 || runs < 1) {
            System.err.println("error: -k, --threads and --runs must be at least 1 and --eval-images at least " + Evaluation.CHUNK);
            return 2;
        }
        VaeModel model;
        float[] pixels;
        try {
            org.concretelab.train.TrainingCheckpoint cp = Checkpoints.load(checkpoint);
            model = VaeModels.restore(cp.model());
            ImageSet test = DatasetChoice.splitsFor(cp, dataset, dataDir, checkpoint).test().limit(images);
            images = test.size();
            pixels = Evaluation.binarized(test, 0, images);
        } catch (CheckpointException | DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + checkpoint + " cannot be evaluated: " + e.getMessage());
            return 1;
        }
        List<VaeModel> workers = Evaluation.workers(model, threads, images);
        System.out.printf(Locale.ROOT, "bench --eval: %s, %,d test images at k = %d, %s (%d cores)%n",
                model.spec().describe(), images, k, workers.size() == 1 ? "1 thread" : workers.size() + " threads",
                Runtime.getRuntime().availableProcessors());
        final int scored = images;
        Runnable once = () -> Evaluation.score(workers, pixels, 0, scored, k, 1, done -> { });
        // warm-up: one chunk per worker at this k (JIT, buffers)
        Evaluation.score(workers, pixels, 0, Math.min(scored, Evaluation.CHUNK * workers.size()), k, 1, done -> { });
        double[] rates = new double[runs];
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            once.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            rates[r] = scored / seconds;
            System.out.printf(Locale.ROOT, "run %d: %.1f images/s (%.1f s)%n", r + 1, rates[r], seconds);
        }
        Arrays.sort(rates);
        double median = rates[runs / 2];
        // the work is linear in k (k decoder passes per image), so the rate scales as 1/k
        System.out.printf(Locale.ROOT, "projected: all 10,000 test images at k = %d in %.1f min; at k = 50,000 in %.0f min%n",
                k, 10_000 / median / 60, 10_000 / (median * k / 50_000.0) / 60);
        System.out.printf(Locale.ROOT, "eval images/s: %.1f%n", median);
        return 0;
    }
}
