package org.concretelab.ui.latents;

import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** 28×28 grey images scaled up with square pixels (nearest neighbour: the pixels stay crisp). */
public final class DigitImages {
    private DigitImages() {
    }

    /** A {@code width × height} canvas of intensities in [0, 1] at one image pixel per value. */
    public static WritableImage ofCanvas(float[] pixels, int width, int height) {
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            int g = 255 - Math.round(Math.max(0, Math.min(1, pixels[i])) * 255);
            argb[i] = 0xFF000000 | (g << 16) | (g << 8) | g;
        }
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return image;
    }

    /** A {@code 28·scale} square image of intensities in [0, 1], dark digit on white. */
    public static WritableImage of(float[] pixels, int scale) {
        int size = 28 * scale;
        int[] argb = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float v = pixels[(y / scale) * 28 + x / scale];
                int g = 255 - Math.round(Math.max(0, Math.min(1, v)) * 255);
                argb[y * size + x] = 0xFF000000 | (g << 16) | (g << 8) | g;
            }
        }
        WritableImage image = new WritableImage(size, size);
        image.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), argb, 0, size);
        return image;
    }
}
