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
}
