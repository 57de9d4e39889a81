package org.concretelab.ui.concrete;

import org.concretelab.explore.ConcreteCloud;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.concretelab.distribution.BinaryConcrete;
import org.concretelab.distribution.Concrete;

/**
 * Draws a Concrete cloud: for n = 3 the 2-simplex as a triangle over the exact density (log colour scale),
 * for n = 2 the BinaryConcrete density of x₁ over a histogram, for n = 4, 5 the barycentric projection
 * onto a regular polygon. Raster work goes into one ARGB buffer blitted at once, which keeps a redraw of
 * 10,000 points and the heat map within a frame.
 */
final class SimplexPlot extends Region {
    private static final double SQRT3_2 = Math.sqrt(3) / 2;
    private static final double LOG_RANGE = ColorMap.LOG_RANGE;
    private static final int GRID = 170;
    private static final int POINT = 0x2A2A55;
    private static final int BACKGROUND = 0xFFFFFFFF;
    private final Text measure = new Text(); // sizes vertex labels; reused, as the plot redraws at display rate

    private final Canvas canvas = new Canvas();
    private WritableImage image;
    private int[] frame = new int[0];
    private final double[] grid = new double[GRID * GRID];
    private final double[] bary = new double[3];

    SimplexPlot() {
        getChildren().add(canvas);
        getStyleClass().add("simplex-plot");
        setMinSize(300, 260);
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(Math.floor(getWidth()));
        canvas.setHeight(Math.floor(getHeight()));
    }

    Canvas canvas() {
        return canvas;
    }

