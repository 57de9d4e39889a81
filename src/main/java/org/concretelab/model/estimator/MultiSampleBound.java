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
            int r0 = b * m;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                max = Math.max(max, logw[r0 + j]);
            }
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += Math.exp(logw[r0 + j] - max);
            }
            total += max + Math.log(sum) - Math.log(m);
            for (int j = 0; j < m; j++) {
                gLogw[r0 + j] = -Math.exp(logw[r0 + j] - max) / sum / rows;
            }
        }
        return total / rows;
    }
}
