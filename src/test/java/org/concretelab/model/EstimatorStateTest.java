package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.estimator.ConcreteRelaxation;
import org.concretelab.model.estimator.EstimatorSetting;
import org.concretelab.model.estimator.ModelPasses;
import org.concretelab.model.estimator.GradientEstimator;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.task.Task;
import org.junit.jupiter.api.Test;

/** An estimator's own parameters (a baseline, say) are trained by the model's optimiser and kept in its state. */
class EstimatorStateTest {

    /** The relaxed estimator plus a parameter that the loss does not touch but the state must carry. */
    static final class WithBaseline implements GradientEstimator {
        private final ConcreteRelaxation inner = new ConcreteRelaxation();

        @Override
        public String name() {
            return "with-baseline";
        }

        @Override
        public String objectiveName() {
            return inner.objectiveName();
        }

        @Override
        public String objectiveColumn() {
            return inner.objectiveColumn();
        }

        @Override
        public boolean relaxed() {
            return true;
        }

        @Override
        public double step(ModelPasses passes, int rows, int m) {
            return inner.step(passes, rows, m);
        }

        @Override
        public List<Param> createParameters(EstimatorSetting spec, Task task, UniformRandomProvider rng) {
            Param p = new Param("estimator.baseline", 1, 3);
            p.value().fill((float) rng.nextDouble());
            return List.of(p);
        }

        @Override
        public Map<String, long[]> parameterShapes(EstimatorSetting spec, Task task) {
            return Map.of("estimator.baseline", new long[] {1, 3});
        }
    }

    @Test
    void anEstimatorsParametersTravelWithTheModelState() {
        ModelSpec spec = new ModelSpec(Architecture.LINEAR_ONE, LatentKind.BINARY, 4, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3);
        ConcreteVae a = new ConcreteVae(spec, new DensityEstimation(), new WithBaseline(), 3);
        ModelState state = a.state();
        assertTrue(state.arrays().containsKey("estimator.baseline"));
        assertTrue(state.arrays().containsKey("estimator.baseline#adam"));
        float[] saved = state.arrays().get("estimator.baseline").values();

        ConcreteVae b = new ConcreteVae(spec, new DensityEstimation(), new WithBaseline(), 4);
        assertNotEquals(saved[0], b.state().arrays().get("estimator.baseline").values()[0]);
        b.load(state);
        assertArrayEquals(saved, b.state().arrays().get("estimator.baseline").values());
        // the model's own parameters are drawn first: an estimator's state never changes their initialisation
        assertArrayEquals(((ConcreteVae) VaeModels.create(spec, 3)).state().arrays().get("decoder.0.W").values(),
                state.arrays().get("decoder.0.W").values());
        assertEquals(List.of(), new ConcreteRelaxation().createParameters(spec, new DensityEstimation(), null));
    }

    /**
     * NVIL's baseline network and running statistics are part of the model state: a model restored from a state
     * continues bit-identically (same objectives, same parameters, statistics included) as the one it came from.
     */
    @Test
    void nvilResumesBitIdentically() {
        ModelSpec spec = new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 5, 2, 2, 8, 2.0 / 3, 0.5, 1, 1e-3, "nvil");
        ConcreteVae a = (ConcreteVae) VaeModels.create(spec, 3);
        int rows = 4;
        float[] batch = new float[rows * Task.IMAGE_PIXELS];
        java.util.SplittableRandom random = new java.util.SplittableRandom(2);
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextDouble() < 0.3 ? 1f : 0f;
        }
        for (int s = 0; s < 5; s++) {
            a.trainStep(batch, rows, 100 + s);
        }
        ModelState saved = a.state();
        float[] running = saved.arrays().get("estimator.nvil.running").values();
        assertEquals(1f, running[2], "the statistics have been set");
        assertTrue(running[0] < -100 && running[1] > 0, java.util.Arrays.toString(running));
        assertArrayEquals(new float[6], saved.arrays().get("estimator.nvil.running#adam").values(), "Adam never moves them");
        assertTrue(saved.arrays().containsKey("estimator.nvil.baseline.0.W"));

        ConcreteVae b = (ConcreteVae) VaeModels.restore(saved);
        for (int s = 5; s < 9; s++) {
            assertEquals(Double.doubleToLongBits(a.trainStep(batch, rows, 100 + s)),
                    Double.doubleToLongBits(b.trainStep(batch, rows, 100 + s)), "objective at step " + s);
        }
        ModelState x = a.state();
        ModelState y = b.state();
        assertEquals(x.arrays().keySet(), y.arrays().keySet());
        x.arrays().forEach((name, array) -> assertArrayEquals(array.values(), y.arrays().get(name).values(), name));
        assertNotEquals(running[0], x.arrays().get("estimator.nvil.running").values()[0], "the statistics moved on");
    }
}
