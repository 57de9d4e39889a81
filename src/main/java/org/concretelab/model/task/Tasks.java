package org.concretelab.model.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The one place tasks are registered: a name → an instance. */
public final class Tasks {
    private static final Map<String, Supplier<Task>> REGISTRY = new LinkedHashMap<>();

    static {
        REGISTRY.put(DensityEstimation.NAME, DensityEstimation::new);
        REGISTRY.put(Completion.NAME, Completion::new);
    }

    private Tasks() {
    }

    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    public static Task create(String name) {
        Supplier<Task> s = REGISTRY.get(name);
        if (s == null) {
            throw new IllegalArgumentException("task must be one of " + String.join(", ", names()) + ", was '" + name + "'");
        }
        return s.get();
    }
}
