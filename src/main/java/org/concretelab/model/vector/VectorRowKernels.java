package org.concretelab.model.vector;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.concretelab.distribution.Bernoulli;

/**
 * {@link RowKernels} in SIMD lanes (16 floats with AVX-512): {@link ScalarRowKernels}' formulas in float, with e^x and
 * log(1 + e) written as polynomials of exactly rounded lane operations (+, ×, fma, ÷, bit reinterpretation). Why not the Vector
 * API's own EXP and LOG1P: they run as Intel SVML once compiled and as Java's Math before, which round differently,
 * so a run's numbers would depend on when the JIT got there; these give the same bits interpreted or compiled, and a
 * row's lanes are added in a fixed order. Within ~1e-6 relative of the double-precision loop per element
 * (VectorRowKernelsTest). Loaded only through {@link RowKernels#get()}.
 */
final class VectorRowKernels implements RowKernels {
    private static final VectorSpecies<Float> LANES = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;

    // e^x (Cephes expf): x = n·ln 2 + r, |r| ≤ ln2/2, e^r by a degree-6 polynomial, 2^n from the exponent bits
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float[] EXP_POLY = {1.9875691500e-4f, 1.3981999507e-3f, 8.3334519073e-3f, 4.1665795894e-2f,
        1.6666665459e-1f, 5.0000001201e-1f};
    /** 1.5·2²³: float + this rounds to the nearest integer (floats past 2²³ are spaced 1 apart). */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = 0x4B400000;
    /** e^−87.3 is still a normal float: below it 2^n would not fit the exponent bits. */
    private static final float EXP_FLOOR = -87.3f;
    /** log(1 + e) = 2·atanh(t), t = e/(2 + e) ≤ 1/3: 2t·Σ_k t^{2k}/(2k + 1), k ≤ 7 (truncation < 2e-9 relative). */
    private static final float[] ATANH_POLY = {1f / 15, 1f / 13, 1f / 11, 1f / 9, 1f / 7, 1f / 5, 1f / 3, 1f};

    @Override
    public double bernoulliRow(float[] x, float[] o, int offset, int n, float[] residual) {
        FloatVector sum = FloatVector.zero(LANES);
        int i = 0;
        for (int bound = LANES.loopBound(n); i < bound; i += LANES.length()) {
            int at = offset + i;
            FloatVector ov = FloatVector.fromArray(LANES, o, at);
            FloatVector xv = FloatVector.fromArray(LANES, x, at);
            FloatVector e = exp(ov.abs().neg()); // e^−|o| ∈ (0, 1]: shared by softplus and σ
            if (residual != null) {
                xv.sub(sigmoid(ov, e)).intoArray(residual, at);
            }
            sum = sum.add(xv.mul(ov).sub(ov.max(0f).add(log1pUnit(e))));
        }
        double total = inLaneOrder(sum);
        for (; i < n; i++) { // the tail (fewer than a vector's lanes): the scalar loop's formula
            total += ScalarRowKernels.bernoulliElement(x[offset + i], o[offset + i], residual, offset + i);
        }
        return total;
    }

    /**
     * Whether this JDK's Vector API loads lanes from a ByteBuffer: JDK 17 and 18 do; JDK 19 replaced those methods by
     * {@code fromMemorySegment} (JEP 426), so there {@link #adamRow} runs the scalar kernel's (the same bits, over heap copies) instead
     * of failing with NoSuchMethodError at the first training step.
     */
    static final boolean BYTE_BUFFER_LANES = hasByteBufferLanes();
    private static final ScalarRowKernels SCALAR = new ScalarRowKernels();

    private static boolean hasByteBufferLanes() {
        try {
            FloatVector.class.getMethod("fromByteBuffer", jdk.incubator.vector.VectorSpecies.class, java.nio.ByteBuffer.class,
                    int.class, java.nio.ByteOrder.class);
            FloatVector.class.getMethod("intoByteBuffer", java.nio.ByteBuffer.class, int.class, java.nio.ByteOrder.class);
            return true;
        } catch (NoSuchMethodException removed) {
            return false;
        }
    }

