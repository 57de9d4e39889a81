package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.concretelab.model.estimator.DisArm;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;
import org.junit.jupiter.api.Test;

/**
 * DisARM as the model trains with it (its unbiasedness by enumeration is in ScoreFunctionUnbiasednessTest): refused,
 * naming the estimator, where its antithetic pairs do not apply; trains; split over threads like every estimator.
 */
class DisArmTest {

    private static ModelSpec spec(Architecture a, LatentKind kind, int classes, int gaussian, String task) {
        return new ModelSpec(a, kind, 6, classes, gaussian, 8, 2.0 / 3, 0.5, 1, 1e-3, DisArm.NAME, task);
    }

    private static float[] batch(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] b = new float[rows * Task.IMAGE_PIXELS];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() < 0.2 ? 1f : 0f;
        }
        return b;
    }

    @Test
    void itIsRegisteredAndTrainsOneLayerOfBinaryUnits() {
        assertTrue(Estimators.names().contains("disarm"));
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 2, 0,
                "density"), 1);
        float[] batch = batch(20, 2);
        double before = model.discreteElbo(batch, 20, 7);
        for (int s = 0; s < 30; s++) {
            assertTrue(Double.isFinite(model.trainStep(batch, 20, 100 + s)));
        }
        assertTrue(model.discreteElbo(batch, 20, 7) > before + 1, "30 steps raise the ELBO of the batch it trains on");
    }

    @Test
    void itIsRefusedWhereAntitheticPairsDoNotApply() {
        List<Runnable> refused = List.of(
                () -> spec(Architecture.NONLINEAR_ONE, LatentKind.CATEGORICAL, 4, 0, "density"),
                () -> spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 2, 3, "density"),
                () -> spec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 2, 0, "density"),
                () -> spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 2, 0, "completion"),
                () -> new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 8, 2.0 / 3, 0.5, 2, 1e-3,
                        DisArm.NAME));
        for (Runnable r : refused) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, r::run);
            assertTrue(e.getMessage().contains("disarm"), e.getMessage());
        }
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> spec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 2, 0, "density"));
        assertEquals("estimator", e.field());
    }

    @Test
    void aSplitStepIsTheRowWeightedMeanOfItsBlocks() {
        ModelSpec spec = spec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 2, 0, "density");
        int rows = 7;
        float[] batch = batch(rows, 3);
        long noise = 99;
        ConcreteVae split = (ConcreteVae) VaeModels.create(spec, 5);
        split.setThreads(2);
        double objective = split.objectiveAndGradient(batch, rows, noise);
        float[][] splitGrads = gradients(split, 2);
        ConcreteVae single = (ConcreteVae) VaeModels.create(spec, 5);
        double o1 = single.objectiveAndGradient(Arrays.copyOfRange(batch, 0, 3 * Task.IMAGE_PIXELS), 3,
                ConcreteVae.partSeed(noise, 0));
        float[][] g1 = gradients(single, 1);
        double o2 = single.objectiveAndGradient(Arrays.copyOfRange(batch, 3 * Task.IMAGE_PIXELS, rows * Task.IMAGE_PIXELS),
                4, ConcreteVae.partSeed(noise, 1));
        float[][] g2 = gradients(single, 1);
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

    private static float[][] gradients(ConcreteVae model, int slots) {
        List<Param> params = model.parameters();
        float[][] out = new float[params.size()][];
        for (int p = 0; p < params.size(); p++) {
            Param param = params.get(p);
            out[p] = new float[param.size()];
            for (int s = 0; s < Math.min(slots, param.slots()); s++) {
                float[] g = new float[param.size()];
                param.grad(s).store(g, 0);
                for (int i = 0; i < g.length; i++) {
                    out[p][i] += g[i];
                }
            }
        }
        return out;
    }
}
