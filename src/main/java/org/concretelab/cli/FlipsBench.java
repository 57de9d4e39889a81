package org.concretelab.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.concretelab.data.DataFileException;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MnistSplits;
import org.concretelab.explore.FlipRanking;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.task.Tasks;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;

/**
 * {@code bench --flips}: how visible single flips are for a model, as the Latents tab ranks them. For each of the first
 * test digits (as the tab shows them, grey levels): its most probable code, every single move ranked
 * ({@link FlipRanking}), and the top one's change of the decoded image: mean |Δp| over pixels and pixels crossing 0.5.
 * Prints the medians over digits (a model whose top flip barely moves the digit teaches little by flipping), and how
 * long one ranking takes (the tab's background work after each flip).
 */
final class FlipsBench {
    private FlipsBench() {
    }

    static int run(Path checkpoint, Path dataDir, String dataset, int digits) {
        if (digits < 1) {
            System.err.println("error: --flip-images must be at least 1, was " + digits);
            return 2;
        }
        VaeModel model;
        ImageSet test;
        try {
            org.concretelab.train.TrainingCheckpoint cp = Checkpoints.load(checkpoint);
            model = VaeModels.restore(cp.model());
            test = DatasetChoice.splitsFor(cp, dataset, dataDir, checkpoint).test().limit(digits);
        } catch (CheckpointException | DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + checkpoint + " cannot be explored: " + e.getMessage());
            return 1;
        }
        if (Tasks.create(model.spec().task()).conditionalPrior()) {
            System.err.println("error: " + checkpoint + " is a completion model (" + model.spec().describe()
                    + "): its codes are drawn given a top half, not encoded from a digit; --flips takes a model of the Latents tab");
            return 1;
        }
        int n = test.size();
        double[] change = new double[n];
        double[] crossing = new double[n];
        double[] ms = new double[n];
        int moves = 0;
        FlipRanking.of(model, LatentCode.of(model.latentLayout(), model.encodeMode(test.pixelsOf(0)))); // warm-up
        for (int i = 0; i < n; i++) {
            LatentCode code = LatentCode.of(model.latentLayout(), model.encodeMode(test.pixelsOf(i)));
            long start = System.nanoTime();
            FlipRanking.Ranking r = FlipRanking.of(model, code);
            ms[i] = (System.nanoTime() - start) / 1e6;
            FlipRanking.Move top = r.moves().get(0);
            change[i] = top.meanChange();
            crossing[i] = top.crossings();
            moves = r.moves().size();
        }
        System.out.printf(Locale.ROOT, "bench --flips: %s, %d test digits, each digit's code and its %d single moves decoded"
                + " as one batch%n", model.spec().describe(), n, moves);
        System.out.printf(Locale.ROOT, "top-ranked flip, mean |Δp| over pixels: median %.4f (quartiles %.4f–%.4f, max %.4f)%n",
                quantile(change, 0.5), quantile(change, 0.25), quantile(change, 0.75), quantile(change, 1));
        System.out.printf(Locale.ROOT, "top-ranked flip, pixels crossing 0.5: median %.1f (quartiles %.1f–%.1f, max %.0f)%n",
                quantile(crossing, 0.5), quantile(crossing, 0.25), quantile(crossing, 0.75), quantile(crossing, 1));
        System.out.printf(Locale.ROOT, "ranking one digit: median %.1f ms%n", quantile(ms, 0.5));
        System.out.printf(Locale.ROOT, "flips median |Δp|: %.4f, median pixels crossing: %.1f%n", quantile(change, 0.5),
                quantile(crossing, 0.5));
        return 0;
    }

    /** The {@code q} quantile of {@code values} (linear between order statistics; 0.5 of an even count: the mean of the middle two). */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}
