package org.concretelab.train;

import java.util.Arrays;
import java.util.Map;
import org.concretelab.model.ModelState;
import org.concretelab.model.ParameterShapes;

/**
 * What a checkpoint's arrays must be: exactly the parameters its header's model spec has, each in the shape
 * that spec requires ({@link ParameterShapes}); Adam's moments ({@code name#adam}, [2 × size]) for every
 * parameter or for none (a model-only export); and every value finite, parameters and moments alike (a NaN
 * moment turns the next step's parameters into NaN). Checked on writing and on reading, so no file that
 * breaks these rules is written and none is loaded.
 */
final class CheckpointArrays {
    static final String ADAM = "#adam";

    private CheckpointArrays() {
    }

    /** The shape array {@code name} must have, or null when the model has no such array. */
    static long[] expectedShape(Map<String, long[]> parameters, String name) {
        if (name.endsWith(ADAM)) {
            long[] p = parameters.get(name.substring(0, name.length() - ADAM.length()));
            return p == null ? null : new long[] {2 * p[0] * p[1]};
        }
        return parameters.get(name);
    }

    /** Throws a CheckpointException naming {@code file} unless the array may appear with this shape. */
    static void checkShape(Map<String, long[]> parameters, String name, long[] shape, String file, String model) {
        long[] expected = expectedShape(parameters, name);
        if (expected == null) {
            throw new CheckpointException("checkpoint " + file + " is damaged: it holds an array '" + name
                    + "' that its model (" + model + ") does not have; use another checkpoint, e.g. previous.ckpt beside it");
        }
        if (!Arrays.equals(expected, shape)) {
            throw new CheckpointException("checkpoint " + file + " is damaged: array '" + name + "' has shape "
                    + Arrays.toString(shape) + " but its model (" + model + ") needs " + Arrays.toString(expected)
                    + "; use another checkpoint, e.g. previous.ckpt beside it");
        }
    }

    /** Every rule of the class comment; {@code file} names the checkpoint in messages. */
    static void check(ModelState state, String file) {
        Map<String, long[]> parameters = ParameterShapes.of(state.spec());
        String model = state.spec().describe();
        int moments = 0;
        for (Map.Entry<String, ModelState.NamedArray> e : state.arrays().entrySet()) {
            checkShape(parameters, e.getKey(), e.getValue().shape(), file, model);
            moments += e.getKey().endsWith(ADAM) ? 1 : 0;
            for (float v : e.getValue().values()) {
                if (!Float.isFinite(v)) {
                    throw new CheckpointException("checkpoint " + file + " holds non-finite values (" + v + ") in '"
                            + e.getKey() + "': the model diverged, it cannot be evaluated or trained further. Use an"
                            + " earlier checkpoint (e.g. previous.ckpt beside it) and a lower learning rate (--lr)");
                }
            }
        }
        for (String name : parameters.keySet()) {
            if (!state.arrays().containsKey(name)) {
                throw new CheckpointException("checkpoint " + file + " is damaged: parameter '" + name + "' is missing;"
                        + " use another checkpoint, e.g. previous.ckpt beside it");
            }
        }
        long trained = parameters.keySet().stream().filter(n -> !n.startsWith("centring.")).count(); // EMA averages: no moments
        if (moments != 0 && moments != trained) {
            throw new CheckpointException("checkpoint " + file + " is damaged: it holds Adam's moments for " + moments
                    + " of " + trained + " parameters (all or none); use another checkpoint");
        }
    }
}
