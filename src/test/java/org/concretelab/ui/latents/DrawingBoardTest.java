package org.concretelab.ui.latents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.ui.AppContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The drawing's model without JavaFX, encoded with the shipped model. */
class DrawingBoardTest {
    static VaeModel model;

    @BeforeAll
    static void load() {
        model = VaeModels.restore(AppContext.standard().shippedModel().orElseThrow(() -> new AssertionError("no shipped model")).model());
    }

    /** A "1" with a flag, its top-left near (dx, dy) on a 140×140 board. */
    static DrawingBoard one(int dx, int dy) {
        DrawingBoard b = new DrawingBoard(140, 140, 6);
        b.begin(dx + 10, dy + 20);
        b.lineTo(dx + 18, dy + 10);
        b.lineTo(dx + 18, dy + 60);
        return b;
    }

    @Test
    void aStrokeIsContinuousEvenBetweenFarApartMousePositions() {
        DrawingBoard b = new DrawingBoard(140, 140, 6);
        b.begin(20, 20);
        b.lineTo(20, 120);
        float[] ink = b.ink();
        for (int y = 20; y < 120; y++) {
            assertEquals(1f, ink[y * 140 + 20], 1e-6f, "gap at y = " + y);
        }
        b.clear();
        assertTrue(b.isEmpty());
        assertEquals(0f, max(b.prepared()));
    }

    @Test
    void theSameStrokeInACornerOrInTheMiddleIsEncodedToTheSameCode() {
        DrawingBoard corner = one(0, 0);
        DrawingBoard middle = one(55, 45);
        assertArrayEquals(corner.prepared(), middle.prepared(), 1e-5f);
        float[] a = model.encodeMode(corner.prepared());
        float[] b = model.encodeMode(middle.prepared());
        assertArrayEquals(a, b, "latent code");
        // without the preparation (a plain 5× reduction of the board) the encoder sees two different digits
        assertFalse(Arrays.equals(model.encodeMode(reduce(corner.ink())), model.encodeMode(reduce(middle.ink()))));
    }

    /** 140×140 → 28×28 by 5×5 block means: what the pane used to encode. */
    private static float[] reduce(float[] ink) {
        float[] out = new float[784];
        for (int y = 0; y < 140; y++) {
            for (int x = 0; x < 140; x++) {
                out[(y / 5) * 28 + x / 5] += ink[y * 140 + x] / 25;
            }
        }
        return out;
    }

    private static float max(float[] a) {
        float m = 0;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }
}
