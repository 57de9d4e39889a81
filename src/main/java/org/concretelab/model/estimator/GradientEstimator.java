package org.concretelab.model.estimator;

/**
 * How a training step turns the per-sample log-weights log w = log p(x, z) − log q(z|x) of a minibatch into an
 * objective and the gradient the backward pass needs. A new estimator is one class implementing this,
 * registered in {@link Estimators}.
 */
public interface GradientEstimator {

    /** The name the CLI, checkpoints and the app use (e.g. {@code concrete}). */
    String name();

    /** What the objective is called in logs and charts (the objective actually optimised). */
    String objectiveName();

    /** Whether the forward pass samples the relaxed (Concrete) latents; otherwise the discrete ones. */
    boolean relaxed();

    /** Whether the code fed forward is the hard (discrete) value of the relaxed sample (straight-through). */
    boolean hardForward();

    /** The fewest samples m per example it works with (VIMCO's leave-one-out baselines need 2). */
    default int minimumSamples() {
        return 1;
    }

    /**
     * The mean objective over {@code rows} examples of {@code m} samples each ({@code logw[b·m + j]}), and in
     * {@code gLogw} the gradient of the loss (its negative, averaged over rows) at each log-weight. An estimator
     * on the discrete graph also writes {@code scoreWeights}: the loss's learning signal multiplying each sample's
     * score ∂ log q(z)/∂φ (relaxed estimators leave it alone).
     */
    double objectiveAndGradient(double[] logw, int rows, int m, double[] gLogw, double[] scoreWeights);
}
