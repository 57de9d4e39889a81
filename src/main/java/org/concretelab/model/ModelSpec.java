package org.concretelab.model;

import org.concretelab.model.estimator.ConcreteRelaxation;
import org.concretelab.model.estimator.EstimatorSetting;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.model.estimator.StraightThrough;
import org.concretelab.model.estimator.Vimco;
import org.concretelab.model.task.DensityEstimation;
import org.concretelab.model.task.Tasks;

/**
 * The choices that define a model and its training objective. Immutable; every value is validated
 * and a violation is an {@link InvalidSettingException} naming the parameter and its value.
 *
 * @param architecture     one of the paper's four architectures
 * @param latentKind       binary, categorical (one-hot) or corner-coded (the paper's n-ary) discrete latents
 * @param discreteUnits    discrete stochastic units per stochastic layer (200 in the paper)
 * @param classes          classes per unit (2 for binary; e.g. 4 or 10 for categorical; 2, 4, 8, … for corners)
 * @param gaussianUnits    extra reparameterised normal units in the (top) latent layer, 0 for none
 * @param hiddenUnits      width of each tanh layer of a "~" MLP (the paper: 200)
 * @param lambdaPosterior  temperature λ1 of the relaxed posterior
 * @param lambdaPrior      temperature λ2 of the relaxed prior
 * @param samples          m, samples of the multi-sample objective (1 is the ELBO)
 * @param learningRate     Adam's step size
 * @param estimator        the gradient estimator's registered name ({@link Estimators}), e.g. {@code concrete}
 * @param task             the task's registered name ({@link Tasks}), e.g. {@code density}
 * @param centring         EMA centring ({@link Centring}; the paper's appendix D.4): the inference networks read their
 *                         inputs minus a moving average (decay 0.9) of their mean, updated by training steps only, no
 *                         gradient through it; density estimation only (completion has no inference network)
 */
