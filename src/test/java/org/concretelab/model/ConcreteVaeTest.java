package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Behaviour of the VAE beyond its gradients: determinism, state, bounds, codes, clear errors. */
class ConcreteVaeTest {
    private static final ModelSpec SMALL = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 20, 2, 0, 32,
            2.0 / 3, 0.5, 1, 3e-3);

    /** Binary "digits": two prototype patterns with pixel noise, so a small model learns quickly. */
    private static float[] batch(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] b = new float[rows * 784];
        for (int i = 0; i < rows; i++) {
            int proto = r.nextInt(2);
            for (int p = 0; p < 784; p++) {
                boolean on = proto == 0 ? (p % 28) < 14 : (p / 28) < 14;
                b[i * 784 + p] = (r.nextDouble() < (on ? 0.9 : 0.05)) ? 1f : 0f;
            }
        }
        return b;
    }

    @Test
    void sameSeedsGiveIdenticalTraining() {
        VaeModel a = VaeModels.create(SMALL, 3);
        VaeModel b = VaeModels.create(SMALL, 3);
        for (int s = 0; s < 20; s++) {
            float[] x = batch(16, s);
            assertEquals(a.trainStep(x, 16, 100 + s), b.trainStep(x, 16, 100 + s));
        }
        assertArrayEquals(a.state().arrays().get("decoder.0.W").values(), b.state().arrays().get("decoder.0.W").values());
    }

    @Test
    void trainingImprovesTheObjective() {
        VaeModel m = VaeModels.create(SMALL, 1);
        float[] eval = batch(64, 999);
        double before = m.relaxedElbo(eval, 64, 5);
        for (int s = 0; s < 300; s++) {
            m.trainStep(batch(32, s), 32, s);
        }
        double after = m.relaxedElbo(eval, 64, 5);
        // A 784-pixel image of two noisy prototypes: ~540 nats at init (random decoder), ~200 once learned.
        assertTrue(after > before + 100, "relaxed ELBO " + before + " -> " + after);
    }

    @Test
    void importanceSamplingTightensTheDiscreteBound() {
        VaeModel m = VaeModels.create(SMALL, 1);
        for (int s = 0; s < 200; s++) {
            m.trainStep(batch(32, s), 32, s);
        }
        float[] x = batch(20, 77);
        double elbo = m.discreteElbo(x, 20, 1);
        double nll1 = m.importanceSampledNll(x, 20, 1, 2);
        double nll200 = m.importanceSampledNll(x, 20, 200, 2);
        // k = 1 is the negative ELBO itself (another noise draw: equal within its sampling spread);
        // with k = 200 the estimate is a tighter bound, so smaller.
        assertEquals(-elbo, nll1, 0.1 * Math.abs(elbo));
        assertTrue(nll200 < nll1, "NLL k=200 " + nll200 + " vs k=1 " + nll1);
        assertTrue(nll200 > 0);
    }

    @Test
    void stateRoundTripsAndContinuesIdentically() {
        VaeModel a = VaeModels.create(SMALL, 5);
        for (int s = 0; s < 10; s++) {
            a.trainStep(batch(16, s), 16, s);
        }
        VaeModel b = VaeModels.restore(a.state());
        assertEquals(10, b.state().step());
        for (int s = 10; s < 15; s++) {
            float[] x = batch(16, s);
            assertEquals(a.trainStep(x, 16, s), b.trainStep(x, 16, s));
        }
        assertArrayEquals(a.state().arrays().get("encoder1.0.W").values(), b.state().arrays().get("encoder1.0.W").values());
    }

    @Test
    void stateOfAnotherModelIsRefusedWithAClearMessage() {
        VaeModel binary = VaeModels.create(SMALL, 1);
        ModelSpec other = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 20, 2, 0, 32, 2.0 / 3, 0.5, 1, 3e-3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VaeModels.create(other, 1).load(binary.state()));
        assertTrue(e.getMessage().contains("20H-784V") && e.getMessage().contains("20H~784V"), e.getMessage());
    }

    @Test
    void codesHaveTheLayoutsLengthAndDecodeToProbabilities() {
        ModelSpec categorical = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CATEGORICAL, 6, 4, 3, 16, 1, 2.0 / 3, 1, 1e-3);
        VaeModel m = VaeModels.create(categorical, 2);
        float[] code = m.encodeMode(batch(1, 1));
        assertEquals(6 * 4 + 3, code.length);
        for (int u = 0; u < 6; u++) {
            float sum = 0;
            for (int k = 0; k < 4; k++) {
                sum += code[u * 4 + k];
            }
            assertEquals(1f, sum, "one-hot unit " + u);
        }
        float[] prior = m.samplePrior(9);
        assertEquals(code.length, prior.length);
        float[] image = m.decode(prior);
        assertEquals(784, image.length);
        for (float p : image) {
            assertTrue(p > 0 && p < 1);
        }
        assertNotEquals(java.util.Arrays.toString(m.samplePrior(1)), java.util.Arrays.toString(m.samplePrior(2)));
        assertThrows(IllegalArgumentException.class, () -> m.decode(new float[5]));
        assertThrows(IllegalArgumentException.class, () -> m.trainStep(new float[10], 1, 0));
    }

    @Test
    void cornerCodesAreLog2KValuesInMinusOneOne() {
        ModelSpec corners = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CORNERS, 6, 8, 2, 16, 2.0 / 3, 0.4, 1, 1e-3);
        VaeModel m = VaeModels.create(corners, 2);
        assertEquals(6 * 3 + 2, m.latentLayout().codeLength());
        for (float[] code : new float[][] {m.encodeMode(batch(1, 1)), m.samplePrior(9)}) {
            assertEquals(6 * 3 + 2, code.length);
            for (int i = 0; i < 6 * 3; i++) {
                assertEquals(1f, Math.abs(code[i]), "coordinate " + i + " is a corner's");
            }
        }
        assertEquals(6 * 8 + 2, m.posteriorMeans(batch(1, 1), 1).length, "K class probabilities per unit");
        assertEquals(784, m.decode(m.samplePrior(3)).length);
        double before = m.relaxedElbo(batch(32, 77), 32, 3);
        for (int s = 0; s < 100; s++) {
            m.trainStep(batch(16, s), 16, s);
        }
        assertTrue(m.relaxedElbo(batch(32, 77), 32, 3) > before, "a corner model trains");
    }

    @Test
    void encodeThenDecodeReconstructsBetterThanAnotherPattern() {
        VaeModel m = VaeModels.create(SMALL, 1);
        for (int s = 0; s < 300; s++) {
            m.trainStep(batch(32, s), 32, s);
        }
        float[] x = batch(1, 4242);
        float[] recon = m.decode(m.encodeMode(x));
        float[] flipped = new float[784];
        for (int p = 0; p < 784; p++) {
            flipped[p] = x[(p % 28) * 28 + p / 28]; // the other prototype: transpose
        }
        assertTrue(sq(recon, x) < sq(recon, flipped));
    }

    @Test
    void straightThroughTrainsOnHardCodes() {
        ModelSpec st = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 20, 2, 0, 32, 2.0 / 3, 0.5, 1, 3e-3,
                org.concretelab.model.estimator.StraightThrough.NAME);
        VaeModel hard = VaeModels.create(st, 1);
        VaeModel soft = VaeModels.create(SMALL, 1);
        float[] eval = batch(64, 999);
        // same parameters and noise, different decoder input (σ(y) vs 1[y > 0]): different bounds
        assertNotEquals(soft.relaxedElbo(eval, 64, 5), hard.relaxedElbo(eval, 64, 5));
        double before = hard.relaxedElbo(eval, 64, 5);
        for (int s = 0; s < 300; s++) {
            hard.trainStep(batch(32, s), 32, s);
        }
        assertTrue(hard.relaxedElbo(eval, 64, 5) > before + 100);
        assertTrue(st.describe().contains("straight-through"));
    }

    @Test
    void temperaturesCanBeAnnealed() {
        VaeModel m = VaeModels.create(SMALL, 1);
        float[] x = batch(8, 3);
        double at = m.relaxedElbo(x, 8, 1);
        m.setTemperatures(0.3, 0.2);
        assertArrayEquals(new double[] {0.3, 0.2}, m.temperatures(), 0);
        assertNotEquals(at, m.relaxedElbo(x, 8, 1));
        assertThrows(IllegalArgumentException.class, () -> m.setTemperatures(0, 1));
    }

    private static double sq(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }
}
