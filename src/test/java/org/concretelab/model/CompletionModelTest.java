package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.concretelab.model.task.Completion;
import org.junit.jupiter.api.Test;

/**
 * The completion task's conditional model: trained on log (1/m) Σ p(x_bottom | z_j), z_j ~ p(z | x_top), it learns a
 * bottom half that depends on the top half, scores it with the paper's estimate −log (1/k) Σ_j p(x_bottom | z_j), and
 * its draws given one top half are what the Complete tab shows.
 */
class CompletionModelTest {
    private static final ModelSpec SMALL = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 16, 2, 0, 32,
            2.0 / 3, 0.5, 1, 3e-3, "concrete", Completion.NAME);

    /**
     * Two top halves: a left bar, whose bottom half is a left bar too, and a top bar, whose bottom half is a left or a
     * right bar with even odds (the ambiguity a stochastic model captures), with pixel noise.
     */
    static float[] batch(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] b = new float[rows * 784];
        for (int i = 0; i < rows; i++) {
            boolean leftTop = r.nextBoolean();
            boolean leftBottom = leftTop || r.nextBoolean();
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                int col = p % 28;
                boolean on = row < 14 ? (leftTop ? col < 10 : row < 5) : (leftBottom ? col < 10 : col >= 18);
                b[i * 784 + p] = r.nextDouble() < (on ? 0.9 : 0.05) ? 1f : 0f;
            }
        }
        return b;
    }

    private static float[] top(float[] image) {
        float[] t = new float[392];
        System.arraycopy(image, 0, t, 0, 392);
        return t;
    }

    @Test
    void trainingImprovesTheCompletionNll() {
        VaeModel m = VaeModels.create(SMALL, 1);
        float[] eval = batch(40, 999);
        double before = m.importanceSampledNll(eval, 40, 50, 3);
        for (int s = 0; s < 300; s++) {
            m.trainStep(batch(32, s), 32, s);
        }
        double after = m.importanceSampledNll(eval, 40, 50, 3);
        // 392 bottom pixels: ~270 nats at init; learned, the noise alone costs ~392 · H(0.05..0.1) ≈ 100 nats and the
        // ambiguous half of the examples one more bit
        assertTrue(after < before - 100, "completion NLL (k = 50) " + before + " -> " + after);
        double bound = m.discreteElbo(eval, 40, 3);
        double nll1 = m.importanceSampledNll(eval, 40, 1, 4);
        assertEquals(-bound, nll1, 0.1 * Math.abs(bound), "k = 1 is the 1-sample bound");
        assertTrue(after < nll1, "k = 50 tightens the bound: " + after + " vs " + nll1);
    }

    /**
     * Trained on the 5-sample objective the draws given an ambiguous top half are distinct completions, each a left or
     * a right bar; at m = 1 a model learns to avoid stochasticity and draws the same blur of both (Raiko et al. 2014;
     * measured once on this task after 1,500 steps at m = 1: 0 of 200 draws were either bar).
     */
    @Test
    void drawsGivenATopHalfDecodeToTheirMeansAndFollowTheTopHalf() {
        ModelSpec m5 = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 16, 2, 0, 32, 2.0 / 3, 0.5, 5, 3e-3,
                "concrete", Completion.NAME);
        VaeModel m = VaeModels.create(m5, 2);
        for (int s = 0; s < 300; s++) {
            m.trainStep(batch(32, s), 32, s);
        }
        float[] leftTop = null;
        float[] barTop = null;
        float[] images = batch(20, 7);
        for (int i = 0; i < 20 && (leftTop == null || barTop == null); i++) {
            float[] image = java.util.Arrays.copyOfRange(images, i * 784, (i + 1) * 784);
            boolean left = image[28 * 10 + 2] + image[28 * 12 + 3] + image[28 * 11 + 1] >= 2; // rows 10–12 of a left bar
            if (left) {
                leftTop = top(image);
            } else {
                barTop = top(image);
            }
        }
        ConditionalSamples draws = m.sampleGiven(leftTop, 64, 5);
        assertEquals(64, draws.count());
        assertEquals(16, draws.codeLength());
        assertEquals(392, draws.targetWidth());
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(draws.means(i), m.decode(draws.code(i)), 1e-5f, "a draw's means are its code decoded");
        }
        // the bottom half's left bar (columns 0–9) is dark, its right side (18–27) light
        float[] mean = draws.meanOfMeans();
        assertTrue(mean[28 * 7 + 4] > 0.8 && mean[28 * 7 + 22] < 0.2, "left top: " + mean[28 * 7 + 4] + ", " + mean[28 * 7 + 22]);
        // a top bar: a left or a right bottom bar, about half and half: draws of each, and both in the mean
        ConditionalSamples ambiguous = m.sampleGiven(barTop, 200, 6);
        int left = 0;
        int right = 0;
        for (int i = 0; i < 200; i++) {
            float[] x = ambiguous.means(i);
            left += x[28 * 7 + 4] > 0.7 && x[28 * 7 + 22] < 0.3 ? 1 : 0;
            right += x[28 * 7 + 22] > 0.7 && x[28 * 7 + 4] < 0.3 ? 1 : 0;
        }
        assertTrue(left > 40 && right > 40, "draws given a top bar: " + left + " left, " + right + " right bars");
        float[] both = ambiguous.meanOfMeans();
        assertTrue(both[28 * 7 + 4] > 0.2 && both[28 * 7 + 4] < 0.8 && both[28 * 7 + 22] > 0.2 && both[28 * 7 + 22] < 0.8,
                "top bar: " + both[28 * 7 + 4] + ", " + both[28 * 7 + 22]);
        assertEquals(16, m.encodeMode(leftTop).length, "the most probable code given a top half");
    }

    @Test
    void aCompletionModelHasNoUnconditionalPriorAndADensityModelNoConditionalOne() {
        VaeModel completion = VaeModels.create(SMALL, 1);
        assertThrows(UnsupportedOperationException.class, () -> completion.samplePrior(1));
        assertThrows(IllegalArgumentException.class, () -> completion.sampleGiven(new float[784], 4, 1));
        VaeModel density = VaeModels.create(ModelSpec.defaults(), 1);
        assertThrows(UnsupportedOperationException.class, () -> density.sampleGiven(new float[784], 4, 1));
        assertThrows(org.concretelab.model.InvalidSettingException.class, () -> new ModelSpec(Architecture.NONLINEAR_ONE,
                LatentKind.BINARY, 16, 2, 4, 32, 2.0 / 3, 0.5, 1, 1e-3, "concrete", Completion.NAME));
    }

    @Test
    void vimcoAndNvilTrainTheConditionalModelToo() {
        for (ModelSpec spec : new ModelSpec[] {
            new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 16, 2, 0, 32, 2.0 / 3, 0.5, 5, 3e-3, "vimco",
                    Completion.NAME),
            new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 16, 2, 0, 32, 2.0 / 3, 0.5, 1, 3e-3, "nvil",
                    Completion.NAME)}) {
            VaeModel m = VaeModels.create(spec, 1);
            float[] eval = batch(40, 999);
            double before = m.importanceSampledNll(eval, 40, 20, 3);
            for (int s = 0; s < 200; s++) {
                assertTrue(Double.isFinite(m.trainStep(batch(32, s), 32, s)));
            }
            double after = m.importanceSampledNll(eval, 40, 20, 3);
            assertTrue(after < before - 80, spec.describe() + ": " + before + " -> " + after);
        }
    }
}
