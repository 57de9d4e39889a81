package org.concretelab.gradients;

import java.util.Arrays;

/**
 * What a gradient comparison draws.
 *
 * @param draws           N estimates per estimator (and per temperature of the sweep)
 * @param referenceDraws  discrete draws per image behind each reference gradient (rounded up to whole chunks)
 * @param multiSamples    m for estimators that need m ≥ 2 (VIMCO): they are compared on the discrete L_m
 * @param sweep           λ1 values of the temperature sweep of the relaxed estimators (empty: no sweep); λ2 keeps
 *                        the model's ratio λ2/λ1
 * @param seed            the seed every draw's noise is derived from
 * @param threads         threads drawing at once (results are the same up to rounding for any number)
 */
public record ComparisonSettings(int draws, int referenceDraws, int multiSamples, double[] sweep, long seed, int threads) {
    /** The default number of estimates per estimator. */
    public static final int DRAWS = 100;
    /** The default reference: 10⁴ discrete draws per image. */
    public static final int REFERENCE_DRAWS = 10_000;
    /** VIMCO's m here: the paper's middle setting. */
    public static final int MULTI_SAMPLES = 5;
    /**
     * Draws a discrete estimator takes before its estimates count, so that state of its own (a running centring)
     * settles; that state is then held for every estimate (independent draws).
     */
    public static final int WARMUP = 10;

    public ComparisonSettings {
        if (draws < 2) {
            throw new IllegalArgumentException("draws (N) must be at least 2, was " + draws);
        }
        if (referenceDraws < 100) {
            throw new IllegalArgumentException("reference draws must be at least 100 per image, was " + referenceDraws);
        }
        if (multiSamples < 2) {
            throw new IllegalArgumentException("m of multi-sample estimators must be at least 2, was " + multiSamples);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        sweep = sweep == null ? new double[0] : sweep.clone();
        for (double l : sweep) {
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("sweep temperatures must be positive and finite, were " + Arrays.toString(sweep));
            }
        }
    }

    /** N estimates, the default reference and m, no sweep, seed 1, a thread per core up to 2. */
    public static ComparisonSettings of(int draws) {
        return new ComparisonSettings(draws, REFERENCE_DRAWS, MULTI_SAMPLES, new double[0], 1, defaultThreads());
    }

    /** One thread per core, at most 2 (the draws are many small GEMMs: more threads gain little). */
    public static int defaultThreads() {
        return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    public ComparisonSettings withReferenceDraws(int n) {
        return new ComparisonSettings(draws, n, multiSamples, sweep, seed, threads);
    }

    public ComparisonSettings withMultiSamples(int m) {
        return new ComparisonSettings(draws, referenceDraws, m, sweep, seed, threads);
    }

    public ComparisonSettings withSweep(double[] lambdas) {
        return new ComparisonSettings(draws, referenceDraws, multiSamples, lambdas, seed, threads);
    }

    public ComparisonSettings withSeed(long s) {
        return new ComparisonSettings(draws, referenceDraws, multiSamples, sweep, s, threads);
    }

    public ComparisonSettings withThreads(int t) {
        return new ComparisonSettings(draws, referenceDraws, multiSamples, sweep, seed, t);
    }

    @Override
    public double[] sweep() {
        return sweep.clone();
    }

    /** {@code count} temperatures from 10 down to 0.05, evenly spaced on a log scale. */
    public static double[] standardSweep(int count) {
        return logSpaced(10, 0.05, count);
    }

    /** The standard sweep: 12 values of λ1 from 10 to 0.05. */
    public static double[] standardSweep() {
        return standardSweep(12);
    }

    static double[] logSpaced(double from, double to, int count) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = count == 1 ? from : Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / (count - 1));
        }
        return v;
    }
}
