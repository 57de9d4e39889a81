package org.concretelab.model.latent;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.nn.Mat;

/**
 * One stochastic layer: its latent families side by side (discrete first, then Gaussian), each owning a
 * column segment of every buffer row. A row of posterior (or conditional-prior) parameters is laid out as
 * {@code [discrete logits | μ | log σ²]}; a learned top-layer prior holds only the discrete logits.
 *
 * <p>Per row, the families' log densities are summed in order and subtracted from (log q) or added to
 * (log p) the row's log-weight.
 */
public final class LatentLayer {
    private final List<LatentFamily> families;
    private final LatentFamily[] all;
    private final int paramSize;
    private final int noiseSize;
    private final int codeSize;
    private final int valueSize;
    private final int discreteParamSize;

    public LatentLayer(List<LatentFamily> families) {
        this.families = List.copyOf(families);
        this.all = this.families.toArray(LatentFamily[]::new);
        int p = 0;
        int n = 0;
        int c = 0;
        int v = 0;
        int discrete = 0;
        for (LatentFamily f : all) {
            p += f.paramWidth();
            n += f.noiseWidth();
            c += f.codeWidth();
            v += f.valueWidth();
            if (!(f instanceof GaussianLatents)) {
                discrete = p;
            }
        }
        paramSize = p;
        noiseSize = n;
        codeSize = c;
        valueSize = v;
        discreteParamSize = discrete;
        p = n = c = v = 0;
        for (LatentFamily f : all) {
            f.place(new LatentFamily.Placement(p, n, c, v, paramSize, noiseSize, codeSize, Math.max(1, valueSize)));
            p += f.paramWidth();
            n += f.noiseWidth();
            c += f.codeWidth();
            v += f.valueWidth();
        }
    }

    public List<LatentFamily> families() {
        return families;
    }

    public int paramSize() {
        return paramSize;
    }

    public int noiseSize() {
        return noiseSize;
    }

    public int codeSize() {
        return codeSize;
    }

    /** Width of the relaxed values kept for the backward pass. */
    public int valueSize() {
        return valueSize;
    }

    /** Width of a learned prior's row: the discrete families' logits. */
    public int learnedPriorSize() {
        return discreteParamSize;
    }

    /** Changes both temperatures (an annealing schedule); sampling and densities use them from the next call. */
    public void setTemperatures(double posterior, double prior) {
        for (LatentFamily f : all) {
            f.setTemperatures(posterior, prior);
        }
    }

    /** Logistic (binary), Gumbel (categorical) and standard normal noise for every row of {@code b}. */
    public void drawNoise(UniformRandomProvider rng, LayerBuffers b) {
        for (LatentFamily f : all) {
            f.startNoise(rng);
        }
        for (int r = 0; r < b.rows(); r++) {
            for (LatentFamily f : all) {
                f.drawNoise(rng, b, r);
            }
        }
    }

    /**
     * Antithetic noise in row pairs: row 2k + 1's noise becomes the negation of row 2k's. For logistic noise (binary
     * latents) that is u ↦ 1 − u, the antithetic draw of ARM/DisARM; other noise has no such mirror here.
     */
    public void mirrorNoisePairs(LayerBuffers b) {
        for (LatentFamily f : all) {
            if (!(f instanceof BinaryLatents)) {
                throw new IllegalStateException("antithetic noise needs binary latents only, this layer has "
                        + f.getClass().getSimpleName());
            }
        }
        var nb = b.noise.buffer();
        int width = noiseSize;
        for (int r = 0; r + 1 < b.rows(); r += 2) {
            for (int i = 0; i < width; i++) {
                nb.put((r + 1) * width + i, -nb.get(r * width + i));
            }
        }
    }

    /** Relaxed sample of every row (hard code forward when {@code hardForward}); subtracts log q from {@code logw}. */
    public void relaxedSample(LayerBuffers b, boolean hardForward, double[] logw) {
        double[] logq = cleared(b);
        for (LatentFamily f : all) {
            f.relaxedSample(b, hardForward, logq);
        }
        subtract(b, logq, logw);
    }

    /** Adds the relaxed prior's log density of every row to {@code logw}. */
    public void addRelaxedLogPrior(LayerBuffers b, Prior prior, double[] logw) {
        double[] logp = cleared(b);
        for (LatentFamily f : all) {
            f.relaxedLogPrior(b, prior, logp);
        }
        add(b, logp, logw);
    }

