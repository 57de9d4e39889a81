package org.concretelab.ui.gradients;

import org.concretelab.ui.SliderKeys;
import org.concretelab.ui.TextWrap;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.Axis;
import io.fair_acc.chartfx.axes.spi.CategoryAxis;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.plugins.XValueIndicator;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.DataSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.concretelab.gradients.ComparisonReport;
import org.concretelab.gradients.EstimatorResult;

/**
 * What no library or demo shows: how good each gradient estimator is. Two sub-tabs. "Estimators on the model": N
 * gradient estimates per registered estimator at a trained model's encoder logits against a score-function
 * reference of the discrete objective, as a table, a log-scale chart of variance, bias² and noise floor, and the
 * relaxed estimators across λ1 (log-log). "Toy: one Bernoulli": histograms of N estimates of d/dθ E[(z − 0.45)²]
 * against its exact value as θ and λ are dragged. The view of a {@link GradientsViewModel}.
 */
public final class GradientsPane extends BorderPane {
    private static final double LOG_LAMBDA_MIN = Math.log10(0.05);
    private static final double LOG_LAMBDA_MAX = Math.log10(10);

    private final GradientsViewModel vm;
    private final TableView<EstimatorResult> table = new TableView<>();
    private final XYChart pointsChart;
    private final XYChart sweepChart;
    private final ErrorDataSetRenderer sweepRenderer = new ErrorDataSetRenderer();
    private final Mark modelLambda;
    private final TabPane views;

    public GradientsPane(GradientsViewModel viewModel) {
        this.vm = viewModel;
        getStyleClass().add("gradients-pane");
        getStylesheets().add(GradientsPane.class.getResource("gradients.css").toExternalForm());
        pointsChart = pointsChart();
        sweepChart = sweepChart();
        modelLambda = new Mark(sweepChart.getXAxis(), 1, "model λ1", "model-lambda");
        modelLambda.setLabelPosition(0.92);
        sweepChart.getPlugins().add(modelLambda);
        Tab model = new Tab("Estimators on the model", modelView());
        model.setId("gradients-model-tab");
        Tab toy = new Tab("Toy: one Bernoulli", toyView());
        toy.setId("gradients-toy-tab");
        views = new TabPane(model, toy);
        views.setId("gradients-views");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        views.getStyleClass().add("gradients-views");
        setCenter(views);
    }

    public GradientsViewModel viewModel() {
        return vm;
    }

    /** Shows the toy sub-tab (true) or the model one. */
    public void showToy(boolean toy) {
        views.getSelectionModel().select(toy ? 1 : 0);
    }

    // ------------------------------------------------------------------ the estimators on a model

    private Node modelView() {
        ChoiceBox<GradientsViewModel.Source> source = new ChoiceBox<>();
        source.getItems().setAll(GradientsViewModel.Source.values());
        source.setId("gradients-source");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setTooltip(new Tooltip("The model whose encoder logits the gradients are taken at: the model shipped with the app,"
                + " the checkpoint last loaded in the Training tab, or a snapshot of the model being trained (taken at Run)."));
        Spinner<Integer> n = new Spinner<>(10, 1000, vm.drawsProperty().get(), 10);
        n.setId("gradients-n");
        n.setEditable(true);
        n.setPrefWidth(85);
        n.getValueFactory().valueProperty().addListener((o, a, v) -> vm.drawsProperty().set(v));
        vm.drawsProperty().addListener((o, a, v) -> n.getValueFactory().setValue(v.intValue()));
        n.setTooltip(new Tooltip("N: gradient estimates drawn per estimator (and per λ of the sweep)."));
        Spinner<Integer> images = new Spinner<>(1, 100, vm.imagesProperty().get(), 1);
        images.setId("gradients-images");
        images.setEditable(true);
        images.setPrefWidth(70);
        images.getValueFactory().valueProperty().addListener((o, a, v) -> vm.imagesProperty().set(v));
        vm.imagesProperty().addListener((o, a, v) -> images.getValueFactory().setValue(v.intValue()));
        images.setTooltip(new Tooltip("The fixed minibatch: the first test images, binarized as eval binarizes them."
                + " The figures are per coordinate: they do not grow with the number of images."));
        ChoiceBox<Integer> reference = new ChoiceBox<>();
        reference.setId("gradients-reference");
        reference.getItems().setAll(GradientsViewModel.REFERENCE_SIZES);
        reference.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer v) {
                return v == null ? "" : String.format(Locale.ROOT, "%,d draws", v);
            }

