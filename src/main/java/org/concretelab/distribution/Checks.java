package org.concretelab.distribution;

/** Argument validation with messages that name the parameter and its value. */
final class Checks {
    private Checks() {
    }

    static double temperature(double lambda) {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("temperature λ must be positive and finite, was " + lambda);
        }
        return lambda;
    }

    /** log α from α: every α_k positive and finite, at least two classes. */
    static double[] logsOfWeights(double[] alpha) {
        if (alpha == null || alpha.length < 2) {
            throw new IllegalArgumentException("α needs at least 2 class weights, had " + (alpha == null ? 0 : alpha.length));
        }
        double[] logs = new double[alpha.length];
        for (int k = 0; k < alpha.length; k++) {
            if (!(alpha[k] > 0) || !Double.isFinite(alpha[k])) {
                throw new IllegalArgumentException("α[" + k + "] must be positive and finite, was " + alpha[k]);
            }
            logs[k] = Math.log(alpha[k]);
        }
        return logs;
    }

    static double[] logits(double[] logits) {
        if (logits == null || logits.length < 2) {
            throw new IllegalArgumentException("logits need at least 2 classes, had " + (logits == null ? 0 : logits.length));
        }
        for (int k = 0; k < logits.length; k++) {
            if (!Double.isFinite(logits[k])) {
                throw new IllegalArgumentException("logits[" + k + "] must be finite, was " + logits[k]);
            }
        }
        return logits.clone();
    }

    static void dimension(String what, double[] x, int n) {
        if (x == null || x.length != n) {
            throw new IllegalArgumentException(what + " must have " + n + " coordinates, had " + (x == null ? 0 : x.length));
        }
    }
}
