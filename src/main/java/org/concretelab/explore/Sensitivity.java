package org.concretelab.explore;

import org.concretelab.model.VaeModel;

/** Which latents matter for the current image: how much flipping each one alone changes the decoded digit. */
public final class Sensitivity {
    private Sensitivity() {
    }

    /**
     * Mean absolute pixel change when each discrete unit alone is flipped (categorical: moved to its next
     * class), given the code's own decoding {@code base}; one value per discrete slot (a unit's slots share it).
     */
    public static double[] of(VaeModel model, LatentCode code, float[] base) {
        int slots = code.layout().slotsPerUnit();
        double[] s = new double[code.discreteSlots()];
        for (int u = 0; u < code.layout().discreteUnits(); u++) {
            float[] other = model.decode(code.flip(u).values());
            double d = 0;
            for (int i = 0; i < base.length; i++) {
                d += Math.abs(other[i] - base[i]);
            }
            for (int k = 0; k < slots; k++) {
                s[u * slots + k] = d / base.length;
            }
        }
        return s;
    }
}
