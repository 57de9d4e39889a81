package org.concretelab.model.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The SIMD kernels agree with the double-precision loops (the tests run with the Vector API in the module graph). */
class VectorRowKernelsTest {

    @Test
    void theTestJvmHasTheVectorKernels() {
        assertTrue(RowKernels.vectorized(), "surefire's argLine adds jdk.incubator.vector; without it the app runs slower");
    }

    @Test
    void expAndLog1pAreWithinAFewFloatUlps() {
        var lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
        double worstExp = 0;
        double worstLog = 0;
        float[] in = new float[lanes.length()];
        float[] out = new float[lanes.length()];
        for (double start = -100; start <= 0; start += 1e-3 * lanes.length()) {
            for (int l = 0; l < in.length; l++) {
                in[l] = (float) Math.min(0, start + 1e-3 * l);
            }
            VectorRowKernels.exp(jdk.incubator.vector.FloatVector.fromArray(lanes, in, 0)).intoArray(out, 0);
            for (int l = 0; l < in.length; l++) {
                double exact = Math.exp(Math.max(in[l], -87.3f));
                worstExp = Math.max(worstExp, Math.abs(out[l] - exact) / exact);
            }
            for (int l = 0; l < in.length; l++) {
                in[l] = (float) Math.exp(in[l] / 10); // e ∈ (0, 1]
            }
            VectorRowKernels.log1pUnit(jdk.incubator.vector.FloatVector.fromArray(lanes, in, 0)).intoArray(out, 0);
            for (int l = 0; l < in.length; l++) {
                double exact = Math.log1p(in[l]);
                worstLog = Math.max(worstLog, Math.abs(out[l] - exact) / exact);
            }
        }
        assertTrue(worstExp < 2.5e-7, "exp relative error " + worstExp);
        assertTrue(worstLog < 2.5e-7, "log1p relative error " + worstLog);
    }

    @Test
    void subnormalFlushMatchesTheScalarLoopBitForBit() {
        RowKernels vector = new VectorRowKernels();
        RowKernels scalar = new ScalarRowKernels();
        SplittableRandom random = new SplittableRandom(11);
        int[] specials = {0, 0x80000000, 1, 0x80000001, 0x007FFFFF, 0x807FFFFF, 0x00800000, 0x80800000, 0x7FC00000,
            0x7F800000, 0xFF800000, 0x3F800000};
        for (int n : new int[] {1, 15, 16, 17, 100, 4096}) {
            for (int density : new int[] {0, 5, 50}) {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    int kind = random.nextInt(100);
                    a[i] = kind < density ? Float.intBitsToFloat(random.nextInt(0x00800000) | (random.nextBoolean() ? 0x80000000 : 0))
                            : kind < density + 3 ? Float.intBitsToFloat(specials[random.nextInt(specials.length)])
                            : (float) random.nextGaussian();
                }
                float[] b = a.clone();
                boolean anyScalar = scalar.flushSubnormals(a, n);
                boolean anyVector = vector.flushSubnormals(b, n);
                assertEquals(anyScalar, anyVector, n + " values, " + density + " % subnormal");
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "value " + i + " of " + n);
                    assertTrue(a[i] == 0f || Math.abs(a[i]) >= Float.MIN_NORMAL || Float.isNaN(a[i]), "left " + a[i]);
                }
            }
            float[] normal = new float[n];
            for (int i = 0; i < n; i++) {
                normal[i] = (float) random.nextGaussian();
            }
            float[] copy = normal.clone();
            assertTrue(!vector.flushSubnormals(copy, n), "no subnormal, nothing flushed");
            assertTrue(java.util.Arrays.equals(normal, copy));
        }
    }

    @Test
    void bernoulliRowsMatchTheScalarLoopForEveryWidthAndOffset() {
        RowKernels vector = new VectorRowKernels();
        RowKernels scalar = new ScalarRowKernels();
        SplittableRandom random = new SplittableRandom(3);
        for (int width : new int[] {1, 7, 16, 33, 392, 784}) {
            int offset = width % 5;
            float[] x = new float[offset + width + 3];
            float[] o = new float[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextDouble() < 0.3 ? 1f : 0f;
                // logits as a decoder gives them, with tails far past where σ saturates
                o[i] = (float) (random.nextGaussian() * (i % 9 == 0 ? 40 : 4));
            }
            float[] gv = new float[x.length];
            float[] gs = new float[x.length];
            gv[offset - 1 < 0 ? x.length - 1 : offset - 1] = 7f; // outside the row: must stay untouched
            gs[offset - 1 < 0 ? x.length - 1 : offset - 1] = 7f;
            double sv = vector.bernoulliRow(x, o, offset, width, gv);
            double ss = scalar.bernoulliRow(x, o, offset, width, gs);
            assertEquals(ss, sv, 2e-5 * Math.max(1, Math.abs(ss)), "width " + width);
            assertEquals(ss, vector.bernoulliRow(x, o, offset, width, null), 2e-5 * Math.max(1, Math.abs(ss)));
            for (int i = 0; i < x.length; i++) {
                assertEquals(gs[i], gv[i], 2e-7, "residual " + i + " of width " + width);
            }
        }
    }

    @Test
    void logAndBinaryConcreteRowsMatchTheScalarLoops() {
        RowKernels vector = new VectorRowKernels();
        RowKernels scalar = new ScalarRowKernels();
        SplittableRandom random = new SplittableRandom(4);
        for (int width : new int[] {1, 15, 16, 200, 203}) {
            float[] ratio = new float[width];
            float[] a = new float[width];
            float[] q = new float[width];
            for (int i = 0; i < width; i++) {
                double u = (random.nextLong() >>> 11) * 0x1.0p-53 + 1e-12;
                ratio[i] = (float) (u / (1 - u));
                a[i] = (float) (random.nextGaussian() * (i % 7 == 0 ? 30 : 3));
                q[i] = (float) (random.nextGaussian() * 3);
            }
            float[] lv = ratio.clone();
            float[] ls = ratio.clone();
            vector.logInPlace(lv, width);
            scalar.logInPlace(ls, width);
            for (int i = 0; i < width; i++) {
                assertEquals(ls[i], lv[i], 2e-7 * Math.max(1, Math.abs(ls[i])), "log of " + ratio[i]);
            }
            for (boolean hard : new boolean[] {false, true}) {
                for (float lambda : new float[] {2f / 3, 0.1f, 2f}) {
                    float[] yv = new float[width];
                    float[] xv = new float[width];
                    float[] ys = new float[width];
                    float[] xs = new float[width];
                    double dv = vector.binaryConcreteRow(a, ls, width, lambda, hard, yv, xv);
                    double ds = scalar.binaryConcreteRow(a, ls, width, lambda, hard, ys, xs);
                    assertEquals(ds, dv, 1e-5 * Math.max(1, Math.abs(ds)));
                    for (int i = 0; i < width; i++) {
                        assertEquals(ys[i], yv[i], 1e-6 * Math.max(1, Math.abs(ys[i])));
                        assertEquals(xs[i], xv[i], 2e-7);
                    }
                    float[] sv = new float[width];
                    float[] ss = new float[width];
                    double pv = vector.binaryConcreteDensityRow(q, ys, width, lambda, sv);
                    double ps = scalar.binaryConcreteDensityRow(q, ys, width, lambda, ss);
                    assertEquals(ps, pv, 1e-5 * Math.max(1, Math.abs(ps)));
                    for (int i = 0; i < width; i++) {
                        assertEquals(ss[i], sv[i], 2e-7);
                    }
                }
            }
        }
    }
}
