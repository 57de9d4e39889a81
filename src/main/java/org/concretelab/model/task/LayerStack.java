package org.concretelab.model.task;

/**
 * What a task needs of an architecture to name it: its stochastic layers and links. The model's {@code
 * Architecture} implements it, so tasks do not depend on the model's package (no package cycle).
 */
public interface LayerStack {
    int stochasticLayers();

    /** Whether the links are two tanh layers ("~") rather than linear maps ("-"). */
    boolean nonlinear();

    /** The label with {@code units} in each stochastic layer and {@code visible} pixels, in sampling order. */
    default String label(long units, int visible) {
        String h = units + "H";
        String link = nonlinear() ? "~" : "-";
        StringBuilder b = new StringBuilder();
        for (int l = 0; l < stochasticLayers(); l++) {
            b.append(h).append(link);
        }
        return b.append(visible).append('V').toString();
    }
}
