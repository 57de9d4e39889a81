package org.concretelab.model;

import java.nio.FloatBuffer;
import org.concretelab.model.vector.RowKernels;
import org.concretelab.distribution.Bernoulli;
import org.concretelab.distribution.LogSpace;
import org.concretelab.model.nn.Mat;

/**
 * The decoder's Bernoulli pixels: log p(x|z) = Σ_i x_i o_i − softplus(o_i) for logits o, and its gradient
 * x − σ(o) (one e^−|o| shared by softplus and σ; the same formula as {@link Bernoulli#logProbability}).
 */
final class BernoulliLikelihood {

    private BernoulliLikelihood() {
    }

    /** Heap copies of the rows being scored: the kernels' loops run over plain arrays (one set per thread). */
    private static final ThreadLocal<float[][]> HEAP = ThreadLocal.withInitial(() -> new float[3][0]);
    private static final RowKernels KERNELS = RowKernels.get();

    /** logw[r] += log p(target_r | logits_r); when {@code keepResidual}, leaves x − σ(o) in {@code residual}. */
    static void add(Mat target, Mat logits, Mat residual, int rows, boolean keepResidual, double[] logw) {
        int width = logits.cols();
        int n = rows * width;
        float[][] heap = HEAP.get();
        if (heap[0].length < n) {
            for (int a = 0; a < 3; a++) {
                heap[a] = new float[n];
            }
        }
        float[] x = heap[0];
        float[] o = heap[1];
        float[] g = keepResidual ? heap[2] : null;
        target.buffer().get(0, x, 0, n);
        logits.buffer().get(0, o, 0, n);
        for (int r = 0; r < rows; r++) {
            logw[r] += KERNELS.bernoulliRow(x, o, r * width, width, g);
        }
        if (keepResidual) {
            residual.buffer().put(0, g, 0, n);
        }
    }

    /** ∂loss/∂o = ∂loss/∂logw · (x − σ(o)): scales the residual left by {@link #add} per row, in place. */
    static void gradient(Mat residual, int rows, double[] gLogw) {
        FloatBuffer gb = residual.buffer();
        int width = residual.cols();
        for (int r = 0; r < rows; r++) {
            float gw = (float) gLogw[r];
            int base = r * width;
            for (int i = 0; i < width; i++) {
                gb.put(base + i, gw * gb.get(base + i));
            }
        }
    }
}