            @Override
            public Integer fromString(String s) {
                return null;
            }
        });
        reference.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                vm.referenceDrawsProperty().set(v);
            }
        });
        reference.setValue(vm.referenceDrawsProperty().get());
        vm.referenceDrawsProperty().addListener((o, a, v) -> reference.setValue(v.intValue()));
        reference.setTooltip(new Tooltip("Discrete draws per image behind the reference gradient (a score-function estimate with a"
                + " leave-one-out baseline). More draws: a smaller standard error, a longer run."));
        CheckBox sweep = new CheckBox("λ sweep");
        sweep.setId("gradients-sweep");
        sweep.selectedProperty().bindBidirectional(vm.sweepProperty());
        sweep.setTooltip(new Tooltip("Also draw the relaxed estimators at 12 temperatures λ1 from 10 to 0.05 (λ2 keeps the model's"
                + " ratio λ2/λ1): bias falls and variance climbs as λ1 falls."));
        Button run = new Button("Run");
        run.setId("gradients-run");
        run.setDefaultButton(false);
        run.disableProperty().bind(vm.canRunProperty().not());
        run.setOnAction(e -> vm.run());
        run.setTooltip(new Tooltip("Draw the reference and N estimates per estimator (in the background)."));
        Button cancel = new Button("Cancel");
        cancel.setId("gradients-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar();
        progress.setId("gradients-progress");
        progress.setPrefWidth(150);
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        ToolBar bar = new ToolBar(new Label("Model"), source, new Label("N"), n, new Label("Images"), images,
                new Label("Reference"), reference, sweep, new Separator(Orientation.VERTICAL), run, cancel, progress);
        Label status = new Label();
        status.setId("gradients-status");
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.getStyleClass().add("status");

        Label resultsFor = new Label();
        resultsFor.setId("gradients-results-for");
        resultsFor.textProperty().bind(Bindings.when(vm.resultsForProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Results for ", vm.resultsForProperty())));
        resultsFor.getStyleClass().add("caption");
        resultsFor.visibleProperty().bind(vm.resultsForProperty().isEmpty().not());
        resultsFor.managedProperty().bind(resultsFor.visibleProperty());
        table.setId("gradients-table");
        table.setItems(vm.rows());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPlaceholder(new Label("Run to compare the estimators."));
        table.getColumns().setAll(List.of(
                column("Estimator", 150, EstimatorResult::estimator),
                column("Objective", 80, EstimatorResult::objective),
                column("λ1", 60, e -> e.relaxed() ? ComparisonReport.number(e.lambdaPosterior()) : "–"),
                column("λ2", 60, e -> e.relaxed() ? ComparisonReport.number(e.lambdaPrior()) : "–"),
                column("Variance", 90, e -> String.format(Locale.ROOT, "%.4g", e.variance())),
                biasColumn(),
                column("± floor", 80, e -> String.format(Locale.ROOT, "%.3g", e.noiseFloor())),
                column("Cosine", 70, e -> String.format(Locale.ROOT, "%.3f", e.cosine())),
                column("Scale", 70, e -> String.format(Locale.ROOT, "%.3f", e.scale())),
                noteColumn()));
        table.setFixedCellSize(26);
        table.setFocusTraversable(false);
        // a row per compared estimator, none hidden behind a scroll bar (the header and borders take ~32 px)
        table.setPrefHeight(26 * vm.estimatorNames().size() + 32);
        table.setMinHeight(26 * vm.estimatorNames().size() + 32);

        GridPane charts = new GridPane();
        charts.setHgap(8);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        charts.getColumnConstraints().setAll(half, half);
        RowConstraints grow = new RowConstraints();
        grow.setVgrow(Priority.ALWAYS);
        charts.getRowConstraints().setAll(grow);
        charts.add(pointsChart, 0, 0);
        charts.add(sweepChart, 1, 0);
        VBox.setVgrow(charts, Priority.ALWAYS);
        Label caption = new Label("Per coordinate of the gradient at the encoder's output logits (each image's own objective)."
                + " Reference: the score function with a leave-one-out baseline over many discrete draws, of the discrete ELBO (m = 1)"
                + " or of L_5 for VIMCO (m = 5). bias² = |mean − reference|²/d − floor, floor = variance/N + the reference's SE²:"
                + " an unbiased estimator scatters around 0 (not drawn on the log axis). Scale: s in mean ≈ s · reference (1 if"
                + " unbiased).");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        caption.getStyleClass().add("caption");
        VBox box = new VBox(6, bar, status, resultsFor, table, charts, caption);
        box.setPadding(new Insets(0, 8, 8, 8));

        vm.modelLambdaProperty().addListener((o, a, v) -> {
            if (Double.isFinite(v.doubleValue())) {
                modelLambda.setValue(v.doubleValue());
                modelLambda.setText("model λ1 = " + ComparisonReport.number(v.doubleValue()));
            }
        });
        vm.sweepSets().addListener((javafx.collections.ListChangeListener<DataSet>) c ->
                sweepRenderer.getDatasets().setAll(vm.sweepSets()));
        return box;
    }

    private static TableColumn<EstimatorResult, String> column(String title, double width, Function<EstimatorResult, String> text) {
        TableColumn<EstimatorResult, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /** What the figures rest on, in full in the cell's tooltip (notes can be long). */
    private static TableColumn<EstimatorResult, String> noteColumn() {
        TableColumn<EstimatorResult, String> c = column("Note", 300, e -> e.note().isEmpty()
                ? (e.relaxed() ? "gradient of the relaxed bound (biased)" : "unbiased for " + e.objective()) : e.note());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        return c;
    }

    /** bias², greyed with a tooltip when it does not stand out of the noise. */
    private static TableColumn<EstimatorResult, String> biasColumn() {
        TableColumn<EstimatorResult, String> c = column("Bias²", 90, e -> String.format(Locale.ROOT, "%.3g", e.biasSquared()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                EstimatorResult e = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                getStyleClass().remove("unresolved");
                setTooltip(null);
                if (e != null && !e.biasResolved()) {
                    getStyleClass().add("unresolved");
                    setTooltip(new Tooltip("Within the noise: the squared error is less than twice the floor, so this bias² cannot"
                            + " be told from 0 with N and this reference."));
                }
            }
        });
        return c;
    }

    private XYChart pointsChart() {
        CategoryAxis x = new CategoryAxis("estimator", vm.estimatorNames());
        x.setUnit(null);
        x.setAutoRanging(false);
        x.setMin(-0.5);
        x.setMax(Math.max(0.5, vm.estimatorNames().size() - 0.5));
        // room for the points beside the first and last estimator
        vm.estimatorNames().addListener((javafx.collections.ListChangeListener<String>) c -> {
            x.setMin(-0.5);
            x.setMax(Math.max(0.5, vm.estimatorNames().size() - 0.5));
        });
        DefaultNumericAxis y = new DefaultNumericAxis("per coordinate", (String) null);
        y.setLogAxis(true);
        y.setAutoRangeRounding(true);
        y.setForceZeroInRange(false);
        XYChart chart = new XYChart(x, y);
        chart.setId("gradients-points-chart");
        chart.setTitle("Variance and bias² at the model's λ (log scale)");
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.NONE);
        r.setDrawMarker(true);
        r.getDatasets().setAll(vm.pointSets());
        chart.getRenderers().setAll(r);
        chart.setLegendVisible(true);
        chart.setAnimated(false);
        return chart;
    }

    private XYChart sweepChart() {
        DefaultNumericAxis x = new DefaultNumericAxis("λ1 (λ2 = λ1 · the model's λ2/λ1)", (String) null);
        x.setLogAxis(true);
        x.setAutoRanging(false);
        x.setMin(0.04);
        x.setMax(12);
        DefaultNumericAxis y = new DefaultNumericAxis("per coordinate", (String) null);
        y.setLogAxis(true);
        y.setForceZeroInRange(false);
        XYChart chart = new XYChart(x, y);
        chart.setId("gradients-sweep-chart");
        chart.setTitle("Relaxed estimators across λ1: variance (solid), bias² (dashed), noise floor (dotted)");
        sweepRenderer.setErrorStyle(ErrorStyle.NONE);
        sweepRenderer.setPolyLineStyle(LineStyle.NORMAL);
        sweepRenderer.setDrawMarker(true);
        chart.getRenderers().setAll(sweepRenderer);
        chart.setLegendVisible(true);
        chart.setAnimated(false);
        return chart;
    }

    // ------------------------------------------------------------------ toy

    private Node toyView() {
        Slider theta = new Slider(-4, 4, vm.thetaProperty().get());
        theta.setId("toy-theta");
        SliderKeys.install(theta);
        theta.valueProperty().bindBidirectional(vm.thetaProperty());
        theta.setShowTickLabels(true);
        theta.setMajorTickUnit(2);
        Label thetaValue = new Label();
        thetaValue.textProperty().bind(vm.thetaProperty().asString(Locale.ROOT, "θ = %.2f"));
        Slider lambda = new Slider(LOG_LAMBDA_MIN, LOG_LAMBDA_MAX, Math.log10(vm.lambdaProperty().get()));
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
        lambda.setTooltip(new Tooltip("Temperature of the relaxation (log scale, 0.05 to 10): the Concrete and straight-through"
                + " estimators use it."));
        Label lambdaValue = new Label();
        lambdaValue.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
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
                + " the estimator averages to (exact: by quadrature over the noise). The score-function estimators are unbiased;"
                + " a baseline or centring shrinks their spread. The relaxed ones estimate the relaxed objective's gradient:"
                + " biased, less so as λ falls, at the price of variance. All five share the same N logistic draws.");
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
        ColumnConstraints third = new ColumnConstraints();
        third.setPercentWidth(100.0 / 3);
        grid.getColumnConstraints().setAll(third, third, third);
        RowConstraints half = new RowConstraints();
        half.setPercentHeight(50);
        grid.getRowConstraints().setAll(half, half);
        int k = 0;
        for (ToyView v : vm.toyViews()) {
            grid.add(histogram(v), k % 3, k / 3);
            k++;
        }
        Label key = new Label("f(θ) = E[(z − 0.45)²]\nz ~ Bernoulli(σ(θ))\n\ndf/dθ = σ(θ)(1 − σ(θ))((1 − t)² − t²)\n\n"
                + "relaxed: X = σ((θ + L)/λ),\nL ~ Logistic(0, 1); z = 1[θ + L > 0]");
        key.getStyleClass().add("toy-key");
        key.setWrapText(true); // a sixth of the grid at the minimum window: the formulas' long lines wrap instead of "…"
        GridPane.setHalignment(key, HPos.CENTER);
        GridPane.setValignment(key, VPos.CENTER);
        grid.add(key, 2, 1);
        grid.setPadding(new Insets(6));
        BorderPane pane = new BorderPane(grid);
        pane.setLeft(controls);
        return pane;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-header");
        return l;
    }

    private XYChart histogram(ToyView v) {
        DefaultNumericAxis x = new DefaultNumericAxis("estimate of df/dθ", (String) null);
        x.setAutoRanging(false);
        DefaultNumericAxis y = new DefaultNumericAxis("count", (String) null);
        y.setForceZeroInRange(true);
        y.setAutoRangeRounding(true);
        XYChart chart = new XYChart(x, y);
        chart.setId("toy-chart-" + v.estimator().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        chart.getStyleClass().add("toy-chart");
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setErrorStyle(ErrorStyle.NONE);
        r.setPolyLineStyle(LineStyle.HISTOGRAM_FILLED);
        r.setDrawMarker(false);
        r.getDatasets().setAll(v.histogram());
        chart.getRenderers().setAll(r);
        chart.setLegendVisible(false);
        chart.setAnimated(false);
        // a panel is a third of what the controls leave (~200 px at the minimum window), narrower than a title's line, and
        // the chart does not wrap its title: break its lines to the panel's width
        chart.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> chart.getWidth() <= 0 ? v.titleProperty().get()
                : TextWrap.wrap(v.titleProperty().get(), chart.getTitleLabel().getFont(), chart.getWidth() - 12),
                v.titleProperty(), chart.widthProperty(), chart.getTitleLabel().fontProperty()));
        Mark exact = new Mark(x, vm.exactGradientProperty().get(), "exact", "exact");
        Mark expected = new Mark(x, v.expectedProperty().get(), "E", "expected");
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
            expected.setText(v.estimator().relaxed() ? "E" : "");
        };
        vm.toyVersionProperty().addListener((o, a, b) -> update.run());
        update.run();
        return chart;
    }

    /** A fixed (not draggable) vertical line with a label, styled by its own class. */
    private static final class Mark extends XValueIndicator {
        private final String styleClass;

        Mark(Axis axis, double value, String text, String styleClass) {
            super(axis, value, text);
            this.styleClass = styleClass;
            setEditable(false);
            updateStyleClass();
        }

        @Override
        public void updateStyleClass() {
            super.updateStyleClass();
            if (styleClass != null) {
                line.getStyleClass().add("mark-" + styleClass);
                label.getStyleClass().add("mark-" + styleClass);
            }
        }
    }
}
