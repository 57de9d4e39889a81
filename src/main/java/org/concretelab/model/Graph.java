package org.concretelab.model;

import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.nn.Mat;

/**
 * One kind of model's computation graphs over a {@link Workspace}: the relaxed and the discrete one, each forward
 * (log-weights into {@code w.logw}) and backward (the loss gradient {@code w.gLogw}, and on the discrete graph the
 * score weights {@code w.scoreWeights}, into every parameter's gradient slot {@code w.slot}).
 */
interface Graph {

    /**
     * The relaxed graph (the hard code fed forward when {@code hardForward}); {@code kl} weighs the latents' log p −
     * log q in each log-weight (1 but in a warm-up); {@code training} keeps the likelihood's residual.
     */
    void relaxed(Workspace w, UniformRandomProvider rng, boolean hardForward, double kl, boolean training);

    void relaxedBackward(Workspace w, boolean hardForward, double kl);

    /**
     * The relaxed graph on REBAR's conditional sample z̃ ~ p(z | b): the step's noise drawn as {@link #relaxed} draws
     * it, b its discrete sample, fresh uniforms from {@code rng} after it (see
     * {@link org.concretelab.model.latent.LatentLayer#conditionalNoise}).
     */
    void conditionalRelaxed(Workspace w, UniformRandomProvider rng, double kl);

    /**
     * The loss gradient at the first layer's posterior parameters through the last relaxed (or, when {@code
     * conditional}, conditional relaxed) pass, plus {@code gAtSample} at its relaxed sample (may be null), into
     * {@code z[0].gPost}; writes no parameter gradient.
     */
    void posteriorBackward(Workspace w, double kl, boolean conditional, float[] gAtSample);

    /**
     * The discrete graph; {@code firstParams}, when given, is the one row of parameters of the first layer drawn
     * that every row shares (all rows the same input), used instead of its network; {@code antithetic} mirrors the
     * noise in row pairs (see {@link org.concretelab.model.latent.LatentLayer#mirrorNoisePairs}).
     */
    void discrete(Workspace w, UniformRandomProvider rng, boolean training, double kl, Mat firstParams, boolean antithetic);

    /** The discrete graph's backward pass; {@code extra}, when given, is added to the first layer's posterior gradient. */
    void discreteBackward(Workspace w, double kl, float[] extra);

    /** Runs the network of the first layer drawn on {@code single}'s one loaded row and returns its parameters. */
    Mat firstParams(Workspace single);

    /** The stochastic layer whose parameters read the input (the first drawn). */
    int firstLayer();
}
