package org.concretelab.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.concretelab.model.LatentLayout;

/**
 * An immutable code in a {@link LatentLayout}: the one place that knows a binary unit is one slot
 * (0 or 1), a categorical unit K one-hot slots (0 or 1, one of them on) and a corner unit log2 K slots, the
 * coordinates of a corner of {−1, 1}^log2 K (its bits: coordinate j is +1 when bit j of the class is set, as the
 * model's corner code writes them). Every operation returns a new code.
 */
public final class LatentCode {
    private final LatentLayout layout;
    private final float[] values;

    private LatentCode(LatentLayout layout, float[] values) {
        this.layout = layout;
        this.values = values;
    }

    /** Wraps (a copy of) {@code values}, which must have the layout's length. */
    public static LatentCode of(LatentLayout layout, float[] values) {
        if (values.length != layout.codeLength()) {
            throw new IllegalArgumentException("code must have " + layout.codeLength() + " values, had " + values.length);
        }
        return new LatentCode(layout, values.clone());
    }

    /** Every binary unit 0, every categorical or corner unit in its first class (a corner's all −1), every Gaussian unit 0. */
    public static LatentCode cleared(LatentLayout layout) {
        float[] v = new float[layout.codeLength()];
        for (int u = 0; u < layout.discreteUnits(); u++) {
            layout.kind().writeClass(v, u * layout.slotsPerUnit(), layout.classes(), 0);
        }
        return new LatentCode(layout, v);
    }

    /**
     * The values a relaxed sample gives the decoder: per discrete unit a point of the simplex ({@code weights}, K per
     * unit, as the Concrete distribution draws them) written as the unit's slots are — binary: the weight of 1; one-hot:
     * the weights; corners: C·y, the weights' mix of the corners — then {@code gaussian}. At a vertex: the hard code.
     */
    public static float[] relaxedValues(LatentLayout layout, double[] weights, float[] gaussian) {
        int k = layout.classes();
        if (weights.length != layout.discreteUnits() * k || gaussian.length != layout.gaussianUnits()) {
            throw new IllegalArgumentException("relaxed code of " + layout + " needs " + layout.discreteUnits() * k
                    + " weights and " + layout.gaussianUnits() + " Gaussian values, had " + weights.length + " and " + gaussian.length);
        }
        float[] v = new float[layout.codeLength()];
        int slots = layout.slotsPerUnit();
        // a relaxed unit's code is the weighted mean of its classes' vertices, as the family writes them
        float[] vertex = new float[slots];
        double[] mean = new double[slots];
        for (int u = 0; u < layout.discreteUnits(); u++) {
            java.util.Arrays.fill(mean, 0);
            for (int c = 0; c < k; c++) {
                java.util.Arrays.fill(vertex, 0f);
                layout.kind().writeClass(vertex, 0, k, c);
                for (int j = 0; j < slots; j++) {
                    mean[j] += weights[u * k + c] * vertex[j];
                }
            }
            for (int j = 0; j < slots; j++) {
                v[u * slots + j] = (float) mean[j];
            }
        }
        System.arraycopy(gaussian, 0, v, layout.discreteUnits() * slots, gaussian.length);
        return v;
    }

    public LatentLayout layout() {
        return layout;
    }

    /** The values as the decoder takes them (a copy). */
    public float[] values() {
        return values.clone();
    }

    /** Slots the discrete part takes: one per binary unit, K per categorical unit, log2 K per corner unit. */
    public int discreteSlots() {
        return layout.discreteUnits() * layout.slotsPerUnit();
    }

    /**
     * Whether discrete slot {@code slot} is on: a binary unit at 1, a categorical unit in that class, a corner's
     * coordinate at +1 (that bit of its class set).
     */
    public boolean isOn(int slot) {
        return on(values[checkSlot(slot)]);
    }

    private boolean on(float v) {
        return layout.kind().isOn(v);
    }

    /** The class of discrete unit {@code unit} (0 or 1 for binary units; a corner's bits, bit j from coordinate j). */
    public int classOf(int unit) {
        checkUnit(unit);
        return layout.kind().readClass(values, unit * layout.slotsPerUnit(), layout.classes());
    }

    /** Unit {@code unit} moved to its other value (binary) or to its next class, wrapping (categorical, corners). */
    public LatentCode flip(int unit) {
        return withClass(unit, (classOf(unit) + 1) % layout.classes());
    }

    /** Unit {@code unit} set to class {@code k} (binary: 0 or 1; corners: the k-th corner). */
    public LatentCode withClass(int unit, int k) {
        if (unit < 0 || unit >= layout.discreteUnits() || k < 0 || k >= layout.classes()) {
            throw new IllegalArgumentException("no unit " + unit + " with class " + k + " in " + layout);
        }
        float[] v = values.clone();
        layout.kind().writeClass(v, unit * layout.slotsPerUnit(), layout.classes(), k);
        return new LatentCode(layout, v);
    }

    /**
     * Discrete slot {@code slot} switched on or off as its toggle would be: a binary unit takes the value,
     * a categorical unit moves to the slot's class when on (switching a class off alone is no code), a corner's
     * coordinate becomes +1 or −1 (every combination of a unit's coordinates is a class).
     */
    public LatentCode withSlot(int slot, boolean on) {
        checkSlot(slot);
        int slots = layout.slotsPerUnit();
        float[] v = values.clone();
        return layout.kind().toggle(v, slot / slots * slots, layout.classes(), slot % slots, on) ? new LatentCode(layout, v) : this;
    }

    public float gaussian(int g) {
        return values[discreteSlots() + checkGaussian(g)];
    }

    public LatentCode withGaussian(int g, float value) {
        float[] v = values.clone();
        v[discreteSlots() + checkGaussian(g)] = value;
        return new LatentCode(layout, v);
    }

    /** Units in which this code and {@code other} differ, in order. */
    public List<Integer> differingUnits(LatentCode other) {
        requireSameLayout(other);
        int slots = layout.slotsPerUnit();
        List<Integer> units = new ArrayList<>();
        for (int u = 0; u < layout.discreteUnits(); u++) {
            if (!Arrays.equals(values, u * slots, (u + 1) * slots, other.values, u * slots, (u + 1) * slots)) {
                units.add(u);
            }
        }
        return units;
    }

    /** This code with unit {@code unit} taken from {@code other}. */
    public LatentCode withUnitFrom(LatentCode other, int unit) {
        requireSameLayout(other);
        int slots = layout.slotsPerUnit();
        float[] v = values.clone();
        System.arraycopy(other.values, unit * slots, v, unit * slots, slots);
        return new LatentCode(layout, v);
    }

    private void requireSameLayout(LatentCode other) {
        if (!layout.equals(other.layout)) {
            throw new IllegalArgumentException("codes of different layouts: " + layout + " and " + other.layout);
        }
    }

    private void checkUnit(int unit) {
        if (unit < 0 || unit >= layout.discreteUnits()) {
            throw new IllegalArgumentException("no unit " + unit + " in " + layout);
        }
    }

    private int checkSlot(int slot) {
        if (slot < 0 || slot >= discreteSlots()) {
            throw new IndexOutOfBoundsException("discrete slot " + slot + " of " + discreteSlots());
        }
        return slot;
    }

    private int checkGaussian(int g) {
        if (g < 0 || g >= layout.gaussianUnits()) {
            throw new IndexOutOfBoundsException("Gaussian unit " + g + " of " + layout.gaussianUnits());
        }
        return g;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatentCode c && layout.equals(c.layout) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * layout.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LatentCode" + Arrays.toString(values);
    }
}
