package org.concretelab.model.estimator;

import org.concretelab.model.task.DensityEstimation;

/**
 * DisARM (Dong, Mnih &amp; Tucker 2020, "DisARM: An Antithetic Gradient Estimator for Binary Latent Variables"): for
 * binary latents b ~ Bernoulli(σ(α)), two discrete passes from antithetic noise (u and 1 − u: the model's logistic
 * noise L and −L) give b and b̃, each distributed as q, and the gradient of E_q[f(b)] at the logits
 * <pre>  ĝ_i = ½ (f(b) − f(b̃)) · (−1)^b̃_i · 1[b_i ≠ b̃_i] · σ(|α_i|)</pre>
 * — ARM's estimator integrated over the noise that leaves the pair unchanged, so never noisier than ARM and unbiased.
 * Here f = log w = log p(x, b) − log q(b|x): the decoder and prior get ½ (∇f(b) + ∇f(b̃)), and the logits, besides ĝ,
 * the mean of f's own (zero-mean) term −∇ log q over the pair. The objective is the ELBO (m = 1), averaged over the
 * pair. One stochastic layer of binary units without Gaussian ones, density estimation.
 */
public class DisArm implements DiscreteElboEstimator {
    public static final String NAME = "disarm";

    private float[] logits = new float[0];
    private float[] codes = new float[0];
    private float[] noise = new float[0];
    private float[] extra = new float[0];

    @Override
    public String label() {
        return "DisARM (antithetic pairs, binary, m = 1)";
    }

    @Override
    public double relativeSpeed() {
        return 0.65; // measured, one core (two discrete passes per image, 8.5 ms a step against 5.5)
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int passRows() {
        return 2; // b and its antithetic b̃
    }

    @Override
    public String refusal(EstimatorSetting s) {
        if (!s.binaryLatents() || s.gaussianUnits() > 0) {
            return "the " + name() + " estimator needs binary latents only (no categorical, corner or Gaussian units)";
        }
        if (s.stochasticLayerCount() != 1) {
            return "the " + name() + " estimator needs one stochastic layer (e.g. 200H~784V), had " + s.stochasticLayerCount();
        }
        if (!DensityEstimation.NAME.equals(s.task())) {
            return "the " + name() + " estimator needs the " + DensityEstimation.NAME + " task (a posterior to differentiate)";
        }
        return null;
    }

    @Override
    public double step(ModelPasses passes, int rows, int m) {
        if (m != 1) {
            throw new IllegalArgumentException(name() + " is a single-sample estimator here (m = 1), was m = " + m);
        }
        double[] logw = passes.discreteAntithetic();
        int n = 2 * rows;
        double objective = 0;
        for (int r = 0; r < n; r++) {
            objective += logw[r];
        }
        objective /= n;
        if (!Double.isFinite(objective)) {
            return objective;
        }
        double[] gLogw = passes.gLogw();
        double[] scoreWeights = passes.scoreWeights();
        for (int r = 0; r < n; r++) {
            gLogw[r] = -0.5 / rows; // the loss is −(1/rows) Σ ½ (f(b) + f(b̃))
            scoreWeights[r] = 0; // no score term: the pair's difference below replaces it
        }
        int width = passes.posteriorWidth();
        if (logits.length < n * width) {
            logits = new float[n * width];
            codes = new float[n * width];
            extra = new float[n * width];
            noise = readsNoise() ? new float[n * width] : noise;
        }
        passes.posterior(logits);
        passes.codes(codes);
        if (readsNoise()) {
            passes.noise(noise);
        }
        java.util.Arrays.fill(extra, 0, n * width, 0f);
        for (int k = 0; k < rows; k++) {
            int b = 2 * k * width;
            int anti = b + width;
            double difference = logw[2 * k] - logw[2 * k + 1];
            for (int i = 0; i < width; i++) {
                double g = logitGradient(difference, codes[b + i], codes[anti + i], logits[b + i],
                        readsNoise() ? noise[b + i] : 0f);
                if (g != 0) {
                    extra[b + i] = (float) (-g / rows); // the loss's gradient, in the pair's first row
                }
            }
        }
        passes.discreteBackward(extra);
        return objective;
    }

    /**
     * The pair's estimate of ∂E[f]/∂α_i from f(b) − f(b̃) ({@code difference}), b_i, b̃_i, the logit α_i and b's
     * logistic noise L_i (read only when {@link #readsNoise()}): DisARM's ½ (f(b) − f(b̃)) (−1)^b̃_i 1[b_i ≠ b̃_i] σ(|α_i|).
     */
    protected double logitGradient(double difference, float b, float bTilde, float logit, float noise) {
        if (b == bTilde) {
            return 0;
        }
        double sign = bTilde > 0.5f ? -1 : 1; // (−1)^b̃_i
        return 0.5 * difference * sign * sigmoid(Math.abs(logit));
    }

    /** Whether {@link #logitGradient} reads the pair's noise. */
    protected boolean readsNoise() {
        return false;
    }

    static double sigmoid(double t) {
        return 1 / (1 + Math.exp(-t));
    }
}
