package org.concretelab.model.task;

/**
 * What a model learns to predict from what: the encoder (and conditional prior) read the input, the decoder
 * scores the target with Bernoulli pixels. A new task is one class implementing this, registered in {@link Tasks}.
 */
public interface Task {
    /** Batches reach a model as whole 28×28 images; the task takes its input and target from each. */
    int IMAGE_PIXELS = 784;

    /** The name the CLI, checkpoints and the app use. */
    String name();

    /** Values per example the networks read. */
    int inputWidth();

    /** Binary values per example the decoder predicts. */
    int targetWidth();

    /** Whether the target is the input itself (density estimation), so one buffer serves both. */
    boolean targetIsInput();

    /** Copies the input part of the full image at {@code image[from ..]} into {@code dest[at ..]}. */
    void input(float[] image, int from, float[] dest, int at);

    /** Copies the target part of the full image at {@code image[from ..]} into {@code dest[at ..]}. */
    void target(float[] image, int from, float[] dest, int at);

    /**
     * Whether the latents are drawn from a prior conditioned on the input, p(z | input), with no recognition network:
     * a conditional model p(target | input) = Σ_z p(z | input) p(target | z), trained on log (1/m) Σ_j p(target | z_j)
     * with z_j ~ p(z | input) (the paper's structured output prediction). False: a VAE with an inference network.
     */
    default boolean conditionalPrior() {
        return false;
    }

    /** The architecture's label for this task, in sampling order, with {@code units} in each stochastic layer. */
    default String architectureLabel(LayerStack a, long units) {
        return a.label(units, targetWidth());
    }
}
