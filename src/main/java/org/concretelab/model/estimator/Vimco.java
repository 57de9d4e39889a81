package org.concretelab.model.estimator;

/**
 * VIMCO (Mnih &amp; Rezende 2016), the paper's score-function comparison for the multi-sample bound: on the
 * discrete graph, each sample's score ∂ log q(z_j)/∂φ is weighted by its leave-one-out learning signal
 * L̂ − L̂_{−j}, where L̂_{−j} replaces sample j's weight by the geometric mean of the others' (a baseline that
 * does not depend on z_j, so the estimator stays unbiased), plus the pathwise term Σ_j w̃_j ∇ log w_j.
 * Needs m ≥ 2.
 */
public final class Vimco implements GradientEstimator {
    public static final String NAME = "vimco";

    @Override
    public String label() {
        return "VIMCO (score function, m ≥ 2)";
    }

    @Override
    public double relativeSpeed() {
        return 0.99; // measured, one core (leave-one-out baselines)
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String objectiveName() {
        return "discrete bound";
    }

    @Override
    public String objectiveColumn() {
        return "discrete_bound";
    }

    @Override
    public boolean relaxed() {
        return false;
    }

    @Override
    public int minimumSamples() {
        return 2;
    }

    @Override
    public double step(ModelPasses passes, int rows, int m) {
        checkSamples(m);
        return ExampleSignal.mean(passes.discreteStep(Vimco::example));
    }

    /** The m-sample bound and, per sample, its leave-one-out learning signal (the score weights). */
    public double objectiveAndGradient(double[] logw, int rows, int m, double[] gLogw, double[] scoreWeights) {
        checkSamples(m);
        double total = 0;
        for (int b = 0; b < rows; b++) {
            total += example(logw, b * m, m, rows, gLogw, scoreWeights);
        }
        return total / rows;
    }

    private static void checkSamples(int m) {
        if (m < 2) {
            throw new IllegalArgumentException("VIMCO needs m ≥ 2 samples per example, was " + m);
        }
    }

    /** One example's bound, its rows' ∂loss/∂log w and leave-one-out score weights, for a batch of {@code rows}. */
    static double example(double[] logw, int r0, int m, int rows, double[] gLogw, double[] scoreWeights) {
        double objective = MultiSampleBound.example(logw, r0, m, rows, gLogw);
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += logw[r0 + j];
        }
        double whole = boundOf(logw, r0, m, -1, 0);
        for (int j = 0; j < m; j++) {
            double geometric = (sum - logw[r0 + j]) / (m - 1); // log of the others' geometric mean
            double leaveOneOut = boundOf(logw, r0, m, j, geometric);
            scoreWeights[r0 + j] = -(whole - leaveOneOut) / rows; // the loss is −L̂
        }
        return objective;
    }

    /** log (1/m) Σ_i w_i with sample {@code replaced} (if ≥ 0) given log-weight {@code replacement}. */
    private static double boundOf(double[] logw, int r0, int m, int replaced, double replacement) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            max = Math.max(max, i == replaced ? replacement : logw[r0 + i]);
        }
        double s = 0;
        for (int i = 0; i < m; i++) {
            s += Math.exp((i == replaced ? replacement : logw[r0 + i]) - max);
        }
        return max + Math.log(s) - Math.log(m);
    }
}
