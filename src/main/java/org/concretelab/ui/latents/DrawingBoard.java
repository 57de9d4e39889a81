package org.concretelab.ui.latents;

import java.util.Arrays;
import org.concretelab.data.MnistPreprocessing;

/**
 * What the drawing canvas holds, without JavaFX (the canvas is its view): ink at the canvas's own
 * resolution, laid down by a round anti-aliased brush along straight segments between mouse positions,
 * so a fast stroke stays connected. {@link #prepared()} is the 28×28 digit the encoder is given.
 */
public final class DrawingBoard {
    private final int width;
    private final int height;
    private final double radius;
    private final float[] ink;
    private double lastX = Double.NaN;
    private double lastY = Double.NaN;

    public DrawingBoard(int width, int height, double brushRadius) {
        this.width = width;
        this.height = height;
        this.radius = brushRadius;
        this.ink = new float[width * height];
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Starts a stroke (mouse pressed) with a dot at (x, y). */
    public void begin(double x, double y) {
        lastX = x;
        lastY = y;
        dab(x, y);
    }

    /** Continues the stroke to (x, y) (mouse dragged); starts one if none is under way. */
    public void lineTo(double x, double y) {
        if (Double.isNaN(lastX)) {
            begin(x, y);
            return;
        }
        double length = Math.hypot(x - lastX, y - lastY);
        int steps = Math.max(1, (int) Math.ceil(length / (radius / 3)));
        for (int s = 1; s <= steps; s++) {
            dab(lastX + (x - lastX) * s / steps, lastY + (y - lastY) * s / steps);
        }
        lastX = x;
        lastY = y;
    }

    public void clear() {
        Arrays.fill(ink, 0f);
        lastX = Double.NaN;
        lastY = Double.NaN;
    }

    /** Ink in [0, 1], row-major, {@code width × height} (a copy). */
    public float[] ink() {
        return ink.clone();
    }

    public boolean isEmpty() {
        for (float v : ink) {
            if (v > 0) {
                return false;
            }
        }
        return true;
    }

    /** The drawing prepared as MNIST digits were: size-normalised and centred in 28×28. */
    public float[] prepared() {
        return MnistPreprocessing.prepare(ink, width, height);
    }

    /** A disc whose edge fades over one pixel; ink only ever darkens. */
    private void dab(double cx, double cy) {
        int x0 = Math.max(0, (int) Math.floor(cx - radius - 1));
        int x1 = Math.min(width - 1, (int) Math.ceil(cx + radius + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - radius - 1));
        int y1 = Math.min(height - 1, (int) Math.ceil(cy + radius + 1));
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                double d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                float v = (float) Math.max(0, Math.min(1, radius + 0.5 - d));
                int i = y * width + x;
                if (v > ink[i]) {
                    ink[i] = v;
                }
            }
        }
    }
}
