package org.concretelab.model;

import org.concretelab.model.task.Task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.concretelab.model.nn.Param;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference check of the hand-derived backward pass, for every architecture and latent kind,
 * on tiny models with the noise held fixed (same seed), so the relaxed objective is smooth in the
 * parameters.
 */
class ConcreteVaeGradientTest {

    static List<ModelSpec> specs() {
        List<ModelSpec> specs = new ArrayList<>();
        for (Architecture a : Architecture.values()) {
            specs.add(new ModelSpec(a, LatentKind.BINARY, 5, 2, 0, 6, 2.0 / 3, 0.5, 1, 1e-3));
            specs.add(new ModelSpec(a, LatentKind.CATEGORICAL, 3, 4, 0, 6, 1.0, 2.0 / 3, 1, 1e-3));
            specs.add(new ModelSpec(a, LatentKind.CORNERS, 3, 4, 0, 6, 1.0, 2.0 / 3, 1, 1e-3));
        }
        specs.add(new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CORNERS, 3, 8, 2, 6, 2.0 / 3, 0.4, 3, 1e-3));
        specs.add(new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 4, 2, 3, 6, 2.0 / 3, 0.5, 3, 1e-3));
        specs.add(new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CATEGORICAL, 3, 4, 2, 6, 1.0, 2.0 / 3, 1, 1e-3));
        specs.add(new ModelSpec(Architecture.LINEAR_ONE, LatentKind.CATEGORICAL, 3, 10, 0, 6, 0.5, 0.5, 5, 1e-3));
        // completion: the conditional model's log (1/m) Σ_j p(x_bottom | z_j), z_j relaxed from p(z | x_top)
        for (Architecture a : Architecture.values()) {
            specs.add(completion(a, LatentKind.BINARY, 5, 2, 1, "concrete"));
        }
        specs.add(completion(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 5, 2, 3, "concrete"));
        specs.add(completion(Architecture.LINEAR_TWO, LatentKind.CATEGORICAL, 3, 4, 2, "concrete"));
        specs.add(completion(Architecture.NONLINEAR_ONE, LatentKind.CORNERS, 3, 4, 1, "concrete"));
        return specs;
    }

    /** A tiny model of the completion task (the paper's temperature for binary units, λ1 = 2/3; λ2 is unused). */
    static ModelSpec completion(Architecture a, LatentKind kind, int units, int classes, int m, String estimator) {
        return new ModelSpec(a, kind, units, classes, 0, 6, kind == LatentKind.BINARY ? 2.0 / 3 : 1.0, 0.5, m, 1e-3,
                estimator, org.concretelab.model.task.Completion.NAME);
    }

    @ParameterizedTest
    @MethodSource("specs")
    void backwardPassMatchesFiniteDifferences(ModelSpec spec) {
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 11);
        int rows = 3;
        SplittableRandom random = new SplittableRandom(5);
        float[] batch = randomBatch(rows, random);
        long noise = 42;
        perturb(model, random);
        java.util.Map<Param, float[]> analyticByParam = analyticGradients(model, batch, rows, noise);
        List<Double> errors = new ArrayList<>();
        double worst = 0;
        String worstAt = "";
        for (Param p : model.parameters()) {
            float[] analytic = analyticByParam.get(p);
            // A handful of entries per tensor, chosen at random: full coverage would be slow and adds little.
            for (int t = 0; t < 6; t++) {
                int i = random.nextInt(p.size());
                var v = p.value().buffer();
                float original = v.get(i);
                // Float32 model: h = 1e-2 balances truncation error O(h²) against rounding (~1e-6 / h).
                float h = 1e-2f;
                v.put(i, original + h);
                double up = -model.objectiveAndGradient(batch, rows, noise);
                v.put(i, original - h);
                double down = -model.objectiveAndGradient(batch, rows, noise);
                v.put(i, original);
                double numeric = (up - down) / (2 * h);
                double error = Math.abs(numeric - analytic[i]) / Math.max(0.1, Math.abs(numeric) + Math.abs(analytic[i]));
                if (error > worst) {
                    worst = error;
                    worstAt = p.name() + "[" + i + "] numeric " + numeric + " analytic " + analytic[i];
                }
                errors.add(error);
            }
        }
        assertTrue(errors.size() > 20);
        errors.sort(null);
        double median = errors.get(errors.size() / 2);
        // Float32 forward passes of ~570 nats carry ~5e-5 rounding, i.e. ~3e-3 absolute noise in a central
        // difference with h = 1e-2: right gradients agree to a median ~1e-4 and rarely beyond a few %
        // (relative to max(0.1, |g|)). A wrong term (sign, missing factor, dropped path) shows as 30-200 %.
        assertTrue(median < 5e-3, spec.describe() + ": median relative error " + median);
        assertTrue(worst < 0.05, spec.describe() + ": worst relative error " + worst + " at " + worstAt);
    }

    static List<ModelSpec> scoreFunctionSpecs() {
        List<ModelSpec> specs = new ArrayList<>();
        specs.add(new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 5, 2, 0, 6, 2.0 / 3, 0.5, 3, 1e-3, "vimco"));
        specs.add(new ModelSpec(Architecture.LINEAR_TWO, LatentKind.BINARY, 4, 2, 0, 6, 2.0 / 3, 0.5, 2, 1e-3, "vimco"));
        specs.add(new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CATEGORICAL, 3, 4, 0, 6, 1.0, 2.0 / 3, 4, 1e-3, "vimco"));
        specs.add(new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CORNERS, 3, 4, 0, 6, 1.0, 2.0 / 3, 4, 1e-3, "vimco"));
        specs.add(new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 5, 2, 0, 6, 2.0 / 3, 0.5, 1, 1e-3, "nvil"));
        specs.add(new ModelSpec(Architecture.LINEAR_TWO, LatentKind.BINARY, 4, 2, 0, 6, 2.0 / 3, 0.5, 1, 1e-3, "nvil"));
        specs.add(new ModelSpec(Architecture.NONLINEAR_TWO, LatentKind.CATEGORICAL, 3, 4, 0, 6, 1.0, 2.0 / 3, 1, 1e-3, "nvil"));
        specs.add(completion(Architecture.NONLINEAR_TWO, LatentKind.BINARY, 5, 2, 3, "vimco"));
        specs.add(completion(Architecture.LINEAR_TWO, LatentKind.BINARY, 4, 2, 2, "vimco"));
        specs.add(completion(Architecture.NONLINEAR_ONE, LatentKind.BINARY, 5, 2, 1, "nvil"));
        return specs;
    }

    /**
     * A score-function estimator's gradient for one fixed sample is the gradient of its surrogate
     * −L̂(log w(θ)) + Σ_j c_j log q(z_j; θ), the learning signals c_j held fixed: checked by central differences,
     * skipping the rare perturbations that flip a discrete sample. For encoder parameters log q = log p − log w
     * with log p fixed; the decoder's and priors' parameters do not enter log q. For the completion task the priors
     * are what the samples are drawn from (log q = log p(z | x_top), log w = log p(x_bottom | z)): their parameters get
     * Σ_j c_j log p(z_j | ·) and the decoder's nothing but −L̂. NVIL's baseline network gets the
     * gradient of its own loss, mean (l − b(x) − c)² at the step's c (finite differences of that loss at the same
     * samples); its running statistics are no trainable parameter (gradient exactly zero).
     */
    @ParameterizedTest
    @MethodSource("scoreFunctionSpecs")
    void scoreFunctionGradientMatchesItsSurrogate(ModelSpec spec) {
        ConcreteVae model = (ConcreteVae) VaeModels.create(spec, 13);
        int rows = 2;
        SplittableRandom random = new SplittableRandom(8);
        float[] batch = randomBatch(rows, random);
        perturb(model, random);
        long noise = 21;
        Param running = parameter(model, "estimator.nvil.running");
        float[] statistics = null;
        if (running != null) {
            model.objectiveAndGradient(batch, rows, noise + 1); // sets NVIL's running statistics (a first step takes its own)
            statistics = new float[running.size()];
            running.value().store(statistics, 0);
        }
        java.util.Map<Param, float[]> analyticByParam = analyticGradients(model, batch, rows, noise);
        double[][] base = model.discreteSamples(batch, rows, noise);
        double[] c = base[2];
        int m = spec.samples();
        List<Double> errors = new ArrayList<>();
        int skipped = 0;
        int baselineChecks = 0;
        for (Param p : model.parameters()) {
            boolean conditional = !Double.isNaN(base[3][0]);
            boolean encoder = p.name().startsWith("encoder");
            boolean sampledFrom = conditional && p.name().startsWith("prior");
            boolean baseline = p.name().startsWith("estimator.nvil.baseline");
            float[] analytic = analyticByParam.get(p);
            if (p == running) {
                for (float g : analytic) {
                    assertEquals(0f, g, "the running statistics get no gradient");
                }
                continue;
            }
            for (int t = 0; t < 6; t++) {
                int i = random.nextInt(p.size());
                var v = p.value().buffer();
                float original = v.get(i);
                float h = 1e-2f;
                double[] values = new double[2];
                boolean flipped = false;
                for (int side = 0; side < 2; side++) {
                    v.put(i, original + (side == 0 ? h : -h));
                    if (baseline) { // the baseline's loss at the same samples and the same c
                        running.value().load(statistics, 0);
                        model.objectiveAndGradient(batch, rows, noise);
                        values[side] = ((org.concretelab.model.estimator.Nvil) model.estimator()).lastBaselineLoss();
                        baselineChecks++;
                        continue;
                    }
                    double[][] at = model.discreteSamples(batch, rows, noise);
                    flipped |= !java.util.Arrays.equals(at[1], base[1]);
                    double[] g = new double[rows * m];
                    double surrogate = -org.concretelab.model.estimator.MultiSampleBound.objectiveAndGradient(at[0], rows, m, g);
                    if (encoder) {
                        for (int j = 0; j < rows * m; j++) {
                            surrogate -= c[j] * at[0][j]; // c_j log q_j = c_j (log p_j − log w_j), log p_j fixed
                        }
                    }
                    if (sampledFrom) {
                        for (int j = 0; j < rows * m; j++) {
                            surrogate += c[j] * at[3][j]; // c_j log p(z_j | ·): the draws' own distribution
                        }
                    }
                    values[side] = surrogate;
                }
                v.put(i, original);
                if (flipped) {
                    skipped++;
                    continue;
                }
                double numeric = (values[0] - values[1]) / (2 * h);
                double error = Math.abs(numeric - analytic[i]) / Math.max(0.1, Math.abs(numeric) + Math.abs(analytic[i]));
                errors.add(error);
            }
        }
        assertTrue(errors.size() > 20, "too many flipped samples: " + skipped);
        assertEquals(running != null, baselineChecks > 0, "NVIL's baseline is checked, and only NVIL has one");
        errors.sort(null);
        assertTrue(errors.get(errors.size() / 2) < 5e-3, spec.describe() + ": median relative error " + errors.get(errors.size() / 2));
        assertTrue(errors.get(errors.size() - 1) < 0.05, spec.describe() + ": worst relative error " + errors.get(errors.size() - 1));
    }

    private static float[] randomBatch(int rows, SplittableRandom random) {
        float[] batch = new float[rows * Task.IMAGE_PIXELS];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = random.nextDouble() < 0.3 ? 1f : 0f;
        }
        return batch;
    }

    private static Param parameter(ConcreteVae model, String name) {
        return model.parameters().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** Moves the learned prior and biases off their symmetric start so every term is exercised (not NVIL's statistics). */
    private static void perturb(ConcreteVae model, SplittableRandom random) {
        for (Param p : model.parameters()) {
            if (p.name().equals("estimator.nvil.running")) {
                continue;
            }
            var v = p.value().buffer();
            for (int i = 0; i < p.size(); i++) {
                v.put(i, v.get(i) + (float) (0.3 * (random.nextDouble() - 0.5)));
            }
        }
    }

    /** One step's analytic gradients, copied: each finite difference afterwards recomputes them. */
    private static java.util.Map<Param, float[]> analyticGradients(ConcreteVae model, float[] batch, int rows, long noise) {
        model.objectiveAndGradient(batch, rows, noise);
        java.util.Map<Param, float[]> byParam = new java.util.HashMap<>();
        for (Param p : model.parameters()) {
            float[] g = new float[p.size()];
            p.grad().store(g, 0);
            byParam.put(p, g);
        }
        return byParam;
    }
}
