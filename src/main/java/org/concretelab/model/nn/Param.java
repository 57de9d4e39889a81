package org.concretelab.model.nn;

/**
 * One trainable tensor and its gradient, both in native memory (BLAS reads and writes them). A step split over
 * several threads gives each thread a gradient slot of its own ({@link #grad(int)}); slot 0 is {@link #grad()}.
 */
public final class Param {
    private final String name;
    private final Mat value;
    private volatile Mat[] grads;

    public Param(String name, int rows, int cols) {
        this.name = name;
        this.value = new Mat(rows, cols);
        this.grads = new Mat[] {new Mat(rows, cols)};
    }

    public String name() {
        return name;
    }

    public Mat value() {
        return value;
    }

    /** The gradient (slot 0: what a single-threaded step writes). */
    public Mat grad() {
        return grads[0];
    }

    /** Gradient slot {@code slot}; slots past those {@link #ensureSlots} made do not exist. */
    public Mat grad(int slot) {
        return grads[slot];
    }

    /** Makes gradient slots 0 … n − 1 exist (before the threads that use them start). */
    public synchronized void ensureSlots(int n) {
        Mat[] current = grads;
        if (current.length >= n) {
            return;
        }
        Mat[] more = java.util.Arrays.copyOf(current, n);
        for (int s = current.length; s < n; s++) {
            more[s] = new Mat(value.rows(), value.cols());
        }
        grads = more;
    }

    /** The sum of gradient slots 0 … slots − 1 (those that exist), in slot order, as Adam adds them. */
    public float[] gradientSum(int slots) {
        float[] sum = new float[size()];
        float[] slot = new float[size()];
        for (int s = 0; s < Math.min(slots, grads.length); s++) {
            grads[s].store(slot, 0);
            for (int i = 0; i < sum.length; i++) {
                sum[i] += slot[i];
            }
        }
        return sum;
    }

    /** How many gradient slots exist. */
    public int slots() {
        return grads.length;
    }

    public int size() {
        return value.rows() * value.cols();
    }

    public void zeroGrad() {
        grads[0].fill(0f);
    }

    public void zeroGrad(int slot) {
        grads[slot].fill(0f);
    }
}
