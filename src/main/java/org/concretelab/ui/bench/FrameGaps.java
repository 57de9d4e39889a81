package org.concretelab.ui.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * Collected intervals (ms) with their median, 99th percentile and maximum, and the two ways the FX benchmarks collect
 * them: the gaps between consecutive pulses ({@link #pulseTimer}) and the delay of a runLater ping ({@link #ping}).
 */
final class FrameGaps {
    private final List<Double> gaps = new ArrayList<>();

    synchronized void add(double ms) {
        gaps.add(ms);
    }

    synchronized String summary(String what) {
        List<Double> sorted = new ArrayList<>(gaps);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return what + ": no samples";
        }
        return String.format(Locale.ROOT, "%s: n=%d median %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms", what, sorted.size(),
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.95)),
                sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
    }

    /**
     * A timer (not started) that adds the gap between consecutive FX pulses to {@code gaps}, and hands a gap longer
     * than {@code longGapMs} and the pulse's time to {@code onLongGap}, so a stall can be matched with what ran then.
     */
    static AnimationTimer pulseTimer(FrameGaps gaps, double longGapMs, LongGap onLongGap) {
        return new AnimationTimer() {
            private long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    double gap = (now - last) / 1e6;
                    gaps.add(gap);
                    if (gap > longGapMs) {
                        onLongGap.report(gap, now);
                    }
                }
                last = now;
            }
        };
    }

    /** Told of a long pulse gap (ms) and the pulse's time ({@link System#nanoTime}). */
    @FunctionalInterface
    interface LongGap {
        void report(double gapMs, long now);
    }

    /** When the ping now waiting for the FX thread was sent ({@link System#nanoTime}), 0 when none waits. */
    private static volatile long pendingSince;

    /** Sends one runLater ping, adds its delay to {@code pings} once it ran, then waits 10 ms. */
    static void ping(FrameGaps pings) throws InterruptedException {
        long sent = System.nanoTime();
        pendingSince = sent;
        CountDownLatch done = new CountDownLatch(1);
        Platform.runLater(() -> {
            pings.add((System.nanoTime() - sent) / 1e6);
            pendingSince = 0;
            done.countDown();
        });
        done.await();
        Thread.sleep(Math.max(1, Long.getLong("bench.pingMillis", 10))); // peer-bench.sh: 200 for throughput (pings cost it)
    }

    /**
     * With {@code -Dbench.stacks=true}: a daemon that prints the FX thread's stack once for every ping that has
     * waited more than {@code thresholdMs}, so that a stall names the code that held the thread (sampling from
     * outside with jstack is too slow to catch one). Does nothing otherwise.
     */
    static void watchStalls(double thresholdMs) {
        if (!Boolean.getBoolean("bench.stacks")) {
            return;
        }
        Thread watch = new Thread(() -> {
            long reported = 0;
            while (true) {
                long since = pendingSince;
                if (since != 0 && since != reported && (System.nanoTime() - since) / 1e6 > thresholdMs) {
                    reported = since;
                    Thread.getAllStackTraces().forEach((t, stack) -> {
                        if (t.getName().equals("JavaFX Application Thread")) {
                            StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                                    "FX thread held for over %.0f ms (%s):%n", thresholdMs, t.getState()));
                            for (int i = 0; i < stack.length; i++) {
                                b.append("    at ").append(stack[i]).append('\n');
                            }
                            System.out.print(b);
                        }
                    });
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stall-watch");
        watch.setDaemon(true);
        watch.start();
    }
}
