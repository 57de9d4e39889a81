package org.concretelab.ui.complete;

import org.concretelab.model.task.Completion;

/** A drawing of a top half, without JavaFX: canvas ink averaged down to MNIST's 28 × 14 top half. */
public final class TopHalves {
    private TopHalves() {
    }

    /**
     * The 392 intensities of a top half from {@code ink} ({@code width × height}, row-major, [0, 1]) drawn at
     * {@code width / 28} canvas pixels per MNIST pixel: each MNIST pixel the mean of its block, at most 1. The drawing
     * is taken where it is (no centring: a top half sits where the digit's upper part sits).
     */
    public static float[] fromInk(float[] ink, int width, int height) {
        int cols = 28;
        int rows = Completion.TOP_ROWS;
        if (width % cols != 0 || height % rows != 0 || width / cols != height / rows) {
            throw new IllegalArgumentException("the canvas must be a multiple of 28 × 14, was " + width + " × " + height);
        }
        int scale = width / cols;
        float[] top = new float[cols * rows];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                top[(y / scale) * cols + x / scale] += ink[y * width + x];
            }
        }
        for (int i = 0; i < top.length; i++) {
            top[i] = Math.min(1f, top[i] / (scale * scale));
        }
        return top;
    }
}
