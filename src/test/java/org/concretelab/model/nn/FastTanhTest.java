package org.concretelab.model.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastTanhTest {
    @Test
    void agreesWithMathTanhToAFewFloatUlps() {
        double worst = 0;
        double worstRelative = 0;
        for (int i = -2_000_000; i <= 2_000_000; i++) {
            float x = i * 1e-5f; // every 1e-5 on [−20, 20]
            double exact = Math.tanh(x);
            double err = Math.abs(FastTanh.tanh(x) - exact);
            worst = Math.max(worst, err);
            if (Math.abs(exact) > 1e-3) {
                worstRelative = Math.max(worstRelative, err / Math.abs(exact));
            }
        }
        // measured 2.75e-7 (near |x| = 5.1, where a float ulp is 6e-8): 4.6 ulps, far below a step's noise
        assertTrue(worst < 3e-7, "max abs error " + worst);
        assertTrue(worstRelative < 5e-7, "max relative error " + worstRelative);
    }

    @Test
    void oddSaturatingAndExactAtZero() {
        assertEquals(0f, FastTanh.tanh(0f));
        assertEquals(1f, FastTanh.tanh(50f), 3e-7f);
        assertEquals(-1f, FastTanh.tanh(-1e30f), 3e-7f);
        assertTrue(FastTanh.tanh(50f) <= 1f, "never past 1");
        assertEquals(-FastTanh.tanh(0.7f), FastTanh.tanh(-0.7f));
        float[] v = {-2f, 0.5f, 3f};
        FastTanh.apply(v, 2);
        assertEquals((float) Math.tanh(-2), v[0], 3e-7f);
        assertEquals((float) Math.tanh(0.5), v[1], 3e-7f);
        assertEquals(3f, v[2], "only the first n are touched");
    }
}
