package org.concretelab.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.junit.jupiter.api.Test;

/** Relaxed and hard samples of one digit's posterior, on small untrained models. */
class RelaxedPosteriorTest {
    private static VaeModel model(LatentKind kind, int units, int classes) {
        return VaeModels.create(new ModelSpec(Architecture.LINEAR_ONE, kind, units, classes, 0, 20, 0.5, 0.5, 1, 1e-3), 5);
    }

    private static float[] digit() {
        float[] x = new float[784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 37 % 11) < 3 ? 1f : 0f;
        }
        return x;
    }

    @Test
    void aBinaryUnitsRelaxedValueIsBinaryConcreteOfItsPosteriorLogitWithTheSameNoise() {
        VaeModel m = model(LatentKind.BINARY, 6, 2);
        RelaxedPosterior p = RelaxedPosterior.of(m, digit(), 3, 1);
        double[] probs = m.posteriorMeans(digit(), 1);
        // the same Gumbel draws, in the same order: two per unit per sample
        var rng = org.apache.commons.rng.simple.RandomSource.XO_RO_SHI_RO_128_PP.create(1);
        double[][][] g = new double[3][6][2];
        for (double[][] s : g) {
            for (double[] u : s) {
                org.concretelab.distribution.Noise.gumbel(rng, u);
            }
        }
        for (double lambda : new double[] {0.1, 2.0 / 3, 5}) {
            for (int s = 0; s < 3; s++) {
                float[] code = p.code(s, lambda, false);
                float[] hard = p.code(s, lambda, true);
                for (int u = 0; u < 6; u++) {
                    // BinaryConcrete: σ((log α + L)/λ), α = p/(1 − p), L = G1 − G0 logistic
                    double logAlpha = Math.log(probs[2 * u + 1]) - Math.log(probs[2 * u]);
                    double expected = 1 / (1 + Math.exp(-(logAlpha + g[s][u][1] - g[s][u][0]) / lambda));
                    assertEquals(expected, code[u], 1e-5, "unit " + u + " at λ " + lambda);
                    assertEquals(logAlpha + g[s][u][1] - g[s][u][0] > 0 ? 1f : 0f, hard[u], "its hard sample");
                }
            }
        }
    }

    @Test
    void atLowTemperatureRelaxedSamplesDecodeLikeTheHardOnesAndAtHighTheyDoNot() {
        VaeModel m = model(LatentKind.BINARY, 10, 2);
        RelaxedPosterior p = RelaxedPosterior.of(m, digit(), 4, 2);
        RelaxedPosterior.Samples cold = p.decode(m, 0.01);
        RelaxedPosterior.Samples warm = p.decode(m, 5);
        assertTrue(cold.meanCodeGap() < 0.02, "cold codes at the corners: " + cold.meanCodeGap());
        assertTrue(warm.meanCodeGap() > 0.2, "warm codes inside the cube: " + warm.meanCodeGap());
        assertTrue(cold.meanChange() < warm.meanChange() / 5, cold.meanChange() + " vs " + warm.meanChange());
        for (int s = 0; s < 4; s++) {
            assertArrayEquals(cold.hard()[s], warm.hard()[s], "the hard samples do not depend on λ");
            assertArrayEquals(m.decode(p.code(s, 5, false)), warm.relaxed()[s], 1e-5f, "batched decode of sample " + s);
            assertArrayEquals(m.decode(p.code(s, 5, true)), warm.hard()[s], 1e-5f);
        }
    }

    @Test
    void hardSamplesFollowThePosterior() {
        VaeModel m = model(LatentKind.CATEGORICAL, 3, 4);
        int n = 4000;
        RelaxedPosterior p = RelaxedPosterior.of(m, digit(), n, 3);
        double[] probs = m.posteriorMeans(digit(), 1);
        double[] counts = new double[12];
        for (int s = 0; s < n; s++) {
            float[] hard = p.code(s, 1, true);
            for (int i = 0; i < 12; i++) {
                counts[i] += hard[i];
            }
        }
        for (int i = 0; i < 12; i++) {
            double sd = Math.sqrt(probs[i] * (1 - probs[i]) / n);
            assertEquals(probs[i], counts[i] / n, 5 * sd + 1e-3, "class share " + i);
        }
    }

    @Test
    void relaxedValuesAtAVertexAreTheHardCodeOfEveryFamily() {
        for (LatentLayout l : new LatentLayout[] {new LatentLayout(LatentKind.BINARY, 3, 2, 1),
            new LatentLayout(LatentKind.CATEGORICAL, 3, 4, 0), new LatentLayout(LatentKind.CORNERS, 3, 8, 0)}) {
            int k = l.classes();
            double[] w = new double[3 * k];
            int[] classes = {1, 0, k - 1};
            LatentCode hard = LatentCode.cleared(l);
            for (int u = 0; u < 3; u++) {
                w[u * k + classes[u]] = 1;
                hard = hard.withClass(u, classes[u]);
            }
            float[] gaussian = new float[l.gaussianUnits()];
            if (gaussian.length > 0) {
                gaussian[0] = 0.7f;
                hard = hard.withGaussian(0, 0.7f);
            }
            assertArrayEquals(hard.values(), LatentCode.relaxedValues(l, w, gaussian), 1e-6f, l.toString());
        }
        // halfway between two corners of {−1, 1}^2: the coordinates they disagree on are 0
        LatentLayout corners = new LatentLayout(LatentKind.CORNERS, 1, 4, 0);
        assertArrayEquals(new float[] {0f, -1f}, LatentCode.relaxedValues(corners, new double[] {0.5, 0.5, 0, 0}, new float[0]), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> LatentCode.relaxedValues(corners, new double[3], new float[0]));
    }

    @Test
    void badTemperaturesAndModelsAreRefused() {
        VaeModel m = model(LatentKind.BINARY, 6, 2);
        RelaxedPosterior p = RelaxedPosterior.of(m, digit(), 2, 1);
        assertThrows(IllegalArgumentException.class, () -> p.decode(m, 0));
        assertThrows(IllegalArgumentException.class, () -> p.decode(m, Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> p.decode(model(LatentKind.BINARY, 7, 2), 1));
        assertThrows(IllegalArgumentException.class, () -> RelaxedPosterior.of(m, digit(), 0, 1));
    }
}
