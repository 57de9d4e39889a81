package org.concretelab.model.estimator;

import org.concretelab.model.nn.Mat;

/**
 * The passes one training step of a model offers its {@link GradientEstimator}, which composes them and owns the
 * step (as Pyro's {@code loss_and_grads} owns the ELBO's). Every forward pass of a step draws its noise from the
 * step's seed, so two passes of one step share their noise; a pass's backward writes the parameters' gradients of
 * the loss given by {@link #gLogw()} (∂loss/∂log w per row) and, on the discrete graph, {@link #scoreWeights()}
 * (the learning signal multiplying each row's score ∂ log q(z)/∂φ).
 *
 * <p>Rows: {@code images × m × passRows} (see {@link GradientEstimator#passRows()}), image b's rows consecutive.
 */
public interface ModelPasses {

    /** The step's input rows (loaded when the estimator {@link GradientEstimator#readsInput() reads them}). */
    Mat input();

    /** ∂loss/∂log w per row, for the next backward pass to read. */
    double[] gLogw();

    /** The learning signal of each row's score on the discrete graph, for the next discrete backward pass. */
    double[] scoreWeights();

    /**
     * The relaxed (Concrete) graph forward; with {@code hardForward} the hard code of each relaxed sample is fed
     * downstream (straight-through). Returns the rows' log-weights (the model's buffer, valid until the next pass).
     */
    double[] relaxed(boolean hardForward);

    /** The backward pass of the last {@link #relaxed} pass, pathwise through the relaxed samples. */
    void relaxedBackward(boolean hardForward);

    /**
     * A whole step of an estimator whose loss gradient at an example's log-weights needs that example's samples alone
     * ({@link ExampleSignal}): block by block, the {@link #relaxed} forward pass, {@code signal} on the block's
     * examples and the {@link #relaxedBackward} pass, with no barrier between them (the same bits as the three in
     * turn). Returns every example's objective in batch order; a block with a non-finite objective runs no backward
     * pass (the step is then abandoned). It is the step's only pass.
     */
    double[] relaxedStep(boolean hardForward, ExampleSignal signal);

    /** {@link #relaxedStep} on the discrete graph: {@link #discrete}, {@code signal} (score weights too), {@link #discreteBackward()}. */
    double[] discreteStep(ExampleSignal signal);

    /** The discrete graph forward (hard samples of the same noise); returns the rows' log-weights. */
    double[] discrete();

    /**
     * The discrete graph forward with antithetic noise in consecutive row pairs (2k, 2k + 1): row 2k + 1's logistic
     * noise is the negation of row 2k's (u ↦ 1 − u). Binary latents only.
     */
    double[] discreteAntithetic();

    /** The backward pass of the last discrete pass: pathwise where it can, plus the score terms. */
    void discreteBackward();

    /**
     * As {@link #discreteBackward()}, adding {@code extra} (rows × {@link #posteriorWidth()}) to the loss gradient
     * at the first stochastic layer's posterior parameters before it flows into the encoder.
     */
    void discreteBackward(float[] extra);

    /** Values per row of the first stochastic layer's posterior parameters. */
    int posteriorWidth();

    /** Copies the last pass's first-layer posterior parameters (rows × {@link #posteriorWidth()}) into {@code dest}. */
    void posterior(float[] dest);

    /** Copies the last pass's first-layer codes (rows × code width) into {@code dest}. */
    void codes(float[] dest);

    /** The relaxation's temperatures λ1 (posterior) and λ2 (prior) that {@link #relaxed} uses. */
    double[] temperatures();

    /**
     * A relaxed pass for a control variate (REBAR, RELAX): the relaxed graph at the given temperatures (the model's
     * own stay as they are), on the step's noise z, or, when {@code conditional}, on z̃ ~ p(z | b) with b = H(z) the
     * discrete sample of the step's noise and fresh uniforms (the same for every call of one step: common random
     * numbers). Returns the rows' relaxed log-weights. One stochastic layer of discrete units.
     */
    double[] relaxedAt(double posteriorTemperature, double priorTemperature, boolean conditional);

    /**
     * The loss gradient (weighted by {@link #gLogw()}) at the first layer's posterior parameters through the last
     * {@link #relaxedAt} pass — pathwise, and through z̃'s dependence on them after a conditional pass — plus {@code
     * gAtSample} (rows × {@link #posteriorWidth()}, may be null), a gradient at the pass's sample z = logits + noise
     * carried to the parameters the same way. Writes no parameter gradient: read it with {@link #posteriorGradient}.
     */
    void posteriorBackward(float[] gAtSample);

    /** Copies the last backward pass's loss gradient at the first layer's posterior parameters into {@code dest}. */
    void posteriorGradient(float[] dest);

    /** ∂ log q(b)/∂(first layer's posterior parameters) of the last discrete pass's samples b, into {@code dest}. */
    void scores(float[] dest);

    /** Copies the last pass's first-layer noise (z − logits; after a conditional pass z̃ − logits) into {@code dest}. */
    void noise(float[] dest);

    /**
     * J·in (Jᵀ·in when {@code transpose}) per row into {@code out}, J = ∂z̃/∂(posterior parameters) of the last
     * conditional {@link #relaxedAt} pass; held until the next conditional pass.
     */
    void conditionalJacobian(float[] in, float[] out, boolean transpose);
}
