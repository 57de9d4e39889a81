package org.concretelab.train;

/**
 * Derives the noise seed of every model call from the run's seed and a position, so that any step
 * or evaluation batch can be replayed without replaying what came before (bit-for-bit resume).
 * Mixing is SplitMix64's finaliser (Steele, Lea &amp; Flood 2014), which decorrelates nearby inputs.
 */
public final class NoiseSeeds {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Separates the evaluation stream from the training stream of the same seed. */
    private static final long EVALUATION = 0x6A09E667F3BCC909L;

    private NoiseSeeds() {
    }

    /** The noise seed of training step {@code step} (1-based) of a run seeded {@code seed}. */
    public static long step(long seed, long step) {
        return mix(seed, step);
    }

    /** The noise seed of evaluation batch {@code batch}: the same every epoch, so scores are comparable. */
    public static long evaluation(long seed, int batch) {
        return mix(seed ^ EVALUATION, batch);
    }

    /** A well-mixed function of two longs. */
    public static long mix(long a, long b) {
        return splitMix(splitMix(a) + GOLDEN * (b + 1));
    }

    private static long splitMix(long z) {
        z += GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
