package org.concretelab.ui.training;

import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.format.SimpleFormatter;
import java.util.Locale;

/** Step numbers as people say them (2,500 → "2500", 25,000 → "25k", 1,250,000 → "1.25M") instead of "2.50E4". */
final class StepAxisFormatter extends SimpleFormatter {

    StepAxisFormatter(Axis axis) {
        super(axis);
    }

    @Override
    public String toString(Number number) {
        return label(number.doubleValue());
    }

    static String label(double v) {
        double a = Math.abs(v);
        if (a < 10_000) {
            return trim(String.format(Locale.ROOT, "%.1f", v));
        }
        if (a < 1_000_000) {
            return trim(String.format(Locale.ROOT, "%.1f", v / 1e3)) + "k";
        }
        return trim(String.format(Locale.ROOT, "%.2f", v / 1e6)) + "M";
    }

    /** "25.0" → "25", "12.50" → "12.5". */
    private static String trim(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }
}
