package org.concretelab.train;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.concretelab.model.Architecture;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.task.Tasks;

/**
 * Which defaults a run starts from, recorded with it so every figure can state its protocol. {@link #PROJECT}: this
 * project's (Adam 10⁻³, batch 100, no centring). {@link #PAPER}: what the paper fixes and is cheap to follow
 * (Maddison et al. 2017, appendix D.3–D.5): Adam 10⁻⁴ for non-linear density models, 3·10⁻⁴ for linear ones and for
 * structured prediction, minibatches of 64, and EMA centring of the inference networks' inputs (density
 * estimation; structured prediction has no inference network). Both share the paper's temperatures, Glorot weights and
 * the decoder's output bias at the logit of the mean pixel. Not followed by either: the paper's 10⁷ steps, its fixed
 * binarization, weight decay 10⁻³ for structured prediction and early stopping of NVIL/VIMCO runs.
 * An option given explicitly (e.g. --lr) always wins over the protocol's default.
 */
public enum Protocol {
    PROJECT, PAPER;

    /** The paper's minibatch size (appendix D.5). */
    public static final int PAPER_BATCH = 64;
    /** The paper's Adam rate for non-linear density models (appendix D.5). */
    public static final double PAPER_RATE_NONLINEAR = 1e-4;
    /** The paper's Adam rate for linear density models and for structured prediction (appendix D.5). */
    public static final double PAPER_RATE_LINEAR = 3e-4;

    /** Its name as options and files spell it: {@code project} or {@code paper}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code project} or {@code paper} (any case); anything else is refused naming the choices. */
    public static Protocol named(String text) {
        for (Protocol p : values()) {
            if (p.label().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("--protocol must be one of " + Arrays.stream(values()).map(Protocol::label)
                .collect(Collectors.joining(", ")) + ", was '" + text + "'");
    }

    /** The default Adam rate of a model of {@code architecture} for {@code task}. */
    public double learningRate(Architecture architecture, String task) {
        if (this == PROJECT) {
            return PaperDefaults.LEARNING_RATE;
        }
        boolean completion = Tasks.create(task).conditionalPrior();
        return completion || !architecture.nonlinear() ? PAPER_RATE_LINEAR : PAPER_RATE_NONLINEAR;
    }

    /** The default minibatch size. */
    public int batchSize() {
        return this == PAPER ? PAPER_BATCH : PaperDefaults.BATCH;
    }

    /** Whether EMA centring is on by default for {@code task} (the paper's, where a model has an inference network). */
    public boolean centring(String task) {
        return this == PAPER && !Tasks.create(task).conditionalPrior();
    }

    /** One line for a run's header and {@code eval}: the protocol and what it set. */
    public String describe() {
        return this == PAPER
                ? "paper (Adam 1e-4 non-linear / 3e-4 linear and completion, batch 64, EMA centring 0.9 for density)"
                : "project (Adam 1e-3, batch 100, no EMA centring)";
    }
}
