package org.concretelab.model.estimator;

/**
 * The m-sample bound L_m = log (1/m) Σ_j w_j (Burda et al.; the paper's objective, the ELBO at m = 1) and
 * its gradient at the log-weights: ∂L_m/∂log w_j = softmax_j(log w), the samples' normalised importance weights.
 */
public final class MultiSampleBound {

    private MultiSampleBound() {
    }

    /** Mean L_m over the rows; {@code gLogw} receives ∂(−mean L_m)/∂log w = −softmax/rows. */
    public static double objectiveAndGradient(double[] logw, int rows, int m, double[] gLogw) {
        double total = 0;
        for (int b = 0; b < rows; b++) {
            total += example(logw, b * m, m, rows, gLogw);
        }
        return total / rows;
    }

    /** L_m of the example at rows {@code r0 .. r0 + m); writes its rows of ∂(−mean L_m)/∂log w for a batch of {@code rows}. */
    public static double example(double[] logw, int r0, int m, int rows, double[] gLogw) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < m; j++) {
            max = Math.max(max, logw[r0 + j]);
        }
        double sum = 0;
        for (int j = 0; j < m; j++) {
            sum += Math.exp(logw[r0 + j] - max);
        }
        for (int j = 0; j < m; j++) {
            gLogw[r0 + j] = -Math.exp(logw[r0 + j] - max) / sum / rows;
        }
        return max + Math.log(sum) - Math.log(m);
    }

    /** {@link #example} as an {@link ExampleSignal} (score weights untouched: the relaxed graph has none). */
    public static double signal(double[] logw, int r0, int m, int rows, double[] gLogw, double[] scoreWeights) {
        return example(logw, r0, m, rows, gLogw);
    }
}
