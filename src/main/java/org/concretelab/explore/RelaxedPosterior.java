package org.concretelab.explore;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.distribution.Concrete;
import org.concretelab.distribution.Noise;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;

/**
 * Samples of one digit's posterior q(z | x), relaxed and hard, from the same fixed Gumbel noise: each discrete unit's
 * relaxed sample is Concrete(α, λ) with α the encoder's class probabilities (BinaryConcrete for a binary unit: the
 * two-class case), its hard sample the argmax the relaxed one tends to as λ → 0. Changing λ re-maps the same noise, so
 * a sample slides smoothly between blur and crisp. Gaussian units take their posterior mean. Plain Java over a model.
 */
public final class RelaxedPosterior {
    /**
     * Decoded samples at one λ: the relaxed and the hard (same noise) images, and the mean |relaxed − hard| per
     * discrete code value and per pixel.
     */
    public record Samples(double lambda, float[][] relaxed, float[][] hard, double meanCodeGap, double meanChange) {
    }

    private final LatentLayout layout;
    private final double[][] logits; // per unit: log α_k
    private final float[] gaussian;
    private final double[][][] gumbel; // [sample][unit][class]

    private RelaxedPosterior(LatentLayout layout, double[][] logits, float[] gaussian, double[][][] gumbel) {
        this.layout = layout;
        this.logits = logits;
        this.gaussian = gaussian;
        this.gumbel = gumbel;
    }

    /** The posterior of {@code image} under {@code model} with {@code n} draws of Gumbel noise from {@code seed}. */
    public static RelaxedPosterior of(VaeModel model, float[] image, int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("samples must be at least 1, was " + n);
        }
        LatentLayout layout = model.latentLayout();
        double[] means = model.posteriorMeans(image, 1);
        int units = layout.discreteUnits();
        int k = layout.classes();
        double[][] logits = new double[units][k];
        for (int u = 0; u < units; u++) {
            for (int c = 0; c < k; c++) {
                // a confident encoder gives probabilities of exactly 0: a very negative logit, not −∞
                logits[u][c] = Math.log(Math.max(means[u * k + c], Double.MIN_NORMAL));
            }
        }
        float[] gaussian = new float[layout.gaussianUnits()];
        for (int g = 0; g < gaussian.length; g++) {
            gaussian[g] = (float) means[units * k + g];
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][][] gumbel = new double[n][units][k];
        for (double[][] sample : gumbel) {
            for (double[] unit : sample) {
                Noise.gumbel(rng, unit);
            }
        }
        return new RelaxedPosterior(layout, logits, gaussian, gumbel);
    }

    public int samples() {
        return gumbel.length;
    }

    /** The discrete units whose posteriors {@link #unit} draws. */
    public int units() {
        return logits.length;
    }

    /** Unit {@code u}'s posterior at {@code lambda}, with the relaxed values of this posterior's samples (same noise). */
    public UnitPosterior unit(int u, double lambda) {
        if (u < 0 || u >= units()) {
            throw new IllegalArgumentException("unit " + (u + 1) + " of a posterior with " + units() + " discrete units");
        }
        double[][] noise = new double[gumbel.length][];
        for (int s = 0; s < gumbel.length; s++) {
            noise[s] = gumbel[s][u];
        }
        return UnitPosterior.of(u, logits[u], noise, lambda);
    }

    /** The unit whose class probabilities have the largest entropy: the one the encoder is least sure of (0 with none). */
    public int mostUncertainUnit() {
        int best = 0;
        double most = -1;
        for (int u = 0; u < logits.length; u++) {
            double h = org.concretelab.distribution.Vertices.entropy(Concrete.ofLogits(logits[u], 1).probabilities());
            if (h > most) {
                most = h;
                best = u;
            }
        }
        return best;
    }

    /** The codes the decoder gets at temperature {@code lambda}: the relaxed sample {@code s} ({@code hard}: its argmax). */
    float[] code(int s, double lambda, boolean hard) {
        int units = layout.discreteUnits();
        int k = layout.classes();
        double[] weights = new double[units * k];
        double[] y = new double[k];
        for (int u = 0; u < units; u++) {
            if (hard) {
                int best = 0;
                for (int c = 1; c < k; c++) {
                    if (logits[u][c] + gumbel[s][u][c] > logits[u][best] + gumbel[s][u][best]) {
                        best = c;
                    }
                }
                weights[u * k + best] = 1;
            } else {
                Concrete.ofLogits(logits[u], lambda).sampleFromGumbel(gumbel[s][u], y);
                System.arraycopy(y, 0, weights, u * k, k);
            }
        }
        return LatentCode.relaxedValues(layout, weights, gaussian);
    }

    /** Every sample at {@code lambda}, relaxed and hard, decoded as one batch. */
    public Samples decode(VaeModel model, double lambda) {
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("λ must be positive and finite, was " + lambda);
        }
        if (!model.latentLayout().equals(layout)) {
            throw new IllegalArgumentException("a posterior of " + layout + " for a model of " + model.latentLayout());
        }
        int n = samples();
        int width = layout.codeLength();
        float[] batch = new float[2 * n * width];
        double distance = 0;
        for (int s = 0; s < n; s++) {
            float[] relaxed = code(s, lambda, false);
            float[] hard = code(s, lambda, true);
            System.arraycopy(relaxed, 0, batch, s * width, width);
            System.arraycopy(hard, 0, batch, (n + s) * width, width);
            for (int i = 0; i < width; i++) {
                distance += Math.abs(relaxed[i] - hard[i]);
            }
        }
        float[] means = model.decodeRows(batch, 2 * n);
        int pixels = means.length / (2 * n);
        float[][] relaxedImages = new float[n][];
        float[][] hardImages = new float[n][];
        double change = 0;
        for (int s = 0; s < n; s++) {
            relaxedImages[s] = java.util.Arrays.copyOfRange(means, s * pixels, (s + 1) * pixels);
            hardImages[s] = java.util.Arrays.copyOfRange(means, (n + s) * pixels, (n + s + 1) * pixels);
            change += FlipRanking.meanChange(hardImages[s], relaxedImages[s]);
        }
        int discreteValues = layout.discreteUnits() * layout.slotsPerUnit();
        return new Samples(lambda, relaxedImages, hardImages, distance / (n * Math.max(1, discreteValues)), change / n);
    }
}
