package org.concretelab.explore;

import org.concretelab.model.VaeModel;

/** Which latents matter for the current image: how much flipping each one alone changes the decoded digit. */
public final class Sensitivity {
    private Sensitivity() {
    }

    /**
     * One value per discrete slot, given the code's own decoding {@code base}: the mean absolute pixel change
     * when its unit alone is flipped (categorical: moved to its next class; a unit's slots share the value) or,
     * for corner units, when that coordinate alone is flipped between −1 and 1 (as its toggle would).
     */
    public static double[] of(VaeModel model, LatentCode code, float[] base) {
        double[] s = new double[code.discreteSlots()];
        if (code.layout().kind().slotsAreFree()) {
            for (int slot = 0; slot < s.length; slot++) {
                s[slot] = change(model.decode(code.withSlot(slot, !code.isOn(slot)).values()), base);
            }
            return s;
        }
        int slots = code.layout().slotsPerUnit();
        for (int u = 0; u < code.layout().discreteUnits(); u++) {
            double d = change(model.decode(code.flip(u).values()), base);
            for (int k = 0; k < slots; k++) {
                s[u * slots + k] = d;
            }
        }
        return s;
    }

    private static double change(float[] other, float[] base) {
        double d = 0;
        for (int i = 0; i < base.length; i++) {
            d += Math.abs(other[i] - base[i]);
        }
        return d / base.length;
    }
}
