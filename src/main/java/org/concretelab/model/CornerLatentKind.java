package org.concretelab.model;

import org.concretelab.model.latent.CategoricalCode;
import org.concretelab.model.latent.CategoricalLatents;
import org.concretelab.model.latent.LatentFamily;

/**
 * Categorical units of K classes fed downstream as the paper's n-ary code, a corner of {−1, 1}^log2 K (K a power of
 * two); the paper's per-K temperatures; named, as in the paper, by their code values (H = units · log2 K).
 */
final class CornerLatentKind extends LatentKind {
    CornerLatentKind() {
        super("CORNERS");
    }

    @Override
    public String label() {
        return "corners (paper's n-ary)";
    }

    @Override
    public String noun() {
        return "corner";
    }

    @Override
    public boolean classesApply() {
        return true;
    }

    @Override
    public String classesProblem(int classes) {
        if (classes < 2) {
            return super.classesProblem(classes);
        }
        return LatentLayout.powerOfTwo(classes) ? null : "classes must be a power of two for corner latents: corner codes need"
                + " K to be a power of two (2, 4, 8, …), was " + classes;
    }

    @Override
    public int logitsPerUnit(int classes) {
        return classes;
    }

    @Override
    public int slotsPerUnit(int classes) {
        return Integer.numberOfTrailingZeros(classes);
    }

    @Override
    public int architectureWidth(int units, int classes) {
        return units * slotsPerUnit(classes);
    }

    @Override
    public java.util.OptionalInt paperHiddenWidth(int units, int classes) {
        // a K that is no power of two is the spec's to refuse, by its own message
        return LatentLayout.powerOfTwo(classes) ? java.util.OptionalInt.of(architectureWidth(units, classes))
                : java.util.OptionalInt.empty();
    }

    @Override
    public String codeLabel(int units, int classes) {
        return classes + "-ary corners (" + units + " units)";
    }

    @Override
    public LatentFamily family(int units, int classes) {
        return new CategoricalLatents(units, classes, CategoricalCode.CORNERS);
    }

    /** The paper's per-K choice: 2/3 (K = 2), 1 (K = 4), 2/3 (K = 8), else 1. */
    @Override
    public double lambdaPosterior(int classes) {
        return classes == 2 || classes == 8 ? 2.0 / 3 : 1.0;
    }

    /** The paper's per-K choice: 1/2 (K = 2), 2/3 (K = 4), 2/5 (K = 8), else 2/3. */
    @Override
    public double lambdaPrior(int classes) {
        return switch (classes) {
            case 2 -> 0.5;
            case 8 -> 0.4;
            default -> 2.0 / 3;
        };
    }

    @Override
    public int klWarmupSteps() {
        return PaperDefaults.CATEGORICAL_KL_WARMUP;
    }

    @Override
    public String klWarmupReason() {
        return "corner latents, which collapse without one";
    }

    @Override
    public boolean isOn(float value) {
        return value > 0;
    }

    @Override
    public int readClass(float[] code, int offset, int classes) {
        int k = 0;
        for (int j = 0; j < slotsPerUnit(classes); j++) {
            if (code[offset + j] > 0) {
                k |= 1 << j;
            }
        }
        return k;
    }

    @Override
    public void writeClass(float[] code, int offset, int classes, int k) {
        for (int j = 0; j < slotsPerUnit(classes); j++) {
            code[offset + j] = ((k >> j) & 1) == 1 ? 1f : -1f; // the model's C_jk (model.latent is internal)
        }
    }

    @Override
    public boolean toggle(float[] code, int offset, int classes, int slot, boolean on) {
        code[offset + slot] = on ? 1f : -1f; // every combination of a unit's coordinates is a class
        return true;
    }

    @Override
    public boolean slotsAreFree() {
        return true;
    }

    @Override
    public String slotTooltip(int unit, int slot, int classes) {
        int bits = slotsPerUnit(classes);
        return "Latent " + (unit + 1) + " (" + classes + " classes as a corner of {−1, 1}^" + bits + "), bit " + (slot + 1)
                + " of " + bits + ": click to flip its coordinate between −1 and +1; the bits set give the class.";
    }
}
