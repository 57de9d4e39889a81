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
        double[][] perChunk = new double[(count + chunk - 1) / chunk][];
        for (int c = 0; c < perChunk.length; c++) {
            perChunk[c] = scoreChunk(model, metrics, images, count, chunk, c, k, seedOfChunk);
            afterChunk.accept(Math.min(count, (c + 1) * chunk));
        }
        return means(metrics, perChunk, count);
    }

    /** Chunk {@code c}'s scores, each times its number of images (so that chunks add up). */
    private static double[] scoreChunk(VaeModel model, List<Metric> metrics, float[] images, int count, int chunk, int c,
                                       int k, LongUnaryOperator seedOfChunk) {
        int from = c * chunk;
        int rows = Math.min(chunk, count - from);
        float[] part = Arrays.copyOfRange(images, from * Task.IMAGE_PIXELS, (from + rows) * Task.IMAGE_PIXELS);
        long seed = seedOfChunk.applyAsLong(from);
        double[] s = new double[metrics.size()];
        for (int i = 0; i < metrics.size(); i++) {
            s[i] = metrics.get(i).score(model, part, rows, seed, k) * rows;
        }
        return s;
    }

    /** The chunks' totals summed in chunk order (the same sums for any number of workers), per image. */
    private static Map<String, Double> means(List<Metric> metrics, double[][] perChunk, int count) {
        Map<String, Double> means = new LinkedHashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            double total = 0;
            for (double[] s : perChunk) {
                total += s[i];
            }
            means.put(metrics.get(i).key(), total / count);
        }
        return means;
    }

    /**
     * {@link #score} with the chunks shared among {@code workers} (independent copies of one model, one thread each):
     * each chunk's noise seed still depends only on where it starts and the totals are summed in chunk order, so
     * the result is the same for any number of workers. {@code afterChunk} hears the images done so far.
     */
    public static Map<String, Double> score(List<VaeModel> workers, List<Metric> metrics, float[] images, int count,
                                            int chunk, int k, LongUnaryOperator seedOfChunk, IntConsumer afterChunk) {
        if (workers.size() == 1) {
            return score(workers.get(0), metrics, images, count, chunk, k, seedOfChunk, afterChunk);
        }
        int chunks = (count + chunk - 1) / chunk;
        double[][] perChunk = new double[chunks][];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(workers.size(), r -> {
            Thread t = new Thread(r, "score-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
            for (VaeModel model : workers) {
                running.add(pool.submit(() -> {
                    for (int c; (c = next.getAndIncrement()) < chunks; ) {
                        perChunk[c] = scoreChunk(model, metrics, images, count, chunk, c, k, seedOfChunk);
                        int imagesDone = done.addAndGet(Math.min(chunk, count - c * chunk));
                        synchronized (afterChunk) {
                            afterChunk.accept(imagesDone);
                        }
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return means(metrics, perChunk, count);
    }
}
