package org.concretelab.ui.complete;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A drawn top half becomes MNIST's 28 × 14 top half by block averages, where it was drawn. */
class TopHalvesTest {

    @Test
    void eachPixelIsTheMeanOfItsBlockWhereItWasDrawn() {
        int scale = 5;
        float[] ink = new float[28 * scale * 14 * scale];
        int width = 28 * scale;
        for (int y = 3 * scale; y < 4 * scale; y++) { // MNIST pixel (row 3, column 20) fully inked
            for (int x = 20 * scale; x < 21 * scale; x++) {
                ink[y * width + x] = 1f;
            }
        }
        for (int x = 2 * scale; x < 3 * scale; x++) { // one canvas row of 5 in pixel (row 13, column 2)
            ink[(13 * scale) * width + x] = 1f;
        }
        float[] top = TopHalves.fromInk(ink, width, 14 * scale);
        assertEquals(392, top.length);
        assertEquals(1f, top[3 * 28 + 20], 1e-6f);
        assertEquals(0.2f, top[13 * 28 + 2], 1e-6f);
        float sum = 0;
        for (float v : top) {
            sum += v;
        }
        assertEquals(1.2f, sum, 1e-5f);
        assertThrows(IllegalArgumentException.class, () -> TopHalves.fromInk(new float[140 * 140], 140, 140));
    }
}
