package org.concretelab.gradients;

import java.util.SplittableRandom;
import org.concretelab.model.GradientProbe;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.estimator.MultiSampleBound;

/**
 * Exact gradients of the discrete L_m at the logits for a model with so few binary latents that every code can
 * be enumerated: the log-weight of each code and the posterior probabilities are read off discrete draws (a code's
 * log-weight does not depend on the draw; z_i − σ(a_i) is the score, so σ(a_i) = z_i − score_i), then
 * ∇ L_m = Σ_{z_1..z_m} Π_j q(z_j) [L̂ Σ_j s(z_j) − Σ_j w̃_j s(z_j)] sums over all m-tuples of codes.
 */
final class ExactGradients {
    final int rows;
    final int units;
    /** logw[b][code]: the log-weight of code (bit i = unit i) for image b. */
    final double[][] logw;
    /** probability[b][i] = σ(a_i) of image b. */
    final double[][] probability;

    ExactGradients(VaeModel model, float[] images, int rows) {
        GradientProbe probe = VaeModels.gradientProbe(model, "concrete", 1);
        this.rows = rows;
        this.units = probe.width();
        int codes = 1 << units;
        logw = new double[rows][codes];
        probability = new double[rows][units];
        boolean[][] seen = new boolean[rows][codes];
        GradientProbe.DiscreteDraws d = probe.discreteDraws(images, rows, 4000, 99);
        for (int b = 0; b < rows; b++) {
            for (int j = 0; j < d.perImage(); j++) {
                int r = b * d.perImage() + j;
                int code = 0;
                for (int i = 0; i < units; i++) {
                    double s = d.scores()[r * units + i];
                    int z = s > 0 ? 1 : 0;
                    code |= z << i;
                    probability[b][i] = z - s;
                }
                logw[b][code] = d.logw()[r];
                seen[b][code] = true;
            }
            for (int c = 0; c < codes; c++) {
                if (!seen[b][c]) {
                    throw new AssertionError("code " + c + " of image " + b + " never drawn: the test model's posterior is too peaked");
                }
            }
        }
    }

    /** ∇ L_m at the logits, rows × units values. */
    double[] gradient(int m) {
        int codes = 1 << units;
        double[] g = new double[rows * units];
        int[] tuple = new int[m];
        double[] group = new double[m];
        double[] weights = new double[m];
        for (int b = 0; b < rows; b++) {
            long tuples = (long) Math.pow(codes, m);
            for (long t = 0; t < tuples; t++) {
                long rest = t;
                double q = 1;
                for (int j = 0; j < m; j++) {
                    tuple[j] = (int) (rest % codes);
                    rest /= codes;
                    q *= mass(b, tuple[j]);
                    group[j] = logw[b][tuple[j]];
                }
                double bound = MultiSampleBound.objectiveAndGradient(group, 1, m, weights); // weights = −w̃
                for (int j = 0; j < m; j++) {
                    for (int i = 0; i < units; i++) {
                        g[b * units + i] += q * (bound + weights[j]) * score(b, tuple[j], i);
                    }
                }
            }
        }
        return g;
    }

    private double mass(int b, int code) {
        double q = 1;
        for (int i = 0; i < units; i++) {
            q *= ((code >> i) & 1) == 1 ? probability[b][i] : 1 - probability[b][i];
        }
        return q;
    }

    private double score(int b, int code, int i) {
        return ((code >> i) & 1) - probability[b][i];
    }

    /** {@code rows} random binary images with about a fifth of the pixels on. */
    static float[] images(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextDouble() < 0.2 ? 1f : 0f;
        }
        return x;
    }
}