    @Override
    public void adamRow(java.nio.ByteBuffer p, java.nio.ByteBuffer[] g, int slots, float[] m, float[] v, float beta1,
                        float beta2, float epsilon, float step) {
        if (!BYTE_BUFFER_LANES) {
            SCALAR.adamRow(p, g, slots, m, v, beta1, beta2, epsilon, step);
            return;
        }
        java.nio.ByteOrder order = java.nio.ByteOrder.nativeOrder();
        float keep1 = 1 - beta1;
        float keep2 = 1 - beta2;
        int n = m.length;
        int k = 0;
        for (int bound = LANES.loopBound(n); k < bound; k += LANES.length()) {
            int at = Float.BYTES * k;
            FloatVector gk = FloatVector.fromByteBuffer(LANES, g[0], at, order);
            for (int s = 1; s < slots; s++) {
                gk = gk.add(FloatVector.fromByteBuffer(LANES, g[s], at, order));
            }
            FloatVector mk = FloatVector.fromArray(LANES, m, k).mul(beta1).add(gk.mul(keep1));
            FloatVector vk = FloatVector.fromArray(LANES, v, k).mul(beta2).add(gk.mul(keep2).mul(gk));
            mk.intoArray(m, k);
            vk.intoArray(v, k);
            FloatVector.fromByteBuffer(LANES, p, at, order).sub(mk.mul(step).div(vk.sqrt().add(epsilon)))
                    .intoByteBuffer(p, at, order);
        }
        for (; k < n; k++) { // the tail: the scalar formula
            int at = Float.BYTES * k;
            float gk = g[0].getFloat(at);
            for (int s = 1; s < slots; s++) {
                gk += g[s].getFloat(at);
            }
            float mk = ScalarRowKernels.adamMoment1(m[k], gk, beta1);
            float vk = ScalarRowKernels.adamMoment2(v[k], gk, beta2);
            m[k] = mk;
            v[k] = vk;
            p.putFloat(at, ScalarRowKernels.adamValue(p.getFloat(at), mk, vk, epsilon, step));
        }
    }

    @Override
    public void logInPlace(float[] v, int n) {
        int i = 0;
        for (int bound = LANES.loopBound(n); i < bound; i += LANES.length()) {
            log(FloatVector.fromArray(LANES, v, i)).intoArray(v, i);
        }
        for (; i < n; i++) {
            v[i] = (float) Math.log(v[i]);
        }
    }

    @Override
    public void logisticRow(double[] u, int n, float[] l) {
        double[] ratio = u; // overwritten: the caller's scratch
        int i = 0;
        for (int bound = DOUBLES.loopBound(n); i < bound; i += DOUBLES.length()) {
            DoubleVector v = DoubleVector.fromArray(DOUBLES, u, i);
            v.div(DoubleVector.broadcast(DOUBLES, 1.0).sub(v)).intoArray(ratio, i); // IEEE ÷: as the scalar loop's
        }
        for (; i < n; i++) {
            ratio[i] = u[i] / (1 - u[i]);
        }
        for (int j = 0; j < n; j++) {
            l[j] = (float) ratio[j];
        }
        // log(FloatVector) in a loop of this method, not through logInPlace: nested one level deeper the JIT left it
        // out of line, and an out-of-line vector method boxes its lanes (JFR: most of drawNoise's time)
        int j = 0;
        for (int bound = LANES.loopBound(n); j < bound; j += LANES.length()) {
            log(FloatVector.fromArray(LANES, l, j)).intoArray(l, j);
        }
        for (; j < n; j++) {
            l[j] = (float) Math.log(l[j]);
        }
    }

    @Override
    public void hardRow(float[] a, float[] l, int n, float[] z) {
        FloatVector zeros = FloatVector.zero(LANES);
        int i = 0;
        for (int bound = LANES.loopBound(n); i < bound; i += LANES.length()) {
            FloatVector sum = FloatVector.fromArray(LANES, a, i).add(FloatVector.fromArray(LANES, l, i));
            zeros.blend(1f, sum.compare(VectorOperators.GT, 0f)).intoArray(z, i);
        }
        for (; i < n; i++) {
            z[i] = Bernoulli.sampleFromLogistic(a[i], l[i]) ? 1f : 0f;
        }
    }