    /** Draws the current state; returns the nanoseconds it took. */
    long render(Concrete concrete, ConcreteCloud cloud, boolean density) {
        long start = System.nanoTime();
        int w = (int) canvas.getWidth();
        int h = (int) canvas.getHeight();
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, w, h);
        if (w < 50 || h < 50) {
            return System.nanoTime() - start;
        }
        switch (cloud.dimension()) {
            case 2 -> renderInterval(gc, w, h, concrete, cloud);
            case 3 -> renderTriangle(gc, w, h, concrete, cloud, density);
            default -> renderPolygon(gc, w, h, concrete, cloud);
        }
        return System.nanoTime() - start;
    }

    // ------------------------------------------------------------------ n = 3

    private void renderTriangle(GraphicsContext gc, int w, int h, Concrete concrete, ConcreteCloud cloud, boolean density) {
        double margin = 56;
        double side = Math.min(w - 2 * 120, (h - 2 * margin) / SQRT3_2); // room for the vertex labels
        double cx = w / 2.0;
        double top = (h - side * SQRT3_2) / 2;
        double[] vx = {cx, cx - side / 2, cx + side / 2};
        double[] vy = {top, top + side * SQRT3_2, top + side * SQRT3_2};
        ensureFrame(w, h);
        java.util.Arrays.fill(frame, BACKGROUND);
        if (density) {
            paintDensity(concrete, vx, vy, side, w, h);
        }
        for (int i = 0; i < cloud.count(); i++) {
            double[] x = cloud.point(i);
            dot(x[0] * vx[0] + x[1] * vx[1] + x[2] * vx[2], x[0] * vy[0] + x[1] * vy[1] + x[2] * vy[2], w, h);
        }
        blit(gc, w, h);
        gc.setStroke(Color.web("#444"));
        gc.setLineWidth(1.2);
        gc.strokePolygon(vx, vy, 3);
        labelVertices(gc, concrete, cloud, vx, vy, cx, top + side * SQRT3_2 * 2 / 3);
        if (density) {
            legend(gc, w, h);
        }
    }

    /** Exact log density on a triangular grid, coloured on a log scale and scaled up into the frame. */
    private void paintDensity(Concrete concrete, double[] vx, double[] vy, double side, int w, int h) {
        double[] x = new double[3];
        double max = Double.NEGATIVE_INFINITY;
        double gy0 = vy[0];
        double gx0 = vx[1];
        double cell = side / GRID;
        for (int j = 0; j < GRID; j++) {
            for (int i = 0; i < GRID; i++) {
                double px = gx0 + (i + 0.5) * cell;
                double py = gy0 + (j + 0.5) * cell * SQRT3_2;
                double v = Double.NEGATIVE_INFINITY;
                if (barycentric(px, py, vx, vy, x)) {
                    v = concrete.logDensity(x);
                    if (v > max) {
                        max = v;
                    }
                }
                grid[j * GRID + i] = v;
            }
        }
        int x0 = (int) Math.max(0, Math.floor(vx[1]));
        int x1 = (int) Math.min(w - 1, Math.ceil(vx[2]));
        int y0 = (int) Math.max(0, Math.floor(vy[0]));
        int y1 = (int) Math.min(h - 1, Math.ceil(vy[1]));
        for (int py = y0; py <= y1; py++) {
            int j = (int) ((py - gy0) / (cell * SQRT3_2));
            if (j < 0 || j >= GRID) {
                continue;
            }
            for (int px = x0; px <= x1; px++) {
                int i = (int) ((px - gx0) / cell);
                if (i < 0 || i >= GRID) {
                    continue;
                }
                double v = grid[j * GRID + i];
                if (v > Double.NEGATIVE_INFINITY && barycentric(px, py, vx, vy, bary)) {
                    frame[py * w + px] = ColorMap.argb(1 - (max - v) / LOG_RANGE);
                }
            }
        }
    }

    private static boolean barycentric(double px, double py, double[] vx, double[] vy, double[] out) {
        double det = (vy[1] - vy[2]) * (vx[0] - vx[2]) + (vx[2] - vx[1]) * (vy[0] - vy[2]);
        double l0 = ((vy[1] - vy[2]) * (px - vx[2]) + (vx[2] - vx[1]) * (py - vy[2])) / det;
        double l1 = ((vy[2] - vy[0]) * (px - vx[2]) + (vx[0] - vx[2]) * (py - vy[2])) / det;
        double l2 = 1 - l0 - l1;
        out[0] = l0;
        out[1] = l1;
        out[2] = l2;
        return l0 > 0 && l1 > 0 && l2 > 0;
    }

    private void labelVertices(GraphicsContext gc, Concrete concrete, ConcreteCloud cloud, double[] vx, double[] vy,
                               double cx, double cy) {
        double[] p = concrete.probabilities();
        double[] shares = cloud.argmaxShares();
        gc.setFont(Font.font(13));
        gc.setTextBaseline(VPos.CENTER);
        double width = canvas.getWidth();
        for (int k = 0; k < vx.length; k++) {
            String name = "class " + (k + 1);
            String numbers = String.format(Locale.ROOT, "α/Σα %.2f · argmax %.2f", p[k], shares[k]);
            double half = textWidth(numbers, gc.getFont()) / 2;
            double dx = vx[k] - cx;
            double dy = vy[k] - cy;
            double len = Math.hypot(dx, dy);
            double lx = vx[k] + dx / len * 30;
            double ly = vy[k] + dy / len * 26;
            boolean side = Math.abs(dx) > 0.8 * len;
            boolean roomBeside = dx > 0 ? vx[k] + 16 + 2 * half < width - 4 : vx[k] - 16 - 2 * half > 4;
            if (side && roomBeside) {
                // text beside the vertex, aligned away from it, so the marker never covers it
                lx = vx[k] + Math.signum(dx) * 16;
                ly = vy[k];
                gc.setTextAlign(dx > 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
            } else {
                // above or below the vertex, kept inside the plot (the triangle's base corners reach its sides)
                if (dy > 0 || side) { // a side vertex without room beside: below it
                    ly = vy[k] + 24;
                }
                lx = Math.max(half + 4, Math.min(width - half - 4, lx));
                gc.setTextAlign(TextAlignment.CENTER);
            }
            gc.setFill(Color.web("#222"));
            gc.fillText(name, lx, ly - 8);
            gc.setFill(Color.web("#555"));
            gc.fillText(numbers, lx, ly + 8);
            // marker sized by the discrete probability
            double r = 3 + 9 * Math.sqrt(p[k]);
            gc.setFill(Color.web("#d9480f", 0.85));
            gc.fillOval(vx[k] - r, vy[k] - r, 2 * r, 2 * r);
        }
    }

    private double textWidth(String text, Font font) {
        measure.setText(text);
        measure.setFont(font);
        return measure.getLayoutBounds().getWidth();
    }

    private void legend(GraphicsContext gc, int w, int h) {
        double x = w - 34;
        double y0 = 40;
        double height = Math.min(200, h - 80);
        for (int i = 0; i < height; i++) {
            gc.setFill(argbColor(ColorMap.argb(1 - i / height)));
            gc.fillRect(x, y0 + i, 12, 1);
        }
        gc.setStroke(Color.web("#888"));
        gc.strokeRect(x, y0, 12, height);
        gc.setFill(Color.web("#444"));
        gc.setFont(Font.font(11));
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText("max", x - 4, y0 + 4);
        gc.fillText(String.format(Locale.ROOT, "−%.0f", LOG_RANGE), x - 4, y0 + height - 4);
        gc.fillText("log p", x + 14, y0 - 14);
    }

    // ------------------------------------------------------------------ n = 2

    private void renderInterval(GraphicsContext gc, int w, int h, Concrete concrete, ConcreteCloud cloud) {
        double left = 60;
        double right = w - 30;
        double top = 40;
        double bottom = h - 60;
        int bins = 40;
        double[] hist = new double[bins];
        for (int i = 0; i < cloud.count(); i++) {
            int b = (int) Math.min(bins - 1, cloud.point(i)[0] * bins);
            hist[b]++;
        }
        double[] p = concrete.probabilities();
        BinaryConcrete b = BinaryConcrete.of(p[0] / p[1], concrete.temperature());
        int samples = 400;
        double[] curve = new double[samples];
        double histMax = 0;
        for (int i = 0; i < bins; i++) {
            hist[i] = hist[i] / cloud.count() * bins; // as a density
            histMax = Math.max(histMax, hist[i]);
        }
        double curveMax = 0;
        for (int i = 0; i < samples; i++) {
            curve[i] = b.density((i + 0.5) / samples);
            if (Double.isFinite(curve[i])) {
                curveMax = Math.max(curveMax, curve[i]);
            }
        }
        // near 0 and 1 the density may diverge (U shape): scale to the histogram, capped curve
        double yMax = Math.max(1.2 * histMax, Math.min(curveMax, 3 * Math.max(histMax, 1))) * 1.05;
        gc.setFill(Color.web("#9ecae1"));
        for (int i = 0; i < bins; i++) {
            double x0 = left + (right - left) * i / bins;
            double bh = (bottom - top) * Math.min(1, hist[i] / yMax);
            gc.fillRect(x0 + 1, bottom - bh, (right - left) / bins - 2, bh);
        }
        gc.setStroke(Color.web("#2d5da8"));
        gc.setLineWidth(2);
        gc.beginPath();
        for (int i = 0; i < samples; i++) {
            double x = left + (right - left) * (i + 0.5) / samples;
            double y = bottom - (bottom - top) * Math.min(1.02, curve[i] / yMax);
            if (i == 0) {
                gc.moveTo(x, y);
            } else {
                gc.lineTo(x, y);
            }
        }
        gc.stroke();
        gc.setStroke(Color.web("#444"));
        gc.setLineWidth(1);
        gc.strokeLine(left, bottom, right, bottom);
        gc.strokeLine(left, top, left, bottom);
        gc.setFill(Color.web("#333"));
        gc.setFont(Font.font(12));
        gc.setTextAlign(TextAlignment.CENTER);
        for (int t = 0; t <= 4; t++) {
            gc.fillText(String.format(Locale.ROOT, "%.2f", t / 4.0), left + (right - left) * t / 4, bottom + 16);
        }
        gc.fillText("x₁ (x₂ = 1 − x₁)", (left + right) / 2, bottom + 36);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText(String.format(Locale.ROOT, "BinaryConcrete density (line) and histogram of %,d samples; P(x₁ > ½) = %.2f, observed %.2f",
                cloud.count(), p[0], cloud.argmaxShares()[0]), left, top - 16);
    }

    // ------------------------------------------------------------------ n = 4, 5

    private void renderPolygon(GraphicsContext gc, int w, int h, Concrete concrete, ConcreteCloud cloud) {
        int n = cloud.dimension();
        double radius = Math.min(w, h) / 2.0 - 70;
        double cx = w / 2.0;
        double cy = h / 2.0 + 10;
        double[] vx = new double[n];
        double[] vy = new double[n];
        for (int k = 0; k < n; k++) {
            double angle = -Math.PI / 2 + 2 * Math.PI * k / n;
            vx[k] = cx + radius * Math.cos(angle);
            vy[k] = cy + radius * Math.sin(angle);
        }
        ensureFrame(w, h);
        java.util.Arrays.fill(frame, BACKGROUND);
        for (int i = 0; i < cloud.count(); i++) {
            double[] x = cloud.point(i);
            double px = 0;
            double py = 0;
            for (int k = 0; k < n; k++) {
                px += x[k] * vx[k];
                py += x[k] * vy[k];
            }
            dot(px, py, w, h);
        }
        blit(gc, w, h);
        gc.setStroke(Color.web("#444"));
        gc.setLineWidth(1.2);
        gc.strokePolygon(vx, vy, n);
        labelVertices(gc, concrete, cloud, vx, vy, cx, cy);
        gc.setFill(Color.web("#555"));
        gc.setFont(Font.font(12));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText("Each point is Σ_k x_k·vertex_k: a projection of the " + (n - 1) + "-simplex (density shown for n = 3).", 12, h - 14);
    }

    // ------------------------------------------------------------------ raster helpers

    private void ensureFrame(int w, int h) {
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
            frame = new int[w * h];
        }
    }

    /** A 2×2 dot blended 55 % over the frame. */
    private void dot(double x, double y, int w, int h) {
        int px = (int) x;
        int py = (int) y;
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                int xx = px + dx;
                int yy = py + dy;
                if (xx >= 0 && yy >= 0 && xx < w && yy < h) {
                    int i = yy * w + xx;
                    frame[i] = blend(frame[i], POINT, 0.55);
                }
            }
        }
    }

    private static int blend(int under, int over, double a) {
        int r = (int) (((under >> 16) & 0xff) * (1 - a) + ((over >> 16) & 0xff) * a);
        int g = (int) (((under >> 8) & 0xff) * (1 - a) + ((over >> 8) & 0xff) * a);
        int b = (int) ((under & 0xff) * (1 - a) + (over & 0xff) * a);
        return 0xFF000000 | (r << 16) | (g << 8) | b;
    }

    private void blit(GraphicsContext gc, int w, int h) {
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbPreInstance(), frame, 0, w);
        gc.drawImage(image, 0, 0);
    }

    private static Color argbColor(int argb) {
        return Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
    }
}
