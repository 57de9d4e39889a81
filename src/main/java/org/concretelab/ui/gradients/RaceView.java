package org.concretelab.ui.gradients;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.YValueIndicator;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.concretelab.gradients.ComparisonReport;

/**
 * The toy's gradient race: Start and Reset, one line per racer of the exact objective f(θ_t) over the steps (the exact
 * gradient dashed, each estimator in its own colour) with the optimum f* marked, and a key with every racer's θ and
 * f − f* so far.
 */
final class RaceView extends BorderPane {
    private final XYChart chart;

    RaceView(GradientsViewModel vm) {
        RaceExplorer race = vm.race();
        getStyleClass().add("toy-race");
        Button start = new Button("Start");
        start.setId("toy-race-start");
        start.setOnAction(e -> vm.startRace());
        start.setTooltip(new Tooltip(String.format(Locale.ROOT, "Gradient descent θ ← θ − %s·ĝ from the current θ, %d steps, with"
                + " each estimator (ĝ the mean of %d estimates per step, the same draws for all) and with the exact gradient;"
                + " the relaxed ones at the current λ.", ComparisonReport.number(RaceExplorer.RATE), RaceExplorer.STEPS,
                RaceExplorer.DRAWS_PER_STEP)));
        Button reset = new Button("Reset");
        reset.setId("toy-race-reset");
        reset.setOnAction(e -> vm.resetRace());
        Label status = new Label();
        status.setId("toy-race-status");
        status.textProperty().bind(race.statusProperty());
        status.setWrapText(true);
        status.getStyleClass().add("caption");
        status.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(status, Priority.ALWAYS);
        Label title = ToyPane.section("Gradient race");
        for (Region r : new Region[] {title, start, reset}) {
            r.setMinWidth(Region.USE_PREF_SIZE); // the status wraps, the buttons keep their names
        }
        HBox bar = new HBox(8, title, start, reset, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 2, 6));

        DefaultNumericAxis x = new DefaultNumericAxis("step t", (String) null);
        x.setAutoRanging(false);
        x.set(0, RaceExplorer.STEPS);
        x.setTickUnit(RaceExplorer.STEPS / 10.0);
        DefaultNumericAxis y = new DefaultNumericAxis("f(θ_t), exact", (String) null);
        y.setAutoRanging(false); // set from the lines drawn, f* always in view (see fitY)
        chart = new XYChart(x, y);
        chart.setId("toy-race-chart");
        chart.getStyleClass().add("toy-race-chart");
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setDrawMarker(false);
        r.getDatasets().setAll(race.series());
        chart.getRenderers().setAll(r);
        chart.setLegendVisible(false); // the key beside it names the racers, with their standings
        chart.setAnimated(false);
        Optimum optimum = new Optimum(y, race.optimum(), String.format(Locale.ROOT, "optimum f* = %.4f (σ(θ) → 0)", race.optimum()));
        optimum.setLabelPosition(0.8);
        chart.getPlugins().add(optimum);
        fitY(y, race);
        race.stepsShownProperty().addListener((o, a, b) -> fitY(y, race));
        x.setAxisPadding(24);
        chart.getAxesAndCanvasPane().setPadding(new Insets(0, 22, 0, 0)); // room for the last tick label, as the histograms

        VBox key = new VBox(1);
        key.setId("toy-race-key");
        for (int i = 0; i < race.standings().size(); i++) {
            Label l = new Label();
            l.textProperty().bind(race.standings().get(i).map(t -> "■ " + t));
            l.getStyleClass().addAll("race-key", "race-" + race.ids().get(i));
            key.getChildren().add(l);
        }
        key.setPadding(new Insets(8, 6, 6, 0));
        key.setMinWidth(VBox.USE_PREF_SIZE);
        setTop(bar);
        setCenter(chart);
        setRight(key);
    }

    XYChart chart() {
        return chart;
    }

    /** The y axis over every line drawn and the optimum, with a little room (f lies between f(0) and f(1) anyway). */
    private static void fitY(DefaultNumericAxis y, RaceExplorer race) {
        double lo = race.optimum();
        double hi = lo;
        for (var d : race.series()) {
            for (int i = 0; i < d.getDataCount(); i++) {
                lo = Math.min(lo, d.get(1, i));
                hi = Math.max(hi, d.get(1, i));
            }
        }
        double pad = Math.max(0.002, 0.05 * (hi - lo));
        y.set(lo - pad, hi + pad);
        y.setTickUnit(ToyPane.tickUnit(hi - lo + 2 * pad, 150));
    }

    /** The optimum, a fixed horizontal line with its label. */
    private static final class Optimum extends YValueIndicator {
        Optimum(Axis axis, double value, String text) {
            super(axis, value, text);
            setEditable(false);
            updateStyleClass();
        }

        @Override
        public void updateStyleClass() {
            super.updateStyleClass();
            line.getStyleClass().add("mark-optimum");
            label.getStyleClass().add("mark-optimum");
        }
    }
}
