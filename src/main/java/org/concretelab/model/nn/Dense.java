package org.concretelab.model.nn;

import java.nio.FloatBuffer;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.vector.RowKernels;

/** An affine map {@code out = in · W + b} with its backward pass, on preallocated buffers. */
public final class Dense {
    /** In lanes: a branch per element made the check 5 % of an m = 5 step (JFR), on gradients with no subnormal. */
    private static final RowKernels KERNELS = RowKernels.get();
    private final Param weight;
    private final Param bias;

    public Dense(String name, int in, int out, UniformRandomProvider rng, List<Param> registry) {
        weight = new Param(name + ".W", in, out);
        bias = new Param(name + ".b", 1, out);
        // Glorot/Xavier uniform, as the paper: keeps tanh activations in their linear range at start.
        double limit = Math.sqrt(6.0 / (in + out));
        var w = weight.value().buffer();
        for (int i = 0, n = in * out; i < n; i++) {
            w.put(i, (float) ((2 * rng.nextDouble() - 1) * limit));
        }
        registry.add(weight);
        registry.add(bias);
    }

    /** ∂/∂b = Σ over rows of {@code g}: a plain loop over a heap copy (8 µs) beats a 1-row GEMM (40 µs of overhead). */
    private static void sumRows(Mat g, Mat target, Scratch s) {
        int rows = g.rows();
        int cols = g.cols();
        // a few rows at a time (≤ Mat.HEAP_CHUNK values, in L1), in row order: the sums of a whole copy, bit for bit
        int step = Math.max(1, Mat.HEAP_CHUNK / cols);
        float[] rowsScratch = s.rows(Math.min(rows, step) * cols);
        float[] biasRow = s.row(cols);
        java.util.Arrays.fill(biasRow, 0, cols, 0f);
        for (int from = 0; from < rows; from += step) {
            int n = Math.min(step, rows - from);
            g.buffer().get(from * cols, rowsScratch, 0, n * cols);
            for (int r = 0; r < n; r++) {
                for (int c = 0, o = r * cols; c < cols; c++) {
                    biasRow[c] += rowsScratch[o + c];
                }
            }
        }
        target.buffer().put(0, biasRow, 0, cols);
    }

    public int in() {
        return weight.value().rows();
    }

    public int out() {
        return weight.value().cols();
    }

    public Param bias() {
        return bias;
    }

    java.util.List<Param> weightAndBias() {
        return java.util.List.of(weight, bias);
    }

    public void forward(Mat in, Mat out, Scratch s) {
        // b in every row, then one GEMM with β = 1: a broadcast add is a native op of its own, and each
        // op costs 30–70 µs of call overhead here, against ~2 µs for these copies
        FloatBuffer ob = out.buffer();
        float[] biasRow = s.row(out.cols());
        bias.value().buffer().get(0, biasRow, 0, out.cols());
        for (int r = 0, cols = out.cols(); r < out.rows(); r++) {
            ob.put(r * cols, biasRow, 0, cols);
        }
        Gemm.gemm(in, false, weight.value(), false, out, 1f, 1f);
    }

    /**
     * {@code out = (in − 1·meanᵀ) · W + b} for a centred input: computed as {@code in · W + (b − meanᵀW)}, so the
     * input buffer (which other networks read too) is left alone.
     */
    public void forward(Mat in, Mat out, Scratch s, float[] inputMean) {
        int cols = out.cols();
        int rowsIn = in();
        float[] w = s.rows(cols); // one row of W at a time (the whole 784 × 200 copy was 627 KB a pass)
        float[] biasRow = s.row(cols);
        bias.value().buffer().get(0, biasRow, 0, cols);
        FloatBuffer wb = weight.value().buffer();
        for (int i = 0; i < rowsIn; i++) {
            float m = inputMean[i];
            if (m != 0f) {
                wb.get(i * cols, w, 0, cols);
                for (int c = 0; c < cols; c++) {
                    biasRow[c] -= m * w[c];
                }
            }
        }
        FloatBuffer ob = out.buffer();
        for (int r = 0; r < out.rows(); r++) {
            ob.put(r * cols, biasRow, 0, cols);
        }
        Gemm.gemm(in, false, weight.value(), false, out, 1f, 1f);
    }

