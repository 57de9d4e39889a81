package org.concretelab.model.nn;

import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * One trainable tensor with its gradient and Adam moments. Gradients accumulate (BLAS beta = 1)
 * until {@link #zeroGrad()}; {@link #adamStep(int)} applies ND4J's native Adam update in place.
 */
public final class Param {
    private final String name;
    private final Mat value;
    private final Mat grad;
    private final Mat adamState;
    private final AdamUpdater adam;

    public Param(String name, int rows, int cols, double learningRate) {
        this.name = name;
        this.value = new Mat(rows, cols);
        this.grad = new Mat(rows, cols);
        this.adamState = new Mat(1, 2 * rows * cols);
        this.adam = new AdamUpdater(new Adam(learningRate, 0.9, 0.999, 1e-8));
        adam.setStateViewArray(adamState.array(), new long[] {rows, cols}, 'c', true);
    }

    public String name() {
        return name;
    }

    public Mat value() {
        return value;
    }

    public Mat grad() {
        return grad;
    }

    /** Adam's first and second moments, concatenated (what a checkpoint must keep). */
    public Mat adamState() {
        return adamState;
    }

    public int size() {
        return value.rows() * value.cols();
    }

    public void zeroGrad() {
        grad.array().assign(0);
    }

    /** Descends along the accumulated gradient (of a loss); {@code iteration} is 0-based. */
    public void adamStep(int iteration) {
        adam.applyUpdater(grad.array(), iteration, 0);
        value.array().subi(grad.array());
    }
}
