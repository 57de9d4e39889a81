package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Mlp;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Completion;
import org.concretelab.model.task.Task;
import org.junit.jupiter.api.Test;

/**
 * The paper's EMA centring (appendix D.4): each inference network reads its input — the image, or the stochastic layer
 * below — minus a moving average (decay 0.9) of its mean, updated by training steps only, with no gradient through it;
 * and the centring of builds before 2026-12-07 12:50 UTC ({@link Centring#EVERY_READER}), kept for the models trained with it.
 */
class EmaCentringTest {
    private static final ModelSpec TWO_LAYERS = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 5, 2, 0, 6,
            2.0 / 3, 0.5, 2, 1e-3).withCentring(true);
    private static final ModelSpec EVERY_READER = TWO_LAYERS.withCentring(Centring.EVERY_READER);

    @Test
    void aCentredNetworkReadsItsInputMinusTheMean() {
        List<Param> params = new ArrayList<>();
        Mlp net = new Mlp("t", 4, new int[] {3, 3}, 2, RandomSource.XO_RO_SHI_RO_128_PP.create(3), params);
        SplittableRandom r = new SplittableRandom(1);
        float[] in = new float[5 * 4];
        float[] mean = new float[4];
        for (int i = 0; i < in.length; i++) {
            in[i] = (float) r.nextDouble();
        }
        for (int i = 0; i < 4; i++) {
            mean[i] = (float) (r.nextDouble() - 0.2);
        }
        float[] shifted = in.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] -= mean[i % 4];
        }
        float[] plain = forward(net, shifted);
        net.centreInput(mean);
        float[] centred = forward(net, in);
        assertArrayEquals(plain, centred, 1e-5f, "centring = the plain network on the input minus the EMA");
        assertFalse(java.util.Arrays.equals(forward(withoutCentring(net), in), centred), "and it does change the output");
        assertThrows(IllegalArgumentException.class, () -> net.centreInput(new float[3]));
    }

    private static Mlp withoutCentring(Mlp net) {
        net.centreInput(null);
        return net;
    }

    private static float[] forward(Mlp net, float[] in) {
        int rows = in.length / net.in();
        Mat x = new Mat(rows, net.in());
        x.load(in, 0);
        Mat out = new Mat(rows, net.out());
        net.forward(x, out, net.buffers(rows));
        float[] o = new float[rows * net.out()];
        out.store(o, 0);
        return o;
    }

    @Test
    void theInferenceNetworksReadTheirInputsMinusTheEmaAndTheGenerativeOnesAreLeftAlone() {
        assertEquals(Centring.INFERENCE, TWO_LAYERS.centring());
        ConcreteVae centred = (ConcreteVae) VaeModels.create(TWO_LAYERS, 5);
        ConcreteVae plain = (ConcreteVae) VaeModels.create(TWO_LAYERS.withCentring(false), 5);
        float[][] means = centred.centringMeans();
        assertEquals(2, means.length, "the image's and the first layer's (the top layer feeds no encoder)");
        assertEquals(784, means[0].length);
        SplittableRandom random = new SplittableRandom(4);
        for (float[] mean : means) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] = (float) (0.6 * random.nextDouble());
            }
        }
        float[] code = new float[TWO_LAYERS.latentLayout().codeLength()];
        for (int i = 0; i < code.length; i++) {
            code[i] = i % 3 == 0 ? 1f : 0f;
        }
        assertArrayEquals(plain.decode(code), centred.decode(code), 0f, "the decoder reads the code as it is");
        int rows = 3;
        float[] batch = randomBatch(rows, random);
        float[] shifted = batch.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] -= means[0][i % 784];
        }
        assertArrayEquals(plain.posteriorMeans(shifted, rows), centred.posteriorMeans(batch, rows), 1e-5,
                "q(z1 | x) reads the image minus its average");
    }

    @Test
    void everyReaderCentringDecodesTheCodeMinusTheEmaAsEarlierBuildsDid() {
        ModelSpec spec = EVERY_READER;
        ConcreteVae centred = (ConcreteVae) VaeModels.create(spec, 5);
        ConcreteVae plain = (ConcreteVae) VaeModels.create(spec.withCentring(false), 5);
        assertNull(plain.centringMeans(), "off: no averages, the plain path");
        float[] code = new float[spec.latentLayout().codeLength()];
        for (int i = 0; i < code.length; i++) {
            code[i] = i % 2 == 0 ? 1f : 0f;
        }
        assertArrayEquals(plain.decode(code), centred.decode(code), 0f, "same weights; a zero average changes nothing");
        float[] mean = centred.centringMeans()[0];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = 0.1f * (i + 1);
        }
        float[] shifted = code.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] -= mean[i];
        }
        assertArrayEquals(plain.decode(shifted), centred.decode(code), 1e-5f);
    }

    @Test
    void theAveragesMoveByDecayPointNineInTrainingStepsOnly() {
        averagesMoveInTrainingStepsOnly(TWO_LAYERS, new int[] {-1, 0}); // the image, then layer 0's code
        averagesMoveInTrainingStepsOnly(EVERY_READER, new int[] {0, 1});
    }

    /** A step of 100 images is cut into blocks (SplitStep): the image's average is the whole batch's, whatever the threads. */
    @Test
    void theImageAverageOfASplitStepIsTheWholeBatchsWithOneOrTwoThreads() {
        int rows = 100;
        assertTrue(SplitStep.blocks(rows, 1) > 1, "the step is split");
        float[] batch = randomBatch(rows, new SplittableRandom(8));
        float[][] after = new float[2][];
        for (int threads = 1; threads <= 2; threads++) {
            ConcreteVae model = (ConcreteVae) VaeModels.create(TWO_LAYERS.withEstimator("concrete", 1), 7);
            model.setThreads(threads);
            float[] mean = model.centringMeans()[0];
            java.util.Arrays.fill(mean, 0.2f);
            model.trainStep(batch, rows, 9);
            for (int p = 0; p < 784; p++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += batch[r * 784 + p];
                }
                assertEquals(0.9 * 0.2 + 0.1 * sum / rows, mean[p], 1e-6, "pixel " + p + ", " + threads + " thread(s)");
            }
            after[threads - 1] = model.centringMeans()[1].clone();
        }
        assertArrayEquals(after[0], after[1], 0f, "the layer's average too: the same blocks, whatever the threads");
    }

    /** {@code sources[k]}: what average k is taken over, -1 the image, l ≥ 0 layer l's code. */
    private static void averagesMoveInTrainingStepsOnly(ModelSpec spec, int[] sources) {
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 7);
        model.setThreads(1);
        int rows = 4;
        float[] batch = randomBatch(rows, new SplittableRandom(2));
        float[][] means = model.centringMeans();
        for (float[] mean : means) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] = 0.05f * (i % 20); // below 1: float averages of 784 values are compared to 1e-6
            }
        }
        float[][] before = copy(means);
        model.relaxedElbo(batch, rows, 3);
        model.discreteElbo(batch, rows, 3);
        model.importanceSampledNll(batch, rows, 4, 3);
        model.posteriorMeans(batch, rows);
        model.objectiveAndGradient(batch, rows, 3); // a gradient alone (e.g. a probe) is no training step either
        for (int l = 0; l < means.length; l++) {
            assertArrayEquals(before[l], means[l], 0f, "evaluation leaves layer " + l + "'s average alone");
        }
        model.trainStep(batch, rows, 9);
        Workspace w = model.stepWorkspace(rows);
        int n = rows * spec.samples();
        assertEquals(sources.length, means.length);
        for (int l = 0; l < means.length; l++) {
            int width = means[l].length;
            float[] values = new float[n * width];
            (sources[l] < 0 ? w.input : w.z[sources[l]].code).store(values, 0);
            for (int i = 0; i < width; i++) {
                double sum = 0;
                for (int r = 0; r < n; r++) {
                    sum += values[r * width + i];
                }
                assertEquals(0.9 * before[l][i] + 0.1 * sum / n, means[l][i], 1e-6, spec.centring() + ": average " + l
                        + " value " + i);
            }
        }
    }

    @Test
    void theGradientOfTheCentredModelMatchesFiniteDifferencesWithTheEmaHeld() {
        for (ModelSpec spec : List.of(TWO_LAYERS, EVERY_READER, new ModelSpec(Architecture.LINEAR_ONE, LatentKind.CORNERS,
                3, 4, 0, 6, 1.0, 2.0 / 3, 1, 1e-3).withCentring(true))) {
            ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 11);
            SplittableRandom random = new SplittableRandom(5);
            int rows = 3;
            float[] batch = randomBatch(rows, random);
            for (Param p : model.parameters()) {
                var v = p.value().buffer();
                for (int i = 0; i < p.size(); i++) {
                    v.put(i, v.get(i) + (float) (0.3 * (random.nextDouble() - 0.5)));
                }
            }
            for (float[] mean : model.centringMeans()) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] = (float) (random.nextDouble() - 0.5); // far from 0: a missing correction would show
                }
            }
            long noise = 42;
            model.objectiveAndGradient(batch, rows, noise);
            List<Double> errors = new ArrayList<>();
            for (Param p : model.parameters()) {
                float[] analytic = new float[p.size()];
                p.grad().store(analytic, 0);
                for (int t = 0; t < 8; t++) {
                    int i = random.nextInt(p.size());
                    var v = p.value().buffer();
                    float original = v.get(i);
                    float h = 1e-2f;
                    v.put(i, original + h);
                    double up = -model.objectiveAndGradient(batch, rows, noise);
                    v.put(i, original - h);
                    double down = -model.objectiveAndGradient(batch, rows, noise);
                    v.put(i, original);
                    double numeric = (up - down) / (2 * h);
                    errors.add(Math.abs(numeric - analytic[i]) / Math.max(0.1, Math.abs(numeric) + Math.abs(analytic[i])));
                }
            }
            errors.sort(null);
            assertTrue(errors.get(errors.size() / 2) < 5e-3, spec.describe() + ": median " + errors.get(errors.size() / 2));
            assertTrue(errors.get(errors.size() - 1) < 0.05, spec.describe() + ": worst " + errors.get(errors.size() - 1));
        }
    }

    @Test
    void theAveragesAreModelStateAndCompletionRefusesCentring() {
        for (ModelSpec spec : List.of(TWO_LAYERS, EVERY_READER)) {
            ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 7);
            model.centringMeans()[0][2] = 0.5f;
            model.centringMeans()[1][2] = 0.25f;
            ModelState state = model.state();
            String first = spec == TWO_LAYERS ? "centring.x" : "centring.z0";
            String second = spec == TWO_LAYERS ? "centring.z0" : "centring.z1";
            assertEquals(0.5f, state.arrays().get(first).values()[2]);
            assertEquals(0.25f, state.arrays().get(second).values()[2]);
            assertEquals(ParameterShapes.of(spec).keySet(), withoutMoments(state));
            ConcreteVae restored = (ConcreteVae) VaeModels.restore(state);
            assertArrayEquals(model.centringMeans()[1], restored.centringMeans()[1], 0f);
            assertArrayEquals(model.centringMeans()[0], restored.centringMeans()[0], 0f);
            // the other scope's file has other arrays: refused, not read into the wrong networks
            ModelState other = new ModelState(spec == TWO_LAYERS ? EVERY_READER : TWO_LAYERS, state.step(), state.arrays());
            assertThrows(IllegalArgumentException.class, () -> VaeModels.restore(other));
        }
        assertFalse(ParameterShapes.of(TWO_LAYERS.withCentring(false)).keySet().stream().anyMatch(n -> n.startsWith("centring")));
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> new ModelSpec(Architecture.LINEAR_TWO,
                LatentKind.BINARY, 5, 2, 0, 6, 2.0 / 3, 0.5, 1, 1e-3, "concrete", Completion.NAME, Centring.INFERENCE));
        assertTrue(e.getMessage().contains("centring"), e.getMessage());
        // a distinct name: results of builds before 2026-12-07 12:50 UTC say plain "EMA-centred" for the every-reader centring
        assertTrue(TWO_LAYERS.describe().endsWith("EMA-centred (inference)"), TWO_LAYERS.describe());
        assertTrue(EVERY_READER.describe().contains("EMA-centred (every reader"), EVERY_READER.describe());
    }

    private static java.util.Set<String> withoutMoments(ModelState state) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>(state.arrays().keySet());
        names.removeIf(n -> n.endsWith("#adam"));
        return names;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static float[] randomBatch(int rows, SplittableRandom random) {
        float[] batch = new float[rows * Task.IMAGE_PIXELS];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextDouble() < 0.3 ? 1f : 0f;
        }
        return batch;
    }
}
