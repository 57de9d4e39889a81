package org.concretelab.distribution;

/** The discrete end of a relaxed sample: its vertex of the simplex, and how far it still is from it. */
public final class Vertices {
    private Vertices() {
    }

    public static int argmax(double[] x) {
        return LogSpace.argmax(x, x.length);
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
