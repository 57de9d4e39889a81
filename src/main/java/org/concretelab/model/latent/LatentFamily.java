package org.concretelab.model.latent;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * One kind of latent variable in a stochastic layer (binary, categorical, Gaussian), computed row by row
 * over a {@link LayerBuffers} block: the family owns a column segment of each buffer (see {@link #place}).
 *
 * <p>Relaxed graph (training): a reparameterised sample, its log density, the prior's log density and the
 * pathwise gradients. Discrete graph (evaluation, score-function estimators): the hard sample from the same
 * noise, its log mass, and the score ∂ log q(z)/∂params. Every formula comes from the distribution package.
 */
public interface LatentFamily {

    /** Posterior (and conditional-prior) parameters per row. */
    int paramWidth();

    /** Noise values per row. */
    int noiseWidth();

    /** Code values fed downstream per row. */
    int codeWidth();

    /** Relaxed values kept for the backward pass per row (0 when the code itself suffices). */
    int valueWidth();

    /** Where this family's columns start in each buffer row, and each row's width; set once by the layer. */
    void place(Placement placement);

    /** Sets λ1 (posterior) and λ2 (prior) for the following calls. */
    void setTemperatures(double posterior, double prior);

    /** Called once per noise block, before {@link #drawNoise} for its rows. */
    default void startNoise(UniformRandomProvider rng) {
    }

    /** Writes row {@code r}'s noise (row by row, family by family: the order of the random stream). */
    void drawNoise(UniformRandomProvider rng, LayerBuffers b, int r);

    /**
     * Writes every row's relaxed values and code (the hard code when {@code hardForward}) and adds each row's log q
     * to {@code logq[r]}. Every method below works on all rows of {@code b} in one loop, the shape the JIT compiles
     * best (measured: a call per row made the prior's gradient 4× slower).
     */
    void relaxedSample(LayerBuffers b, boolean hardForward, double[] logq);

    /** Adds each row's relaxed log prior density to {@code logp[r]}; keeps in {@code soft} what its gradient needs. */
    void relaxedLogPrior(LayerBuffers b, Prior prior, double[] logp);

    /** Adds {@code gLogw[r]} × ∂ log p/∂(prior parameters) of every row into {@code gPrior} (laid out like the prior). */
    void addPriorGradient(LayerBuffers b, Prior prior, double[] gLogw, org.concretelab.model.nn.Mat gPrior);

    /**
     * Writes every row's gradient at the posterior parameters through the reparameterised sample, from the gradient
     * at the code ({@code gCode}) and {@code gLogw[r]} × the prior's log density at y.
     */
    void posteriorGradient(LayerBuffers b, Prior prior, double[] gLogw, boolean hardForward);

    /** Writes every row's hard sample from the same noise; adds its discrete log q to {@code logq[r]}. */
    void discreteSample(LayerBuffers b, double[] logq);

    /** Adds the discrete prior's log probability (Gaussian: density) of every row's hard code to {@code logp[r]}. */
    void discreteLogPrior(LayerBuffers b, Prior prior, double[] logp);

    /** Adds {@code weights[r]} × ∂ log q(z)/∂(posterior parameters) of every row's hard sample into {@code gPost}. */
    void addScore(LayerBuffers b, double[] weights);

    /**
     * Writes every row's posterior gradient in the discrete graph (score-function estimators): a discrete family
     * writes (scoreWeight − gw) × ∂ log q(z)/∂params — the learning signal's score term plus the log-weight's own
     * −log q(z) at a fixed sample; a reparameterised family writes its pathwise gradient, as in the relaxed graph.
     */
    void discreteGraphGradient(LayerBuffers b, Prior prior, double[] gLogw, double[] scoreWeights);

    /** Adds {@code gLogw[r]} × ∂ log p(z)/∂(prior parameters) of every row's hard code into {@code gPrior}. */
    void addDiscretePriorGradient(LayerBuffers b, Prior prior, double[] gLogw, org.concretelab.model.nn.Mat gPrior);

    /**
     * REBAR's conditional sample z̃ ~ p(z | b) (Tucker et al. 2017, appendix): reads each row's step noise in
     * {@code b.noise} and posterior, takes the discrete sample b = H(z) of z = logits + noise, draws fresh uniforms
     * from {@code rng} and overwrites the noise with z̃ − logits, so that the relaxed sample of the new noise is the
     * relaxation of z̃. Keeps in {@link LayerBuffers#conditional()} what z̃'s derivative at the logits needs.
     */
    default void conditionalNoise(UniformRandomProvider rng, LayerBuffers b) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no conditional sample given its discrete one");
    }

    /**
     * After {@link #posteriorGradient} of a pass on {@link #conditionalNoise}'s sample (the gradient at the logits
     * with the noise held fixed, in {@code b.gPost}): rewrites it as the total derivative, the noise z̃ − logits
     * depending on the logits (through z̃, and through the relaxed log q, a function of the noise).
     */
    default void conditionalGradient(LayerBuffers b, double[] gLogw) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no conditional sample given its discrete one");
    }

    /**
     * The Jacobian J = ∂z̃/∂logits of the last {@link #conditionalNoise} sample applied to each row of {@code in}
     * (J·in, or Jᵀ·in when {@code transpose}), written to {@code out}; both rows × {@link #paramWidth()} wide,
     * laid out as the layer's parameter rows ({@code stride} values a row, this family's at its placement).
     */
    default void conditionalJacobian(LayerBuffers b, float[] in, float[] out, int stride, boolean transpose) {
        throw new IllegalStateException(getClass().getSimpleName() + " has no conditional sample given its discrete one");
    }

    /** Writes the posterior's most probable code of every row (Gaussian: the mean). */
    void mode(LayerBuffers b);

    /**
     * Values per row of {@link #posteriorMeans}: K per discrete unit (2 per binary unit), 1 per Gaussian unit.
     */
    int meanWidth();

    /**
     * Writes row {@code r}'s posterior means at {@code dest[offset..]}: each discrete unit's class probabilities
     * (binary: 1 − σ, σ), each Gaussian unit's μ — what the active-unit count takes the variance of over the data.
     */
    void posteriorMeans(LayerBuffers b, int r, double[] dest, int offset);

    /**
     * Column offsets of a family within one row of each buffer, and the rows' widths.
     *
     * @param param first parameter column (also in a conditional prior's rows; a learned prior holds only the
     *              discrete families' columns, from 0)
     */
    record Placement(int param, int noise, int code, int value, int paramStride, int noiseStride, int codeStride,
                     int valueStride) {

        /** Where row {@code r}'s parameters of this family start. */
        public int paramAt(int r) {
            return r * paramStride + param;
        }

        public int noiseAt(int r) {
            return r * noiseStride + noise;
        }

        public int codeAt(int r) {
            return r * codeStride + code;
        }

        public int valueAt(int r) {
            return r * valueStride + value;
        }
    }
}
