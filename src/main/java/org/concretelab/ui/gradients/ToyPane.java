package org.concretelab.ui.gradients;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.concretelab.gradients.ComparisonReport;
import org.concretelab.gradients.toy.ToyEstimator;
import org.concretelab.ui.SliderKeys;
import org.concretelab.ui.TextWrap;

/**
 * The Gradients tab's "Toy: one Bernoulli" view: θ, λ and N on the left; a grid of one histogram per toy estimator
 * (coloured by kind: score function, relaxed, antithetic, relaxation as control variate), all over one x range; under
 * it the gradient race ({@link RaceView}).
 */
final class ToyPane extends BorderPane {
    private static final int COLUMNS = 4;
    /** A histogram panel's width beside its x axis: the y axis, the padding kept for the last tick label. */
    private static final double PANEL_MARGINS = 70;
    private final GradientsViewModel vm;

    ToyPane(GradientsViewModel vm) {
        this.vm = vm;
        Slider theta = new Slider(-4, 4, vm.thetaProperty().get());
        theta.setId("toy-theta");
        SliderKeys.install(theta);
        theta.valueProperty().bindBidirectional(vm.thetaProperty());
        theta.setShowTickLabels(true);
        theta.setMajorTickUnit(2);
        Label thetaValue = new Label();
        thetaValue.textProperty().bind(vm.thetaProperty().asString(Locale.ROOT, "θ = %.2f"));
        Slider lambda = new Slider(GradientsPane.LOG_LAMBDA_MIN, GradientsPane.LOG_LAMBDA_MAX, Math.log10(vm.lambdaProperty().get()));
        lambda.setId("toy-lambda");
        SliderKeys.install(lambda);
        lambda.valueProperty().addListener((o, a, v) -> vm.lambdaProperty().set(Math.pow(10, v.doubleValue())));
        vm.lambdaProperty().addListener((o, a, v) -> {
            double log = Math.log10(v.doubleValue());
            if (Math.abs(lambda.getValue() - log) > 1e-9) {
                lambda.setValue(log);
            }
        });
        lambda.setShowTickLabels(true);
        lambda.setMajorTickUnit(1);
        lambda.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return ComparisonReport.number(Math.pow(10, v));
            }

