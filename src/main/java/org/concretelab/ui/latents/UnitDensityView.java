package org.concretelab.ui.latents;

import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.concretelab.explore.UnitPosterior;
import org.concretelab.ui.concrete.ColorMap;

/**
 * Draws one unit's posterior at λ (computed in the background, {@link UnitPosterior}): a binary unit's BinaryConcrete
 * density on (0, 1) over its mass in bins, the end bins holding what piles on 0 and 1; a 3-way unit's density on the
 * triangle in the Concrete tab's colours; a K-way unit's class probabilities beside its samples' relaxed weights. The
 * samples decoded in the top row are marked in all three. Only drawing here: every number comes computed.
 */
final class UnitDensityView extends Region {
    static final double WIDTH = 360;
    static final double HEIGHT = 128;
    private static final Color BAR = Color.web("#c6dbef");
    private static final Color CURVE = Color.web("#2d5da8");
    private static final Color SAMPLE = Color.web("#d9480f");
    private static final Color TEXT = Color.web("#333");
    /** One colour per class (Tableau 10), cycling past ten. */
    private static final Color[] CLASSES = {Color.web("#4e79a7"), Color.web("#f28e2b"), Color.web("#e15759"),
            Color.web("#76b7b2"), Color.web("#59a14f"), Color.web("#edc948"), Color.web("#b07aa1"), Color.web("#ff9da7"),
            Color.web("#9c755f"), Color.web("#bab0ac")};

    private final Canvas canvas = new Canvas(WIDTH, HEIGHT);
    private UnitPosterior shown;
    /** The density curve's points as drawn, in canvas pixels (tests compare them across λ). */
    private double[] drawnCurve = new double[0];

    UnitDensityView() {
        setId("unit-density");
        getChildren().add(canvas);
        setMinSize(WIDTH, HEIGHT);
        setPrefSize(WIDTH, HEIGHT);
        setMaxSize(WIDTH, HEIGHT);
    }

    UnitPosterior shown() {
        return shown;
    }

    double[] drawnCurve() {
        return drawnCurve.clone();
    }

