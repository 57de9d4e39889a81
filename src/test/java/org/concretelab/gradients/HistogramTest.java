package org.concretelab.gradients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void everyValueIsCountedOnce() {
        Histogram h = Histogram.of(new double[] {-1, 0, 0.1, 0.5, 0.99, 1, 7}, 2, 0, 1);
        assertArrayEquals(new long[] {2, 2}, h.counts());
        assertEquals(1, h.below());
        assertEquals(2, h.above());
        assertEquals(0.25, h.center(0), 1e-15);
        assertEquals(0.5, h.binWidth(), 1e-15);
    }

    @Test
    void theRangeTakesInTheMarkAndLeavesOutWildTails() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i / 1000.0;
        }
        v[0] = -1e6;
        double[] r = Histogram.range(v, 0.01, 5);
        assertTrue(r[0] > -0.3 && r[0] < 0.02, "wild low tail left out (5 % room on a range of 5): " + r[0]);
        assertTrue(r[1] > 5, "the mark is inside: " + r[1]);
        double[] same = Histogram.range(new double[] {2, 2, 2}, 0.01, 2);
        assertTrue(same[0] < 2 && same[1] > 2);
    }

    @Test
    void mergedMomentsEqualOneStream() {
        SplittableRandom random = new SplittableRandom(1);
        CoordinateMoments all = new CoordinateMoments(3);
        CoordinateMoments a = new CoordinateMoments(3);
        CoordinateMoments b = new CoordinateMoments(3);
        for (int n = 0; n < 101; n++) {
            double[] x = {random.nextGaussian(), 5 + random.nextGaussian() * 3, random.nextDouble()};
            all.add(x);
            (n % 3 == 0 ? a : b).add(x);
        }
        a.merge(b);
        assertEquals(all.count(), a.count());
        assertArrayEquals(all.mean(), a.mean(), 1e-12);
        assertArrayEquals(all.variance(), a.variance(), 1e-12);
        assertEquals(all.meanVariance(), a.meanVariance(), 1e-12);
    }
}
