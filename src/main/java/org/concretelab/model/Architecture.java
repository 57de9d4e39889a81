package org.concretelab.model;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.concretelab.model.task.LayerStack;
import org.concretelab.model.task.Task;
import org.concretelab.model.task.Tasks;

/**
 * The paper's four density-estimation architectures, read in sampling order: H a stochastic layer,
 * V the 784 pixels, "-" a linear map and "~" a deterministic MLP of two tanh layers.
 */
public enum Architecture implements LayerStack {
    LINEAR_ONE("200H-784V", 1, false),
    LINEAR_TWO("200H-200H-784V", 2, false),
    NONLINEAR_ONE("200H~784V", 1, true),
    NONLINEAR_TWO("200H~200H~784V", 2, true);

    private final String label;
    private final int stochasticLayers;
    private final boolean nonlinear;

    Architecture(String label, int stochasticLayers, boolean nonlinear) {
        this.label = label;
        this.stochasticLayers = stochasticLayers;
        this.nonlinear = nonlinear;
    }

    public String label() {
        return label;
    }

    @Override
    public int stochasticLayers() {
        return stochasticLayers;
    }

    @Override
    public boolean nonlinear() {
        return nonlinear;
    }

    /** Parses the paper's label (e.g. {@code 200H~784V}) or the constant's name. */
    public static Architecture parse(String text) {
        for (Architecture a : values()) {
            if (a.label.equalsIgnoreCase(text) || a.name().equalsIgnoreCase(text)) {
                return a;
            }
        }
        throw new IllegalArgumentException("architecture: unknown '" + text + "'; one of "
                + Arrays.stream(values()).map(Architecture::label).collect(Collectors.joining(", ")));
    }

    /**
     * Parses an architecture of {@code task}: its label at the paper's width ({@code 200H~784V} for density
     * estimation, {@code 392V~240H~240H~392V} for completion; an en dash reads as '-') or the constant's name. A
     * label of another task is refused naming that task.
     */
    public static Architecture parse(String text, Task task) {
        String t = text.replace('\u2013', '-');
        for (Architecture a : values()) {
            if (label(a, task).equalsIgnoreCase(t) || a.name().equalsIgnoreCase(t)) {
                return a;
            }
        }
        for (String other : Tasks.names()) {
            Task o = Tasks.create(other);
            for (Architecture a : values()) {
                if (!other.equals(task.name()) && label(a, o).equalsIgnoreCase(t)) {
                    throw new IllegalArgumentException("architecture: " + text + " is an architecture of the " + other
                            + " task (--task " + other + "); for " + task.name() + " one of " + labels(task));
                }
            }
        }
        throw new IllegalArgumentException("architecture: unknown '" + text + "'; one of " + labels(task));
    }

    private static String label(Architecture a, Task task) {
        return task.architectureLabel(a, PaperDefaults.units(task.name()));
    }

    private static String labels(Task task) {
        return Arrays.stream(values()).map(a -> label(a, task)).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
