package org.concretelab.ui;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.renderer.spi.GridRenderer;
import io.fair_acc.chartfx.renderer.spi.utils.DashPatternStyle;
import io.fair_acc.chartfx.ui.css.LineStyle;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.StackPane;

/**
 * Draws chart-fx's dashed grid lines once, off screen, while the app is idle after start-up. chart-fx draws a dashed line
 * with a pattern image made by a synchronous {@code Node.snapshot} the first time a stroke style is used, and caches it
 * for the JVM: made during the first pulse of a run's charts, that snapshot waited ~100 ms for the render thread while
 * training took both cores ({@code FxLatencyBenchmark -Dbench.demo=true -Dbench.stacks=true}:
 * {@code DashPatternStyle.createDefaultHatch} → {@code Scene.doSnapshot}). Every chart here uses chart-fx's default
 * grid style, so a chart of our own styled the same way makes the same patterns.
 */
final class ChartWarmUp {
    private ChartWarmUp() {
    }

    /** Makes the grid's dash patterns (call on the FX thread); returns how many styles were drawn. */
    static int drawGridPatterns() {
        XYChart chart = new XYChart();
        new Scene(new StackPane(chart), 320, 240);
        chart.applyCss();
        GridRenderer grid = chart.getGridRenderer();
        Canvas canvas = new Canvas(64, 64);
        GraphicsContext gc = canvas.getGraphicsContext2D();
        List<LineStyle> styles = List.of(grid.getHorizontalMajorGrid(), grid.getVerticalMajorGrid(),
                grid.getHorizontalMinorGrid(), grid.getVerticalMinorGrid());
        for (LineStyle s : styles) {
            gc.save();
            s.copyStyleTo(gc);
            DashPatternStyle.strokeDashedLine(gc, 0.5, 8.5, 63.5, 8.5); // horizontal lines' pattern
            DashPatternStyle.strokeDashedLine(gc, 8.5, 0.5, 8.5, 63.5); // vertical lines'
            gc.restore();
        }
        return styles.size();
    }
}
