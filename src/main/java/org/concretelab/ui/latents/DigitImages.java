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

    /** Where ink appears (Δp > 0), and where it vanishes (Δp < 0): red and blue, as the legends say. */
    public static final int INK_APPEARS = 0xD62728;
    public static final int INK_VANISHES = 0x1F77B4;

    /**
     * A {@code 28·scale} square image of a change Δp (after − before, in [−1, 1]): white where nothing changed, red where
     * ink appears, blue where it vanishes, in full colour at |Δp| = {@code full} and above.
     */
    public static WritableImage difference(float[] delta, int scale, double full) {
        int size = 28 * scale;
        int[] argb = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                float d = delta[(y / scale) * 28 + x / scale];
                double f = Math.min(1, Math.abs(d) / full);
                argb[y * size + x] = towards(d >= 0 ? INK_APPEARS : INK_VANISHES, f);
            }
        }
        WritableImage image = new WritableImage(size, size);
        image.getPixelWriter().setPixels(0, 0, size, size, PixelFormat.getIntArgbInstance(), argb, 0, size);
        return image;
    }

    /** White mixed with {@code rgb}: a share {@code f} of the colour. */
    static int towards(int rgb, double f) {
        int r = (int) Math.round(255 + f * (((rgb >> 16) & 0xFF) - 255));
        int g = (int) Math.round(255 + f * (((rgb >> 8) & 0xFF) - 255));
        int b = (int) Math.round(255 + f * ((rgb & 0xFF) - 255));
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }
}
