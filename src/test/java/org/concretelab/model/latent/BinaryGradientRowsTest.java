package org.concretelab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The gradient rows give the bits of the element-by-element loops they replaced: the reference below is those loops'
 * expression, written out here once more on purpose (an oracle that does not share the rows' code). Rows of 200 and
 * odd widths; operands from ordinary to extreme: ±0, subnormal floats, values near 0 and 1, large magnitudes.
 */
class BinaryGradientRowsTest {
    private final BinaryGradientRows rows = new BinaryGradientRows(200);
    private final SplittableRandom random = new SplittableRandom(7);

    @Test
    void priorGradientRowsAreTheLoopsBits() {
        for (int trial = 0; trial < 400; trial++) {
            int n = width(trial);
            float[] s = floats(n);
            float[] g = floats(n);
            double w = weight();
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                double sp = s[i];
                expected[i] = (float) (g[i] + w * (1 - 2 * sp));
            }
            rows.addPriorGradient(s, g, n, w);
            assertBits(expected, g, trial);
        }
    }

    @Test
    void scoreRowsAreTheLoopsBits() {
        for (int trial = 0; trial < 400; trial++) {
            int n = width(trial);
            float[] x = new float[n];
            double[] sigma = new double[n];
            float[] g = floats(n);
            for (int i = 0; i < n; i++) {
                x[i] = random.nextBoolean() ? 1f : 0f;
                sigma[i] = org.concretelab.distribution.LogSpace.sigmoid(floats(1)[0]);
            }
            double w = weight();
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                double score = x[i] - sigma[i]; // Bernoulli.score: the 0/1 value widened, minus σ
                expected[i] = (float) (g[i] + w * score);
            }
            rows.addScore(x, sigma, g, n, w);
            assertBits(expected, g, trial);
        }
    }

    @Test
    void posteriorGradientRowsAreTheLoopsBits() {
        double lambdaP = 0.5;
        double lambdaQ = 2.0 / 3;
        for (int trial = 0; trial < 400; trial++) {
            int n = width(trial);
            double[] z = new double[n];
            float[] gc = floats(n);
            float[] s = floats(n);
            for (int i = 0; i < n; i++) {
                z[i] = trial % 2 == 0 ? floats(1)[0] : org.concretelab.distribution.LogSpace.sigmoid(10 * floats(1)[0]);
            }
            double gw = weight();
            float[] expected = new float[n];
            for (int i = 0; i < n; i++) {
                double g = gc[i] * z[i] * (1 - z[i]) + gw * lambdaP * (2 * s[i] - 1); // 2s − 1: float
                expected[i] = (float) (g / lambdaQ);
            }
            float[] out = new float[n];
            rows.posteriorGradient(z, gc, s, n, gw * lambdaP, lambdaQ, out);
            assertBits(expected, out, trial);
        }
    }

    private int width(int trial) {
        return trial % 4 == 3 ? 1 + random.nextInt(37) : 200;
    }

    private double weight() {
        return switch (random.nextInt(4)) {
            case 0 -> 1.0;
            case 1 -> random.nextDouble(-1e-3, 1e-3);
            default -> random.nextDouble(-50, 50);
        };
    }

    /** Floats of every kind a gradient row meets: in (0, 1), ±0, subnormal, tiny, near 1, large. */
    private float[] floats(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (random.nextInt(8)) {
                case 0 -> random.nextBoolean() ? 0f : -0f;
                case 1 -> Float.MIN_VALUE * random.nextInt(1, 1 << 20); // subnormal
                case 2 -> (float) random.nextDouble(1e-30, 1e-20);
                case 3 -> 1f - (float) random.nextDouble(0, 1e-6);
                case 4 -> (float) random.nextDouble(-1e6, 1e6);
                default -> (float) random.nextDouble(-1, 1);
            };
        }
        return v;
    }

    private static void assertBits(float[] expected, float[] actual, int trial) {
        for (int i = 0; i < expected.length; i++) {
            int e = Float.floatToRawIntBits(expected[i]);
            int a = Float.floatToRawIntBits(actual[i]);
            if (e != a) {
                assertEquals(expected[i], actual[i], "trial " + trial + " element " + i
                        + " of " + expected.length + ": bits " + Integer.toHexString(e) + " vs " + Integer.toHexString(a));
                assertEquals(e, a, "trial " + trial + " element " + i + " (sign of zero)");
            }
        }
    }
}
