package org.concretelab.model.nn;

/** One trainable tensor and its gradient, both in native memory (BLAS reads and writes them). */
public final class Param {
    private final String name;
    private final Mat value;
    private final Mat grad;

    public Param(String name, int rows, int cols) {
        this.name = name;
        this.value = new Mat(rows, cols);
        this.grad = new Mat(rows, cols);
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

    public int size() {
        return value.rows() * value.cols();
    }

    public void zeroGrad() {
        grad.fill(0f);
    }
}
