package org.concretelab.model;

import java.util.Locale;

/**
 * About how much memory a model needs, from its spec, so that a model too big for this machine is refused at
 * once with a figure instead of failing minutes later in {@code bad_alloc} or OutOfMemoryError.
 *
 * <p>Per parameter: value and gradient in native memory (ND4J), Adam's two moments plus the update loop's
 * two copies on the heap, and up to three more heap copies while a checkpoint is taken. Per row of a
 * minibatch (batch × m samples): activations and their gradients of every layer, native.
 *
 * @param heapBytes   Java heap needed
 * @param nativeBytes ND4J off-heap memory needed
 */
public record MemoryEstimate(double heapBytes, double nativeBytes) {
    private static final int FLOAT = 4;
    private static final int HEAP_FLOATS_PER_PARAM = 4 + 3;
    private static final int NATIVE_FLOATS_PER_PARAM = 2;
    /** Fixed allowance for the JVM, ND4J and the data set (MNIST's bytes alone are 55 MB). */
    private static final double BASE_BYTES = 256e6;

    /** The estimate for training {@code spec} with minibatches of {@code batchSize} images. */
    public static MemoryEstimate of(ModelSpec spec, int batchSize) {
        double params = ParameterShapes.count(spec);
        double rows = (double) Math.max(batchSize, 1) * spec.samples();
        double perRow = 0;
        for (long[] s : ParameterShapes.of(spec).values()) {
            if (s[0] == 1) {
                perRow += s[1]; // each layer's output width (its bias), once per row
            }
        }
        perRow = 2 * perRow + 4.0 * org.concretelab.model.task.Task.IMAGE_PIXELS; // outputs and their gradients; input, logits, their gradient
        return new MemoryEstimate(BASE_BYTES + params * HEAP_FLOATS_PER_PARAM * FLOAT,
                params * NATIVE_FLOATS_PER_PARAM * FLOAT + 3 * rows * perRow * FLOAT);
    }

    public double totalBytes() {
        return heapBytes + nativeBytes;
    }

    /** Null when it fits the given limits, else a message with the figures and what to do. */
    public String problem(double maxHeap, double maxNative, double physical) {
        boolean overMachine = physical > 0 && totalBytes() > physical;
        if (!overMachine && heapBytes <= maxHeap && nativeBytes <= maxNative) {
            return null;
        }
        return String.format(Locale.ROOT, "this model needs about %s (%s Java heap, %s native); this JVM may use %s"
                        + " (%s heap, %s native)%s; choose fewer --units, --gaussian or --hidden units, a smaller --batch"
                        + " or -m%s", gb(totalBytes()), gb(heapBytes), gb(nativeBytes), gb(maxHeap + maxNative), gb(maxHeap),
                gb(maxNative), physical > 0 ? " on a machine with " + gb(physical) : "",
                overMachine ? "" : ", or give Java more memory (-Xmx; native memory follows it)");
    }

    /** {@link #problem} with this JVM's limits: max heap, javacpp's native limit and the physical memory. */
    public String problemHere() {
        double maxNative;
        double physical;
        try {
            maxNative = org.bytedeco.javacpp.Pointer.maxBytes();
            physical = org.bytedeco.javacpp.Pointer.totalPhysicalBytes();
        } catch (RuntimeException | LinkageError e) {
            maxNative = Runtime.getRuntime().maxMemory(); // javacpp's default limit
            physical = 0;
        }
        return problem(Runtime.getRuntime().maxMemory(), maxNative, physical);
    }

    /** Throws an IllegalArgumentException with {@link #problemHere()}'s message when the model does not fit. */
    public void requireFits() {
        String problem = problemHere();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    static String gb(double bytes) {
        return bytes >= 1e9 ? String.format(Locale.ROOT, "%.0f GB", Math.ceil(bytes / 1e9))
                : String.format(Locale.ROOT, "%.0f MB", Math.ceil(bytes / 1e6));
    }
}
