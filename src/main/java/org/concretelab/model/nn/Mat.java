package org.concretelab.model.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A row-major float matrix living in native memory: BLAS works on {@link #array()}, and element-wise
 * loops read and write the same memory through {@link #buffer()} without copies. Allocating fresh
 * arrays per step costs more than the arithmetic here, so every buffer is created once and reused.
 */
public final class Mat {
    /**
     * Values an element-wise loop copies from {@link #buffer()} to the heap at a time (where it vectorises): 16 KB, in
     * the first-level cache with its copy back; a multiple of any vector width, so a chunked loop's lanes and tail are
     * the whole copy's.
     */
    public static final int HEAP_CHUNK = 4096;

    private final INDArray array;
    private final FloatBuffer buffer;
    private final java.nio.ByteBuffer bytes;
    private final FloatPointer pointer;
    private final int rows;
    private final int cols;

    public Mat(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.array = Nd4j.create(DataType.FLOAT, rows, cols);
        this.buffer = array.data().asNioFloat();
        this.bytes = array.data().asNio().order(java.nio.ByteOrder.nativeOrder());
        this.pointer = (FloatPointer) array.data().addressPointer();
    }

    /** The native memory, for BLAS calls made directly ({@link Gemm}). */
    FloatPointer pointer() {
        return pointer;
    }

    public INDArray array() {
        return array;
    }

    public FloatBuffer buffer() {
        return buffer;
    }

    /** The same memory as bytes in native order: for kernels that read floats in SIMD lanes straight from it. */
    public java.nio.ByteBuffer bytes() {
        return bytes;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public float get(int row, int col) {
        return buffer.get(row * cols + col);
    }

    public void set(int row, int col, float value) {
        buffer.put(row * cols + col, value);
    }

    public void fill(float value) {
        for (int i = 0, n = rows * cols; i < n; i++) {
            buffer.put(i, value);
        }
    }

    /** Copies {@code rows * cols} values from {@code source} starting at {@code offset}. */
    public void load(float[] source, int offset) {
        buffer.position(0);
        buffer.put(source, offset, rows * cols);
        buffer.position(0);
    }

    /** Copies this matrix's values into {@code dest} starting at {@code offset}. */
    public void store(float[] dest, int offset) {
        buffer.position(0);
        buffer.get(dest, offset, rows * cols);
        buffer.position(0);
    }
}
