package org.concretelab.model.vector;

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

    /** One element of {@link #bernoulliRow}: x·o − softplus(o), one e^−|o| shared by softplus and σ. */
    static double bernoulliElement(float x, float o, float[] residual, int i) {
        double e = Math.exp(-Math.abs(o));
        if (residual != null) {
            residual[i] = (float) (x - LogSpace.sigmoid(o, e));
        }
        return x * o - LogSpace.softplus(o, e);
    }
}
