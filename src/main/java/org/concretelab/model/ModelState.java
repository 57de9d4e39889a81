package org.concretelab.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything a checkpoint keeps of a model: its spec, the optimiser's step count and every named
 * array (parameters and Adam moments), in a stable order.
 */
public record ModelState(ModelSpec spec, long step, Map<String, NamedArray> arrays) {

    public ModelState {
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** A float array with its shape; {@code values.length} is the product of {@code shape}. */
    public record NamedArray(long[] shape, float[] values) {
        public NamedArray {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n != values.length) {
                throw new IllegalArgumentException("array of shape " + java.util.Arrays.toString(shape)
                        + " needs " + n + " values, has " + values.length);
            }
        }
    }
}
