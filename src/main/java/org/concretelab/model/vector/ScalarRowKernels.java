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

    /**
     * Over heap copies, as Adam did before the kernels: a loop over plain arrays vectorises, one over a ByteBuffer's
     * accessors does not (~8 ns an element: it halved a training step's rate). The slots are added in slot order.
     */
    @Override
    public void adamRow(java.nio.ByteBuffer p, java.nio.ByteBuffer[] g, int slots, float[] m, float[] v, float beta1,
                        float beta2, float epsilon, float step) {
        int n = m.length;
        float[][] scratch = ADAM_SCRATCH.get();
        if (scratch[0].length < n) {
            scratch = new float[][] {new float[n], new float[n], new float[n]};
            ADAM_SCRATCH.set(scratch);
        }
        float[] pv = scratch[0];
        float[] gv = scratch[1];
        float[] more = scratch[2];
        p.asFloatBuffer().get(pv, 0, n);
        g[0].asFloatBuffer().get(gv, 0, n);
        for (int s = 1; s < slots; s++) {
            g[s].asFloatBuffer().get(more, 0, n);
            for (int k = 0; k < n; k++) {
                gv[k] += more[k];
            }
        }
        for (int k = 0; k < n; k++) {
            float gk = gv[k];
            float mk = adamMoment1(m[k], gk, beta1);
            float vk = adamMoment2(v[k], gk, beta2);
            m[k] = mk;
            v[k] = vk;
            pv[k] = adamValue(pv[k], mk, vk, epsilon, step);
        }
        p.asFloatBuffer().put(pv, 0, n);
    }

    @Override
    public boolean flushSubnormals(float[] v, int n) {
        return flushSubnormals(v, 0, n);
    }

    /** {@link #flushSubnormals(float[], int)} of elements {@code from} … {@code to − 1} (also the lanes' tail). */
    static boolean flushSubnormals(float[] v, int from, int to) {
        boolean any = false;
        for (int i = from; i < to; i++) {
            float x = v[i];
            if (x != 0f && Math.abs(x) < Float.MIN_NORMAL) {
                v[i] = Math.copySign(0f, x);
                any = true;
            }
        }
        return any;
    }

    /** A thread's heap copies for {@link #adamRow} (a parameter's values, its gradient, a further slot). */
    private static final ThreadLocal<float[][]> ADAM_SCRATCH = ThreadLocal.withInitial(() -> new float[3][0]);

    /** Adam's first moment: β1·m + (1 − β1)·g, in float. */
    static float adamMoment1(float m, float g, float beta1) {
        return beta1 * m + (1 - beta1) * g;
    }

    /** Adam's second moment: β2·v + (1 − β2)·g·g, in float, the products in that order. */
    static float adamMoment2(float v, float g, float beta2) {
        return beta2 * v + (1 - beta2) * g * g;
    }

    /** The parameter after the step: p − step·m / (√v + ε), √ rounded to float first. */
    static float adamValue(float p, float m, float v, float epsilon, float step) {
        return p - step * m / ((float) Math.sqrt(v) + epsilon);
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
