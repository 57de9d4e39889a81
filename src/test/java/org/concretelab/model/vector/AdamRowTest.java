package org.concretelab.model.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Adam's in-place kernel, in lanes and as the scalar loop, against the update as it was written before it (the
 * gradient slots copied to heap arrays and added in slot order, then the loop below): the same bits for every value,
 * moment and parameter — a training run must not change by a bit when the update moves.
 */
class AdamRowTest {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;
    /** Values that round differently if any operation is fused, reordered or done in another precision. */
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1e-30f, -1e-20f,
        1e-8f, 0.5f, 1f, -1f, 3.4e19f, -1e19f, 1e-4f, 0.1f, 7f};

    @Test
    void theTestJdkTakesTheLanesPath() {
        assertTrue(VectorRowKernels.BYTE_BUFFER_LANES, "JDK 17's Vector API loads lanes from byte buffers; the test below"
                + " would otherwise check the scalar fallback twice");
    }

    /** The kernels read a parameter through {@link Mat#bytes()}: the same floats as its buffer, from the first. */
    @Test
    void aMatsBytesAreItsFloatsInNativeOrder() {
        org.concretelab.model.nn.Mat mat = new org.concretelab.model.nn.Mat(3, 5);
        for (int i = 0; i < 15; i++) {
            mat.buffer().put(i, i + 0.25f);
        }
        ByteBuffer bytes = mat.bytes();
        assertEquals(ByteOrder.nativeOrder(), bytes.order());
        assertEquals(15 * Float.BYTES, bytes.capacity());
        for (int i = 0; i < 15; i++) {
            assertEquals(i + 0.25f, bytes.getFloat(Float.BYTES * i));
        }
    }

    @Test
    void theKernelsGiveTheOldUpdatesBitsWhateverTheSlotsAndLength() {
        SplittableRandom random = new SplittableRandom(31);
        for (int n : new int[] {1, 15, 16, 17, 33, 200, 4_099, 157_017}) {
            for (int slots = 1; slots <= 4; slots++) {
                float[] p = values(random, n);
                float[][] g = new float[slots][];
                for (int s = 0; s < slots; s++) {
                    g[s] = values(random, n);
                }
                float[] m = values(random, n);
                float[] v = new float[n];
                for (int k = 0; k < n; k++) {
                    v[k] = Math.abs(values(random, 1)[0]);
                }
                float step = (float) (1e-3 * random.nextDouble());
                for (RowKernels kernels : new RowKernels[] {new ScalarRowKernels(), new VectorRowKernels()}) {
                    float[] op = p.clone();
                    float[] om = m.clone();
                    float[] ov = v.clone();
                    oldUpdate(op, g, om, ov, step);
                    ByteBuffer bp = direct(p);
                    ByteBuffer[] bg = new ByteBuffer[slots];
                    for (int s = 0; s < slots; s++) {
                        bg[s] = direct(g[s]);
                    }
                    float[] km = m.clone();
                    float[] kv = v.clone();
                    kernels.adamRow(bp, bg, slots, km, kv, BETA1, BETA2, EPSILON, step);
                    for (int k = 0; k < n; k++) {
                        String where = kernels.getClass().getSimpleName() + ", n = " + n + ", " + slots + " slots, element " + k;
                        assertEquals(Float.floatToRawIntBits(om[k]), Float.floatToRawIntBits(km[k]), "m: " + where);
                        assertEquals(Float.floatToRawIntBits(ov[k]), Float.floatToRawIntBits(kv[k]), "v: " + where);
                        assertEquals(Float.floatToRawIntBits(op[k]), Float.floatToRawIntBits(bp.getFloat(4 * k)), "p: " + where);
                    }
                    for (int s = 0; s < slots; s++) {
                        for (int k = 0; k < n; k++) {
                            assertEquals(Float.floatToRawIntBits(g[s][k]), Float.floatToRawIntBits(bg[s].getFloat(4 * k)),
                                    "the gradients are read, not written");
                        }
                    }
                }
            }
        }
    }

    /** Adam's update before the kernel (model/optim/Adam at 17cb177), copied: the oracle. */
    private static void oldUpdate(float[] p, float[][] slots, float[] m, float[] v, float step) {
        float[] g = slots[0].clone();
        for (int s = 1; s < slots.length; s++) {
            for (int k = 0; k < g.length; k++) {
                g[k] += slots[s][k];
            }
        }
        for (int k = 0, n = m.length; k < n; k++) {
            float gk = g[k];
            float mk = BETA1 * m[k] + (1 - BETA1) * gk;
            float vk = BETA2 * v[k] + (1 - BETA2) * gk * gk;
            m[k] = mk;
            v[k] = vk;
            p[k] -= step * mk / ((float) Math.sqrt(vk) + EPSILON);
        }
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] x = new float[n];
        for (int k = 0; k < n; k++) {
            x[k] = random.nextInt(8) == 0 ? SPECIAL[random.nextInt(SPECIAL.length)]
                    : (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-6, 2)));
        }
        return x;
    }

    private static ByteBuffer direct(float[] x) {
        ByteBuffer b = ByteBuffer.allocateDirect(4 * x.length).order(ByteOrder.nativeOrder());
        for (int k = 0; k < x.length; k++) {
            b.putFloat(4 * k, x[k]);
        }
        return b;
    }
}
