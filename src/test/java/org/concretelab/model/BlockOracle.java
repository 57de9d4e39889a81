package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;

/**
 * The oracle of a step cut into blocks ({@link SplitStep}): an unsplit model's steps on each block of images with
 * that block's noise, weighted by the block's share of the images. Shared by the estimators' split tests.
 */
final class BlockOracle {
    private BlockOracle() {
    }

    /**
     * Asserts that {@code split}'s step on {@code batch} (2 threads) has the row-weighted mean objective and gradients
     * of {@code single}'s unsplit steps on the blocks; {@code beforeBlock} runs on {@code single} before each block's
     * step (e.g. to reset an estimator's clock). Returns the number of blocks.
     */
    static int assertRowWeightedMeanOfBlocks(ConcreteVae split, ConcreteVae single, float[] batch, int rows, long noise,
                                             Consumer<ConcreteVae> beforeBlock) {
        ModelSpec spec = split.spec();
        int times = spec.samples() * Estimators.create(spec.estimator()).passRows();
        int blocks = SplitStep.blocks(rows, times);
        assertTrue(blocks >= 2, "the step is cut into blocks: " + rows + " images of " + times + " rows");
        split.setThreads(2);
        double objective = split.objectiveAndGradient(batch, rows, noise);
        float[][] splitGrads = summedGradients(split);

        double expectedObjective = 0;
        float[][] expected = new float[splitGrads.length][];
        for (int p = 0; p < expected.length; p++) {
            expected[p] = new float[splitGrads[p].length];
        }
        for (int b = 0; b < blocks; b++) {
            int from = SplitStep.firstImage(rows, blocks, b);
            int to = SplitStep.firstImage(rows, blocks, b + 1);
            int n = to - from;
            assertEquals(1, SplitStep.blocks(n, times), "a block steps unsplit");
            beforeBlock.accept(single);
            float[] block = Arrays.copyOfRange(batch, from * Task.IMAGE_PIXELS, to * Task.IMAGE_PIXELS);
            expectedObjective += n * single.objectiveAndGradient(block, n, ConcreteVae.partSeed(noise, b)) / rows;
            float[][] g = summedGradients(single);
            for (int p = 0; p < expected.length; p++) {
                for (int i = 0; i < expected[p].length; i++) {
                    expected[p][i] += (float) n * g[p][i] / rows;
                }
            }
        }
        assertEquals(expectedObjective, objective, 1e-9 * Math.abs(objective));
        List<Param> params = split.parameters();
        for (int p = 0; p < params.size(); p++) {
            double scale = 1e-3;
            for (float v : expected[p]) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertArrayEquals(expected[p], splitGrads[p], (float) (2e-5 * scale), params.get(p).name());
        }
        return blocks;
    }

    /** Each parameter's gradient summed over its gradient slots (what Adam applies; slots a step did not write are 0). */
    static float[][] summedGradients(ConcreteVae model) {
        List<Param> params = model.parameters();
        float[][] out = new float[params.size()][];
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            out[p] = new float[param.size()];
            float[] slot = new float[param.size()];
            for (int s = 0; s < param.slots(); s++) {
                param.grad(s).store(slot, 0);
                for (int i = 0; i < slot.length; i++) {
                    out[p][i] += slot[i];
                }
            }
        }
        return out;
    }
}
