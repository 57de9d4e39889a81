package org.concretelab.model.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry and the multi-sample bound the relaxed estimators share. */
class EstimatorsTest {

    @Test
    void theRegistryNamesEveryEstimatorOnceWithTheDefaultFirst() {
        assertEquals(List.of("concrete", "straight-through", "vimco"), Estimators.names());
        for (String name : Estimators.names()) {
            assertEquals(name, Estimators.create(name).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Estimators.create("reinforce"));
        assertTrue(e.getMessage().contains("concrete, straight-through, vimco"), e.getMessage());
    }

    @Test
    void theBoundIsLogMeanExpAndItsGradientTheNormalisedWeights() {
        double[] logw = {-100, -101, -103, -50, -50, -50};
        double[] g = new double[6];
        double bound = MultiSampleBound.objectiveAndGradient(logw, 2, 3, g);
        double first = Math.log((Math.exp(-100) + Math.exp(-101) + Math.exp(-103)) / 3);
        assertEquals((first + -50) / 2, bound, 1e-9);
        double sum = Math.exp(0) + Math.exp(-1) + Math.exp(-3);
        assertEquals(-1 / sum / 2, g[0], 1e-12);
        assertEquals(-Math.exp(-3) / sum / 2, g[2], 1e-12);
        assertEquals(-1.0 / 3 / 2, g[4], 1e-12);
    }

    /** VIMCO's learning signal for sample j: L̂ − L̂ with w_j replaced by the others' geometric mean. */
    @Test
    void vimcoWeighsEachScoreByItsLeaveOneOutSignal() {
        double[] logw = {-10, -12, -11};
        double[] g = new double[3];
        double[] score = new double[3];
        double bound = new Vimco().objectiveAndGradient(logw, 1, 3, g, score);
        double whole = Math.log((Math.exp(-10) + Math.exp(-12) + Math.exp(-11)) / 3);
        assertEquals(whole, bound, 1e-12);
        double without0 = Math.log((Math.exp(-11.5) + Math.exp(-12) + Math.exp(-11)) / 3); // geometric mean of -12, -11
        assertEquals(-(whole - without0), score[0], 1e-12);
        double without1 = Math.log((Math.exp(-10) + Math.exp(-10.5) + Math.exp(-11)) / 3);
        assertEquals(-(whole - without1), score[1], 1e-12);
        assertTrue(score[0] < 0 && score[1] > 0, "the best sample is reinforced, the worst discouraged");
        assertThrows(IllegalArgumentException.class, () -> new Vimco().objectiveAndGradient(logw, 3, 1, g, score));
    }
}