    void show(UnitPosterior up) {
        shown = up;
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, WIDTH, HEIGHT);
        drawnCurve = new double[0];
        if (up == null) {
            return;
        }
        gc.setFont(Font.font(11));
        gc.setTextBaseline(VPos.BASELINE);
        if (up.interval() != null) {
            interval(gc, up);
        } else if (up.triangle() != null) {
            triangle(gc, up);
        } else {
            classes(gc, up);
        }
    }

    // ------------------------------------------------------------------ binary: the density on (0, 1)

    private void interval(GraphicsContext gc, UnitPosterior up) {
        UnitPosterior.Interval in = up.interval();
        double left = 30;
        double right = WIDTH - 8;
        double top = 18;
        double bottom = HEIGHT - 22;
        int bins = in.binMass().length;
        double max = 1.5; // at least the uniform density's height and a half
        for (int i = 1; i < bins - 1; i++) {
            max = Math.max(max, 1.15 * in.binMass()[i] * bins);
        }
        for (double d : in.density()) {
            max = Math.max(max, 1.15 * d);
        }
        double yMax = Math.min(max, 12); // the ends' mass may be far taller: clipped, with its share written on it
        double width = (right - left) / bins;
        gc.setFill(BAR);
        for (int i = 0; i < bins; i++) {
            double h = (bottom - top) * Math.min(1, in.binMass()[i] * bins / yMax);
            gc.fillRect(left + i * width + 0.5, bottom - h, width - 1, h);
        }
        gc.setStroke(CURVE);
        gc.setLineWidth(2);
        double[] x = in.x();
        drawnCurve = new double[x.length];
        gc.beginPath();
        for (int i = 0; i < x.length; i++) {
            double px = left + (right - left) * x[i];
            double py = bottom - (bottom - top) * Math.min(1, in.density()[i] / yMax);
            drawnCurve[i] = py;
            if (i == 0) {
                gc.moveTo(px, py);
            } else {
                gc.lineTo(px, py);
            }
        }
        gc.stroke();
        gc.setFill(TEXT); // each end bin's share beside it, inwards: what piles on 0 and on 1
        for (int end : new int[] {0, bins - 1}) {
            double mass = in.binMass()[end];
            if (mass >= 0.005) {
                double h = (bottom - top) * Math.min(1, mass * bins / yMax);
                gc.setTextAlign(end == 0 ? TextAlignment.LEFT : TextAlignment.RIGHT);
                gc.fillText(percent(mass), end == 0 ? left + width + 2 : right - width - 2, Math.max(top + 10, bottom - h + 10));
            }
        }
        axes(gc, left, right, top, bottom, yMax);
        gc.setStroke(SAMPLE); // the relaxed samples decoded in the top row, as ticks under the axis
        gc.setLineWidth(2);
        for (int s = 0; s < up.samples().length; s++) {
            double px = left + (right - left) * up.value(s);
            gc.strokeLine(px, bottom + 1, px, bottom + 7);
        }
        gc.setFill(TEXT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText(String.format(Locale.ROOT, "q(z%d = 1 | x) = %.3f · at λ %.2f: %s in (%.2f, %.2f)", up.unit() + 1,
                up.probabilities()[1], up.lambda(), percent(in.middleMass()), 1.0 / bins, 1 - 1.0 / bins), 4, 12);
    }

    private void axes(GraphicsContext gc, double left, double right, double top, double bottom, double yMax) {
        gc.setStroke(Color.web("#555"));
        gc.setLineWidth(1);
        gc.strokeLine(left, bottom, right, bottom);
        gc.strokeLine(left, top, left, bottom);
        gc.setFill(TEXT);
        gc.setTextAlign(TextAlignment.CENTER);
        gc.fillText("0", left, bottom + 18);
        gc.fillText("½", (left + right) / 2, bottom + 18);
        gc.fillText("1", right, bottom + 18);
        gc.fillText("value of the unit", (left + right) / 2 + 70, bottom + 18);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.fillText(String.format(Locale.ROOT, "%.3g", yMax), left - 3, top + 8);
        gc.fillText("0", left - 3, bottom);
    }

    private static String percent(double p) {
        return p >= 0.995 ? "100 %" : p < 0.005 ? (p > 0 ? "<1 %" : "0 %") : String.format(Locale.ROOT, "%.0f %%", 100 * p);
    }

    // ------------------------------------------------------------------ 3-way: the density on the triangle

    private void triangle(GraphicsContext gc, UnitPosterior up) {
        UnitPosterior.Triangle t = up.triangle();
        double side = Math.min(WIDTH - 200, (HEIGHT - 26) / UnitPosterior.H);
        double x0 = 24;
        double y0 = 18;
        int g = t.grid();
        int[] argb = new int[g * g];
        for (int i = 0; i < argb.length; i++) {
            double v = t.logDensity()[i];
            argb[i] = v == Double.NEGATIVE_INFINITY ? 0 : ColorMap.argb(1 - (t.max() - v) / ColorMap.LOG_RANGE);
        }
        WritableImage raster = new WritableImage(g, g);
        raster.getPixelWriter().setPixels(0, 0, g, g, PixelFormat.getIntArgbInstance(), argb, 0, g);
        gc.setImageSmoothing(true);
        gc.drawImage(raster, x0, y0, side, side * UnitPosterior.H);
        double[] vx = {x0 + side / 2, x0, x0 + side};
        double[] vy = {y0, y0 + side * UnitPosterior.H, y0 + side * UnitPosterior.H};
        gc.setStroke(Color.web("#444"));
        gc.setLineWidth(1.2);
        gc.strokePolygon(vx, vy, 3);
        gc.setFill(SAMPLE);
        for (double[] w : up.samples()) {
            double px = w[0] * vx[0] + w[1] * vx[1] + w[2] * vx[2];
            double py = w[0] * vy[0] + w[1] * vy[1] + w[2] * vy[2];
            gc.fillOval(px - 3, py - 3, 6, 6);
        }
        gc.setFill(TEXT);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.fillText(String.format(Locale.ROOT, "unit %d · λ %.2f", up.unit() + 1, up.lambda()), 4, 12);
        double tx = x0 + side + 14;
        for (int k = 0; k < 3; k++) {
            gc.fillText(String.format(Locale.ROOT, "class %d (%s): q = %.3f", k + 1, k == 0 ? "top" : k == 1 ? "left" : "right",
                    up.probabilities()[k]), tx, 40 + 18 * k);
        }
        gc.fillText("dots: the samples above;", tx, 40 + 18 * 3 + 4);
        gc.fillText("colour: log density", tx, 40 + 18 * 4 + 4);
    }

    // ------------------------------------------------------------------ K-way: probabilities and relaxed weights

    private void classes(GraphicsContext gc, UnitPosterior up) {
        int k = up.probabilities().length;
        double top = 20;
        double bottom = HEIGHT - 18;
        double left = 8;
        double mid = WIDTH * 0.52;
        double width = (mid - left - 10) / k;
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(TEXT);
        gc.fillText(String.format(Locale.ROOT, "unit %d: q(class | x), tallest %.2f", up.unit() + 1, most(up)), left, 12);
        gc.fillText(String.format(Locale.ROOT, "samples, λ %.2f (hard below)", up.lambda()), mid + 4, 12);
        double most = most(up); // the largest probability fills the height: a near-uniform q stays readable
        for (int c = 0; c < k; c++) {
            double h = (bottom - top) * up.probabilities()[c] / most;
            gc.setFill(CLASSES[c % CLASSES.length]);
            gc.fillRect(left + c * width + 1, bottom - h, width - 2, h);
            gc.setFill(TEXT);
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText(Integer.toString(c + 1), left + (c + 0.5) * width, bottom + 13);
        }
        gc.setStroke(Color.web("#555"));
        gc.setLineWidth(1);
        gc.strokeLine(left, bottom, mid - 10, bottom);
        int n = up.samples().length;
        double column = (WIDTH - mid - 8) / n;
        for (int s = 0; s < n; s++) {
            double y = bottom;
            for (int c = 0; c < k; c++) { // a stacked bar: each class's weight in this sample
                double h = (bottom - top) * up.samples()[s][c];
                gc.setFill(CLASSES[c % CLASSES.length]);
                gc.fillRect(mid + s * column + 2, y - h, column - 4, h);
                y -= h;
            }
            gc.setFill(TEXT);
            gc.fillText(Integer.toString(up.hard()[s] + 1), mid + (s + 0.5) * column, bottom + 13);
        }
    }

    private static double most(UnitPosterior up) {
        double most = 0.05;
        for (double p : up.probabilities()) {
            most = Math.max(most, p);
        }
        return most;
    }
}
