package org.concretelab.model.optim;

import java.util.List;
import org.concretelab.model.nn.Param;
import org.concretelab.model.vector.RowKernels;

/**
 * Adam (Kingma &amp; Ba; β1 0.9, β2 0.999, ε 1e-8) over a model's parameters. The moments live on the Java
 * heap; the update reads the values and gradient slots in place in native memory ({@link RowKernels#adamRow}, in SIMD
 * lanes): 5-20× faster than ND4J's Adam op was on this model (measured: 2.8 ms vs 0.14 ms per 157k values), and ~2×
 * faster than copying them to the heap and back around a vectorised loop (240 → 107 µs per 157k values, same bits).
 */
public final class Adam {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    private static final RowKernels KERNELS = RowKernels.get();

    private final List<Param> params;
    private final float[][] firstMoment;
    private final float[][] secondMoment;

    public Adam(List<Param> params) {
        this.params = List.copyOf(params);
        int n = this.params.size();
        firstMoment = new float[n][];
        secondMoment = new float[n][];
        for (int i = 0; i < n; i++) {
            int size = this.params.get(i).size();
            firstMoment[i] = new float[size];
            secondMoment[i] = new float[size];
        }
    }

    /** One step down the gradients; {@code iteration} is 0-based. The bias corrections are folded into the step size. */
    public void step(long iteration, double learningRate) {
        float step = stepSize(iteration, learningRate);
        for (int i = 0; i < params.size(); i++) {
            update(i, step, 1);
        }
    }

    /**
     * The step of the parameters at {@code indices} only, their gradient being the sum of their first {@code slots}
     * gradient slots ({@link Param#grad(int)}, added in slot order; a parameter with fewer slots, e.g. an estimator's
     * own, has only slot 0 written). Threads may update disjoint index sets at once.
     */
    public void step(long iteration, double learningRate, int[] indices, int slots) {
        float step = stepSize(iteration, learningRate);
        for (int i : indices) {
            update(i, step, Math.min(slots, params.get(i).slots()));
        }
    }

    /**
     * Parameter indices split into {@code parts} shares of about equal size (largest first, each to the
     * smallest share so far): one per thread of {@link #step(long, double, int[], int)}.
     */
    public static int[][] share(List<Param> params, int parts) {
        Integer[] order = new Integer[params.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(params.get(b).size(), params.get(a).size()));
        long[] load = new long[parts];
        List<List<Integer>> shares = new java.util.ArrayList<>();
        for (int s = 0; s < parts; s++) {
            shares.add(new java.util.ArrayList<>());
        }
        for (int i : order) {
            int least = 0;
            for (int s = 1; s < parts; s++) {
                if (load[s] < load[least]) {
                    least = s;
                }
            }
            shares.get(least).add(i);
            load[least] += params.get(i).size();
        }
        int[][] out = new int[parts][];
        for (int s = 0; s < parts; s++) {
            out[s] = shares.get(s).stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        return out;
    }

    private static float stepSize(long iteration, double learningRate) {
        double t = iteration + 1.0;
        return (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
    }

    private void update(int i, float step, int slots) {
        Param param = params.get(i);
        java.nio.ByteBuffer[] grads = new java.nio.ByteBuffer[slots];
        for (int s = 0; s < slots; s++) {
            grads[s] = param.grad(s).bytes();
        }
        KERNELS.adamRow(param.value().bytes(), grads, slots, firstMoment[i], secondMoment[i], BETA1, BETA2, EPSILON, step);
    }

    /** The moments of parameter {@code i} as one array {@code [m | v]} (what a checkpoint keeps). */
    public float[] state(int i) {
        int size = firstMoment[i].length;
        float[] state = new float[2 * size];
        System.arraycopy(firstMoment[i], 0, state, 0, size);
        System.arraycopy(secondMoment[i], 0, state, size, size);
        return state;
    }

    /** Restores parameter {@code i}'s moments; {@code null} starts them afresh (a model-only file). */
    public void load(int i, float[] state) {
        int size = firstMoment[i].length;
        if (state == null) {
            java.util.Arrays.fill(firstMoment[i], 0f);
            java.util.Arrays.fill(secondMoment[i], 0f);
            return;
        }
        if (state.length != 2 * size) {
            throw new IllegalArgumentException("Adam moments of '" + params.get(i).name() + "' need " + 2 * size
                    + " values, had " + state.length);
        }
        System.arraycopy(state, 0, firstMoment[i], 0, size);
        System.arraycopy(state, size, secondMoment[i], 0, size);
    }
}
