package org.concretelab.data;

/**
 * Prepares a drawing the way MNIST digits were prepared (LeCun et al.): the ink's bounding box is
 * scaled, keeping its aspect ratio, so that its longer side is 20 pixels (anti-aliased), then pasted
 * into a 28×28 field so that its centre of mass falls on the field's centre. The encoder only ever saw
 * digits prepared like this; a digit drawn small or off-centre is otherwise a different input to it.
 */
public final class MnistPreprocessing {
    public static final int SIDE = 28;
    public static final int BOX = 20;
    /** Pixels fainter than this are not ink when finding the bounding box (stray anti-aliasing). */
    static final float INK = 0.05f;

    private MnistPreprocessing() {
    }

    /**
     * @param pixels a {@code width × height} grayscale canvas, row-major, ink in [0, 1] (0 = paper)
     * @return 784 intensities in [0, 1], darkest pixel 1 as in MNIST; all zero for a blank canvas
     */
    public static float[] prepare(float[] pixels, int width, int height) {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("canvas of " + pixels.length + " values is not " + width + "×" + height);
        }
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (pixels[y * width + x] > INK) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        float[] out = new float[SIDE * SIDE];
        if (x1 < 0) {
            return out;
        }
        int bw = x1 - x0 + 1;
        int bh = y1 - y0 + 1;
        double scale = BOX / (double) Math.max(bw, bh);
        int nw = Math.max(1, Math.min(BOX, (int) Math.round(bw * scale)));
        int nh = Math.max(1, Math.min(BOX, (int) Math.round(bh * scale)));
        float[] box = scale <= 1 ? areaAverage(pixels, width, x0, y0, bw, bh, nw, nh)
                : bilinear(pixels, width, x0, y0, bw, bh, nw, nh);

        double mass = 0;
        double mx = 0;
        double my = 0;
        float max = 0;
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                float v = box[y * nw + x];
                mass += v;
                mx += v * (x + 0.5);
                my += v * (y + 0.5);
                max = Math.max(max, v);
            }
        }
        // whole-pixel shift (no second resampling blur), kept inside the field
        int ox = clamp((int) Math.round(SIDE / 2.0 - mx / mass), 0, SIDE - nw);
        int oy = clamp((int) Math.round(SIDE / 2.0 - my / mass), 0, SIDE - nh);
        for (int y = 0; y < nh; y++) {
            for (int x = 0; x < nw; x++) {
                out[(oy + y) * SIDE + ox + x] = Math.min(1f, box[y * nw + x] / max);
            }
        }
        return out;
    }

    /** Downscaling: each output pixel is the mean of the input area it covers (fractional at the edges). */
    private static float[] areaAverage(float[] src, int width, int x0, int y0, int bw, int bh, int nw, int nh) {
        float[] dst = new float[nw * nh];
        double sx = bw / (double) nw;
        double sy = bh / (double) nh;
        for (int j = 0; j < nh; j++) {
            double top = j * sy;
            double bottom = (j + 1) * sy;
            for (int i = 0; i < nw; i++) {
                double left = i * sx;
                double right = (i + 1) * sx;
                double sum = 0;
                for (int y = (int) top; y < Math.min(bh, Math.ceil(bottom)); y++) {
                    double wy = Math.min(bottom, y + 1) - Math.max(top, y);
                    for (int x = (int) left; x < Math.min(bw, Math.ceil(right)); x++) {
                        double wx = Math.min(right, x + 1) - Math.max(left, x);
                        sum += wx * wy * src[(y0 + y) * width + x0 + x];
                    }
                }
                dst[j * nw + i] = (float) (sum / (sx * sy));
            }
        }
        return dst;
    }

    /** Upscaling (ink smaller than the box): bilinear between pixel centres. */
    private static float[] bilinear(float[] src, int width, int x0, int y0, int bw, int bh, int nw, int nh) {
        float[] dst = new float[nw * nh];
        double sx = bw / (double) nw;
        double sy = bh / (double) nh;
        for (int j = 0; j < nh; j++) {
            double fy = Math.max(0, Math.min(bh - 1, (j + 0.5) * sy - 0.5));
            int ya = (int) fy;
            int yb = Math.min(bh - 1, ya + 1);
            double ty = fy - ya;
            for (int i = 0; i < nw; i++) {
                double fx = Math.max(0, Math.min(bw - 1, (i + 0.5) * sx - 0.5));
                int xa = (int) fx;
                int xb = Math.min(bw - 1, xa + 1);
                double tx = fx - xa;
                double top = (1 - tx) * at(src, width, x0 + xa, y0 + ya) + tx * at(src, width, x0 + xb, y0 + ya);
                double bottom = (1 - tx) * at(src, width, x0 + xa, y0 + yb) + tx * at(src, width, x0 + xb, y0 + yb);
                dst[j * nw + i] = (float) ((1 - ty) * top + ty * bottom);
            }
        }
        return dst;
    }

    private static float at(float[] src, int width, int x, int y) {
        return src[y * width + x];
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
