package org.concretelab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.concretelab.distribution.LogSpace;
import org.junit.jupiter.api.Test;

/** The cached σ rows are LogSpace.sigmoid's values, for a repeated row and after the row changes (also by -0 vs 0). */
class SigmoidRowsTest {

    @Test
    void repeatedAndChangedRowsGiveTheSigmoidsBits() {
        SigmoidRows rows = new SigmoidRows(3);
        float[] o = {-3.5f, 0f, 40f};
        for (int pass = 0; pass < 2; pass++) { // the second pass is served from the cache
            assertBits(o, rows.of(o));
        }
        o[1] = -0f; // equal as a float, another bit pattern: recomputed, same σ
        assertBits(o, rows.of(o));
        o[0] = 2.25f;
        assertBits(o, rows.of(o));
        assertEquals(LogSpace.sigmoid(2.25), rows.of(o)[0]);
    }

    @Test
    void theBranchFreeSigmoidIsTheBranchingOnesBits() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 745.2, -745.2, 800, -800,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double x : special) {
            assertEquals(Double.doubleToRawLongBits(branching(x)), Double.doubleToRawLongBits(LogSpace.sigmoid(x)), "x = " + x);
        }
        assertEquals(true, Double.isNaN(LogSpace.sigmoid(Double.NaN))); // a NaN still (its sign bit may differ)
        for (int i = 0; i < 200_000; i++) {
            double x = random.nextDouble(-60, 60) * (random.nextBoolean() ? 1 : 1e-3);
            assertEquals(Double.doubleToRawLongBits(branching(x)), Double.doubleToRawLongBits(LogSpace.sigmoid(x)), "x = " + x);
        }
    }

    /** The form LogSpace.sigmoid had before it shared one exp between the sides. */
    private static double branching(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    private static void assertBits(float[] o, double[] sigma) {
        for (int i = 0; i < o.length; i++) {
            assertEquals(Double.doubleToRawLongBits(LogSpace.sigmoid(o[i])), Double.doubleToRawLongBits(sigma[i]), "unit " + i);
        }
    }
}
