package org.concretelab.model.task;


/**
 * The paper's second task, structured output prediction (Raiko et al. 2014): the bottom half of an MNIST digit
 * (rows 14–27, 392 pixels) predicted from its top half (rows 0–13, 392 pixels) by a conditional model
 * p(x_bottom | x_top) = Σ_z p(z | x_top) p(x_bottom | z). The latents come from the prior network given the top
 * half — there is no recognition network — and the objective is log (1/m) Σ_j p(x_bottom | z_j), z_j ~ p(z | x_top).
 * Architectures are read in sampling order: {@code 392V~240H~240H~392V}.
 */
public final class Completion implements Task {
    public static final String NAME = "completion";
    /** Rows of the top half: 0–13 of 28. */
    public static final int TOP_ROWS = 14;
    /** Pixels of each half. */
    public static final int HALF = TOP_ROWS * 28;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int inputWidth() {
        return HALF;
    }

    @Override
    public int targetWidth() {
        return IMAGE_PIXELS - HALF;
    }

    @Override
    public boolean targetIsInput() {
        return false;
    }

    /** Pixels 0–391 of the row-major image: rows 0–13. */
    @Override
    public void input(float[] image, int from, float[] dest, int at) {
        System.arraycopy(image, from, dest, at, HALF);
    }

    /** Pixels 392–783: rows 14–27. */
    @Override
    public void target(float[] image, int from, float[] dest, int at) {
        System.arraycopy(image, from + HALF, dest, at, IMAGE_PIXELS - HALF);
    }

    @Override
    public boolean conditionalPrior() {
        return true;
    }

    /** {@code 392V~240H~240H~392V}: the top half, the stochastic layers, the bottom half. */
    @Override
    public String architectureLabel(LayerStack a, long units) {
        String link = a.nonlinear() ? "~" : "-";
        StringBuilder b = new StringBuilder().append(inputWidth()).append('V');
        for (int l = 0; l < a.stochasticLayers(); l++) {
            b.append(link).append(units).append('H');
        }
        return b.append(link).append(targetWidth()).append('V').toString();
    }
}
