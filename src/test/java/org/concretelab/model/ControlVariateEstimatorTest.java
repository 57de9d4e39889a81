package org.concretelab.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.estimator.EstimatorSetting;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.estimator.GradientEstimator;
import org.concretelab.model.estimator.ModelPasses;
import org.concretelab.model.estimator.ControlVariateEstimator;
import org.concretelab.model.estimator.Rebar;
import org.concretelab.model.estimator.Relax;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * REBAR and RELAX as the model trains with them (its unbiasedness by enumeration: ScoreFunctionUnbiasednessTest for binary units,
 * CategoricalUnbiasednessTest for categorical ones): its gradient is that of its surrogate for fixed noise, its η and λ
 * gradients those of its variance proxy, its state resumes bit-identically, training lowers the variance, and it refuses
 * what it cannot train, by name.
 */
class ControlVariateEstimatorTest {

    static ModelSpec spec(LatentKind kind, int units, int classes, String estimator) {
        return new ModelSpec(Architecture.NONLINEAR_ONE, kind, units, classes, 0, 6, kind == LatentKind.BINARY ? 2.0 / 3 : 1,
                kind == LatentKind.BINARY ? 0.5 : 2.0 / 3, 1, 1e-3, estimator);
    }

    static List<ModelSpec> specs() {
        List<ModelSpec> specs = new ArrayList<>();
        for (String name : List.of(Rebar.NAME, Relax.NAME)) {
            specs.add(spec(LatentKind.BINARY, 5, 2, name));
            specs.add(spec(LatentKind.CATEGORICAL, 3, 4, name));
            specs.add(spec(LatentKind.CORNERS, 2, 4, name));
        }
        return specs;
    }

    /** RELAX's network made to matter (its last layer starts at zero: RELAX would be REBAR). */
    static void waken(ConcreteVae model, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (Param p : model.parameters()) {
            if (p.name().startsWith("estimator.relax.network.1")) {
                var v = p.value().buffer();
                for (int i = 0; i < p.size(); i++) {
                    v.put(i, (float) (2 * (random.nextDouble() - 0.5)));
                }
            }
        }
    }

