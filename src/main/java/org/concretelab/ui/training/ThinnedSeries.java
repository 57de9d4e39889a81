package org.concretelab.ui.training;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.util.Arrays;

/**
 * Keeps every point of a growing curve but shows at most {@code maxShown} of them: every stride-th point,
 * the stride doubling whenever the shown set would overflow. The chart's drawing cost then stays bounded
 * however long training runs (100,000+ steps), and exports still see every point.
 */
final class ThinnedSeries {
    private final DoubleDataSet shown;
    private final int maxShown;
    private double[] xs = new double[4096];
    private double[] ys = new double[4096];
    private int size;
    private int stride = 1;

    ThinnedSeries(String name, int maxShown) {
        this.shown = new DoubleDataSet(name, maxShown + 16);
        this.maxShown = maxShown;
    }

    DoubleDataSet dataSet() {
        return shown;
    }

    /** Appends points (x ascending) and updates the shown subset with one bulk change. */
    void add(double[] x, double[] y) {
        if (size + x.length > xs.length) {
            int capacity = Math.max(size + x.length, 2 * xs.length);
            xs = Arrays.copyOf(xs, capacity);
            ys = Arrays.copyOf(ys, capacity);
        }
        int first = size;
        System.arraycopy(x, 0, xs, size, x.length);
        System.arraycopy(y, 0, ys, size, y.length);
        size += x.length;
        if (shown.getDataCount() + x.length / stride + 1 > maxShown) {
            while (size / stride > maxShown) {
                stride *= 2;
            }
            rebuild();
            return;
        }
        int start = ((first + stride - 1) / stride) * stride;
        int count = start >= size ? 0 : (size - 1 - start) / stride + 1;
        if (count > 0) {
            double[] sx = new double[count];
            double[] sy = new double[count];
            for (int i = 0; i < count; i++) {
                sx[i] = xs[start + i * stride];
                sy[i] = ys[start + i * stride];
            }
            shown.add(sx, sy);
        }
    }

    private void rebuild() {
        int count = (size + stride - 1) / stride;
        double[] sx = new double[count];
        double[] sy = new double[count];
        for (int i = 0; i < count; i++) {
            sx[i] = xs[i * stride];
            sy[i] = ys[i * stride];
        }
        shown.set(sx, sy);
    }

    void clear() {
        size = 0;
        stride = 1;
        shown.clearData();
    }

    /** All points received. */
    int size() {
        return size;
    }

    int shownSize() {
        return shown.getDataCount();
    }

    double x(int i) {
        return xs[i];
    }

    double y(int i) {
        return ys[i];
    }
}
