package org.concretelab.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.concretelab.model.latent.LatentFamily;

/**
 * What the discrete stochastic units are: one registered descriptor per family ({@link #values()}), holding everything
 * the model, the defaults, the explorers and the two faces decide by family — the code widths, the paper's default
 * temperatures and KL warm-up, what a code's values mean, its names and labels, and which settings apply (K). A new
 * family is one subclass and one line in {@link #REGISTERED}.
 *
 * <p>Its {@link #name()} ("BINARY", "CATEGORICAL", "CORNERS") is what checkpoints store; {@link #cliName()} what
 * {@code --latent} takes. Gaussian units are not a kind: they are added beside the discrete ones
 * ({@code gaussianUnits}), whatever the kind.
 */
public abstract class LatentKind {
    /** BinaryConcrete units (n = 2, one number per unit). */
    public static final LatentKind BINARY = new BinaryLatentKind();
    /** Concrete units of K classes each, fed downstream as a one-hot code of K slots (Jang et al.'s). */
    public static final LatentKind CATEGORICAL = new OneHotLatentKind();
    /**
     * Concrete units of K classes each, fed downstream as the paper's n-ary code: a corner of {−1, 1}^log2 K
     * (log2 K values per unit, Ỹ = C·x); K must be a power of two ≥ 2.
     */
    public static final LatentKind CORNERS = new CornerLatentKind();

    /** Every family, in the order the faces offer them. */
    private static final List<LatentKind> REGISTERED = List.of(BINARY, CATEGORICAL, CORNERS);

    private final String name;

    protected LatentKind(String name) {
        this.name = name;
    }

    /** Every registered family (a new array, as an enum's values()). */
    public static LatentKind[] values() {
        return REGISTERED.toArray(LatentKind[]::new);
    }

    /** The family a checkpoint names ("BINARY", …); an unknown name is an IllegalArgumentException. */
    public static LatentKind valueOf(String name) {
        for (LatentKind k : REGISTERED) {
            if (k.name.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("No latent kind " + name + "; one of " + Arrays.toString(values()));
    }

    /** The family of a command-line or user name, any case. */
    public static LatentKind parse(String text) {
        for (LatentKind k : REGISTERED) {
            if (k.name.equalsIgnoreCase(text)) {
                return k;
            }
        }
        throw new IllegalArgumentException("latent kind: unknown '" + text + "'; one of "
                + String.join(", ", REGISTERED.stream().map(LatentKind::cliName).toList()));
    }

    /** The stored name: "BINARY", "CATEGORICAL", "CORNERS". */
    public final String name() {
        return name;
    }

    @Override
    public final String toString() {
        return name;
    }

    // ------------------------------------------------------------------ names and what the faces offer

    /** The command line's {@code --latent} value: "binary", … */
    public String cliName() {
        return name.toLowerCase(Locale.ROOT);
    }

    /** The app's choice label. */
    public abstract String label();

    /** In a sentence, before "latents": "binary", "categorical", "corner". */
    public abstract String noun();

    /** Whether K (classes per unit) is a setting of this family (the form shows its field, -K applies). */
    public abstract boolean classesApply();

    /** What is wrong with {@code classes} for this family, in the model's words, or null if nothing. */
    public String classesProblem(int classes) {
        return classes < 2 ? "classes must be at least 2, was " + classes : null;
    }

    // ------------------------------------------------------------------ widths and names of a model

    /** Encoder outputs (logits) per unit. */
    public abstract int logitsPerUnit(int classes);

    /** Code values (slots) per unit fed to the decoder: 1 binary, K one-hot, log2 K corner coordinates. */
    public abstract int slotsPerUnit(int classes);

    /** The width H that an architecture string shows for {@code units} units: the units, or (corners) their code values. */
    public int architectureWidth(int units, int classes) {
        return units;
    }

    /**
     * The width of the paper's "~" tanh layers after a stochastic layer of {@code units} units: as wide as that layer
     * in code values (the paper's appendix D.1), or empty when the paper built no such layer (the caller's default).
     */
    public java.util.OptionalInt paperHiddenWidth(int units, int classes) {
        return java.util.OptionalInt.of(architectureWidth(units, classes));
    }

    /** What the code is, in a model's name: "binary", "4-way one-hot", "4-ary corners (120 units)". */
    public abstract String codeLabel(int units, int classes);

    /** The sampling family of {@code units} units in the model's latent layer. */
    public abstract LatentFamily family(int units, int classes);

    // ------------------------------------------------------------------ the paper's defaults

    /** λ1 with {@code classes} classes. */
    public abstract double lambdaPosterior(int classes);

    /** λ2 with {@code classes} classes. */
    public abstract double lambdaPrior(int classes);

    /** KL warm-up steps (density estimation). */
    public abstract int klWarmupSteps();

    /** Why the KL warm-up defaults to {@link #klWarmupSteps()}, after "the default for …". */
    public abstract String klWarmupReason();

    // ------------------------------------------------------------------ what a code's values mean

    /** Whether a code value is "on": a binary unit at 1, a one-hot slot holding the class, a corner coordinate at +1. */
    public abstract boolean isOn(float value);

    /** The class of the unit whose slots start at {@code offset}. */
    public abstract int readClass(float[] code, int offset, int classes);

    /** Writes class {@code k} into the unit's slots starting at {@code offset}. */
    public abstract void writeClass(float[] code, int offset, int classes, int k);

    /**
     * Slot {@code slot} of the unit starting at {@code offset} switched as its toggle would; false if that is no code
     * (switching a one-hot class off alone) and nothing changed.
     */
    public abstract boolean toggle(float[] code, int offset, int classes, int slot, boolean on);

    /** Whether each slot is a free coordinate (every combination a class), flipped alone rather than with its unit. */
    public boolean slotsAreFree() {
        return false;
    }

    /** A toggle's tooltip for slot {@code slot} of unit {@code unit} (both from 0). */
    public abstract String slotTooltip(int unit, int slot, int classes);
}
