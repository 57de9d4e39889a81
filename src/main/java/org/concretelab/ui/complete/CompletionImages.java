package org.concretelab.ui.complete;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * Digits of a completion: the given top half in blue ink, the bottom half (drawn, decoded or averaged) in black, and a
 * red mark at the seam (row 14) on either side, so one sees at a glance which half the model was given.
 */
final class CompletionImages {
    private static final int HALF_ROWS = 14;

    private CompletionImages() {
    }

    /** A {@code 28·scale} square image of {@code top} (392 intensities, or null: blank) over {@code bottom} (392, or null). */
    static WritableImage of(float[] top, float[] bottom, int scale) {
        int size = 28 * scale;
        int[] argb = new int[size * size];
        for (int y = 0; y < size; y++) {
            int row = y / scale;
            boolean given = row < HALF_ROWS;
            float[] half = given ? top : bottom;
            for (int x = 0; x < size; x++) {
                float v = half == null ? 0 : half[(row - (given ? 0 : HALF_ROWS)) * 28 + x / scale];
                double a = Math.max(0, Math.min(1, v));
                // white → ink: blue-grey for the given half, black for the completion
                int r = (int) Math.round(255 - a * (given ? 225 : 255));
                int g = (int) Math.round(255 - a * (given ? 180 : 255));
                int b = (int) Math.round(255 - a * (given ? 95 : 255));
                argb[y * size + x] = 0xFF000000 | (r << 16) | (g << 8) | b;
            }
        }
        int seam = HALF_ROWS * scale;
        int tick = Math.max(2, scale * 2);
        for (int x = 0; x < size; x++) {
            if (x < tick || x >= size - tick) { // the seam's ends, outside where digits are drawn
                argb[seam * size + x] = 0xFFD9480F;
                argb[(seam - 1) * size + x] = 0xFFD9480F;
            }
        }
        WritableImage image = new WritableImage(size, size);
        image.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), argb, 0, size);
        return image;
    }
}
