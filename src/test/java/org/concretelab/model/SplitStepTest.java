package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A training step cut into blocks ({@link SplitStep#blocks}) is the unsplit step of each block of images with that
 * block's noise, averaged: its gradient equals the row-weighted mean of the blocks' unsplit gradients (to float
 * rounding), and a run depends on the seed alone, whatever the number of threads ({@link ConcreteVae#setThreads}).
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
        // images of one row each for 2 blocks; more rows an image (m, VIMCO's), more blocks
        int rows = 2 * SplitStep.MIN_BLOCK_ROWS + 5;
        BlockOracle.assertRowWeightedMeanOfBlocks((ConcreteVae) VaeModels.create(spec, 5),
                (ConcreteVae) VaeModels.create(spec, 5), batch(rows, 3), rows, 99, model -> { });
    }

    @Test
    void blocksDependOnTheBatchAlone() {
        assertEquals(1, SplitStep.blocks(SplitStep.MIN_BLOCK_ROWS * 2 - 1, 1), "too few rows for two blocks");
        assertEquals(2, SplitStep.blocks(100, 1), "a batch of 100, m = 1: two blocks of 50 images");
        assertEquals(SplitStep.MAX_BLOCKS, SplitStep.blocks(100, 5), "m = 5: as many as there are slots");
        assertEquals(3, SplitStep.blocks(3, 50), "never more blocks than images");
        assertEquals(1, SplitStep.blocks(64, 1), "the paper's batch of 64 steps unsplit");
    }

    @Test
    void aRunDependsOnTheSeedAloneWhateverTheThreads() {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 5, 2, 0, 6, 2.0 / 3, 0.5, 2, 1e-3);
        float[] one = train(spec, 1, 4);
        assertArrayEquals(one, train(spec, 2, 4), 0f, "2 threads step as 1");
        assertArrayEquals(one, train(spec, 3, 4), 0f, "3 threads step as 1");
        assertNotEquals(java.util.Arrays.hashCode(one), java.util.Arrays.hashCode(train(spec, 6, 2, 4)), "another seed");
        // threads changed between steps (a resume on another machine) change nothing either
        ConcreteVae changing = (ConcreteVae) VaeModels.create(spec, 5);
        int rows = 2 * SplitStep.MIN_BLOCK_ROWS;
        float[] batch = batch(rows, 8);
        for (int s = 0; s < 4; s++) {
            changing.setThreads(1 + s % 3);
            changing.trainStep(batch, rows, s);
        }
        assertArrayEquals(one, weights(changing), 0f);
    }

    @Test
    void aBatchSmallerThanABlockStepsUnsplit() {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 4, 2, 0, 6, 2.0 / 3, 0.5, 1, 1e-3);
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 5);
        model.setThreads(4);
        double o = model.trainStep(batch(3, 1), 3, 7);
        ConcreteVae plain = (ConcreteVae) VaeModels.create(spec, 5);
        assertEquals(plain.trainStep(batch(3, 1), 3, 7), o);
        assertThrows(IllegalArgumentException.class, () -> model.setThreads(0));
    }

    /**
     * Concrete and VIMCO run each block's forward, signal and backward in one task: a block whose image gives a
     * non-finite objective must still abandon the whole step (no Adam step, every weight as it was), although the
     * other blocks already ran their backward passes; and the next good step is the same as if it had never happened.
     */
    @ParameterizedTest
    @MethodSource("specs")
    void oneNonFiniteImageAbandonsTheWholeSplitStep(ModelSpec spec) {
        int rows = 2 * SplitStep.MIN_BLOCK_ROWS;
        float[] good = batch(rows, 8);
        float[] bad = good.clone();
        bad[(rows - 1) * Task.IMAGE_PIXELS + 400] = Float.NaN; // the last block's last image
        for (int threads : new int[] {1, 2}) {
            ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 5);
            ConcreteVae clean = (ConcreteVae) VaeModels.create(spec, 5);
            model.setThreads(threads);
            clean.setThreads(threads);
            float[] before = weights(model);
            assertTrue(Double.isNaN(model.trainStep(bad, rows, 1)), spec.describe());
            assertArrayEquals(before, weights(model), 0f, "weights untouched by an abandoned step: " + spec.describe());
            assertEquals(clean.trainStep(good, rows, 1), model.trainStep(good, rows, 1), spec.describe());
            assertArrayEquals(weights(clean), weights(model), 0f, spec.describe());
        }
    }

    /** The fused step's end: a failing block releases the threads waiting for the last block, and its failure surfaces. */
    @org.junit.jupiter.api.Timeout(20)
    @Test
    void aFailingBlockEndsTheForkWithoutItsEnd() {
        ConcreteVae model = (ConcreteVae) VaeModels.create(specs().get(0), 5);
        List<Param> params = model.parameters();
        for (int threads : new int[] {1, 2, 3}) {
            SplitStep split = new SplitStep(threads, params, 0, new org.concretelab.model.optim.Adam(params));
            float[] before = weights(model);
            boolean[] serialRan = new boolean[1];
            SplitStep.StepEnd end = new SplitStep.StepEnd(() -> serialRan[0] = true, 0, 1e-3);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> split.forBlocks(4, b -> {
                if (b == 2) {
                    throw new IllegalStateException("block 2 failed");
                }
            }, () -> true, end));
            assertEquals("block 2 failed", e.getMessage());
            assertTrue(!end.ran() && !serialRan[0], threads + " threads");
            split.forBlocks(4, b -> { }, () -> false, end);
            assertTrue(!end.ran() && !serialRan[0], "not proceeding: no end, " + threads + " threads");
            assertArrayEquals(before, weights(model), 0f, "no Adam step");
            split.close();
        }
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
        return train(spec, 5, threads, steps);
    }

    /** {@code steps} steps on a batch of 2 blocks' images at m = 1 (more blocks at m &gt; 1). */
    private static float[] train(ModelSpec spec, long seed, int threads, int steps) {
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, seed);
        model.setThreads(threads);
        int rows = 2 * SplitStep.MIN_BLOCK_ROWS;
        float[] batch = batch(rows, 8);
        for (int s = 0; s < steps; s++) {
            model.trainStep(batch, rows, s);
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

    private static float[] batch(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] batch = new float[rows * Task.IMAGE_PIXELS];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextDouble() < 0.3 ? 1f : 0f;
        }
        return batch;
    }
}
