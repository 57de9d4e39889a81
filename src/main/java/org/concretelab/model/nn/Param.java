package org.concretelab.model.nn;

/**
 * One trainable tensor with its gradient and Adam moments. The tensor and its gradient live in native
 * memory (BLAS reads and writes them); the moments live on the Java heap, where the update loop is
 * 5-20× faster than ND4J's Adam op was on this model (measured: 2.8 ms vs 0.14 ms per 157k values).
 */
public final class Param {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final String name;
    private final Mat value;
    private final Mat grad;
    private final float[] firstMoment;
    private final float[] secondMoment;
    private final float[] valueCopy;
    private final float[] gradCopy;

    public Param(String name, int rows, int cols) {
        this.name = name;
        this.value = new Mat(rows, cols);
        this.grad = new Mat(rows, cols);
        this.firstMoment = new float[rows * cols];
        this.secondMoment = new float[rows * cols];
        this.valueCopy = new float[rows * cols];
        this.gradCopy = new float[rows * cols];
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
        return firstMoment.length;
    }

    public void zeroGrad() {
        grad.fill(0f);
    }

    /** Adam's moments as one array {@code [m | v]} (what a checkpoint must keep). */
    public float[] adamState() {
        float[] state = new float[2 * size()];
        System.arraycopy(firstMoment, 0, state, 0, size());
        System.arraycopy(secondMoment, 0, state, size(), size());
        return state;
    }

    public void loadAdamState(float[] state) {
        if (state.length != 2 * size()) {
            throw new IllegalArgumentException("Adam state of '" + name + "' needs " + 2 * size() + " values, had "
                    + state.length);
        }
        System.arraycopy(state, 0, firstMoment, 0, size());
        System.arraycopy(state, size(), secondMoment, 0, size());
    }

    /**
     * One Adam step (Kingma &amp; Ba, β1 0.9, β2 0.999, ε 1e-8) down the gradient of a loss; {@code iteration}
     * is 0-based. The bias corrections are folded into the step size.
     */
    public void adamStep(long iteration, double learningRate) {
        double t = iteration + 1.0;
        float step = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
        // Bulk copies to heap arrays and back are memcpy-fast; the loop over plain arrays then vectorises,
        // which it does not over a direct FloatBuffer (0.3 ms vs 1 ms per step for 480k parameters).
        value.store(valueCopy, 0);
        grad.store(gradCopy, 0);
        float[] p = valueCopy;
        float[] g = gradCopy;
        float[] m = firstMoment;
        float[] v = secondMoment;
        for (int i = 0, n = m.length; i < n; i++) {
            float gi = g[i];
            float mi = BETA1 * m[i] + (1 - BETA1) * gi;
            float vi = BETA2 * v[i] + (1 - BETA2) * gi * gi;
            m[i] = mi;
            v[i] = vi;
            p[i] -= step * mi / ((float) Math.sqrt(vi) + EPSILON);
        }
        value.load(valueCopy, 0);
    }
}
