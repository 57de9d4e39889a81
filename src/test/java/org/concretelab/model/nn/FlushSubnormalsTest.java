package org.concretelab.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The backward pass's gradients lose their subnormal values (Intel's microcode assists made the m = 50 backward GEMMs
 * ~4× slower) and nothing else: normal values, zeros and their signs stay as they were, across chunk boundaries.
 */
class FlushSubnormalsTest {
    @Test
    void subnormalsBecomeSignedZerosAndNothingElseChanges() {
        float[] in = {1e-39f, -1e-40f, Float.MIN_VALUE, -Float.MIN_VALUE, 0f, -0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f,
            -1e-38f, 3.4e38f, Float.NaN, Float.NEGATIVE_INFINITY, 1.1754942e-38f};
        float[] out = {0f, -0f, 0f, -0f, 0f, -0f, Float.MIN_NORMAL, -Float.MIN_NORMAL, 1f, -0f, 3.4e38f, Float.NaN,
            Float.NEGATIVE_INFINITY, 0f};
        int rows = 700; // 700 × 14 = 9,800 values: more than two heap chunks
        Mat g = new Mat(rows, in.length);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < in.length; c++) {
                g.set(r, c, in[c]);
            }
        }
        Dense.flushSubnormals(g, new Dense.Scratch());
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < in.length; c++) {
                assertEquals(Float.floatToRawIntBits(out[c]), Float.floatToRawIntBits(g.get(r, c)),
                        "row " + r + ", " + in[c]);
            }
        }
    }
}
