package org.concretelab.train;

/**
 * Recent training speed (examples per second over a window of about a second) and the time left, counting the
 * validations still to come (each takes about as long as the last one did). Validation time is excluded from
 * the speed: {@link #restart} after scoring.
 */
final class Throughput {
    private final int batchSize;
    private long windowStart = System.nanoTime();
    private long windowSteps;
    private double examplesPerSecond;
    private double validationSeconds;

    Throughput(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Counts one step; the speed is refreshed once a second (and after the first 5 steps). */
    void step() {
        windowSteps++;
        long now = System.nanoTime();
        if (now - windowStart > 1_000_000_000L || examplesPerSecond == 0 && windowSteps >= 5) {
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

    /** After a pause: the time paused is neither training nor a slowdown, so the window starts afresh. */
    void resumed() {
        windowStart = System.nanoTime();
        windowSteps = 0;
    }

    /** After a validation that took {@code seconds}: remember it, and measure speed afresh. */
    void restart(double seconds) {
        validationSeconds = seconds;
        windowStart = System.nanoTime();
        windowSteps = 0;
    }
}
