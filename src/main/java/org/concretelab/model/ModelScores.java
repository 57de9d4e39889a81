package org.concretelab.model;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.task.Task;

/**
 * The model's scores on the evaluation graphs: the relaxed and discrete ELBO (one sample) and the importance-sampled
 * NLL of the discrete graph. It reads the model's workspaces and graph, so it lives beside them in the model's
 * package (the {@code metrics} package sits above the model and names these scores for the trainer and eval). The
 * caller holds the model's lock.
 */
final class ModelScores {
    /**
     * Rows per forward pass when importance sampling (GEMM-friendly, bounded memory). Part of a two-layer model's NLL:
     * its noise is drawn layer by layer over a pass's rows (ImportancePassSizeTest).
     */
    static final int IS_CHUNK = 500;

    private final Graph graph;
    private final WorkspacePool pool;
    /** Importance samples scored so far; written by the scoring thread only. */
    private final AtomicLong scoredSamples = new AtomicLong();

    ModelScores(Graph graph, WorkspacePool pool) {
        this.graph = graph;
        this.pool = pool;
    }

    static UniformRandomProvider random(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    long scoredSamples() {
        return scoredSamples.get();
    }

    /** The relaxed graph's mean log-weight, the code fed forward hard when {@code hardForward} (as straight-through trains). */
    double relaxedElbo(float[] batch, int rows, long noiseSeed, boolean hardForward) {
        Workspace w = pool.get(rows);
        w.loadReplicated(batch, 0, rows, 1);
        graph.relaxed(w, random(noiseSeed), hardForward, 1, false);
        return mean(w.logw, rows);
    }

    /** The discrete graph's mean log-weight: the one-sample bound (conditional: on log p(target | input)). */
    double discreteElbo(float[] batch, int rows, long noiseSeed) {
        Workspace w = pool.get(rows);
        w.loadReplicated(batch, 0, rows, 1);
        graph.discrete(w, random(noiseSeed), false, 1, null, false);
        return mean(w.logw, rows);
    }

    /** −log (1/k) Σ_j w_j per image, averaged over the rows; the discrete graph, k draws per image. */
    double importanceSampledNll(float[] batch, int rows, int k, long noiseSeed) {
        UniformRandomProvider rng = random(noiseSeed);
        float[] one = new float[Task.IMAGE_PIXELS];
        Workspace single = pool.get(1);
        double totalNll = 0;
        for (int e = 0; e < rows; e++) {
            System.arraycopy(batch, e * Task.IMAGE_PIXELS, one, 0, Task.IMAGE_PIXELS);
            // the first layer's distribution is the same for all k samples of one image: one network pass, not k
            single.loadReplicated(one, 0, 1, 1);
            Mat firstParams = graph.firstParams(single);
            // Streaming log-sum-exp over k log-weights, computed in chunks of at most IS_CHUNK rows.
            double max = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (int done = 0; done < k; ) {
                int n = Math.min(IS_CHUNK, k - done);
                Workspace w = pool.get(n);
                w.loadReplicated(one, 0, 1, n);
                graph.discrete(w, rng, false, 1, firstParams, false);
                for (int r = 0; r < n; r++) {
                    double v = w.logw[r];
                    if (v > max) {
                        sum = sum * Math.exp(max - v) + 1;
                        max = v;
                    } else {
                        sum += Math.exp(v - max);
                    }
                }
                done += n;
                scoredSamples.addAndGet(n);
            }
            totalNll += -(max + Math.log(sum) - Math.log(k));
        }
        return totalNll / rows;
    }

    static double mean(double[] v, int n) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += v[i];
        }
        return s / n;
    }
}
