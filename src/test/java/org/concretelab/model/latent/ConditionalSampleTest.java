package org.concretelab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * REBAR's conditional sample z̃ ~ p(z | b): its discrete sample is b, always; drawn for b = H(z) with z ~ q, it has the
 * law of z (Kolmogorov–Smirnov against the logistic / Gumbel CDF, n = 20,000, fixed seed: the 1 % critical value is
 * 1.63/√n ≈ 0.0115); its Jacobian at the logits matches central differences with the same noise and the same fresh
 * uniforms.
 */
class ConditionalSampleTest {
    private static final int ROWS = 20_000;
    private static final double KS_CRITICAL = 1.63 / Math.sqrt(ROWS);

    private static UniformRandomProvider rng(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    private static LayerBuffers buffers(LatentLayer layer, int rows, double[] logits) {
        LayerBuffers b = new LayerBuffers(layer, rows);
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < logits.length; i++) {
                b.post.set(r, i, (float) logits[i]);
            }
        }
        return b;
    }

    /** The largest distance between the empirical CDF of {@code xs} and {@code cdf}. */
    private static double ks(double[] xs, java.util.function.DoubleUnaryOperator cdf) {
        double[] s = xs.clone();
        Arrays.sort(s);
        double d = 0;
        for (int i = 0; i < s.length; i++) {
            double f = cdf.applyAsDouble(s[i]);
            d = Math.max(d, Math.max(Math.abs(f - (double) i / s.length), Math.abs(f - (double) (i + 1) / s.length)));
        }
        return d;
    }

    @Test
    void binaryConditionalSamplesKeepTheirBitAndHaveTheLawOfZ() {
        double[] logits = {-2.5, -0.3, 0.6, 3};
        LatentLayer layer = new LatentLayer(List.of(new BinaryLatents(logits.length)));
        layer.setTemperatures(2.0 / 3, 0.5);
        LayerBuffers b = buffers(layer, ROWS, logits);
        UniformRandomProvider rng = rng(11);
        layer.drawNoise(rng, b);
        boolean[] bits = new boolean[ROWS * logits.length];
        for (int r = 0; r < ROWS; r++) {
            for (int i = 0; i < logits.length; i++) {
                bits[r * logits.length + i] = b.post.get(r, i) + b.noise.get(r, i) > 0;
            }
        }
        layer.conditionalNoise(rng, b);
        for (int i = 0; i < logits.length; i++) {
            double[] z = new double[ROWS];
            int kept = 0;
            for (int r = 0; r < ROWS; r++) {
                z[r] = b.post.get(r, i) + b.noise.get(r, i); // z̃ as the relaxed sample sees it (float)
                kept += (z[r] > 0) == bits[r * logits.length + i] ? 1 : 0;
            }
            assertEquals(ROWS, kept, "H(z̃) = b for unit " + i);
            double a = logits[i];
            double d = ks(z, x -> 1 / (1 + Math.exp(-(x - a))));
            assertTrue(d < KS_CRITICAL, "unit " + i + ": KS distance " + d + " from Logistic(" + a + ")");
        }
    }

    @Test
    void categoricalConditionalSamplesKeepTheirClassAndHaveTheLawOfZ() {
        int classes = 4;
        double[] logits = {1.5, -0.5, 0.2, 0.0, -1, 2, 0.5, -3}; // two units, unnormalised
        LatentLayer layer = new LatentLayer(List.of(new CategoricalLatents(2, classes)));
        layer.setTemperatures(1, 2.0 / 3);
        LayerBuffers b = buffers(layer, ROWS, logits);
        UniformRandomProvider rng = rng(12);
        layer.drawNoise(rng, b);
        int[] hard = new int[ROWS * 2];
        for (int r = 0; r < ROWS; r++) {
            for (int u = 0; u < 2; u++) {
                hard[r * 2 + u] = argmax(b, r, u * classes, classes);
            }
        }
        layer.conditionalNoise(rng, b);
        for (int r = 0; r < ROWS; r++) {
            for (int u = 0; u < 2; u++) {
                assertEquals(hard[r * 2 + u], argmax(b, r, u * classes, classes), "argmax z̃ = b, row " + r);
            }
        }
        for (int i = 0; i < logits.length; i++) {
            double[] z = new double[ROWS];
            for (int r = 0; r < ROWS; r++) {
                z[r] = b.post.get(r, i) + b.noise.get(r, i);
            }
            double a = logits[i];
            double d = ks(z, x -> Math.exp(-Math.exp(-(x - a))));
            assertTrue(d < KS_CRITICAL, "slot " + i + ": KS distance " + d + " from Gumbel(" + a + ")");
        }
    }

    private static int argmax(LayerBuffers b, int r, int from, int n) {
        int best = 0;
        for (int k = 1; k < n; k++) {
            if (b.post.get(r, from + k) + b.noise.get(r, from + k) > b.post.get(r, from + best) + b.noise.get(r, from + best)) {
                best = k;
            }
        }
        return best;
    }

    @Test
    void binaryJacobianMatchesCentralDifferences() {
        jacobianMatchesCentralDifferences(new BinaryLatents(3), new double[] {-1.2, 0.4, 2.0});
    }

    @Test
    void categoricalJacobianMatchesCentralDifferences() {
        jacobianMatchesCentralDifferences(new CategoricalLatents(2, 3), new double[] {0.3, -0.7, 1.1, 2.0, 0.0, -0.4});
    }

    /** ∂z̃_k/∂a_j by differences of z̃ at a ± h e_j (same step noise, same fresh uniforms), against J·e_j and Jᵀ·e_k. */
    private static void jacobianMatchesCentralDifferences(LatentFamily family, double[] logits) {
        int rows = 3;
        int width = logits.length;
        LatentLayer layer = new LatentLayer(List.of(family));
        layer.setTemperatures(2.0 / 3, 0.5);
        LayerBuffers b = buffers(layer, rows, logits);
        layer.drawNoise(rng(5), b);
        float[] stepNoise = new float[rows * width];
        b.noise.store(stepNoise, 0);
        float[] base = conditional(layer, b, stepNoise, logits, -1, 0);
        double h = 1e-3;
        int checked = 0;
        for (int j = 0; j < width; j++) {
            float[] plus = conditional(layer, b, stepNoise, logits, j, h);
            float[] minus = conditional(layer, b, stepNoise, logits, j, -h);
            conditional(layer, b, stepNoise, logits, -1, 0); // the Jacobian of the unperturbed sample
            float[] unit = new float[rows * width];
            for (int r = 0; r < rows; r++) {
                unit[r * width + j] = 1;
            }
            float[] column = new float[rows * width];
            layer.conditionalJacobian(b, unit, column, false);
            for (int r = 0; r < rows; r++) {
                if (!sameHard(plus, minus, base, r, width, family)) {
                    continue; // a perturbation that moves b: z̃ jumps
                }
                for (int k = 0; k < width; k++) {
                    double numeric = (plus[r * width + k] - minus[r * width + k]) / (2 * h);
                    assertEquals(numeric, column[r * width + k], 5e-3, "∂z̃_" + k + "/∂a_" + j + ", row " + r);
                    float[] row = new float[rows * width];
                    float[] e = new float[rows * width];
                    e[r * width + k] = 1;
                    layer.conditionalJacobian(b, e, row, true);
                    assertEquals(numeric, row[r * width + j], 5e-3, "(Jᵀ e_k)_j, row " + r);
                    checked++;
                }
            }
        }
        assertTrue(checked >= width * width * 2, "too few rows kept their discrete sample: " + checked);
    }

    /** z̃ (logits + conditional noise) per row with logit j moved by h, from the step noise and fresh uniforms of seed 9. */
    private static float[] conditional(LatentLayer layer, LayerBuffers b, float[] stepNoise, double[] logits, int j,
                                       double h) {
        int width = logits.length;
        float[] z = new float[b.rows() * width];
        for (int r = 0; r < b.rows(); r++) {
            for (int i = 0; i < width; i++) {
                b.post.set(r, i, (float) (logits[i] + (i == j ? h : 0)));
            }
        }
        b.noise.load(stepNoise, 0);
        layer.conditionalNoise(rng(9), b);
        for (int r = 0; r < b.rows(); r++) {
            for (int i = 0; i < width; i++) {
                z[r * width + i] = b.post.get(r, i) + b.noise.get(r, i);
            }
        }
        return z;
    }

    /** Whether row r's discrete sample (the sign, or the argmax of each unit) is the same in all three. */
    private static boolean sameHard(float[] p, float[] m, float[] base, int r, int width, LatentFamily family) {
        int group = family instanceof BinaryLatents ? 1 : 3;
        for (int u = 0; u < width / group; u++) {
            int at = r * width + u * group;
            if (hard(p, at, group) != hard(base, at, group) || hard(m, at, group) != hard(base, at, group)) {
                return false;
            }
        }
        return true;
    }

    private static int hard(float[] z, int at, int group) {
        if (group == 1) {
            return z[at] > 0 ? 1 : 0;
        }
        int best = 0;
        for (int k = 1; k < group; k++) {
            best = z[at + k] > z[at + best] ? k : best;
        }
        return best;
    }
}