    @Override
    public boolean flushSubnormals(float[] v, int n) {
        boolean any = false;
        int i = 0;
        for (int bound = LANES.loopBound(n); i < bound; i += LANES.length()) {
            FloatVector f = FloatVector.fromArray(LANES, v, i);
            // compares and bit masks only: no arithmetic on the subnormals themselves (that is what is slow)
            VectorMask<Float> sub = f.abs().compare(VectorOperators.LT, Float.MIN_NORMAL)
                    .and(f.compare(VectorOperators.NE, 0f));
            if (sub.anyTrue()) {
                FloatVector signedZero = ((IntVector) f.reinterpretAsInts()).and(0x80000000).reinterpretAsFloats();
                f.blend(signedZero, sub).intoArray(v, i);
                any = true;
            }
        }
        return ScalarRowKernels.flushSubnormals(v, i, n) | any;
    }

    @Override
    public BernoulliRows bernoulliRows(int n) {
        return new BernoulliRows(this, n) {
            private final int bound = LANES.loopBound(n);
            private final float[] one = new float[n];
            private final float[] zero = new float[n];
            private final double[] tailOne = new double[n];
            private final double[] tailZero = new double[n];

            @Override
            protected void terms(float[] o) {
                FloatVector ones = FloatVector.broadcast(LANES, 1f);
                FloatVector zeros = FloatVector.zero(LANES);
                for (int i = 0; i < bound; i += LANES.length()) { // bernoulliRow's operations at x = 1 and x = 0
                    FloatVector ov = FloatVector.fromArray(LANES, o, i);
                    FloatVector softplus = softplus(ov);
                    ones.mul(ov).sub(softplus).intoArray(one, i);
                    zeros.mul(ov).sub(softplus).intoArray(zero, i);
                }
                for (int i = bound; i < n; i++) {
                    tailOne[i] = ScalarRowKernels.bernoulliElement(1f, o[i], null, i);
                    tailZero[i] = ScalarRowKernels.bernoulliElement(0f, o[i], null, i);
                }
            }

            @Override
            protected double pick(float[] x) {
                FloatVector sum = FloatVector.zero(LANES);
                for (int i = 0; i < bound; i += LANES.length()) {
                    VectorMask<Float> on = FloatVector.fromArray(LANES, x, i).compare(VectorOperators.EQ, 1f);
                    sum = sum.add(FloatVector.fromArray(LANES, zero, i).blend(FloatVector.fromArray(LANES, one, i), on));
                }
                double total = inLaneOrder(sum);
                for (int i = bound; i < n; i++) {
                    total += x[i] == 1f ? tailOne[i] : tailZero[i];
                }
                return total;
            }
        };
    }

    @Override
    public double binaryConcreteRow(float[] a, float[] l, int n, float lambda, boolean hard, float[] y, float[] x) {
        // two loops, each its own method: in one, the JIT's node budget ran out before log1pUnit was inlined, and an
        // out-of-line vector method boxes its lanes (JFR: a tenth of a training step's own work went there)
        int bound = LANES.loopBound(n);
        relaxedCodes(a, l, bound, lambda, hard, y, x);
        double total = noiseLogDensity(l, bound);
        for (int i = bound; i < n; i++) {
            total += ScalarRowKernels.binaryConcreteRowElement(a[i], l[i], lambda, hard, y, x, i);
        }
        return total;
    }

    /** y = (a + l)/λ and σ(y) (or y &gt; 0) over the first {@code bound} elements (a multiple of the lanes). */
    private static void relaxedCodes(float[] a, float[] l, int bound, float lambda, boolean hard, float[] y, float[] x) {
        float inverse = 1f / lambda;
        for (int i = 0; i < bound; i += LANES.length()) {
            FloatVector yv = FloatVector.fromArray(LANES, a, i).add(FloatVector.fromArray(LANES, l, i)).mul(inverse);
            yv.intoArray(y, i);
            FloatVector xv = hard ? FloatVector.zero(LANES).blend(1f, yv.compare(VectorOperators.GT, 0f)) : sigmoid(yv);
            xv.intoArray(x, i);
        }
    }

    /** Σ −l − 2·softplus(−l) over the first {@code bound} elements, lanes added in order. */
    private static double noiseLogDensity(float[] l, int bound) {
        FloatVector sum = FloatVector.zero(LANES);
        for (int i = 0; i < bound; i += LANES.length()) {
            FloatVector lv = FloatVector.fromArray(LANES, l, i);
            sum = sum.sub(lv).sub(softplus(lv.neg()).mul(2f));
        }
        return inLaneOrder(sum);
    }

