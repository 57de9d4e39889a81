package org.concretelab.ui.concrete;

/**
 * A perceptually ordered light colour map (white → blue → violet) for log-density heat maps, as ARGB ints: the Concrete
 * tab's simplex and the Latents tab's 3-way units share it.
 */
public final class ColorMap {
    /** Nats of log density the heat maps span below their maximum. */
    public static final double LOG_RANGE = 8;

    private static final int[] STOPS = {0xFFFFFFFF, 0xFFDCEAF7, 0xFF9ECAE1, 0xFF4292C6, 0xFF2D5DA8, 0xFF3F007D};
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            double t = i / 255.0 * (STOPS.length - 1);
            int a = Math.min((int) t, STOPS.length - 2);
            double f = t - a;
            TABLE[i] = lerp(STOPS[a], STOPS[a + 1], f);
        }
    }

    private ColorMap() {
    }

    /** The colour of {@code t} in [0, 1] (clamped). */
    public static int argb(double t) {
        int i = (int) Math.round(Math.max(0, Math.min(1, t)) * 255);
        return TABLE[i];
    }

    private static int lerp(int c0, int c1, double f) {
        int r = (int) Math.round(((c0 >> 16) & 0xff) * (1 - f) + ((c1 >> 16) & 0xff) * f);
        int g = (int) Math.round(((c0 >> 8) & 0xff) * (1 - f) + ((c1 >> 8) & 0xff) * f);
        int b = (int) Math.round((c0 & 0xff) * (1 - f) + (c1 & 0xff) * f);
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }
}
