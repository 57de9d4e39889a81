package org.concretelab.model.estimator;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.nn.Mat;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;

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

    /**
     * The objective's column in a run's {@code training.csv} (a CSV key: lower case and underscores). Estimators
     * that optimise the same objective share it: the relaxed ones write {@code relaxed_elbo}.
     */
    String objectiveColumn();

    /** Whether the forward pass samples the relaxed (Concrete) latents; otherwise the discrete ones. */
    boolean relaxed();

    /** Whether the code fed forward is the hard (discrete) value of the relaxed sample (straight-through). */
    boolean hardForward();

    /**
     * The estimator's own trainable state (e.g. NVIL's baseline network) for a model of {@code spec} on
     * {@code task}, named {@code estimator.*}: the model trains it with its Adam and saves it in checkpoints.
     * Called once, after the model's own parameters were drawn from {@code rng}.
     */
    default List<Param> createParameters(ModelSpec spec, Task task, UniformRandomProvider rng) {
        return List.of();
    }

    /** The shapes of {@link #createParameters} by name, from the spec alone (what a checkpoint must hold). */
    default Map<String, long[]> parameterShapes(ModelSpec spec, Task task) {
        return Map.of();
    }

    /** The fewest samples m per example it works with (VIMCO's leave-one-out baselines need 2). */
    default int minimumSamples() {
        return 1;
    }

    /** The most samples m per example it works with (NVIL is a single-sample estimator: 1). */
    default int maximumSamples() {
        return Integer.MAX_VALUE;
    }

    /**
     * Called by a training step just before its forward pass, with the step's inputs (the task's input rows, not
     * its targets): {@code rows × m} rows, example b's input repeated in rows b·m … b·m + m − 1. An estimator whose
     * learning signal depends on the input (NVIL's input-dependent baseline) computes what it needs here; the
     * matrix is the model's buffer, valid until {@link #objectiveAndGradient} of the same step returns.
     */
    default void beforeObjective(Mat input, int rows, int m) {
    }

    /** Whether {@link #beforeObjective} reads its input rows (else a step split over threads need not gather them). */
    default boolean readsInput() {
        return false;
    }

    /**
     * The mean objective over {@code rows} examples of {@code m} samples each ({@code logw[b·m + j]}), and in
     * {@code gLogw} the gradient of the loss (its negative, averaged over rows) at each log-weight. An estimator
     * on the discrete graph also writes {@code scoreWeights}: the loss's learning signal multiplying each sample's
     * score ∂ log q(z)/∂φ (relaxed estimators leave it alone).
     */
    double objectiveAndGradient(double[] logw, int rows, int m, double[] gLogw, double[] scoreWeights);
}
