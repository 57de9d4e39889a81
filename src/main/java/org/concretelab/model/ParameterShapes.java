package org.concretelab.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.Task;
import org.concretelab.model.task.Tasks;

/**
 * The named parameter arrays the model of a {@link ModelSpec} holds, with their shapes, computed from the
 * spec alone (no native memory): what a checkpoint must contain, and what {@link MemoryEstimate} counts.
 * Mirrors {@link ConcreteVae}'s constructor (networks, Dense {@code name.i.W} [in, out] and {@code name.i.b}
 * [1, out]); ParameterShapesTest checks that the two agree for every architecture and latent kind.
 */
public final class ParameterShapes {
    private ParameterShapes() {
    }

    /** Name → shape in ConcreteVae's order. Sizes are longs: a huge spec must not overflow before it is refused. */
    public static Map<String, long[]> of(ModelSpec spec) {
        // a unit's logits: 1 binary, K categorical (whatever its code); its code values: 1, K one-hot or log2 K corners
        long logits = (long) spec.discreteUnits() * (spec.latentKind() == LatentKind.BINARY ? 1 : spec.classes());
        long discreteCode = (long) spec.discreteUnits() * spec.latentLayout().slotsPerUnit();
        long params = logits + 2L * spec.gaussianUnits(); // logits, then means and log-variances
        long code = discreteCode + spec.gaussianUnits();
        long[] hidden = spec.architecture().nonlinear() ? new long[] {spec.hiddenUnits(), spec.hiddenUnits()} : new long[0];
        Task task = Tasks.create(spec.task());
        Map<String, long[]> shapes = new LinkedHashMap<>();
        int depth = spec.architecture().stochasticLayers();
        if (task.conditionalPrior()) { // the input's prior network, then the conditional priors; no encoders
            for (int l = depth; l >= 1; l--) {
                mlp(shapes, "prior" + l, l == depth ? task.inputWidth() : code, hidden, params);
            }
        } else {
            mlp(shapes, "encoder1", task.inputWidth(), hidden, params);
            for (int l = 1; l < depth; l++) {
                mlp(shapes, "encoder" + (l + 1), code, hidden, params);
                mlp(shapes, "prior" + l, code, hidden, params);
            }
        }
        mlp(shapes, "decoder", code, hidden, task.targetWidth());
        if (!task.conditionalPrior()) {
            shapes.put("prior.logits", new long[] {1, logits});
        }
        shapes.putAll(Estimators.create(spec.estimator()).parameterShapes(spec, task));
        return shapes;
    }

    /** Number of trainable values (as a double: it may exceed any array a JVM can hold). */
    public static double count(ModelSpec spec) {
        double n = 0;
        for (long[] s : of(spec).values()) {
            n += (double) s[0] * s[1];
        }
        return n;
    }

    private static void mlp(Map<String, long[]> shapes, String name, long in, long[] hidden, long out) {
        long width = in;
        for (int i = 0; i <= hidden.length; i++) {
            long next = i < hidden.length ? hidden[i] : out;
            shapes.put(name + "." + i + ".W", new long[] {width, next});
            shapes.put(name + "." + i + ".b", new long[] {1, next});
            width = next;
        }
    }
}
