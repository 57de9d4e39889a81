package org.concretelab.gradients;

import java.util.SplittableRandom;
import org.concretelab.model.GradientProbe;
import org.concretelab.model.estimator.MultiSampleBound;

/**
 * The reference gradient of the <em>discrete</em> m-sample bound L_m = E[log (1/m) Σ_j w_j] (the ELBO at m = 1)
 * at the logits, estimated by the score function (REINFORCE) over very many discrete draws, in independent
 * blocks. Within a block, the draws of an image are split into groups of m; each group gives the unbiased
 * estimate (L̂ − c)·Σ_j s_j − Σ_j w̃_j s_j, with L̂ = log (1/m) Σ_j w_j, w̃ the normalised weights,
 * s_j = ∂ log q(z_j|x)/∂logits and c the mean L̂ of the block's <em>other</em> groups (a leave-one-out baseline:
 * it does not depend on the group, so the estimate stays unbiased). For m &gt; 1 the block's draws are grouped m
 * ways (m partitions) and all their groups averaged. The reference is the mean of the block estimates; blocks are
 * independent, so its standard error is the blocks' sample deviation over √blocks.
 *
 * @param samples       m
 * @param draws         discrete draws per image behind it
 * @param blocks        independent blocks they came in
 * @param mean          the reference gradient, {@code rows × width} values (as {@link GradientProbe#logitGradient})
 * @param blockVariance each coordinate's variance of one block's estimate
 */
public record ReferenceGradient(int samples, long draws, long blocks, double[] mean, double[] blockVariance) {

    public int dimension() {
        return mean.length;
    }

    /** The squared standard error of the reference, averaged over the coordinates. */
    public double meanSquaredStandardError() {
        double s = 0;
        for (double v : blockVariance) {
            s += v;
        }
        return s / blockVariance.length / blocks;
    }

    /** |reference|² per coordinate: the signal the squared errors are to be read against. */
    public double meanSquare() {
        double s = 0;
        for (double v : mean) {
            s += v * v;
        }
        return s / mean.length;
    }

    /** The name of the objective it is the gradient of: "ELBO" (m = 1) or "L_m". */
    public String objective() {
        return objectiveName(samples);
    }

    static String objectiveName(int m) {
        return m == 1 ? "ELBO" : "L_" + m;
    }

    /** Turns blocks of discrete draws into block estimates of the L_m gradient and their moments. */
    static final class Accumulator {
        private final int m;
        private final int width;
        private final CoordinateMoments moments;
        private long draws;

        Accumulator(int m, int rows, int width) {
            this.m = m;
            this.width = width;
            this.moments = new CoordinateMoments(rows * width);
        }

        /** Adds the block {@code d} (its draws per image: a multiple of m, at least 2m); {@code seed} groups it. */
        void add(GradientProbe.DiscreteDraws d, long seed) {
            moments.add(estimate(d, m, new SplittableRandom(seed)));
            draws += d.perImage();
        }

        /** Takes in another accumulator's blocks. */
        void merge(Accumulator other) {
            moments.merge(other.moments);
            draws += other.draws;
        }

        ReferenceGradient result() {
            return new ReferenceGradient(m, draws, moments.count(), moments.mean(), moments.variance());
        }

        private double[] estimate(GradientProbe.DiscreteDraws d, int m, SplittableRandom rng) {
            int per = d.perImage();
            int groups = per / m;
            int partitions = m == 1 ? 1 : m;
            double[] estimate = new double[d.rows() * width];
            int[] order = new int[per];
            double[] group = new double[m];
            double[] bounds = new double[groups];
            double[][] weights = new double[groups][m];
            for (int b = 0; b < d.rows(); b++) {
                int base = b * per;
                int e0 = b * width;
                for (int p = 0; p < partitions; p++) {
                    for (int i = 0; i < per; i++) {
                        order[i] = i;
                    }
                    if (p > 0) { // another grouping of the same draws (Fisher-Yates)
                        for (int i = per - 1; i > 0; i--) {
                            int k = rng.nextInt(i + 1);
                            int t = order[i];
                            order[i] = order[k];
                            order[k] = t;
                        }
                    }
                    double total = 0;
                    for (int g = 0; g < groups; g++) {
                        for (int j = 0; j < m; j++) {
                            group[j] = d.logw()[base + order[g * m + j]];
                        }
                        // L̂ and, in weights, ∂(−L̂)/∂log w_j = −w̃_j: the bound's one definition
                        bounds[g] = MultiSampleBound.objectiveAndGradient(group, 1, m, weights[g]);
                        total += bounds[g];
                    }
                    double scale = 1.0 / ((double) groups * partitions);
                    for (int g = 0; g < groups; g++) {
                        double signal = bounds[g] - (total - bounds[g]) / (groups - 1);
                        for (int j = 0; j < m; j++) {
                            double coefficient = (signal + weights[g][j]) * scale;
                            int s0 = (base + order[g * m + j]) * width;
                            for (int i = 0; i < width; i++) {
                                estimate[e0 + i] += coefficient * d.scores()[s0 + i];
                            }
                        }
                    }
                }
            }
            return estimate;
        }
    }
}
