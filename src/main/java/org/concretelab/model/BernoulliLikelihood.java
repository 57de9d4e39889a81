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

    /**
     * Heap copies of the row being scored (the kernels' loops run over plain arrays; one set per thread). A row at a
     * time, not the whole matrix: a 500-row pass's targets and logits are 3 MB, which copied whole went out to memory
     * and came back for the kernel; a row (3 KB each) stays in the first-level cache. The same sums, bit for bit.
     */
    private static final ThreadLocal<float[][]> HEAP = ThreadLocal.withInitial(() -> new float[3][0]);
    private static final RowKernels KERNELS = RowKernels.get();

    /** logw[r] += log p(target_r | logits_r); when {@code keepResidual}, leaves x − σ(o) in {@code residual}. */
    static void add(Mat target, Mat logits, Mat residual, int rows, boolean keepResidual, double[] logw) {
        int width = logits.cols();
        float[][] heap = HEAP.get();
        if (heap[0].length < width) {
            for (int a = 0; a < 3; a++) {
                heap[a] = new float[width];
            }
        }
        float[] x = heap[0];
        float[] o = heap[1];
        float[] g = keepResidual ? heap[2] : null;
        FloatBuffer tb = target.buffer();
        FloatBuffer lb = logits.buffer();
        FloatBuffer rb = keepResidual ? residual.buffer() : null;
        for (int r = 0; r < rows; r++) {
            tb.get(r * width, x, 0, width);
            lb.get(r * width, o, 0, width);
            logw[r] += KERNELS.bernoulliRow(x, o, 0, width, g);
            if (keepResidual) {
                rb.put(r * width, g, 0, width);
            }
        }
    }

    /** ∂loss/∂o = ∂loss/∂logw · (x − σ(o)): scales the residual left by {@link #add} per row, in place. */
    static void gradient(Mat residual, int rows, double[] gLogw) {
        FloatBuffer gb = residual.buffer();
        int width = residual.cols();
        float[] row = new float[width]; // a row at a time over a heap copy: the JIT vectorises the product there
        for (int r = 0; r < rows; r++) {
            float gw = (float) gLogw[r];
            int base = r * width;
            gb.get(base, row, 0, width);
            for (int i = 0; i < width; i++) {
                row[i] = gw * row[i];
            }
            gb.put(base, row, 0, width);
        }
    }
}
