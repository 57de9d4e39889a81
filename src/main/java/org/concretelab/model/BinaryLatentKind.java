package org.concretelab.model;

import org.concretelab.model.latent.BinaryLatents;
import org.concretelab.model.latent.LatentFamily;

/** Binary units: one logit, one code value (0 or 1) each; the paper's λ1 = 2/3, λ2 = 1/2 and no KL warm-up. */
final class BinaryLatentKind extends LatentKind {
    BinaryLatentKind() {
        super("BINARY");
    }

    @Override
    public String label() {
        return "binary";
    }

    @Override
    public String noun() {
        return "binary";
    }

    @Override
    public boolean classesApply() {
        return false;
    }

    @Override
    public String classesProblem(int classes) {
        return classes != 2 ? "classes must be 2 for binary latents, was " + classes : null;
    }

    @Override
    public int logitsPerUnit(int classes) {
        return 1;
    }

    @Override
    public int slotsPerUnit(int classes) {
        return 1;
    }

    @Override
    public String codeLabel(int units, int classes) {
        return "binary";
    }

    @Override
    public LatentFamily family(int units, int classes) {
        return new BinaryLatents(units);
    }

    @Override
    public double lambdaPosterior(int classes) {
        return 2.0 / 3;
    }

    @Override
    public double lambdaPrior(int classes) {
        return 0.5;
    }

    @Override
    public int klWarmupSteps() {
        return 0; // the paper's protocol: binary units recover by themselves
    }

    @Override
    public String klWarmupReason() {
        return "binary latents (the paper's protocol)";
    }

    @Override
    public boolean isOn(float value) {
        return value > 0.5f;
    }

    @Override
    public int readClass(float[] code, int offset, int classes) {
        return code[offset] > 0.5f ? 1 : 0;
    }

    @Override
    public void writeClass(float[] code, int offset, int classes, int k) {
        code[offset] = k;
    }

    @Override
    public boolean toggle(float[] code, int offset, int classes, int slot, boolean on) {
        code[offset] = on ? 1 : 0;
        return true;
    }

    @Override
    public String slotTooltip(int unit, int slot, int classes) {
        return "Latent " + (unit + 1) + ": click to flip it between 0 and 1.";
    }
}