    @Override
    public double binaryConcreteDensityRow(float[] q, float[] y, int n, float lambda, float[] s) {
        FloatVector sum = FloatVector.zero(LANES);
        int i = 0;
        for (int bound = LANES.loopBound(n); i < bound; i += LANES.length()) {
            FloatVector t = FloatVector.fromArray(LANES, y, i).mul(-lambda).add(FloatVector.fromArray(LANES, q, i));
            FloatVector e = exp(t.abs().neg());
            sigmoid(t, e).intoArray(s, i);
            sum = sum.add(t.sub(t.max(0f).add(log1pUnit(e)).mul(2f))); // t − 2·softplus(t)
        }
        double total = inLaneOrder(sum);
        for (; i < n; i++) {
            total += ScalarRowKernels.binaryConcreteDensityElement(q[i], y[i], lambda, s, i);
        }
        return total;
    }

    private static double inLaneOrder(FloatVector sum) {
        double total = 0;
        for (int lane = 0; lane < LANES.length(); lane++) { // reduceLanes' order is unspecified
            total += sum.lane(lane);
        }
        return total;
    }

    /** σ(v) = 1/(1 + e^−v) for v ≥ 0, e^v/(1 + e^v) below: no overflow. */
    static FloatVector sigmoid(FloatVector v) {
        return sigmoid(v, exp(v.abs().neg()));
    }

    /** σ(v) given e = e^−|v|. */
    static FloatVector sigmoid(FloatVector v, FloatVector e) {
        FloatVector inverse = FloatVector.broadcast(LANES, 1f).div(e.add(1f));
        return e.mul(inverse).blend(inverse, v.compare(VectorOperators.GE, 0f));
    }

    /** softplus(v) = max(v, 0) + log(1 + e^−|v|). */
    static FloatVector softplus(FloatVector v) {
        return v.max(0f).add(log1pUnit(exp(v.abs().neg())));
    }

    /** log x for positive normal floats: x = m·2^k with m ∈ [1, 2), log x = k·ln 2 + log(1 + (m − 1)). */
    static FloatVector log(FloatVector x) {
        IntVector bits = (IntVector) x.reinterpretAsInts();
        IntVector k = bits.lanewise(VectorOperators.LSHR, 23).sub(127);
        FloatVector m = bits.and(0x007FFFFF).or(0x3F800000).reinterpretAsFloats(); // the mantissa with exponent 0
        // k as a float without a conversion: k + 1.5·2²³ built from its bits, minus 1.5·2²³
        FloatVector kf = k.add(ROUNDER_BITS).reinterpretAsFloats().sub(ROUNDER);
        return kf.mul(LN2_HI).add(kf.mul(LN2_LO)).add(log1pUnit(m.sub(1f)));
    }

    /** e^x for x ≤ 0 (x below −87.3 gives e^−87.3 ≈ 1e-38: a float's smallest normal scale). */
    static FloatVector exp(FloatVector x) {
        FloatVector v = x.max(EXP_FLOOR);
        // n = round(v·log2 e) without float↔int conversions (not intrinsics in Java 17: 30× slower): adding
        // 1.5·2²³ rounds to an integer, which then sits in the low bits of the sum
        FloatVector shifted = v.mul(LOG2E).add(ROUNDER);
        FloatVector nf = shifted.sub(ROUNDER);
        IntVector n = (IntVector) shifted.reinterpretAsInts().sub(ROUNDER_BITS);
        FloatVector r = v.sub(nf.mul(LN2_HI)).sub(nf.mul(LN2_LO));
        FloatVector p = FloatVector.broadcast(LANES, EXP_POLY[0]);
        for (int k = 1; k < EXP_POLY.length; k++) {
            p = p.fma(r, FloatVector.broadcast(LANES, EXP_POLY[k]));
        }
        p = p.mul(r).fma(r, r).add(1f); // 1 + r + r²·P(r)
        FloatVector scale = n.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats(); // the bits of 2^n
        return p.mul(scale);
    }

    /** log(1 + e) for e ∈ [0, 1]. */
    static FloatVector log1pUnit(FloatVector e) {
        FloatVector t = e.div(e.add(2f));
        FloatVector t2 = t.mul(t);
        FloatVector p = FloatVector.broadcast(LANES, ATANH_POLY[0]);
        for (int k = 1; k < ATANH_POLY.length; k++) {
            p = p.fma(t2, FloatVector.broadcast(LANES, ATANH_POLY[k]));
        }
        return t.add(t).mul(p);
    }
}
