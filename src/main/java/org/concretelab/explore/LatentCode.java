package org.concretelab.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;

/**
 * An immutable code in a {@link LatentLayout}: the one place that knows a binary unit is one slot
 * (0 or 1) while a categorical unit is K one-hot slots. Every operation returns a new code.
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

    /** Every binary unit 0, every categorical unit in its first class, every Gaussian unit 0. */
    public static LatentCode cleared(LatentLayout layout) {
        float[] v = new float[layout.codeLength()];
        if (layout.kind() == LatentKind.CATEGORICAL) {
            for (int u = 0; u < layout.discreteUnits(); u++) {
                v[u * layout.classes()] = 1f;
            }
        }
        return new LatentCode(layout, v);
    }

    public LatentLayout layout() {
        return layout;
    }

    /** The values as the decoder takes them (a copy). */
    public float[] values() {
        return values.clone();
    }

    /** Slots the discrete part takes: one per binary unit, K per categorical unit. */
    public int discreteSlots() {
        return layout.discreteUnits() * layout.slotsPerUnit();
    }

    /** Whether discrete slot {@code slot} is on (a binary unit at 1, or a categorical unit in that class). */
    public boolean isOn(int slot) {
        return values[checkSlot(slot)] > 0.5f;
    }

    /** The class of discrete unit {@code unit} (0 or 1 for binary units). */
    public int classOf(int unit) {
        int slots = layout.slotsPerUnit();
        if (slots == 1) {
            return values[unit] > 0.5f ? 1 : 0;
        }
        for (int k = 0; k < slots; k++) {
            if (values[unit * slots + k] > 0.5f) {
                return k;
            }
        }
        return 0;
    }

    /** Unit {@code unit} moved to its other value (binary) or to its next class, wrapping (categorical). */
    public LatentCode flip(int unit) {
        return withClass(unit, (classOf(unit) + 1) % layout.classes());
    }

    /** Unit {@code unit} set to class {@code k} (binary: 0 or 1). */
    public LatentCode withClass(int unit, int k) {
        if (unit < 0 || unit >= layout.discreteUnits() || k < 0 || k >= layout.classes()) {
            throw new IllegalArgumentException("no unit " + unit + " with class " + k + " in " + layout);
        }
        float[] v = values.clone();
        int slots = layout.slotsPerUnit();
        if (slots == 1) {
            v[unit] = k;
        } else {
            Arrays.fill(v, unit * slots, (unit + 1) * slots, 0f);
            v[unit * slots + k] = 1f;
        }
        return new LatentCode(layout, v);
    }

    /**
     * Discrete slot {@code slot} switched on or off as its toggle would be: a binary unit takes the value,
     * a categorical unit moves to the slot's class when on (switching a class off alone is no code).
     */
    public LatentCode withSlot(int slot, boolean on) {
        checkSlot(slot);
        int slots = layout.slotsPerUnit();
        if (slots == 1) {
            return withClass(slot, on ? 1 : 0);
        }
        return on ? withClass(slot / slots, slot % slots) : this;
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
