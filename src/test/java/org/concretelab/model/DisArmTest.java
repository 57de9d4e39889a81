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
        int rows = SplitStep.MIN_BLOCK_ROWS + 5; // antithetic pairs: two rows an image, 2 blocks
        BlockOracle.assertRowWeightedMeanOfBlocks((ConcreteVae) VaeModels.create(spec, 5),
                (ConcreteVae) VaeModels.create(spec, 5), batch(rows, 3), rows, 99, model -> { });
    }

}