public record ModelSpec(Architecture architecture, LatentKind latentKind, int discreteUnits, int classes,
                        int gaussianUnits, int hiddenUnits, double lambdaPosterior, double lambdaPrior,
                        int samples, double learningRate, String estimator, String task, Centring centring)
        implements EstimatorSetting {

    /** A model without EMA centring (the project's protocol). */
    public ModelSpec(Architecture architecture, LatentKind latentKind, int discreteUnits, int classes, int gaussianUnits,
                     int hiddenUnits, double lambdaPosterior, double lambdaPrior, int samples, double learningRate,
                     String estimator, String task) {
        this(architecture, latentKind, discreteUnits, classes, gaussianUnits, hiddenUnits, lambdaPosterior, lambdaPrior,
                samples, learningRate, estimator, task, Centring.OFF);
    }

    /** Density estimation with the paper's estimator (the Concrete relaxation). */
    public ModelSpec(Architecture architecture, LatentKind latentKind, int discreteUnits, int classes, int gaussianUnits,
                     int hiddenUnits, double lambdaPosterior, double lambdaPrior, int samples, double learningRate) {
        this(architecture, latentKind, discreteUnits, classes, gaussianUnits, hiddenUnits, lambdaPosterior, lambdaPrior,
                samples, learningRate, ConcreteRelaxation.NAME);
    }

    /** Density estimation with the named estimator. */
    public ModelSpec(Architecture architecture, LatentKind latentKind, int discreteUnits, int classes, int gaussianUnits,
                     int hiddenUnits, double lambdaPosterior, double lambdaPrior, int samples, double learningRate,
                     String estimator) {
        this(architecture, latentKind, discreteUnits, classes, gaussianUnits, hiddenUnits, lambdaPosterior, lambdaPrior,
                samples, learningRate, estimator, DensityEstimation.NAME);
    }

    public ModelSpec {
        if (architecture == null) {
            throw new InvalidSettingException("architecture", "architecture must be given");
        }
        if (latentKind == null) {
            throw new InvalidSettingException("latentKind", "latentKind must be given");
        }
        positive("discreteUnits", discreteUnits);
        positive("hiddenUnits", hiddenUnits);
        positive("samples", samples);
        if (gaussianUnits < 0) {
            throw new InvalidSettingException("gaussianUnits", "gaussianUnits must be non-negative, was " + gaussianUnits);
        }
        String classesProblem = latentKind.classesProblem(classes);
        if (classesProblem != null) {
            throw new InvalidSettingException("classes", classesProblem);
        }
        positiveFinite("lambdaPosterior", lambdaPosterior);
        positiveFinite("lambdaPrior", lambdaPrior);
        positiveFinite("learningRate", learningRate);
        if (estimator == null || !Estimators.known(estimator)) {
            throw new InvalidSettingException("estimator", "estimator must be one of " + String.join(", ", Estimators.names())
                    + ", was " + (estimator == null ? "none" : "'" + estimator + "'"));
        }
        if (samples < Estimators.minimumSamples(estimator)) {
            throw new InvalidSettingException("samples", "samples must be at least " + Estimators.minimumSamples(estimator)
                    + " for the " + estimator + " estimator, was " + samples);
        }
        int most = Estimators.maximumSamples(estimator);
        if (samples > most) {
            throw new InvalidSettingException("samples", "samples must be " + (most == 1 ? "1" : "at most " + most)
                    + " for the " + estimator + " estimator, was " + samples + "; use " + Vimco.NAME + " for m > " + most
                    + " (its multi-sample counterpart on the discrete graph)");
        }
        if (task == null || !Tasks.names().contains(task)) {
            throw new InvalidSettingException("task", "task must be one of " + String.join(", ", Tasks.names())
                    + ", was " + (task == null ? "none" : "'" + task + "'"));
        }
        String refusal = Estimators.create(estimator).refusal(new EstimatorSetting.Of(estimator, samples, task,
                architecture.stochasticLayers(), latentKind == LatentKind.BINARY, gaussianUnits));
        if (refusal != null) {
            throw new InvalidSettingException("estimator", refusal + "; was " + estimator + " for "
                    + architecture.label() + " " + latentKind.name().toLowerCase(java.util.Locale.ROOT)
                    + (gaussianUnits > 0 ? " +" + gaussianUnits + " Gaussian" : "") + " (" + task + ")");
        }
        if (gaussianUnits > 0 && Tasks.create(task).conditionalPrior()) {
            throw new InvalidSettingException("gaussianUnits", "gaussianUnits must be 0 for the " + task + " task (its"
                    + " latents are discrete, drawn from the prior given the input), was " + gaussianUnits);
        }
        if (centring == null) {
            throw new InvalidSettingException("centring", "centring must be given (Centring.OFF for none)");
        }
        if (centring.on() && Tasks.create(task).conditionalPrior()) {
            throw new InvalidSettingException("centring", "EMA centring applies to density estimation only (it centres"
                    + " the inference networks' inputs; the " + task + " task has no inference network)");
        }
    }

    /** The discrete units' logits per row: 1 a binary unit, K a categorical one (whatever its code). */
    public int discreteLogits() {
        return discreteUnits * latentKind.logitsPerUnit(classes);
    }

    /** The first stochastic layer's posterior parameters per row: the logits, then Gaussian means and log-variances. */
    @Override
    public int posteriorWidth() {
        return discreteLogits() + 2 * gaussianUnits;
    }

    @Override
    public int stochasticLayerCount() {
        return architecture.stochasticLayers();
    }

    @Override
    public boolean binaryLatents() {
        return latentKind == LatentKind.BINARY;
    }

    /** Whether the estimator feeds hard codes forward (straight-through). */
    public boolean straightThrough() {
        return StraightThrough.NAME.equals(estimator);
    }

    /** The default model: 200H~784V with 200 binary units, λ1 = 2/3, λ2 = 1/2, m = 1, Adam 1e-3. */
    public static ModelSpec defaults() {
        return new ModelSpec(Architecture.NONLINEAR_ONE, LatentKind.BINARY, PaperDefaults.UNITS, 2, 0, PaperDefaults.HIDDEN,
                PaperDefaults.lambdaPosterior(LatentKind.BINARY), PaperDefaults.lambdaPrior(LatentKind.BINARY),
                PaperDefaults.SAMPLES, PaperDefaults.LEARNING_RATE);
    }

    /** The same model trained with another learning rate (a resumed run may change it). */
    public ModelSpec withLearningRate(double rate) {
        return new ModelSpec(architecture, latentKind, discreteUnits, classes, gaussianUnits, hiddenUnits, lambdaPosterior,
                lambdaPrior, samples, rate, estimator, task, centring);
    }

    /** The same model with the paper's EMA centring ({@link Centring#INFERENCE}) on or off. */
    public ModelSpec withCentring(boolean on) {
        return withCentring(on ? Centring.INFERENCE : Centring.OFF);
    }

    /** The same model with the given EMA centring. */
    public ModelSpec withCentring(Centring c) {
        return new ModelSpec(architecture, latentKind, discreteUnits, classes, gaussianUnits, hiddenUnits, lambdaPosterior,
                lambdaPrior, samples, learningRate, estimator, task, c);
    }

    /**
     * The same model with another gradient estimator and number of samples m (e.g. to draw that estimator's
     * gradients from this model's parameters; a new training objective otherwise).
     */
    public ModelSpec withEstimator(String name, int m) {
        return new ModelSpec(architecture, latentKind, discreteUnits, classes, gaussianUnits, hiddenUnits, lambdaPosterior,
                lambdaPrior, m, learningRate, name, task, centring);
    }

    public LatentLayout latentLayout() {
        return new LatentLayout(latentKind, discreteUnits, classes, gaussianUnits);
    }

    /**
     * A short human-readable name, e.g. {@code 200H~784V binary m=1}. H counts the discrete units, except for
     * corner latents where, as in the paper, it counts their code values: {@code 240H~784V 4-ary corners (120 units) m=1};
     * categorical latents are {@code 200H~784V 4-way one-hot m=1}.
     */
    public String describe() {
        String kind = latentKind.codeLabel(discreteUnits, classes);
        String mixed = gaussianUnits > 0 ? " +" + gaussianUnits + " Gaussian" : "";
        long h = latentKind.architectureWidth(discreteUnits, classes);
        String layers = Tasks.create(task).architectureLabel(architecture, h);
        String how = ConcreteRelaxation.NAME.equals(estimator) ? "" : " " + estimator;
        String what = DensityEstimation.NAME.equals(task) ? "" : " (" + task + ")";
        String centred = switch (centring) {
            case OFF -> "";
            case INFERENCE -> " EMA-centred (inference)";
            case EVERY_READER -> " EMA-centred (every reader, before 2026-12-07 12:50 UTC)";
        };
        return layers + " " + kind + mixed + " m=" + samples + how + centred + what;
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new InvalidSettingException(name, name + " must be at least 1, was " + v);
        }
    }

    private static void positiveFinite(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new InvalidSettingException(name, name + " must be positive and finite, was " + v);
        }
    }
}
