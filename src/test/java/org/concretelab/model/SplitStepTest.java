package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A training step split over threads ({@link ConcreteVae#setThreads}) is the unsplit step of each block of images
 * with that block's noise, averaged: its gradient equals the row-weighted mean of the blocks' single-threaded
 * gradients (to float rounding), and a run depends on the seed and the thread count only.
 */
class SplitStepTest {

    static List<ModelSpec> specs() {
        return List.of(
                new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3),
                new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 5, 2, 0, 6, 2.0 / 3, 0.5, 3, 1e-3),
                new ModelSpec(Architecture.LINEAR_TWO, LatentKind.CATEGORICAL, 3, 4, 0, 6, 1.0, 2.0 / 3, 2, 1e-3),
                new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 3, 8, 2, 6, 2.0 / 3, 0.4, 1, 1e-3),
                new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 8, 2.0 / 3, 0.5, 3, 1e-3,
                        "vimco", "density"),
                new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3,
                        "straight-through", "density"),
                ConcreteVaeGradientTest.completion(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 5, 2, 2, "concrete"));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void splitGradientIsTheRowWeightedMeanOfTheBlocks(ModelSpec spec) {
        int rows = 7;
        float[] batch = batch(rows, 3);
        long noise = 99;
        ConcreteVae split = (ConcreteVae) VaeModels.create(spec, 5);
        split.setThreads(2);
        double objective = split.objectiveAndGradient(batch, rows, noise);
        float[][] splitGrads = summedGradients(split, 2);

        // the blocks: images 0-2 with the step's own noise, images 3-6 with the second thread's
        ConcreteVae single = (ConcreteVae) VaeModels.create(spec, 5);
        float[] first = java.util.Arrays.copyOfRange(batch, 0, 3 * Task.IMAGE_PIXELS);
        float[] second = java.util.Arrays.copyOfRange(batch, 3 * Task.IMAGE_PIXELS, rows * Task.IMAGE_PIXELS);
        double o1 = single.objectiveAndGradient(first, 3, ConcreteVae.partSeed(noise, 0));
        float[][] g1 = summedGradients(single, 1);
        double o2 = single.objectiveAndGradient(second, 4, ConcreteVae.partSeed(noise, 1));
        float[][] g2 = summedGradients(single, 1);

        assertEquals((3 * o1 + 4 * o2) / rows, objective, 1e-9 * Math.abs(objective));
        List<Param> params = split.parameters();
        for (int p = 0; p < params.size(); p++) {
            float[] expected = new float[g1[p].length];
            double scale = 1e-3;
            for (int i = 0; i < expected.length; i++) {
                expected[i] = (3 * g1[p][i] + 4 * g2[p][i]) / rows;
                scale = Math.max(scale, Math.abs(expected[i]));
            }
            assertArrayEquals(expected, splitGrads[p], (float) (2e-5 * scale), params.get(p).name());
        }
    }

    @Test
    void aRunDependsOnTheSeedAndTheThreadCountOnly() {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 5, 2, 0, 6, 2.0 / 3, 0.5, 2, 1e-3);
        float[] a = train(spec, 2, 4);
        float[] b = train(spec, 2, 4);
        float[] one = train(spec, 1, 4);
        assertArrayEquals(a, b, 0f, "two 2-thread runs of one seed");
        assertNotEquals(java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(one), "another thread count draws other noise");
        // back to one thread, a model steps exactly as one that never split
        ConcreteVae back = (ConcreteVae) VaeModels.create(spec, 5);
        back.setThreads(2);
        back.setThreads(1);
        float[] batch = batch(10, 8);
        for (int s = 0; s < 4; s++) {
            back.trainStep(batch, 10, s);
        }
        assertArrayEquals(one, weights(back), 0f);
    }

    @Test
    void aBatchSmallerThanTheThreadsStepsUnsplit() {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 4, 2, 0, 6, 2.0 / 3, 0.5, 1, 1e-3);
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 5);
        model.setThreads(4);
        double o = model.trainStep(batch(3, 1), 3, 7);
        ConcreteVae plain = (ConcreteVae) VaeModels.create(spec, 5);
        assertEquals(plain.trainStep(batch(3, 1), 3, 7), o);
        assertThrows(IllegalArgumentException.class, () -> model.setThreads(0));
    }

    @Test
    void completionAndNvilTrainSplit() {
        for (ModelSpec spec : List.of(
                new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3, "nvil", "density"),
                ConcreteVaeGradientTest.completion(Architecture.LINEAR_TWO, LatentKind.CATEGORICAL, 3, 4, 2, "concrete"))) {
            float[] a = train(spec, 2, 3);
            float[] b = train(spec, 2, 3);
            assertArrayEquals(a, b, 0f, spec.describe());
            for (float v : a) {
                assertEquals(true, Float.isFinite(v), spec.describe());
            }
        }
    }

    private static float[] train(ModelSpec spec, int threads, int steps) {
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 5);
        model.setThreads(threads);
        float[] batch = batch(10, 8);
        for (int s = 0; s < steps; s++) {
            model.trainStep(batch, 10, s);
        }
        return weights(model);
    }

    private static float[] weights(ConcreteVae model) {
        int n = model.parameters().stream().mapToInt(Param::size).sum();
        float[] all = new float[n];
        int at = 0;
        for (Param p : model.parameters()) {
            p.value().store(all, at);
            at += p.size();
        }
        return all;
    }

    /** Each parameter's gradient summed over the first {@code slots} slots (what Adam applies). */
    private static float[][] summedGradients(ConcreteVae model, int slots) {
        List<Param> params = model.parameters();
        float[][] out = new float[params.size()][];
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            out[p] = new float[param.size()];
            float[] slot = new float[param.size()];
            for (int s = 0; s < Math.min(slots, param.slots()); s++) {
                param.grad(s).store(slot, 0);
                for (int i = 0; i < slot.length; i++) {
                    out[p][i] += slot[i];
                }
            }
        }
        return out;
    }

    private static float[] batch(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] batch = new float[rows * Task.IMAGE_PIXELS];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextDouble() < 0.3 ? 1f : 0f;
        }
        return batch;
    }
}
