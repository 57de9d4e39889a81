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

    /** Writes row {@code r}'s noise. */
    void drawNoise(UniformRandomProvider rng, LayerBuffers b, int r);

    /** Writes row {@code r}'s relaxed values and code (the hard code when {@code hardForward}); returns its log q. */
    double relaxedSample(LayerBuffers b, int r, boolean hardForward);

    /** Returns row {@code r}'s relaxed log prior density; keeps in {@code soft} what its gradient needs. */
    double relaxedLogPrior(LayerBuffers b, int r, Prior prior);

    /** Adds {@code gw} × ∂ log p/∂(prior parameters) of row {@code r} into {@code gPrior} (laid out like the prior). */
    void addPriorGradient(LayerBuffers b, int r, Prior prior, double gw, org.concretelab.model.nn.Mat gPrior);

    /**
     * Writes row {@code r}'s gradient at the posterior parameters through the reparameterised sample, from the
     * gradient at the code ({@code gCode}) and {@code gw} × the prior's log density at y.
     */
    void posteriorGradient(LayerBuffers b, int r, Prior prior, double gw, boolean hardForward);

    /** Writes row {@code r}'s hard sample from the same noise; returns its discrete log q. */
    double discreteSample(LayerBuffers b, int r);

    /** Returns the discrete prior's log probability (Gaussian: density) of row {@code r}'s hard code. */
    double discreteLogPrior(LayerBuffers b, int r, Prior prior);

    /** Adds {@code weight} × ∂ log q(z)/∂(posterior parameters) of row {@code r}'s hard sample into {@code gPost}. */
    void addScore(LayerBuffers b, int r, double weight);

    /**
     * Writes row {@code r}'s posterior gradient in the discrete graph (score-function estimators): a discrete family
     * writes (scoreWeight − gw) × ∂ log q(z)/∂params — the learning signal's score term plus the log-weight's own
     * −log q(z) at a fixed sample; a reparameterised family writes its pathwise gradient, as in the relaxed graph.
     */
    void discreteGraphGradient(LayerBuffers b, int r, Prior prior, double gw, double scoreWeight);

    /** Adds {@code gw} × ∂ log p(z)/∂(prior parameters) of row {@code r}'s hard code into {@code gPrior}. */
    void addDiscretePriorGradient(LayerBuffers b, int r, Prior prior, double gw, org.concretelab.model.nn.Mat gPrior);

    /** Writes the posterior's most probable code of row {@code r} (Gaussian: the mean). */
    void mode(LayerBuffers b, int r);

    /**
     * Column offsets of a family within one row of each buffer, and the rows' widths.
     *
     * @param param first parameter column (also in a conditional prior's rows; a learned prior holds only the
     *              discrete families' columns, from 0)
     */
    record Placement(int param, int noise, int code, int value, int paramStride, int noiseStride, int codeStride,
                     int valueStride) {
    }
}
