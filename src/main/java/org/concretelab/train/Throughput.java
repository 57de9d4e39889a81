package org.concretelab.train;

import java.util.function.LongSupplier;

/**
 * Recent training speed (examples per second over a window of about a second) and the time left, counting the
 * validations still to come (each takes about as long as the last one did). Time spent validating or paused is cut
 * out of the window rather than restarting it: a small model's epoch can be shorter than the window, and a window
 * restarted at every validation then never closed, leaving the JIT-time first reading as the speed for the whole run.
 */
final class Throughput {
    private static final long WINDOW_NANOS = 1_000_000_000L;
    private final int batchSize;
    private final LongSupplier clock;
    private long windowStart;
    private long windowSteps;
    private double examplesPerSecond;
    private double validationSeconds;

    Throughput(int batchSize) {
        this(batchSize, System::nanoTime);
    }

    /** {@code clock}: nanoseconds, as {@link System#nanoTime} (tests pass their own). */
    Throughput(int batchSize, LongSupplier clock) {
        this.batchSize = batchSize;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /** Counts one step; the speed is refreshed once a second (and after the first 5 steps). */
    void step() {
        windowSteps++;
        long now = clock.getAsLong();
        if (now - windowStart > WINDOW_NANOS || examplesPerSecond == 0 && windowSteps >= 5) {
            examplesPerSecond = windowSteps * (double) batchSize / ((now - windowStart) / 1e9);
            windowStart = now;
            windowSteps = 0;
        }
    }

    double examplesPerSecond() {
        return examplesPerSecond;
    }

    /** Seconds until the run ends: {@code stepsLeft} steps plus {@code validationsLeft} validations; NaN until measured. */
    double etaSeconds(long stepsLeft, int validationsLeft) {
        return examplesPerSecond > 0 ? stepsLeft * batchSize / examplesPerSecond + validationsLeft * validationSeconds
                : Double.NaN;
    }

    /** After a pause of {@code pausedNanos}: neither training nor a slowdown, so it is left out of the window. */
    void resumed(long pausedNanos) {
        windowStart += pausedNanos;
    }

    /** After a validation that took {@code seconds}: remember it for the ETA, and leave it out of the window. */
    void validated(double seconds) {
        validationSeconds = seconds;
        windowStart += (long) (seconds * 1e9);
    }
}
