package org.concretelab.ui.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Collected intervals (ms) with their median, 99th percentile and maximum. */
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
}
