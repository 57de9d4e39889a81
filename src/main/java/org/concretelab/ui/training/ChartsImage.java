package org.concretelab.ui.training;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.io.IOException;
import java.nio.file.Path;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;

/**
 * The Training tab's two charts drawn afresh for a PNG: the run's name, then each chart with its title, axes and legend,
 * at the size asked for. Nothing of the screen is in it (no banner, no progress row, no stale ETA): the curves are
 * copied into charts of its own, laid out and rendered off screen. Call on the FX thread.
 */
final class ChartsImage {
    /** The size Export PNG writes: wide enough for the titles, 2:1.25 like a slide. */
    static final int WIDTH = 1600;
    static final int HEIGHT = 1000;

    private ChartsImage() {
    }

    /** A chart whose pre- and post-layout hooks (the drawing, normally run by the scene's pulse) can be run at once. */
    private static final class OffscreenChart extends XYChart {
        OffscreenChart(DefaultNumericAxis x, DefaultNumericAxis y) {
            super(x, y);
        }

        void render() {
            runPreLayout();
            layout();
            runPostLayout();
        }
    }

    /** Draws {@code name} above the charts of {@code stepTitle}/{@code steps} and {@code epochTitle}/{@code epochs}. */
    static WritableImage render(String name, String stepTitle, DataSet[] steps, String epochTitle, DataSet[] epochs,
                                int width, int height) {
        Label title = new Label(name);
        title.setStyle("-fx-font-size: 16px; -fx-font-weight: bold;");
        OffscreenChart top = chart(stepTitle, steps, false);
        OffscreenChart bottom = chart(epochTitle, epochs, true);
        VBox root = new VBox(6, title, top, bottom);
        root.setPadding(new Insets(12));
        root.setStyle("-fx-background-color: white;");
        VBox.setVgrow(top, Priority.ALWAYS);
        VBox.setVgrow(bottom, Priority.ALWAYS);
        top.setPrefHeight(height * 0.55);
        bottom.setPrefHeight(height * 0.45);
        Scene scene = new Scene(root, width, height, Color.WHITE);
        root.applyCss();
        root.layout();
        top.render();
        bottom.render();
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.WHITE);
        return root.snapshot(p, new WritableImage(width, height));
    }

    /** Writes {@link #render} to {@code file} as PNG. */
    static void write(Path file, WritableImage image) throws IOException {
        if (!ImageIO.write(javafx.embed.swing.SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer available");
        }
    }

    /** A chart of copies of {@code sets} (their styles too: a compared run's dashes and colour), markers on epochs only. */
    private static OffscreenChart chart(String title, DataSet[] sets, boolean markers) {
        DefaultNumericAxis[] axes = axes();
        DataSet[] copies = new DataSet[sets.length];
        for (int i = 0; i < sets.length; i++) { // copies: the live sets stay the screen's, and may change while this draws
            copies[i] = new DoubleDataSet(sets[i]);
            if (sets[i].getStyle() != null) {
                copies[i].setStyle(sets[i].getStyle());
            }
        }
        OffscreenChart chart = dress(new OffscreenChart(axes[0], axes[1]), copies);
        ((ErrorDataSetRenderer) chart.getRenderers().get(0)).setDrawMarker(markers);
        chart.setTitle(title);
        return chart;
    }

    /** The training charts' axes: steps across (1.2k, 60k…), nats per image up, not forced to include zero. */
    static DefaultNumericAxis[] axes() {
        DefaultNumericAxis x = new DefaultNumericAxis("step", (String) null);
        DefaultNumericAxis y = new DefaultNumericAxis("nats per image", (String) null);
        x.setAutoRangeRounding(false);
        x.setAxisLabelFormatter(new StepAxisFormatter(x));
        // no rounding: on a short chart (one y tick) chartfx rounded the range to the nearest tick, cutting off the
        // top and bottom curves; a small padding keeps the extreme points off the frame instead
        y.setAutoRangeRounding(false);
        y.setAutoRangePadding(0.05);
        y.setForceZeroInRange(false);
        return new DefaultNumericAxis[] {x, y};
    }

    /** Lines (with markers when there are more than two sets: the epochs'), a legend, no animation. */
    static <C extends XYChart> C dress(C chart, DataSet... sets) {
        ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        renderer.setDrawMarker(sets.length > 2);
        // screen coordinates on the FX thread itself: the parallel version hands them to chart-fx's pool and waits, and
        // with both cores training that pool thread waited for the scheduler (FxLatencyBenchmark -Dbench.demo=true
        // -Dbench.stacks=true caught the FX thread in CachedDataPoints.computeScreenCoordinatesParallel in > 100 ms
        // pulses); the thinned series are a few thousand points, well under a millisecond
        renderer.setParallelImplementation(false);
        renderer.getDatasets().addAll(sets);
        chart.getRenderers().setAll(renderer);
        chart.setLegendVisible(true);
        chart.setAnimated(false);
        return chart;
    }
}
