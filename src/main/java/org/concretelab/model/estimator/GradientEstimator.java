package org.concretelab.model.estimator;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.concretelab.model.nn.Param;
import org.concretelab.model.task.Task;

/**
 * A gradient estimator owns a training step: it composes the passes the model offers ({@link ModelPasses}: relaxed,
 * discrete, antithetic, each with its backward) into an objective and the loss gradient in every parameter's
 * gradient buffer. A new estimator is one class implementing this, registered in {@link Estimators}.
 */
public interface GradientEstimator {

    /** The name the CLI, checkpoints and the app use (e.g. {@code concrete}). */
    String name();

    /** How the app's choices name it (e.g. "NVIL (score function, m = 1)"); its {@link #name()} unless it says more. */
    default String label() {
        return name();
    }

    /** What the objective is called in logs and charts (the objective actually optimised). */
    String objectiveName();

    /**
     * The objective's column in a run's {@code training.csv} (a CSV key: lower case and underscores). Estimators
     * that optimise the same objective share it: the relaxed ones write {@code relaxed_elbo}.
     */
    String objectiveColumn();

    /**
     * Whether its gradient differentiates a relaxation (biased for the discrete objective) rather than estimating the
     * discrete objective's gradient: what reports and the Gradients tab say about it (the model never reads it).
     */
    boolean relaxed();

    /**
     * Whether it multiplies the discrete objective's gradient at the encoder by a factor of its own choosing on purpose
     * (NVIL's 1/max(1, √v), a step-size adaptation): unbiased up to that scale. The Gradients tab then measures its bias
     * against the scaled reference s·g and takes s out of its variance; the model never reads it.
     */
    default boolean rescalesGradient() {
        return false;
    }

    /**
     * One training step: the mean objective over {@code rows} examples of {@code m} samples each, leaving the
     * gradient of its negative in the parameters' gradient buffers (through {@code passes}' backward passes). A
     * non-finite objective abandons the step: no backward pass needed.
     */
    double step(ModelPasses passes, int rows, int m);

    /** Rows each sample takes in a pass (DisARM's antithetic pair: 2); the model loads images × m × this rows. */
    default int passRows() {
        return 1;
    }

    /** Why it cannot train the model {@code setting} describes (e.g. binary latents only), or null when it can. */
    default String refusal(EstimatorSetting setting) {
        return null;
    }

    /**
     * The estimator's own trainable state (e.g. NVIL's baseline network) for a model of {@code spec} on
     * {@code task}, named {@code estimator.*}: the model trains it with its Adam and saves it in checkpoints.
     * Called once, after the model's own parameters were drawn from {@code rng}.
     */
    default List<Param> createParameters(EstimatorSetting spec, Task task, UniformRandomProvider rng) {
        return List.of();
    }

    /** What its own parameters at zero mean, for reports on a model that lacks them (NVIL: a zero baseline). */
    default String zeroState() {
        return "a zero baseline";
    }

    /** The shapes of {@link #createParameters} by name, from the spec alone (what a checkpoint must hold). */
    default Map<String, long[]> parameterShapes(EstimatorSetting spec, Task task) {
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
     * Whether its gradient depends on a temperature the Gradients tab's λ sweep varies: the relaxed estimators' (the
     * model's λ1, λ2) and, unbiased at every λ, REBAR's and RELAX's control variate's ({@link #setTemperature}).
     */
    default boolean sweepsTemperature() {
        return relaxed();
    }

    /**
     * Sets the temperature of its own that the λ sweep varies (a control variate's λ, its prior's following in the
     * model's ratio); estimators whose temperature is the model's have none and ignore it.
     */
    default void setTemperature(double lambda) {
    }

    /**
     * Its training throughput relative to the Concrete relaxation's at the same m on one core, as measured ({@code
     * bench --threads 1 --estimator NAME}): what a sweep's cost estimate divides by. 1 unless measured.
     */
    default double relativeSpeed() {
        return 1;
    }

    /** Whether its step reads {@link ModelPasses#input()} (else a step split over threads need not gather it). */
    default boolean readsInput() {
        return false;
    }
}
