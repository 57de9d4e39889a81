package org.concretelab.gradients;

/**
 * Running mean and variance of every coordinate of a stream of vectors (Welford's update, in doubles): what an
 * estimator's draws average to, and how much they scatter.
 */
public final class CoordinateMoments {
    private final double[] mean;
    private final double[] m2;
    private long count;

    public CoordinateMoments(int dimension) {
        mean = new double[dimension];
        m2 = new double[dimension];
    }

    /** Adds one draw; {@code x} must have {@link #dimension()} values. */
    public void add(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("a draw of " + x.length + " values for " + mean.length + " coordinates");
        }
        count++;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - mean[i];
            mean[i] += d / count;
            m2[i] += d * (x[i] - mean[i]);
        }
    }

    /** Adds every draw {@code other} has seen (Chan et al.'s pairwise update); {@code other} is left as it was. */
    public void merge(CoordinateMoments other) {
        if (other.mean.length != mean.length) {
            throw new IllegalArgumentException("moments of " + other.mean.length + " coordinates into " + mean.length);
        }
        if (other.count == 0) {
            return;
        }
        long n = count + other.count;
        for (int i = 0; i < mean.length; i++) {
            double d = other.mean[i] - mean[i];
            mean[i] += d * other.count / n;
            m2[i] += other.m2[i] + d * d * count * other.count / n;
        }
        count = n;
    }

    public int dimension() {
        return mean.length;
    }

    public long count() {
        return count;
    }

    /** The mean of each coordinate (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** The unbiased sample variance of each coordinate (NaN before two draws). */
    public double[] variance() {
        double[] v = new double[mean.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = count > 1 ? m2[i] / (count - 1) : Double.NaN;
        }
        return v;
    }

    /** The trace of the sample covariance over the dimension: the mean variance per coordinate. */
    public double meanVariance() {
        if (count < 2) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : m2) {
            s += v;
        }
        return s / (count - 1) / mean.length;
    }

    /** The squared standard error of the mean, averaged over the coordinates: {@link #meanVariance()} / count. */
    public double meanSquaredStandardError() {
        return meanVariance() / count;
    }
}
