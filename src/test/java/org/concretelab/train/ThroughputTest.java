package org.concretelab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The speed behind the ETA counts training only, and keeps being measured when epochs are shorter than its window. */
class ThroughputTest {
    private long now;

    private void steps(Throughput t, int n, long nanosEach) {
        for (int i = 0; i < n; i++) {
            now += nanosEach;
            t.step();
        }
    }

    @Test
    void epochsShorterThanTheWindowStillRefreshTheSpeed() {
        Throughput t = new Throughput(50, () -> now);
        steps(t, 5, 100_000_000L); // JIT time: 5 steps of 0.1 s, 500 images/s, the first reading
        assertEquals(500, t.examplesPerSecond(), 1e-9);
        for (int epoch = 0; epoch < 5; epoch++) { // 0.3 s epochs of 1 ms steps (50,000 images/s), 0.5 s validations
            steps(t, 300, 1_000_000L);
            now += 500_000_000L;
            t.validated(0.5);
        }
        // the window closed inside the 4th epoch: its 1,000 steps took 1 s of training, the validations left out
        assertEquals(50_000, t.examplesPerSecond(), 50);
        assertEquals(1000 * 50 / 50_000.0 + 2 * 0.5, t.etaSeconds(1000, 2), 1e-3);
    }

    @Test
    void aPauseIsLeftOutOfTheSpeed() {
        Throughput t = new Throughput(10, () -> now);
        steps(t, 5, 10_000_000L); // 1,000 images/s
        steps(t, 50, 10_000_000L); // half a window
        now += 3_000_000_000L; // paused 3 s
        t.resumed(3_000_000_000L);
        steps(t, 51, 10_000_000L); // the window closes after 1.01 s of training
        assertEquals(1000, t.examplesPerSecond(), 1e-6);
    }
}