    static float[] batch(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] b = new float[rows * Task.IMAGE_PIXELS];
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextDouble() < 0.25 ? 1f : 0f;
        }
        return b;
    }

    static Param param(ConcreteVae model, String name) {
        return model.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    /** The estimator under test, keeping each step's discrete samples b (to skip perturbations that move one). */
    static final class Probe implements GradientEstimator {
        final ControlVariateEstimator inner;
        float[] codes;

        Probe(String name) {
            inner = (ControlVariateEstimator) Estimators.create(name);
        }

        @Override
        public String name() {
            return inner.name();
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
            return false;
        }

        @Override
        public List<Param> createParameters(EstimatorSetting spec, Task task, UniformRandomProvider rng) {
            return inner.createParameters(spec, task, rng);
        }

        @Override
        public Map<String, long[]> parameterShapes(EstimatorSetting spec, Task task) {
            return inner.parameterShapes(spec, task);
        }

        @Override
        public double step(ModelPasses passes, int rows, int m) {
            double objective = inner.step(passes, rows, m);
            codes = new float[rows * 64];
            passes.codes(codes); // the last pass is the discrete one: b
            return objective;
        }
    }

    /**
     * For fixed noise (z, fresh v, so b and z̃(logits)), the step's gradient is that of the surrogate −(1/rows) Σ S,
     * S = w·log q(b) + f(b) + c(z) − c(z̃) for the encoder (w = f(b) − c(z̃) held fixed, log q(b) = log p(x, b) − f(b),
     * log p(x, b) fixed), S = f(b) for the decoder and prior (the control variate reaches the encoder only), with c =
     * η f̃_λ + r_ρ as the estimator reports it ({@link ControlVariateEstimator#lastParts()}):
     * central differences of every parameter, perturbations that move a discrete sample skipped.
     */
    @ParameterizedTest
    @MethodSource("specs")
    void itsGradientIsItsSurrogates(ModelSpec spec) {
        Probe probe = new Probe(spec.estimator());
        ConcreteVae model = new ConcreteVae(spec, org.concretelab.model.task.Tasks.create(spec.task()), probe, 13);
        waken(model, 6);
        int rows = 2;
        float[] batch = batch(rows, 8);
        SplittableRandom random = new SplittableRandom(4);
        for (Param p : model.parameters()) { // off the symmetric start, so every term is exercised
            if (!p.name().startsWith("estimator")) {
                var v = p.value().buffer();
                for (int i = 0; i < p.size(); i++) {
                    v.put(i, v.get(i) + (float) (0.3 * (random.nextDouble() - 0.5)));
                }
            }
        }
        long noise = 21;
        model.objectiveAndGradient(batch, rows, noise); // η = 1 and λ = 1/2 set, the gradient
        Map<Param, float[]> analytic = new java.util.HashMap<>();
        for (Param p : model.parameters()) {
            float[] g = new float[p.size()];
            p.grad().store(g, 0);
            analytic.put(p, g);
        }
        double[][] parts = probe.inner.lastParts();
        double[] w = new double[rows];
        for (int r = 0; r < rows; r++) {
            w[r] = parts[0][r] - parts[2][r];
        }
        float[] codes = probe.codes.clone();
        List<Double> errors = new ArrayList<>();
        int skipped = 0;
        for (Param p : model.parameters()) {
            if (p.name().startsWith("estimator")) {
                continue;
            }
            boolean encoder = p.name().startsWith("encoder");
            for (int t = 0; t < 6; t++) {
                int i = random.nextInt(p.size());
                var v = p.value().buffer();
                float original = v.get(i);
                float h = 1e-2f;
                double[] values = new double[2];
                boolean flipped = false;
                for (int side = 0; side < 2; side++) {
                    v.put(i, original + (side == 0 ? h : -h));
                    model.objectiveAndGradient(batch, rows, noise);
                    flipped |= !java.util.Arrays.equals(probe.codes, codes);
                    double[][] at = probe.inner.lastParts();
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += at[0][r];
                        if (encoder) {
                            s += -w[r] * at[0][r] + at[1][r] - at[2][r];
                        }
                    }
                    values[side] = -s / rows;
                }
                v.put(i, original);
                if (flipped) {
                    skipped++;
                    continue;
                }
                double numeric = (values[0] - values[1]) / (2 * h);
                double a = analytic.get(p)[i];
                errors.add(Math.abs(numeric - a) / Math.max(0.1, Math.abs(numeric) + Math.abs(a)));
            }
        }
        assertTrue(errors.size() > 20, "too many flipped samples: " + skipped);
        errors.sort(null);
        assertTrue(errors.get(errors.size() / 2) < 5e-3, spec.describe() + ": median relative error " + errors.get(errors.size() / 2));
        assertTrue(errors.get(errors.size() - 1) < 0.05, spec.describe() + ": worst relative error " + errors.get(errors.size() - 1));
    }

    /**
     * ∂V/∂η (exact: ĝ is linear in η) and ∂V/∂log λ (the step's own central difference, step 0.05, every 10th step)
     * against central differences of the proxy V the step reports, at the same noise.
     */
    @ParameterizedTest
    @MethodSource("specs")
    void etaAndTemperatureGradientsAreThoseOfTheVarianceProxy(ModelSpec spec) {
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 3);
        waken(model, 2);
        ControlVariateEstimator rebar = (ControlVariateEstimator) model.estimator();
        int rows = 8;
        float[] batch = batch(rows, 5);
        model.objectiveAndGradient(batch, rows, 1); // sets η and λ
        Param cv = param(model, "estimator." + spec.estimator() + ".controlVariate");
        Param state = param(model, "estimator." + spec.estimator() + ".state");
        cv.value().set(0, 0, 0.7f);
        cv.value().set(0, 1, (float) Math.log(0.8));
        state.value().set(0, 1, 0); // the clock at a step with λ's difference
        model.objectiveAndGradient(batch, rows, 77);
        double gEta = cv.grad().get(0, 0);
        double gLogLambda = cv.grad().get(0, 1);
        double v0 = rebar.lastVariance();
        double[] at = new double[4];
        double[][] moves = {{0.01, 0}, {-0.01, 0}, {0, 0.02}, {0, -0.02}};
        for (int k = 0; k < 4; k++) {
            cv.value().set(0, 0, (float) (0.7 + moves[k][0]));
            cv.value().set(0, 1, (float) (Math.log(0.8) + moves[k][1]));
            model.objectiveAndGradient(batch, rows, 77);
            at[k] = rebar.lastVariance();
        }
        double numericEta = (at[0] - at[1]) / 0.02;
        double numericLambda = (at[2] - at[3]) / 0.04;
        String report = spec.describe() + ": V " + v0 + ", ∂V/∂η " + gEta + " vs " + numericEta + ", ∂V/∂log λ " + gLogLambda
                + " vs " + numericLambda;
        System.out.println(report);
        assertEquals(numericEta, gEta, 1e-3 * Math.abs(numericEta) + 1e-3 * v0, report);
        assertEquals(numericLambda, gLogLambda, 0.03 * Math.abs(numericLambda) + 1e-4 * v0, report);
        assertTrue(Math.abs(gEta) > 1e-3 * v0 && Math.abs(gLogLambda) > 1e-5 * v0, "both gradients matter: " + report);
    }

    /** RELAX's network: its gradient (the hand-written mixed second derivatives) is that of the variance proxy V. */
    @ParameterizedTest
    @MethodSource("specs")
    void networkGradientsAreThoseOfTheVarianceProxy(ModelSpec spec) {
        if (!spec.estimator().equals(Relax.NAME)) {
            return;
        }
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 3);
        waken(model, 4);
        ControlVariateEstimator relax = (ControlVariateEstimator) model.estimator();
        int rows = 6;
        float[] batch = batch(rows, 5);
        model.objectiveAndGradient(batch, rows, 1); // sets η and λ
        param(model, "estimator.relax.controlVariate").value().set(0, 0, 0.9f);
        long noise = 31;
        model.objectiveAndGradient(batch, rows, noise);
        double v0 = relax.lastVariance();
        SplittableRandom random = new SplittableRandom(3);
        List<Double> errors = new ArrayList<>();
        for (String name : List.of("0.W", "0.b", "1.W", "1.b")) {
            Param p = param(model, "estimator.relax.network." + name);
            float[] analytic = new float[p.size()];
            p.grad().store(analytic, 0);
            for (int t = 0; t < Math.min(8, p.size()); t++) {
                int i = p.size() == 1 ? 0 : random.nextInt(p.size());
                var v = p.value().buffer();
                float original = v.get(i);
                float h = 1e-2f;
                double[] values = new double[2];
                for (int side = 0; side < 2; side++) {
                    v.put(i, original + (side == 0 ? h : -h));
                    model.objectiveAndGradient(batch, rows, noise);
                    values[side] = relax.lastVariance();
                }
                v.put(i, original);
                double numeric = (values[0] - values[1]) / (2 * h);
                double error = Math.abs(numeric - analytic[i]) / Math.max(1e-4 * v0, Math.abs(numeric) + Math.abs(analytic[i]));
                errors.add(error);
                assertTrue(error < 0.02, spec.describe() + " " + p.name() + "[" + i + "]: " + analytic[i] + " vs " + numeric
                        + " (V " + v0 + ")");
            }
        }
        System.out.println(spec.describe() + ": network gradients, worst relative error " + java.util.Collections.max(errors));
    }

    /** η and λ are model state: a restored model continues bit-identically, with the estimator's state moving on. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {Rebar.NAME, Relax.NAME})
    void itsStateResumesBitIdentically(String name) {
        ModelSpec spec = spec(LatentKind.BINARY, 5, 2, name);
        ConcreteVae a = (ConcreteVae) VaeModels.create(spec, 3);
        int rows = 4;
        float[] batch = batch(rows, 2);
        for (int s = 0; s < 5; s++) {
            a.trainStep(batch, rows, 100 + s);
        }
        ModelState saved = a.state();
        float[] cv = saved.arrays().get("estimator." + name + ".controlVariate").values();
        assertTrue(cv[0] != 1f && cv[1] != (float) Math.log(0.5), "Adam moved η and log λ: " + java.util.Arrays.toString(cv));
        assertArrayEquals(new float[] {1f, 5f}, saved.arrays().get("estimator." + name + ".state").values(), "set, clock");
        ConcreteVae b = (ConcreteVae) VaeModels.restore(saved);
        for (int s = 5; s < 17; s++) {
            assertEquals(Double.doubleToLongBits(a.trainStep(batch, rows, 100 + s)),
                    Double.doubleToLongBits(b.trainStep(batch, rows, 100 + s)), "objective at step " + s);
        }
        ModelState x = a.state();
        ModelState y = b.state();
        assertEquals(x.arrays().keySet(), y.arrays().keySet());
        x.arrays().forEach((key, array) -> assertArrayEquals(array.values(), y.arrays().get(key).values(), key));
    }

    /**
     * Training moves η and λ to lower the variance: 200 steps on a fixed model (its own parameters put back after each
     * step, so only the estimator's move) from a poor start, η = 1/2 (η = 1 is nearly optimal here: f(b) and the relaxed
     * f̃(z̃) are both ≈ −540 nats, so η − 1 multiplies hundreds of nats), then the proxy V over 40 other noise draws is
     * lower with the trained η, λ than with their start, and η has moved towards 1.
     */
    @ParameterizedTest
    @MethodSource("specs")
    void trainingLowersTheVariance(ModelSpec spec) {
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec.withLearningRate(1e-2), 7);
        ControlVariateEstimator rebar = (ControlVariateEstimator) model.estimator();
        int rows = 20;
        float[] batch = batch(rows, 9);
        Param cv = param(model, "estimator." + spec.estimator() + ".controlVariate");
        model.objectiveAndGradient(batch, rows, 1); // the first step sets η and λ: then the poor start
        float[] start = {0.5f, (float) Math.log(0.5)};
        cv.value().load(start, 0);
        ModelState fixed = model.state();
        for (int s = 0; s < 200; s++) {
            model.trainStep(batch, rows, 1000 + s);
            for (Param p : model.parameters()) {
                if (!p.name().startsWith("estimator")) {
                    p.value().load(fixed.arrays().get(p.name()).values(), 0);
                }
            }
        }
        float[] trained = new float[2];
        cv.value().store(trained, 0);
        double withTrained = meanVariance(model, rebar, batch, rows);
        cv.value().load(start, 0);
        double withStart = meanVariance(model, rebar, batch, rows);
        String report = spec.describe() + ": η, log λ " + java.util.Arrays.toString(trained) + "; V " + withTrained
                + " trained vs " + withStart + " at the start";
        System.out.println(report);
        assertTrue(trained[0] > 0.8, "η moved towards 1: " + report);
        assertTrue(withTrained < 0.5 * withStart, report);
    }

    private static double meanVariance(ConcreteVae model, ControlVariateEstimator rebar, float[] batch, int rows) {
        double sum = 0;
        for (int k = 0; k < 40; k++) {
            model.objectiveAndGradient(batch, rows, 50_000 + k);
            sum += rebar.lastVariance();
        }
        return sum / 40;
    }

    /** Split over two threads, a step's gradients are the row-weighted mean of its blocks', the estimator's own included. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {Rebar.NAME, Relax.NAME})
    void aSplitStepIsTheRowWeightedMeanOfItsBlocks(String name) {
        ModelSpec spec = spec(LatentKind.CATEGORICAL, 3, 4, name);
        int rows = 2 * SplitStep.MIN_BLOCK_ROWS + 5;
        ConcreteVae split = (ConcreteVae) VaeModels.create(spec, 5);
        waken(split, 1);
        ConcreteVae single = (ConcreteVae) VaeModels.create(spec, 5);
        waken(single, 1);
        // the clock back before each block: λ's difference on every block's step, as on the split step
        BlockOracle.assertRowWeightedMeanOfBlocks(split, single, batch(rows, 3), rows, 99,
                model -> param(model, "estimator." + name + ".state").value().set(0, 1, 0));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {Rebar.NAME, Relax.NAME})
    void itIsRegisteredForOneLayerOfDiscreteUnitsAndRefusesTheRestByName(String name) {
        assertTrue(Estimators.names().contains(name));
        assertTrue(Estimators.namesFor(spec(LatentKind.CATEGORICAL, 3, 4, "concrete")).contains(name));
        assertEquals(1, Estimators.maximumSamples(name));
        List<Runnable> refused = List.of(
                () -> new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 6, 2, 3, 8, 2.0 / 3, 0.5, 1, 1e-3,
                        name),
                () -> new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 6, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3,
                        name),
                () -> new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 8, 2.0 / 3, 0.5, 1, 1e-3,
                        name, "completion"),
                () -> new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 6, 2, 0, 8, 2.0 / 3, 0.5, 2, 1e-3,
                        name));
        for (Runnable r : refused) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, r::run);
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }
}