    /**
     * After {@link #backward} of a centred input: ∂/∂W = (in − 1·meanᵀ)ᵀ g = inᵀg − mean·(Σ rows g)ᵀ, and Σ rows g is
     * the bias gradient just written; the mean is a constant (no gradient flows into it).
     */
    public void centreWeightGradient(float[] inputMean, int slot, Scratch s) {
        int cols = out();
        int rowsIn = in();
        float[] gb = new float[cols];
        bias.grad(slot).buffer().get(0, gb, 0, cols);
        float[] gw = s.rows(cols); // a row at a time: the whole gradient's copy was 627 KB for the first layer
        FloatBuffer gwb = weight.grad(slot).buffer();
        for (int i = 0; i < rowsIn; i++) {
            float m = inputMean[i];
            gwb.get(i * cols, gw, 0, cols);
            for (int c = 0; c < cols; c++) {
                gw[c] -= m * gb[c];
            }
            gwb.put(i * cols, gw, 0, cols);
        }
    }

    /**
     * Writes (overwrites) the parameter gradients for {@code gOut} (the gradient at this layer's output) and,
     * when {@code gIn} is given, writes the gradient at its input. The parameter gradients go to gradient slot
     * {@code slot} (see {@link Param#grad(int)}).
     */
    public void backward(Mat in, Mat gOut, Mat gIn, int slot, Scratch s) {
        flushSubnormals(gOut, s);
        Gemm.gemm(in, true, gOut, false, weight.grad(slot), 1f, 0f);
        sumRows(gOut, bias.grad(slot), s);
        if (gIn != null) {
            Gemm.gemm(gOut, false, weight.value(), true, gIn, 1f, 0f);
        }
    }

    /**
     * Sets the subnormal values of the gradient {@code g} (|x| &lt; 2⁻¹²⁶) to zero of the same sign before the backward
     * GEMMs read it. Intel cores take a slow microcode assist for each subnormal operand of a multiply: at m = 50 the
     * samples' gradient rows are scaled by importance weights far below 2⁻¹²⁶, and the backward GEMMs of 200H~784V ran
     * ~4× slower (measured: 190 against 767 images/s from the same checkpoint). A subnormal's share of a gradient sum
     * is below float resolution beside any normal term, so only sums made of such terms alone change; a run without
     * subnormals is bit for bit what it was (the golden runs).
     */
    static void flushSubnormals(Mat g, Scratch s) {
        java.nio.FloatBuffer b = g.buffer();
        int n = g.rows() * g.cols();
        float[] chunk = s.rows(Math.min(n, Mat.HEAP_CHUNK));
        for (int from = 0; from < n; from += Mat.HEAP_CHUNK) {
            int len = Math.min(Mat.HEAP_CHUNK, n - from);
            b.get(from, chunk, 0, len);
            if (KERNELS.flushSubnormals(chunk, len)) {
                b.put(from, chunk, 0, len);
            }
        }
    }

    /**
     * Writes only the gradient at the input for {@code gOut}: no parameter gradient (a pass read for its input
     * gradient). Its subnormals flushed as {@link #backward}'s: the same rows, scaled by the same small weights.
     */
    public void backwardInput(Mat gOut, Mat gIn, Scratch s) {
        flushSubnormals(gOut, s);
        Gemm.gemm(gOut, false, weight.value(), true, gIn, 1f, 0f);
    }

    /** Heap scratch for the row loops, one per thread (a layer serves every thread of a split step). */
    public static final class Scratch {
        private float[] row = new float[0];
        private float[] rows = new float[0];

        float[] row(int n) {
            if (row.length < n) {
                row = new float[n];
            }
            return row;
        }

        float[] rows(int n) {
            if (rows.length < n) {
                rows = new float[n];
            }
            return rows;
        }
    }
}
