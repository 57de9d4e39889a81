package org.concretelab.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.LongUnaryOperator;
import org.concretelab.model.VaeModel;
import org.concretelab.model.task.Task;

/** The registered metrics (in column order) and the one loop that scores a set of images with them. */
public final class Metrics {
    private static final List<Metric> STANDARD = List.of(new RelaxedElbo(), new DiscreteElbo(), new ImportanceSampledNll());

    private Metrics() {
    }

    /** Every metric validation and {@code eval} report, in the run log's column order. */
    public static List<Metric> standard() {
        return STANDARD;
    }

    /**
     * Scores {@code count} images of {@code images} in chunks of {@code chunk}: chunk {@code c} starting at image
     * {@code from} gets the noise seed {@code seedOfChunk(from)}, so a score never depends on how a set is split
     * as long as the chunks are the same. {@code afterChunk} hears the images done (e.g. progress, or the
     * trainer serving requests between chunks). Returns key → mean score.
     */
    public static Map<String, Double> score(VaeModel model, List<Metric> metrics, float[] images, int count, int chunk,
                                            int k, LongUnaryOperator seedOfChunk, IntConsumer afterChunk) {
        double[] totals = new double[metrics.size()];
        for (int from = 0; from < count; from += chunk) {
            int rows = Math.min(chunk, count - from);
            float[] part = Arrays.copyOfRange(images, from * Task.IMAGE_PIXELS, (from + rows) * Task.IMAGE_PIXELS);
            long seed = seedOfChunk.applyAsLong(from);
            for (int i = 0; i < metrics.size(); i++) {
                totals[i] += metrics.get(i).score(model, part, rows, seed, k) * rows;
            }
            afterChunk.accept(from + rows);
        }
        Map<String, Double> means = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            means.put(metrics.get(i).key(), totals[i] / count);
        }
        return means;
    }
}
