package org.concretelab.model;

import org.concretelab.model.estimator.ConcreteRelaxation;
import org.concretelab.model.task.Completion;

/**
 * The one place for the paper's (and this project's) default settings; the CLI, the app's form and the
 * trainer read them from here.
 */
public final class PaperDefaults {
    /** Discrete units per stochastic layer (200H). */
    public static final int UNITS = 200;
    /** Width of each tanh layer of a "~" network. */
    public static final int HIDDEN = 200;
    /** Classes per categorical unit when none is given. */
    public static final int CLASSES = 4;
    public static final double LEARNING_RATE = 1e-3;
    public static final int BATCH = 100;
    public static final int SAMPLES = 1;
    public static final String ESTIMATOR = ConcreteRelaxation.NAME;
    /** Validation images scored per epoch and the importance samples k of its NLL. */
    public static final int VALIDATION_IMAGES = 1000;
    public static final int VALIDATION_SAMPLES = 100;

    /**
     * KL warm-up steps for categorical (one-hot or corner) latents: without one, 200 4-ary units collapse in the
     * first ~50 steps (the KL's pull on q beats the reconstruction's, which is weak until the decoder reads z).
     */
    public static final int CATEGORICAL_KL_WARMUP = 2500;

    /** Units per stochastic layer of the paper's structured-prediction models (392V–240H–240H–392V). */
    public static final int COMPLETION_UNITS = 240;

    private PaperDefaults() {
    }

    /** Discrete units per stochastic layer for {@code task}: 240 for completion (the paper's 240H), else 200. */
    public static int units(String task) {
        return Completion.NAME.equals(task) ? COMPLETION_UNITS : UNITS;
    }

    /** Width of a "~" network's tanh layers for {@code task}: the size of its stochastic layers (240 for completion). */
    public static int hidden(String task) {
        return Completion.NAME.equals(task) ? COMPLETION_UNITS : HIDDEN;
    }

    /**
     * The default width of a "~" network's tanh layers: as wide as the preceding stochastic layer (the paper's
     * appendix D.1), counted in code values as the paper's "240H" counts them — {@code units} binary units, or
     * {@code units} × log2 K for corner (n-ary) latents, so 240H~784V is 240 wide whether it holds 240 binary, 120 4-ary
     * or 80 8-ary units. One-hot categorical latents (not the paper's) keep {@link #hidden(String)}.
     */
    public static int hidden(String task, LatentKind kind, int classes, int units) {
        return kind.paperHiddenWidth(units, classes).orElse(hidden(task));
    }

    /**
     * The default architecture of {@code task}: 200H~784V for density estimation; for completion the paper's
     * non-linear structured-prediction model, 392V~240H~240H~392V.
     */
    public static Architecture architecture(String task) {
        return Completion.NAME.equals(task) ? Architecture.NONLINEAR_TWO : Architecture.NONLINEAR_ONE;
    }

    /** λ1: 2/3 for binary latents (the paper's choice), 1 for categorical ones. */
    public static double lambdaPosterior(LatentKind kind) {
        return kind.lambdaPosterior(CLASSES);
    }

    /** KL warm-up steps: none for binary latents (the paper's protocol; they recover by themselves), else {@link #CATEGORICAL_KL_WARMUP}. */
    public static int klWarmupSteps(LatentKind kind) {
        return kind.klWarmupSteps();
    }

    /** λ2: 1/2 for binary latents (the paper's choice), 2/3 for categorical ones. */
    public static double lambdaPrior(LatentKind kind) {
        return kind.lambdaPrior(CLASSES);
    }

    /**
     * λ1 of latents of {@code kind} with {@code classes} classes: 2/3 for binary ones; for the paper's n-ary
     * (corner) latents the paper's per-K choice, 2/3 (K = 2), 1 (K = 4), 2/3 (K = 8), else 1; 1 for one-hot
     * categorical ones, whatever K.
     */
    public static double lambdaPosterior(LatentKind kind, int classes) {
        return kind.lambdaPosterior(classes);
    }

    /**
     * λ2 of latents of {@code kind} with {@code classes} classes: 1/2 for binary ones; for the paper's n-ary
     * (corner) latents the paper's per-K choice, 1/2 (K = 2), 2/3 (K = 4), 2/5 (K = 8), else 2/3; 2/3 for one-hot
     * categorical ones, whatever K.
     */
    public static double lambdaPrior(LatentKind kind, int classes) {
        return kind.lambdaPrior(classes);
    }
}
