package org.concretelab.model.latent;

/**
 * The binary latents' gradient rows: double-precision arithmetic on float operands, as the element-by-element loops
 * they replace, to the same bits (BinaryGradientRowsTest) — but each as plain loops over double scratch rows: widen,
 * compute, narrow. Why: in one loop, each float→double conversion writes half a register and waits for the previous
 * one's, so the loop ran one element at a time (~10 ns an element here; at m = 50 these loops were most of a step);
 * split, each loop is independent element to element and the JIT vectorises it. Plain Java rather than the Vector API
 * on purpose: a second float species beside the kernels' own made their shared vector methods fall out of the JIT's
 * intrinsics (the exp polynomial ran boxed: m = 1 training 18 % slower). One per layer and thread (it keeps scratch).
 */
final class BinaryGradientRows {
    private final double[] a;
    private final double[] b;

    BinaryGradientRows(int n) {
        a = new double[n];
        b = new double[n];
    }

    /** g[i] ← (float) (g[i] + w·(1 − 2·s[i])): the relaxed prior's gradient at log α, ∂ log p(y)/∂ log α = 1 − 2s. */
    void addPriorGradient(float[] s, float[] g, int n, double w) {
        widen(s, a, n);
        widen(g, b, n);
        for (int i = 0; i < n; i++) {
            b[i] = b[i] + w * (1 - 2 * a[i]);
        }
        narrow(b, g, n);
    }

    /** g[i] ← (float) (g[i] + w·(x[i] − σ[i])): a Bernoulli score (Bernoulli.score) of 0/1 codes x, weight w. */
    void addScore(float[] x, double[] sigma, float[] g, int n, double w) {
        widen(x, a, n);
        widen(g, b, n);
        for (int i = 0; i < n; i++) {
            b[i] = b[i] + w * (a[i] - sigma[i]);
        }
        narrow(b, g, n);
    }

    /**
     * out[i] ← (float) ((gc[i]·z[i]·(1 − z[i]) + gwLambda·(2·s[i] − 1)) / lambdaQ), with 2·s[i] − 1 in float as the
     * loop this replaced had it: the relaxed posterior's gradient at log α from the code's gradient gc through
     * σ'(y) = z(1 − z), plus the prior density's (gwLambda = gw·λ2), over dy/d log α = 1/λ1.
     */
    void posteriorGradient(double[] z, float[] gc, float[] s, int n, double gwLambda, double lambdaQ, float[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = 2 * s[i] - 1; // float, as before; out is scratch until the end
        }
        widen(out, a, n);
        widen(gc, b, n);
        for (int i = 0; i < n; i++) {
            b[i] = (b[i] * z[i] * (1 - z[i]) + gwLambda * a[i]) / lambdaQ;
        }
        narrow(b, out, n);
    }

    private static void widen(float[] from, double[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = from[i];
        }
    }

    private static void narrow(double[] from, float[] to, int n) {
        for (int i = 0; i < n; i++) {
            to[i] = (float) from[i];
        }
    }
}
