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
        return LogSpace.sigmoid(logit);
    }

    /** 1 iff log α + L &gt; 0: the threshold of a BinaryConcrete logit sample with the same noise. */
    public int sample(UniformRandomProvider rng) {
        return sampleFromLogistic(logit, Noise.logistic(rng)) ? 1 : 0;
    }

    public double logProbability(int value) {
        return value == 0 || value == 1 ? logProbability(logit, value == 1) : Double.NEGATIVE_INFINITY;
    }

    /** log P(value) = value·logit − softplus(logit): the same formula for 0 and 1, for batch passes. */
    public static double logProbability(double logit, boolean one) {
        return (one ? logit : 0) - LogSpace.softplus(logit);
    }

    /**
     * The score ∂ log P(value)/∂ logit = value − σ(logit), of a 0/1 {@code value}: what a score-function
     * (REINFORCE) gradient multiplies its learning signal by.
     */
    public static double score(double logit, double value) {
        return value - LogSpace.sigmoid(logit);
    }

    /** The threshold of a BinaryConcrete logit sample: 1 iff log α + L &gt; 0 for logistic noise L. */
    public static boolean sampleFromLogistic(double logit, double l) {
        return logit + l > 0;
    }
}
