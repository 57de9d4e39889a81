package org.concretelab.model.vector;

import java.util.Arrays;

/**
 * {@link RowKernels#bernoulliRow} of hard codes (0s and 1s) for rows that repeat their logits: the k importance samples
 * of one image share its posterior's logits, and every row shares an unconditional prior's. From the second row with the
 * same logits on, each unit's two possible terms — x·o − softplus(o) at x = 1 and at x = 0 — are computed once and a row
 * only picks and adds them, in the same order as {@code bernoulliRow}: the same value to the last bit (BernoulliRowsTest),
 * without an exp and a log per unit. A row with other logits than the last goes to {@code bernoulliRow} unchanged.
 * One per layer and thread (it keeps the last logits).
 */
public abstract class BernoulliRows {
    protected final int n;
    private final RowKernels kernels;
    private final float[] last;
    private boolean seen;
    private boolean ready;

    protected BernoulliRows(RowKernels kernels, int n) {
        this.kernels = kernels;
        this.n = n;
        this.last = new float[n];
    }

    /** Σ_i x_i·o_i − softplus(o_i) over the first {@code n} elements, for {@code x} of 0s and 1s only. */
    public final double row(float[] x, float[] o) {
        if (seen && Arrays.equals(o, 0, n, last, 0, n)) {
            if (!ready) {
                terms(o);
                ready = true;
            }
            return pick(x);
        }
        System.arraycopy(o, 0, last, 0, n);
        seen = true;
        ready = false;
        return kernels.bernoulliRow(x, o, 0, n, null);
    }

    /** Each unit's terms at x = 1 and x = 0, exactly as {@code bernoulliRow} computes them at that position. */
    protected abstract void terms(float[] o);

    /** The sum of the terms {@code x} picks, added in {@code bernoulliRow}'s order. */
    protected abstract double pick(float[] x);
}
