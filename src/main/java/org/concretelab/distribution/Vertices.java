package org.concretelab.distribution;

/** The discrete end of a relaxed sample: its vertex of the simplex, and how far it still is from it. */
public final class Vertices {
    private Vertices() {
    }

    public static int argmax(double[] x) {
        int best = 0;
        for (int k = 1; k < x.length; k++) {
            if (x[k] > x[best]) {
                best = k;
            }
        }
        return best;
    }

    /** The one-hot vertex of {@code x} (the hard, λ → 0 value; forward pass of a straight-through estimator). */
    public static double[] hard(double[] x) {
        double[] h = new double[x.length];
        h[argmax(x)] = 1;
        return h;
    }

    /** Euclidean distance from {@code x} to the nearest vertex: 0 at a vertex, √(1 − 1/n) at the centre. */
    public static double nearestVertexDistance(double[] x) {
        int k = argmax(x);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - (i == k ? 1 : 0);
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /** Shannon entropy (nats) of a probability vector. */
    public static double entropy(double[] p) {
        double h = 0;
        for (double v : p) {
            if (v > 0) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }
}
