package org.concretelab.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The paper's four density-estimation architectures, read in sampling order: H a stochastic layer,
 * V the 784 pixels, "-" a linear map and "~" a deterministic MLP of two tanh layers.
 */
public enum Architecture {
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

    /** The label with {@code units} in each stochastic layer (e.g. {@code 120H~784V}) and {@code visible} pixels. */
    public String label(long units, int visible) {
        String h = units + "H";
        String v = visible + "V";
        String link = nonlinear ? "~" : "-";
        return stochasticLayers == 1 ? h + link + v : h + link + h + link + v;
    }

    public int stochasticLayers() {
        return stochasticLayers;
    }

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

    @Override
    public String toString() {
        return label;
    }
}
