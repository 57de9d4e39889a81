package org.concretelab.distribution;

/**
 * Log densities of the normal distribution as the VAE's Gaussian units use them, parameterised by the
 * log-variance: log N(z; μ, σ²) = −½ log 2π − ½ log σ² − (z − μ)²/(2σ²).
 */
public final class Normal {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    private Normal() {
    }

    /** log N(z; μ, σ²) with log σ² = {@code logVar}. */
    public static double logDensity(double z, double mu, double logVar) {
        double d = z - mu;
        return -HALF_LOG_TWO_PI - 0.5 * logVar - 0.5 * d * d * Math.exp(-logVar);
    }

    /** log N(z; 0, 1). */
    public static double standardLogDensity(double z) {
        return -HALF_LOG_TWO_PI - 0.5 * z * z;
    }

    /** log N(μ + σε; μ, σ²) of a reparameterised sample, from its noise ε alone: −½ log 2π − ½ log σ² − ε²/2. */
    public static double logDensityAtNoise(double logVar, double eps) {
        return -HALF_LOG_TWO_PI - 0.5 * logVar - 0.5 * eps * eps;
    }

    /** The reparameterised sample μ + σε with σ = exp(½ log σ²). */
    public static double sample(double mu, double logVar, double eps) {
        return mu + Math.exp(0.5 * logVar) * eps;
    }
}
