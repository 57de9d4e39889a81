package org.concretelab.model.vector;

import org.concretelab.distribution.Bernoulli;
import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.LogSpace;

/** {@link RowKernels} as plain loops in double precision: the reference, and the JVMs without the Vector API. */
public final class ScalarRowKernels implements RowKernels {

    @Override
    public double bernoulliRow(float[] x, float[] o, int offset, int n, float[] residual) {
        double s = 0;
        for (int i = offset; i < offset + n; i++) {
            s += bernoulliElement(x[i], o[i], residual, i);
        }
        return s;
    }

    @Override
    public void logInPlace(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.log(v[i]);
        }
    }

    @Override
    public void logisticRow(double[] u, int n, float[] l) {
        for (int i = 0; i < n; i++) {
            l[i] = (float) (u[i] / (1 - u[i]));
        }
        logInPlace(l, n);
    }

    @Override
    public void hardRow(float[] a, float[] l, int n, float[] z) {
        for (int i = 0; i < n; i++) {
            z[i] = Bernoulli.sampleFromLogistic(a[i], l[i]) ? 1f : 0f;
        }
    }

    @Override
    public void adamRow(java.nio.ByteBuffer p, java.nio.ByteBuffer[] g, int slots, float[] m, float[] v, float beta1,
                        float beta2, float epsilon, float step) {
        for (int k = 0; k < m.length; k++) {
            adamElement(p, g, slots, m, v, beta1, beta2, epsilon, step, k);
        }
    }

    /** {@link #adamRow}'s formula for element {@code k}: the vector kernel's tail. */
    static void adamElement(java.nio.ByteBuffer p, java.nio.ByteBuffer[] g, int slots, float[] m, float[] v, float beta1,
                            float beta2, float epsilon, float step, int k) {
        int at = Float.BYTES * k;
        float gk = g[0].getFloat(at);
        for (int s = 1; s < slots; s++) {
            gk += g[s].getFloat(at);
        }
        float mk = beta1 * m[k] + (1 - beta1) * gk;
        float vk = beta2 * v[k] + (1 - beta2) * gk * gk;
        m[k] = mk;
        v[k] = vk;
        p.putFloat(at, p.getFloat(at) - step * mk / ((float) Math.sqrt(vk) + epsilon));
    }

    @Override
    public BernoulliRows bernoulliRows(int n) {
        return new BernoulliRows(this, n) {
            private final double[] one = new double[n];
            private final double[] zero = new double[n];

            @Override
            protected void terms(float[] o) {
                for (int i = 0; i < n; i++) {
                    one[i] = bernoulliElement(1f, o[i], null, i);
                    zero[i] = bernoulliElement(0f, o[i], null, i);
                }
            }

            @Override
            protected double pick(float[] x) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += x[i] == 1f ? one[i] : zero[i];
                }
                return s;
            }
        };
    }

    @Override
    public double binaryConcreteRow(float[] a, float[] l, int n, float lambda, boolean hard, float[] y, float[] x) {
        double logq = 0;
        for (int i = 0; i < n; i++) {
            logq += binaryConcreteRowElement(a[i], l[i], lambda, hard, y, x, i);
        }
        return logq;
    }

    static double binaryConcreteRowElement(float a, float l, float lambda, boolean hard, float[] y, float[] x, int i) {
        double yi = BinaryConcrete.logitFromLogistic(a, l, lambda);
        y[i] = (float) yi;
        x[i] = hard ? (yi > 0 ? 1f : 0f) : (float) LogSpace.sigmoid(yi);
        return BinaryConcrete.logitLogDensityAtNoise(l, 0);
    }

    @Override
    public double binaryConcreteDensityRow(float[] q, float[] y, int n, float lambda, float[] s) {
        double logp = 0;
        for (int i = 0; i < n; i++) {
            logp += binaryConcreteDensityElement(q[i], y[i], lambda, s, i);
        }
        return logp;
    }

    static double binaryConcreteDensityElement(float q, float y, float lambda, float[] s, int i) {
        double t = q - (double) lambda * y; // log α − λ·y
        double e = Math.exp(-Math.abs(t)); // shared by σ(t) and softplus(t)
        s[i] = (float) LogSpace.sigmoid(t, e);
        return BinaryConcrete.logitLogDensity(t, 0, e);
    }

    /** One element of {@link #bernoulliRow}: x·o − softplus(o), one e^−|o| shared by softplus and σ. */
    static double bernoulliElement(float x, float o, float[] residual, int i) {
        double e = Math.exp(-Math.abs(o));
        if (residual != null) {
            residual[i] = (float) (x - LogSpace.sigmoid(o, e));
        }
        return x * o - LogSpace.softplus(o, e);
    }
}
