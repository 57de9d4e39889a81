package org.concretelab.model.estimator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Mlp;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;

/**
 * NVIL (Mnih &amp; Gregor 2014, "Neural Variational Inference and Learning in Belief Networks"), the paper's
 * single-sample score-function comparison: on the discrete graph, each sample's score ∂ log q(z|x)/∂φ is weighted
 * by its learning signal l = log p(x, z) − log q(z|x) (= log w), centred by an input-dependent baseline b_ψ(x)
 * (an MLP on the task's input: one tanh layer of {@value #BASELINE_HIDDEN} units, then a scalar) and a running
 * constant c, and divided by max(1, √v), v a running estimate of the centred signal's variance:
 * {@code (l − b(x) − c) / max(1, √v)}. The decoder and priors get the plain gradient of log w at the sample.
 * m = 1 only (VIMCO is the multi-sample counterpart).
 *
 * <p>The baseline is trained by the model's Adam on the mean of (l − b(x) − c)² (its gradient goes into its own
 * parameters' gradient buffers). c and v are exponential moving averages (α = {@value #ALPHA}) of the batch's mean
 * of l − b(x) and mean of (l − b(x) − c)². A step uses the statistics of the steps before it and folds its own
 * batch in afterwards, so the numbers that centre and scale its signal do not depend on its samples: given them,
 * the encoder's gradient is unbiased up to the deliberate factor 1/max(1, √v) (NVIL's step-size adaptation). The
 * first step, with no history, takes c and v from its own batch (otherwise its signal would be the raw ~−500 nats).
 *
 * <p>c, v and whether they have been set live in a parameter {@code estimator.nvil.running} [1, 3] whose gradient
 * is always zero, so Adam never moves it (its moments stay 0 and its update is exactly 0) while checkpoints save
 * and restore it with the rest of the model: a resumed run continues bit-identically. The statistics are kept
 * and computed from float values, which is what the checkpoint holds.
 */
public final class Nvil implements DiscreteElboEstimator {
    public static final String NAME = "nvil";
    /** Width of the baseline network's tanh layer (the NVIL paper's 100). */
    public static final int BASELINE_HIDDEN = 100;
    /** The moving averages' decay (the NVIL paper's α). */
    public static final double ALPHA = 0.8;
    static final String BASELINE = "estimator.nvil.baseline";
    static final String RUNNING = "estimator.nvil.running";
    private static final int C = 0;
    private static final int V = 1;
    private static final int SET = 2;

