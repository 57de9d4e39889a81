package org.concretelab.distribution;

import org.apache.commons.rng.UniformRandomProvider;

/** Bernoulli(p), the discrete limit of BinaryConcrete with p = σ(log α). */
public final class Bernoulli {
    private final double logit;

    private Bernoulli(double logit) {
        this.logit = logit;
    }

    /** @throws IllegalArgumentException unless 0 ≤ p ≤ 1 */
    public static Bernoulli of(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in [0, 1], was " + p);
        }
        return new Bernoulli(Math.log(p) - Math.log1p(-p));
    }

    public static Bernoulli ofLogit(double logit) {
        if (Double.isNaN(logit)) {
            throw new IllegalArgumentException("logit must not be NaN");
        }
        return new Bernoulli(logit);
    }

    public double probability() {
        return BinaryConcrete.sigmoid(logit);
    }

    /** 1 iff log α + L &gt; 0: the threshold of a BinaryConcrete logit sample with the same noise. */
    public int sample(UniformRandomProvider rng) {
        return logit + Noise.logistic(rng) > 0 ? 1 : 0;
    }

    public double logProbability(int value) {
        if (value == 1) {
            return -LogSpace.softplus(-logit);
        }
        return value == 0 ? -LogSpace.softplus(logit) : Double.NEGATIVE_INFINITY;
    }
}
