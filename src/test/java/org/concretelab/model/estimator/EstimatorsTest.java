package org.concretelab.model.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.model.Architecture;
import org.concretelab.model.LatentKind;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.DensityEstimation;
import org.junit.jupiter.api.Test;

/** The registry and the multi-sample bound the relaxed estimators share. */
class EstimatorsTest {

    @Test
    void theRegistryNamesEveryEstimatorOnceWithTheDefaultFirst() {
        assertEquals(List.of("concrete", "straight-through", "vimco", "nvil", "disarm", "arm", "rebar", "relax"), Estimators.names());
        for (String name : Estimators.names()) {
            assertEquals(name, Estimators.create(name).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Estimators.create("reinforce"));
        assertTrue(e.getMessage().contains("concrete, straight-through, vimco, nvil"), e.getMessage());
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

    @Test
    void theObjectiveIsNamedForLabelsWithItsSamples() {
        ModelSpec nvil = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 3, 2, 0, 4, 1, 1, 1, 1e-3, Nvil.NAME);
        assertEquals("discrete ELBO", Estimators.objectiveName(nvil));
        ModelSpec vimco = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 3, 2, 0, 4, 1, 1, 5, 1e-3, Vimco.NAME);
        assertEquals("discrete bound (m = 5)", Estimators.objectiveName(vimco));
        assertEquals("discrete_elbo", Estimators.objectiveColumn(nvil));
        assertEquals("discrete_bound", Estimators.objectiveColumn(vimco));
        assertEquals("relaxed_elbo", Estimators.objectiveColumn(nvil.withEstimator(ConcreteRelaxation.NAME, 1)));
        assertEquals("relaxed_elbo", Estimators.objectiveColumn(nvil.withEstimator(StraightThrough.NAME, 1)));
        assertEquals("discrete ELBO", Estimators.objectiveOfColumn("discrete_elbo"));
        assertEquals("discrete bound", Estimators.objectiveOfColumn("discrete_bound"));
        assertEquals("relaxed bound", Estimators.objectiveOfColumn("relaxed_elbo"));
        assertEquals(null, Estimators.objectiveOfColumn("loss"));
        for (String name : Estimators.names()) { // a CSV key: it must survive a header split on commas
            assertTrue(Estimators.create(name).objectiveColumn().matches("[a-z_]+"), name);
        }
        assertEquals(1, Estimators.maximumSamples(Nvil.NAME));
        assertEquals(Integer.MAX_VALUE, Estimators.maximumSamples(Vimco.NAME));
    }

    /**
     * NVIL's learning signal (l − b(x) − c)/max(1, √v): the first step takes c and v from its own batch, later steps
     * use the moving averages (α = 0.8) of the steps before them; the baseline's gradient is that of mean (l − b − c)².
     */
    @Test
    void nvilCentresAndScalesItsSignalWithEarlierStatistics() {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 3, 2, 0, 4, 1, 1, 1, 1e-3, Nvil.NAME);
        Nvil nvil = new Nvil();
        List<Param> params = nvil.createParameters(spec, new DensityEstimation(), RandomSource.XO_RO_SHI_RO_128_PP.create(1));
        assertEquals(new ArrayList<>(nvil.parameterShapes(spec, new DensityEstimation()).keySet()),
                params.stream().map(Param::name).toList());
        for (Param p : params) {
            p.value().fill(0f);
        }
        Param outputBias = params.get(3);
        assertEquals("estimator.nvil.baseline.1.b", outputBias.name());
        outputBias.value().fill(2f); // b(x) = 2 for every input
        Param running = params.get(4);
        int rows = 4;
        Mat input = new Mat(rows, 784);
        double[] logw = {-100, -110, -90, -104};
        double[] g = new double[rows];
        double[] score = new double[rows];

        nvil.beforeObjective(input, rows, 1);
        assertEquals(-101, nvil.objectiveAndGradient(logw, rows, 1, g, score), 1e-12);
        double c = -103; // mean of l − b
        double v = (1 + 81 + 121 + 9) / 4.0; // mean of (l − b − c)²
        for (int r = 0; r < rows; r++) {
            assertEquals(-1.0 / rows, g[r], 1e-15);
            assertEquals(-(logw[r] - 2 - c) / Math.sqrt(v) / rows, score[r], 1e-12);
        }
        assertEquals(v, nvil.lastBaselineLoss(), 1e-9);
        // ∂/∂(output bias) of mean (l − b − c)² = −2 mean(l − b − c) = 0 here
        assertEquals(0, outputBias.grad().get(0, 0), 1e-6);
        assertEquals(c, running.value().get(0, 0), 1e-4, "the first batch's mean, unchanged by its own update");
        assertEquals(v, running.value().get(0, 1), 1e-4);
        assertEquals(1, running.value().get(0, 2));
        assertEquals(0, running.grad().get(0, 0), "Adam never moves the statistics");

        double[] later = {-95, -97, -99, -101};
        nvil.beforeObjective(input, rows, 1);
        nvil.objectiveAndGradient(later, rows, 1, g, score);
        for (int r = 0; r < rows; r++) {
            assertEquals(-(later[r] - 2 - c) / Math.sqrt(v) / rows, score[r], 1e-9, "centred and scaled by the earlier steps");
        }
        double centred = -98 - 2 - c; // mean of l − b − c: (6 + 4 + 2 + 0) / 4
        assertEquals(-2 * centred, outputBias.grad().get(0, 0), 1e-5);
        double squares = (6 * 6 + 4 * 4 + 2 * 2 + 0) / 4.0;
        assertEquals(0.8 * c + 0.2 * (-100), running.value().get(0, 0), 1e-4);
        assertEquals(0.8 * v + 0.2 * squares, running.value().get(0, 1), 1e-4);

        assertThrows(IllegalArgumentException.class, () -> nvil.beforeObjective(input, 2, 2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> nvil.objectiveAndGradient(logw, rows, 1, g, score));
        assertTrue(e.getMessage().contains("beforeObjective"), e.getMessage());
    }
}
