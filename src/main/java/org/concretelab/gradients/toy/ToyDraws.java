package org.concretelab.gradients.toy;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.concretelab.distribution.Noise;

/**
 * The noise every toy estimator shares: per draw a logistic L (the hard b = 1[θ + L &gt; 0] and the relaxed
 * X = σ((θ + L)/λ) both come from it; −L is DisARM's antithetic twin) and a second uniform V, from which REBAR and
 * RELAX draw the logistic sample conditioned on b. L is the same stream as before V was added: a seed gives the
 * first five estimators the same draws as it always did.
 */
public record ToyDraws(double[] logistic, double[] conditionalUniform) {
    public ToyDraws {
        if (logistic.length != conditionalUniform.length) {
            throw new IllegalArgumentException("one V per L: " + logistic.length + " ≠ " + conditionalUniform.length);
        }
    }

    /** {@code n} draws from {@code seed}. */
    public static ToyDraws of(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        UniformRandomProvider second = RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {seed, 0x9E3779B97F4A7C15L});
        double[] l = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = Noise.logistic(Noise.uniform(rng));
            v[i] = Noise.uniform(second);
        }
        return new ToyDraws(l, v);
    }

    public int size() {
        return logistic.length;
    }
}
