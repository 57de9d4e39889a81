package org.concretelab.model.estimator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The one place gradient estimators are registered: a name → a fresh instance (an estimator may carry state). */
public final class Estimators {
    private static final Map<String, Supplier<GradientEstimator>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(ConcreteRelaxation.NAME, ConcreteRelaxation::new);
        REGISTRY.put(StraightThrough.NAME, StraightThrough::new);
        REGISTRY.put(Vimco.NAME, Vimco::new);
        REGISTRY.put(Nvil.NAME, Nvil::new);
        REGISTRY.put(DisArm.NAME, DisArm::new);
        REGISTRY.put(Arm.NAME, Arm::new);
        REGISTRY.put(Rebar.NAME, Rebar::new);
        REGISTRY.put(Relax.NAME, Relax::new);
    }

    private Estimators() {
    }

    /** The registered names, the default first. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    /** A new estimator of that name; an unknown name is an IllegalArgumentException listing the known ones. */
    public static GradientEstimator create(String name) {
        Supplier<GradientEstimator> s = REGISTRY.get(name);
        if (s == null) {
            throw new IllegalArgumentException("estimator must be one of " + String.join(", ", names()) + ", was '" + name + "'");
        }
        return s.get();
    }

    /** The registered names of the estimators that can train the model {@code setting} describes, the default first. */
    public static List<String> namesFor(EstimatorSetting setting) {
        return names().stream().filter(n -> create(n).refusal(setting) == null).toList();
    }

    public static boolean known(String name) {
        return REGISTRY.containsKey(name);
    }

    /** The fewest samples m the named estimator works with. */
    public static int minimumSamples(String name) {
        return create(name).minimumSamples();
    }

    /** The most samples m the named estimator works with. */
    public static int maximumSamples(String name) {
        return create(name).maximumSamples();
    }

    /**
     * What training {@code spec} optimises, for logs and chart titles: its estimator's {@link
     * GradientEstimator#objectiveName()}, with m when m &gt; 1 (e.g. {@code discrete bound (m = 5)}).
     */
    public static String objectiveName(EstimatorSetting spec) {
        String name = create(spec.estimator()).objectiveName();
        return spec.samples() > 1 ? name + " (m = " + spec.samples() + ")" : name;
    }

    /** The {@code training.csv} column of what training {@code spec} optimises. */
    public static String objectiveColumn(EstimatorSetting spec) {
        return create(spec.estimator()).objectiveColumn();
    }

    /**
     * The objective a {@code training.csv} column holds, for a log read without its checkpoint (e.g. {@code
     * relaxed bound}), or {@code null} when no registered estimator writes that column.
     */
    public static String objectiveOfColumn(String column) {
        for (String name : names()) {
            GradientEstimator e = create(name);
            if (e.objectiveColumn().equals(column)) {
                return e.objectiveName();
            }
        }
        return null;
    }
}