            @Override
            public Double fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        });
        lambda.setTooltip(new Tooltip("Temperature of the relaxation (log scale, 0.05 to 10): Concrete and straight-through"
                + " estimate with it (biased); REBAR and RELAX use it in their control variate (unbiased at any λ)."));
        Label lambdaValue = new Label();
        lambdaValue.textProperty().bind(Bindings.createStringBinding(
                () -> "λ = " + ComparisonReport.number(vm.lambdaProperty().get()), vm.lambdaProperty()));
        ChoiceBox<Integer> n = new ChoiceBox<>();
        n.setId("toy-n");
        n.getItems().setAll(500, 2000, 10_000, 50_000);
        n.setValue(vm.toyDrawsProperty().get());
        n.valueProperty().addListener((o, a, v) -> vm.toyDrawsProperty().set(v));
        Button resample = new Button("Resample");
        resample.setId("toy-resample");
        resample.setOnAction(e -> vm.resampleToy());
        resample.setTooltip(new Tooltip("Draw N new estimates of every estimator."));
        Label summary = new Label();
        summary.setId("toy-summary");
        summary.textProperty().bind(vm.toySummaryProperty());
        summary.setWrapText(true);
        Label explain = new Label("Each panel: a histogram (counts) of N estimates of df/dθ, all on one axis. Solid line: the exact"
                + " gradient; dashed: what a biased estimator averages to (by quadrature over the noise). Blue: score function,"
                + " unbiased; a baseline or centring shrinks its spread. Orange: relaxed, biased, less so as λ falls, at the"
                + " price of variance. Green: DisARM's antithetic pair. Purple: REBAR and RELAX, the relaxation as a control"
                + " variate (η and r fitted to θ and λ for least variance), unbiased. All share the same N logistic draws.");
        explain.setWrapText(true);
        explain.getStyleClass().add("caption");
        Label key = new Label("relaxed: X = σ((θ + L)/λ),\nL ~ Logistic(0, 1), b = 1[θ + L > 0]\nDisARM: b̃ from −L\n"
                + "REBAR, RELAX: z̃ ~ θ + L | b");
        key.setId("toy-key");
        key.getStyleClass().add("toy-key");
        key.setWrapText(true);
        VBox controls = new VBox(8, section("Parameter θ"), theta, thetaValue, section("Temperature λ"), lambda, lambdaValue,
                section("Estimates N"), new HBox(8, n, resample), new Separator(), summary, explain, key);
        controls.setPadding(new Insets(10));
        controls.setPrefWidth(270);
        controls.setMinWidth(230);
        controls.setMinHeight(Region.USE_PREF_SIZE);
        ScrollPane side = new ScrollPane(controls); // a short window scrolls the controls instead of cutting them off
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setMinWidth(280); // fixed from the first layout: the charts beside it are laid out once at their final width
        side.setPrefWidth(280);
        side.getStyleClass().add("toy-controls");

        GridPane grid = new GridPane();
        grid.setId("toy-grid");
        grid.setHgap(6);
        grid.setVgap(6);
        int count = vm.toyViews().size();
        int rows = (count + COLUMNS - 1) / COLUMNS;
        ColumnConstraints column = new ColumnConstraints();
        column.setPercentWidth(100.0 / COLUMNS);
        for (int c = 0; c < COLUMNS; c++) {
            grid.getColumnConstraints().add(column);
        }
        RowConstraints row = new RowConstraints();
        row.setPercentHeight(100.0 / rows);
        for (int r = 0; r < rows; r++) {
            grid.getRowConstraints().add(row);
        }
        int k = 0;
        for (ToyView v : vm.toyViews()) {
            grid.add(histogram(v), k % COLUMNS, k / COLUMNS);
            k++;
        }
        grid.setPadding(new Insets(6));
        SplitPane split = new SplitPane(grid, new RaceView(vm));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        setCenter(split);
        setLeft(side);
    }

    /** A round tick spacing (1, 2, 2.5 or 5 × 10^k) giving a tick label about every 55 px of {@code length}. */
    static double tickUnit(double span, double length) {
        double raw = span / Math.max(1, Math.floor(length / 55));
        double decade = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5}) {
            if (m * decade >= raw) {
                return m * decade;
            }
        }
        return 10 * decade;
    }

    static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-header");
        return l;
    }

    /** The colour class of a toy estimator's histogram: what kind of estimator it is. */
    static String kind(ToyEstimator e) {
        if (e.relaxed()) {
            return e.unbiased() ? "toy-control-variate" : "toy-relaxed";
        }
        return e.id().equals("disarm") ? "toy-antithetic" : "toy-score-function";
    }

    private XYChart histogram(ToyView v) {
        DefaultNumericAxis x = new DefaultNumericAxis("estimate of df/dθ", (String) null);
        x.setAutoRanging(false);
        DefaultNumericAxis y = new DefaultNumericAxis("", (String) null); // "count": said once, in the caption
        y.setForceZeroInRange(true);
        y.setAutoRangeRounding(true);
        XYChart chart = new XYChart(x, y);
        chart.setId("toy-chart-" + v.estimator().id());
        chart.getStyleClass().addAll("toy-chart", kind(v.estimator()));
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.HISTOGRAM_FILLED);
        r.setDrawMarker(false);
        r.getDatasets().setAll(v.histogram());
        chart.getRenderers().setAll(r);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        // the x axis centres its last tick label on the plot's right end: the axis' canvas and the chart need room for its
        // right half, else the rightmost panel clipped it ("0.055" read "0.05")
        x.setAxisPadding(24);
        chart.getAxesAndCanvasPane().setPadding(new Insets(0, 22, 0, 0)); // half of "−0.0375" and a little
        // a quarter of the grid: the chart lays its content into its cell (its parts' minimum, e.g. an earlier layout's
        // tick labels, pushed the axis past the panel's edge)
        for (Region part : new Region[] {chart.getMenuPane(), chart.getTitleLegendPane(), chart.getAxesAndCanvasPane(), x}) {
            part.setMinWidth(0);
        }
        // a panel is a third of what the controls leave (~200 px at the minimum window), narrower than a title's line, and
        // the chart does not wrap its title: break its lines to the panel's width
        chart.titleProperty().bind(Bindings.createStringBinding(() -> chart.getWidth() <= 0 ? v.titleProperty().get()
                : TextWrap.wrap(v.titleProperty().get(), chart.getTitleLabel().getFont(), chart.getWidth() - 12),
                v.titleProperty(), chart.widthProperty(), chart.getTitleLabel().fontProperty()));
        GradientsPane.Mark exact = new GradientsPane.Mark(x, vm.exactGradientProperty().get(), "exact", "exact");
        GradientsPane.Mark expected = new GradientsPane.Mark(x, v.expectedProperty().get(), "E", "expected");
        chart.getPlugins().addAll(exact, expected);
        expected.setLabelPosition(0.85);
        exact.setLabelPosition(0.1);
        Runnable update = () -> {
            double[] range = v.rangeProperty().get();
            x.set(range[0], range[1]);
            // ticks for the panel's width, not the axis' current length: an axis holds its tick labels' width as its minimum,
            // so ticks chosen for a wider first layout kept the panel from shrinking into its cell
            x.setTickUnit(tickUnit(range[1] - range[0], Math.max(60, chart.getWidth() - PANEL_MARGINS)));
            exact.setValue(vm.exactGradientProperty().get());
            expected.setValue(v.expectedProperty().get());
            // the unbiased estimators' expectation is the exact value: one line says it
            expected.setText(v.estimator().unbiased() ? "" : "E");
        };
        vm.toyVersionProperty().addListener((o, a, b) -> update.run());
        chart.widthProperty().addListener((o, a, b) -> update.run());
        update.run();
        return chart;
    }
}