    /** Accumulates into {@code gPrior} the loss gradient at the prior's parameters (summed over rows if learned). */
    public void priorGradient(LayerBuffers b, Prior prior, double[] gLogw, Mat gPrior) {
        for (LatentFamily f : all) { // families write disjoint columns: family by family gives the same sums
            f.addPriorGradient(b, prior, gLogw, gPrior);
        }
    }

    /** Writes into {@code b.gPost} the loss gradient at the posterior parameters through the relaxed sample. */
    public void posteriorGradient(LayerBuffers b, Prior prior, double[] gLogw, boolean hardForward) {
        for (LatentFamily f : all) {
            f.posteriorGradient(b, prior, gLogw, hardForward);
        }
    }

    /** REBAR's z̃ | b for every row (see {@link LatentFamily#conditionalNoise}); discrete families only. */
    public void conditionalNoise(UniformRandomProvider rng, LayerBuffers b) {
        for (LatentFamily f : all) {
            f.conditionalNoise(rng, b);
        }
    }

    /** Turns the fixed-noise posterior gradient of a conditional pass into the total one (see {@link LatentFamily}). */
    public void conditionalGradient(LayerBuffers b, double[] gLogw) {
        for (LatentFamily f : all) {
            f.conditionalGradient(b, gLogw);
        }
    }

    /** J·in (or Jᵀ·in) per row, J = ∂z̃/∂(posterior parameters) of the last conditional sample; rows × paramSize. */
    public void conditionalJacobian(LayerBuffers b, float[] in, float[] out, boolean transpose) {
        for (LatentFamily f : all) {
            f.conditionalJacobian(b, in, out, paramSize, transpose);
        }
    }

    /** Hard sample of every row from the same noise; subtracts the discrete log q from {@code logw}. */
    public void discreteSample(LayerBuffers b, double[] logw) {
        double[] logq = cleared(b);
        for (LatentFamily f : all) {
            f.discreteSample(b, logq);
        }
        subtract(b, logq, logw);
    }

    /** Adds the discrete prior's log-probability of every row's hard code to {@code logw}. */
    public void addDiscreteLogPrior(LayerBuffers b, Prior prior, double[] logw) {
        double[] logp = cleared(b);
        for (LatentFamily f : all) {
            f.discreteLogPrior(b, prior, logp);
        }
        add(b, logp, logw);
    }

    /** Adds {@code weights[r]} × ∂ log q(z_r)/∂params of every row's hard sample into {@code b.gPost}. */
    public void addScore(LayerBuffers b, double[] weights) {
        for (LatentFamily f : all) {
            f.addScore(b, weights);
        }
    }

    /** Writes into {@code b.gPost} every row's posterior gradient in the discrete graph (see {@link LatentFamily}). */
    public void discreteGraphGradient(LayerBuffers b, Prior prior, double[] gLogw, double[] scoreWeights) {
        for (LatentFamily f : all) {
            f.discreteGraphGradient(b, prior, gLogw, scoreWeights);
        }
    }

    /** Accumulates into {@code gPrior} the loss gradient at the prior's parameters of the hard codes. */
    public void discretePriorGradient(LayerBuffers b, Prior prior, double[] gLogw, Mat gPrior) {
        for (LatentFamily f : all) {
            f.addDiscretePriorGradient(b, prior, gLogw, gPrior);
        }
    }

    /** The posterior's most probable code of every row. */
    public void mode(LayerBuffers b) {
        for (LatentFamily f : all) {
            f.mode(b);
        }
    }

    /** Values per row of {@link #posteriorMeans}: the families' means side by side. */
    public int meanWidth() {
        int w = 0;
        for (LatentFamily f : all) {
            w += f.meanWidth();
        }
        return w;
    }

    /** Row {@code r}'s posterior means (see {@link LatentFamily#posteriorMeans}), family after family. */
    public void posteriorMeans(LayerBuffers b, int r, double[] dest, int offset) {
        for (LatentFamily f : all) {
            f.posteriorMeans(b, r, dest, offset);
            offset += f.meanWidth();
        }
    }

    /** The rows' accumulator, zeroed: each row sums its families' terms from 0, in family order, as one number. */
    private static double[] cleared(LayerBuffers b) {
        java.util.Arrays.fill(b.rowSums, 0, b.rows(), 0.0);
        return b.rowSums;
    }

    private static void subtract(LayerBuffers b, double[] sums, double[] logw) {
        for (int r = 0; r < b.rows(); r++) {
            logw[r] -= sums[r];
        }
    }

    private static void add(LayerBuffers b, double[] sums, double[] logw) {
        for (int r = 0; r < b.rows(); r++) {
            logw[r] += sums[r];
        }
    }
}
