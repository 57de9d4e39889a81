package org.concretelab.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.task.Task;
import org.concretelab.model.task.Tasks;

/**
 * The named parameter arrays the model of a {@link ModelSpec} holds, with their shapes, computed from the
 * spec alone (no native memory): what a checkpoint must contain, and what {@link MemoryEstimate} counts.
 * Read from the {@link ParameterPlan} the model builds its networks from (each Dense {@code name.i.W} [in, out] and
 * {@code name.i.b} [1, out], as {@link org.concretelab.model.nn.Mlp} names them); ParameterShapesTest checks them.
 */
public final class ParameterShapes {
    private ParameterShapes() {
    }

    /** Name → shape in ConcreteVae's order. */
    public static Map<String, long[]> of(ModelSpec spec) {
        Task task = Tasks.create(spec.task());
        ParameterPlan plan = ParameterPlan.of(spec, task);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (ParameterPlan.Network n : plan.networks()) {
            mlp(shapes, n.name(), n.in(), n.hidden(), n.out());
        }
        if (plan.priorLogits() > 0) {
            shapes.put(ConcreteVae.PRIOR_LOGITS, new long[] {1, plan.priorLogits()});
        }
        shapes.putAll(Estimators.create(spec.estimator()).parameterShapes(spec, task));
        // EMA centring's moving averages: model state, not trained (no Adam moments)
        VaeNetworks.centringAverages(spec, task).forEach(a -> shapes.put(a.name(), new long[] {1, a.width()}));
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
