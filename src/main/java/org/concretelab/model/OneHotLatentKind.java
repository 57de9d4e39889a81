package org.concretelab.model;

import java.util.Arrays;
import org.concretelab.model.latent.CategoricalCode;
import org.concretelab.model.latent.CategoricalLatents;
import org.concretelab.model.latent.LatentFamily;

/** Categorical units of K classes fed downstream one-hot (K slots); λ1 = 1, λ2 = 2/3 and a KL warm-up whatever K. */
final class OneHotLatentKind extends LatentKind {
    OneHotLatentKind() {
        super("CATEGORICAL");
    }

    @Override
    public java.util.OptionalInt paperHiddenWidth(int units, int classes) {
        return java.util.OptionalInt.empty(); // one-hot latents are not the paper's: the project's default width
    }

    @Override
    public String label() {
        return "categorical (one-hot)";
    }

    @Override
    public String noun() {
        return "categorical";
    }

    @Override
    public boolean classesApply() {
        return true;
    }

    @Override
    public int logitsPerUnit(int classes) {
        return classes;
    }

    @Override
    public int slotsPerUnit(int classes) {
        return classes;
    }

    @Override
    public String codeLabel(int units, int classes) {
        return classes + "-way one-hot"; // not "-ary": that is the corner code's name
    }

    @Override
    public LatentFamily family(int units, int classes) {
        return new CategoricalLatents(units, classes, CategoricalCode.ONE_HOT);
    }

    @Override
    public double lambdaPosterior(int classes) {
        return 1.0;
    }

    @Override
    public double lambdaPrior(int classes) {
        return 2.0 / 3;
    }

    @Override
    public int klWarmupSteps() {
        return PaperDefaults.CATEGORICAL_KL_WARMUP;
    }

    @Override
    public String klWarmupReason() {
        return "categorical latents, which collapse without one";
    }

    @Override
    public boolean isOn(float value) {
        return value > 0.5f;
    }

    @Override
    public int readClass(float[] code, int offset, int classes) {
        for (int k = 0; k < classes; k++) {
            if (code[offset + k] > 0.5f) {
                return k;
            }
        }
        return 0;
    }

    @Override
    public void writeClass(float[] code, int offset, int classes, int k) {
        Arrays.fill(code, offset, offset + classes, 0f);
        code[offset + k] = 1f;
    }

    @Override
    public boolean toggle(float[] code, int offset, int classes, int slot, boolean on) {
        if (!on) {
            return false; // switching a class off alone is no code
        }
        writeClass(code, offset, classes, slot);
        return true;
    }

    @Override
    public String slotTooltip(int unit, int slot, int classes) {
        return "Latent " + (unit + 1) + ", class " + (slot + 1) + " of " + classes + ".";
    }
}