    private Mlp baseline;
    private Param running;
    private final Map<Integer, StepBuffers> buffers = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, StepBuffers> eldest) {
            return size() > 4;
        }
    };
    /** The step under way: its input (the model's buffer) and the baseline's buffers; null between steps. */
    private Mat input;
    private StepBuffers step;
    private double lastBaselineLoss = Double.NaN;

    @Override
    public String label() {
        return "NVIL (score function, m = 1)";
    }

    /** Its encoder gradient is the ELBO's divided by max(1, √v): unbiased up to that deliberate scale. */
    @Override
    public boolean rescalesGradient() {
        return true;
    }

    @Override
    public double relativeSpeed() {
        return 0.89; // measured, one core (the baseline network's forward and backward)
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Param> createParameters(EstimatorSetting spec, Task task, UniformRandomProvider rng) {
        List<Param> params = new ArrayList<>();
        baseline = new Mlp(BASELINE, task.inputWidth(), new int[] {BASELINE_HIDDEN}, 1, rng, params);
        running = new Param(RUNNING, 1, 3); // zeros: not yet set
        params.add(running);
        return params;
    }

    @Override
    public Map<String, long[]> parameterShapes(EstimatorSetting spec, Task task) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put(BASELINE + ".0.W", new long[] {task.inputWidth(), BASELINE_HIDDEN});
        shapes.put(BASELINE + ".0.b", new long[] {1, BASELINE_HIDDEN});
        shapes.put(BASELINE + ".1.W", new long[] {BASELINE_HIDDEN, 1});
        shapes.put(BASELINE + ".1.b", new long[] {1, 1});
        shapes.put(RUNNING, new long[] {1, 3});
        return shapes;
    }

    @Override
    public boolean readsInput() {
        return true;
    }

    @Override
    public double step(ModelPasses passes, int rows, int m) {
        beforeObjective(passes.input(), rows, m);
        double[] logw = passes.discrete();
        double objective = objectiveAndGradient(logw, rows, m, passes.gLogw(), passes.scoreWeights());
        if (Double.isFinite(objective)) {
            passes.discreteBackward();
        }
        return objective;
    }

    /** Runs the baseline network on the step's inputs ({@code rows × m} rows), before {@link #objectiveAndGradient}. */
    public void beforeObjective(Mat in, int rows, int m) {
        checkSamples(m);
        if (baseline == null) {
            throw new IllegalStateException("NVIL's baseline network does not exist: createParameters was not called");
        }
        input = in;
        step = buffers.computeIfAbsent(rows * m, StepBuffers::new);
        baseline.forward(in, step.out, step.mlp);
    }

    /** The ELBO and NVIL's learning signal per sample (the score weights); trains the baseline and the statistics. */
    public double objectiveAndGradient(double[] logw, int rows, int m, double[] gLogw, double[] scoreWeights) {
        checkSamples(m);
        if (input == null || step.rows != rows) {
            throw new IllegalStateException("NVIL needs the step's inputs: beforeObjective was not called for these " + rows
                    + " rows");
        }
        Mat in = input;
        input = null; // one objective per beforeObjective
        var bb = step.out.buffer();
        var rb = running.value().buffer();
        double c = rb.get(C);
        double v = rb.get(V);
        if (rb.get(SET) == 0) { // the first step: no history, its own batch's statistics
            c = 0;
            for (int r = 0; r < rows; r++) {
                c += logw[r] - bb.get(r);
            }
            c = (float) (c / rows);
            v = 0;
            for (int r = 0; r < rows; r++) {
                double d = logw[r] - bb.get(r) - c;
                v += d * d;
            }
            v = (float) (v / rows);
        }
        double scale = Math.max(1, Math.sqrt(v));
        double objective = 0;
        double signal = 0;
        double squares = 0;
        var gb = step.gOut.buffer();
        for (int r = 0; r < rows; r++) {
            double centred = logw[r] - bb.get(r) - c;
            objective += logw[r];
            signal += logw[r] - bb.get(r);
            squares += centred * centred;
            gLogw[r] = -1.0 / rows; // the loss is −mean log w
            scoreWeights[r] = -centred / scale / rows;
            gb.put(r, (float) (-2 * centred / rows)); // ∂/∂b of mean (l − b − c)²
        }
        objective /= rows;
        if (!Double.isFinite(objective) || !Double.isFinite(squares)) {
            return objective; // the step is abandoned: no update of the baseline or the statistics
        }
        baseline.backward(in, step.gOut, null, step.mlp);
        lastBaselineLoss = squares / rows;
        rb.put(C, (float) (ALPHA * c + (1 - ALPHA) * signal / rows));
        rb.put(V, (float) (ALPHA * v + (1 - ALPHA) * squares / rows));
        rb.put(SET, 1f);
        return objective;
    }

    /** The baseline's loss, mean (l − b(x) − c)², at the last completed step (NaN before one). */
    public double lastBaselineLoss() {
        return lastBaselineLoss;
    }

    private static void checkSamples(int m) {
        if (m != 1) {
            throw new IllegalArgumentException("NVIL is a single-sample estimator (m = 1), was m = " + m + "; use "
                    + Vimco.NAME + " for m > 1");
        }
    }

    /** The baseline network's activations and gradients for one row count. */
    private final class StepBuffers {
        final int rows;
        final Mlp.Buffers mlp;
        final Mat out;
        final Mat gOut;

        StepBuffers(int rows) {
            this.rows = rows;
            mlp = baseline.buffers(rows);
            out = new Mat(rows, 1);
            gOut = new Mat(rows, 1);
        }
    }
}
