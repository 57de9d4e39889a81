package org.concretelab.model.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.concretelab.distribution.Bernoulli;
import org.concretelab.distribution.Noise;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The evaluation's shortcuts give the very bits of the loops they replace, in both kernels: cached Bernoulli terms for
 * rows that repeat their logits, branch-free hard samples, and logistic noise with its division in lanes (an eval's
 * numbers, and a seeded run's, must not move).
 */
class BernoulliRowsTest {
    private static final int[] WIDTHS = {1, 7, 16, 17, 200, 784};

    private static RowKernels kernels(boolean vector) {
        return vector ? new VectorRowKernels() : new ScalarRowKernels();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void repeatedLogitsGiveBernoulliRowsBits(boolean vector) {
        RowKernels k = kernels(vector);
        SplittableRandom random = new SplittableRandom(11);
        for (int n : WIDTHS) {
            BernoulliRows rows = k.bernoulliRows(n);
            float[] o = new float[n];
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < n; i++) { // wide logits, with saturated ones at both ends
                    o[i] = (float) (random.nextDouble(-1, 1) * (round % 3 == 2 ? 120 : 8));
                }
                for (int sample = 0; sample < 5; sample++) { // the same logits again: cached from the second row on
                    float[] x = new float[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = random.nextBoolean() ? 1f : 0f;
                    }
                    double expected = k.bernoulliRow(x, o, 0, n, null);
                    assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(rows.row(x, o)),
                            "n = " + n + ", round " + round + ", sample " + sample + ": " + expected);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hardSamplesAreSampleFromLogisticUnitByUnit(boolean vector) {
        RowKernels k = kernels(vector);
        SplittableRandom random = new SplittableRandom(5);
        for (int n : WIDTHS) {
            float[] a = new float[n];
            float[] l = new float[n];
            float[] z = new float[n];
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < n; i++) {
                    a[i] = (float) random.nextDouble(-5, 5);
                    int kind = random.nextInt(4); // ties and near-ties: l = −a exactly, one ulp either side, tiny a
                    l[i] = kind == 0 ? -a[i] : kind == 1 ? Math.nextUp(-a[i]) : kind == 2 ? Math.nextDown(-a[i])
                            : (float) random.nextDouble(-5, 5);
                    if (random.nextInt(10) == 0) {
                        a[i] = Float.MIN_VALUE * (random.nextBoolean() ? 1 : -1);
                        l[i] = 0f;
                    }
                }
                k.hardRow(a, l, n, z);
                for (int i = 0; i < n; i++) {
                    assertEquals(Bernoulli.sampleFromLogistic(a[i], l[i]) ? 1f : 0f, z[i], "a = " + a[i] + ", l = " + l[i]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void logisticNoiseIsTheRatioInDoubleThenItsLog(boolean vector) {
        RowKernels k = kernels(vector);
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int n : WIDTHS) {
            double[] u = new double[n];
            float[] expected = new float[n];
            float[] l = new float[n];
            for (int i = 0; i < n; i++) {
                u[i] = Noise.uniform(rng);
                expected[i] = (float) (u[i] / (1 - u[i]));
            }
            k.logInPlace(expected, n); // the loop logisticRow replaces
            k.logisticRow(u, n, l);
            for (int i = 0; i < n; i++) {
                assertEquals(Float.floatToIntBits(expected[i]), Float.floatToIntBits(l[i]), "n = " + n + ", i = " + i);
            }
        }
    }
}
