package org.concretelab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MnistPreprocessingTest {
    private static final int W = 140;

    /** A filled disc plus a bar (so it is not symmetric) with its bounding box's top-left at (x, y). */
    private static float[] blobAt(int x, int y) {
        float[] c = new float[W * W];
        for (int dy = 0; dy < 30; dy++) {
            for (int dx = 0; dx < 30; dx++) {
                double r = Math.hypot(dx - 14.5, dy - 14.5);
                if (r < 15) {
                    c[(y + dy) * W + x + dx] = (float) Math.min(1, 15 - r);
                }
            }
        }
        for (int dy = 30; dy < 50; dy++) {
            for (int dx = 20; dx < 26; dx++) {
                c[(y + dy) * W + x + dx] = 1f;
            }
        }
        return c;
    }

    @Test
    void theSameInkInACornerOrInTheMiddleGivesTheSameDigit() {
        float[] corner = MnistPreprocessing.prepare(blobAt(2, 3), W, W);
        float[] middle = MnistPreprocessing.prepare(blobAt(55, 47), W, W);
        float[] farCorner = MnistPreprocessing.prepare(blobAt(108, 88), W, W);
        assertArrayEquals(middle, corner, 1e-6f);
        assertArrayEquals(middle, farCorner, 1e-6f);
    }

    @Test
    void inkIsCentredByCentreOfMassAndFitsA20PixelBox() {
        float[] out = MnistPreprocessing.prepare(blobAt(60, 10), W, W);
        double mass = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = out[y * 28 + x];
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
            }
        }
        assertEquals(14, mx / mass, 0.5 + 1e-9, "centre of mass x");
        assertEquals(14, my / mass, 0.5 + 1e-9, "centre of mass y");
        assertEquals(20, inkRows(out), "the 50 px tall blob becomes 20 px tall");
        assertEquals(1f, max(out), 1e-6f);
    }

    @Test
    void aTallThinStrokeKeepsItsAspectRatio() {
        float[] c = new float[W * W];
        for (int y = 20; y < 100; y++) {       // 80 tall
            for (int x = 30; x < 50; x++) {    // 20 wide: 1:4
                c[y * W + x] = 1f;
            }
        }
        float[] out = MnistPreprocessing.prepare(c, W, W);
        assertEquals(20, inkRows(out));
        assertEquals(5, inkColumns(out));
    }

    @Test
    void aSmallDrawingIsScaledUpAntiAliased() {
        float[] c = new float[28 * 28];
        for (int y = 10; y < 15; y++) {        // a 2×5 stroke on a 28×28 canvas
            c[y * 28 + 3] = 1f;
            c[y * 28 + 4] = 0.5f;
        }
        float[] out = MnistPreprocessing.prepare(c, 28, 28);
        assertEquals(20, inkRows(out));
        assertEquals(8, inkColumns(out));
        boolean grey = false;
        for (float v : out) {
            grey |= v > 0.05f && v < 0.95f;
        }
        assertTrue(grey, "bilinear upscaling leaves intermediate intensities");
    }

    @Test
    void aBlankCanvasGivesABlankDigit() {
        float[] out = MnistPreprocessing.prepare(new float[W * 50], W, 50);
        assertEquals(784, out.length);
        assertEquals(0f, max(out));
        float[] faint = new float[W * W];
        faint[5] = 0.01f; // below the ink threshold
        assertEquals(0f, max(MnistPreprocessing.prepare(faint, W, W)));
    }

    @Test
    void aCanvasWhoseSizeDoesNotMatchIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MnistPreprocessing.prepare(new float[10], 4, 4));
    }

    private static int inkRows(float[] img) {
        int n = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (img[y * 28 + x] > MnistPreprocessing.INK) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static int inkColumns(float[] img) {
        int n = 0;
        for (int x = 0; x < 28; x++) {
            for (int y = 0; y < 28; y++) {
                if (img[y * 28 + x] > MnistPreprocessing.INK) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static float max(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
