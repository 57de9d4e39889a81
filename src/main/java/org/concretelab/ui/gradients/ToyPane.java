package org.concretelab.ui.gradients;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.VPos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.concretelab.gradients.ComparisonReport;
import org.concretelab.gradients.toy.ToyEstimator;
import org.concretelab.ui.SliderKeys;
import org.concretelab.ui.TextWrap;

/**
 * The Gradients tab's "Toy: one Bernoulli" view: θ, λ and N on the left, and a 3×3 grid of one histogram per toy
 * estimator (coloured by kind: score function, relaxed, antithetic, relaxation as control variate) with a key in the
 * last cell.
 */
final class ToyPane extends BorderPane {
    private static final int COLUMNS = 3;
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
        Label explain = new Label("Each panel: a histogram of N estimates of df/dθ. Solid line: the exact gradient; dashed: what"
                + " a biased estimator averages to (by quadrature over the noise). Blue: score function, unbiased; a baseline"
                + " or centring shrinks its spread. Orange: relaxed, biased, less so as λ falls, at the price of variance."
                + " Green: DisARM's antithetic pair. Purple: REBAR and RELAX, the relaxation as a control variate (η and r"
                + " fitted to θ and λ for least variance), unbiased. All share the same N logistic draws.");
        explain.setWrapText(true);
        explain.getStyleClass().add("caption");
        VBox controls = new VBox(8, section("Parameter θ"), theta, thetaValue, section("Temperature λ"), lambda, lambdaValue,
                section("Estimates N"), new HBox(8, n, resample), new Separator(), summary, explain);
        controls.setPadding(new Insets(10));
        controls.setPrefWidth(270);
        controls.setMinWidth(230);

        GridPane grid = new GridPane();
        grid.setId("toy-grid");
        grid.setHgap(6);
        grid.setVgap(6);
        int count = vm.toyViews().size() + 1; // and the key
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
        Label key = new Label("f(θ) = E[(b − 0.45)²], b ~ Bernoulli(σ(θ))\ndf/dθ = σ(θ)(1 − σ(θ))((1 − t)² − t²)\n"
                + "relaxed: X = σ((θ + L)/λ), L ~ Logistic(0, 1), b = 1[θ + L > 0]\nDisARM: b̃ from −L\n"
                + "REBAR, RELAX: z̃ ~ θ + L | b");
        key.setId("toy-key");
        key.getStyleClass().add("toy-key");
        key.setWrapText(true); // a ninth of the grid at the minimum window: the formulas' long lines wrap instead of "…"
        GridPane.setHalignment(key, HPos.CENTER);
        GridPane.setValignment(key, VPos.CENTER);
        grid.add(key, k % COLUMNS, k / COLUMNS);
        grid.setPadding(new Insets(6));
        setCenter(grid);
        setLeft(controls);
    }

    private static Label section(String text) {
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
        DefaultNumericAxis y = new DefaultNumericAxis("count", (String) null);
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
            x.setTickUnit(x.computePreferredTickUnit(x.getLength()));
            exact.setValue(vm.exactGradientProperty().get());
            expected.setValue(v.expectedProperty().get());
            // the unbiased estimators' expectation is the exact value: one line says it
            expected.setText(v.estimator().unbiased() ? "" : "E");
        };
        vm.toyVersionProperty().addListener((o, a, b) -> update.run());
        update.run();
        return chart;
    }
}
