package org.concretelab.ui.gradients;

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
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Separator;
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
    static final double LOG_LAMBDA_MIN = Math.log10(0.05);
    static final double LOG_LAMBDA_MAX = Math.log10(10);

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
        Tab toy = new Tab("Toy: one Bernoulli", new ToyPane(vm));
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
                column("Estimator", 120, EstimatorResult::estimator),
                column("Objective", 70, EstimatorResult::objective),
                column("λ1", 50, e -> e.relaxed() ? ComparisonReport.number(e.lambdaPosterior()) : "–"),
                column("λ2", 50, e -> e.relaxed() ? ComparisonReport.number(e.lambdaPrior()) : "–"),
                column("Variance", 90, e -> String.format(Locale.ROOT, "%.4g", e.variance())),
                biasColumn(),
                floorColumn(),
                column("Cosine", 70, e -> String.format(Locale.ROOT, "%.3f", e.cosine())),
                column("Scale", 70, e -> String.format(Locale.ROOT, "%.3f", e.scale())),
                scaledBiasColumn(),
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
        // the sweep's key in one line under its chart (a legend of 3 entries per estimator would squash the plot)
        javafx.scene.layout.FlowPane sweepKey = new javafx.scene.layout.FlowPane(10, 2);
        sweepKey.setId("gradients-sweep-key");
        VBox sweepBox = new VBox(2, sweepChart, sweepKey);
        VBox.setVgrow(sweepChart, Priority.ALWAYS);
        charts.add(sweepBox, 1, 0);
        VBox.setVgrow(charts, Priority.ALWAYS);
        Label caption = new Label("Per coordinate of the gradient at the encoder's output logits (each image's own objective)."
                + " Reference: the score function with a leave-one-out baseline over many discrete draws, of the discrete ELBO (m = 1)"
                + " or of L_5 for VIMCO (m = 5). bias² = |mean − reference|²/d − floor, floor = variance/N + the reference's SE²:"
                + " an unbiased estimator scatters around 0 (not drawn on the log axis). Scale: s in mean ≈ s · reference (1 if"
                + " unbiased; NVIL's bias² on the chart is against s · reference).");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        caption.getStyleClass().add("caption");
        Label verdict = new Label();
        verdict.setId("gradients-verdict");
        verdict.setWrapText(true);
        verdict.setMinHeight(Region.USE_PREF_SIZE);
        verdict.textProperty().bind(vm.verdictProperty());
        verdict.managedProperty().bind(verdict.textProperty().isNotEmpty());
        verdict.visibleProperty().bind(verdict.managedProperty());
        verdict.getStyleClass().add("gradients-verdict");
        VBox box = new VBox(6, bar, status, resultsFor, table, verdict, charts, caption);
        box.setPadding(new Insets(0, 8, 8, 8));

        vm.modelLambdaProperty().addListener((o, a, v) -> {
            if (Double.isFinite(v.doubleValue())) {
                modelLambda.setValue(v.doubleValue());
                modelLambda.setText("model λ1 = " + ComparisonReport.number(v.doubleValue()));
            }
        });
        vm.sweepSets().addListener((javafx.collections.ListChangeListener<DataSet>) c -> {
            sweepRenderer.getDatasets().setAll(vm.sweepSets());
            sweepKey.getChildren().setAll(sweepKeyLabels(vm.sweepSets()));
        });
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
        TableColumn<EstimatorResult, String> c = column("Note", 170, e -> e.note().isEmpty()
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

    private static final String WITHIN_NOISE = "Within the noise: the squared error is less than twice the floor, so this bias²"
            + " cannot be told from 0 with N and this reference.";

    /** A cell whose text and style depend on the whole row: {@code style} returns its style class and tooltip, or null. */
    private interface RowStyle {
        String[] of(EstimatorResult e);
    }

    private static TableColumn<EstimatorResult, String> styled(TableColumn<EstimatorResult, String> c, RowStyle style) {
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                EstimatorResult e = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                getStyleClass().removeAll("unresolved", "scaled-away", "above-signal");
                setTooltip(null);
                String[] s = e == null ? null : style.of(e);
                if (s != null) {
                    getStyleClass().add(s[0]);
                    setTooltip(new Tooltip(s[1]));
                }
            }
        });
        return c;
    }

    /**
     * bias² against the reference, greyed with a tooltip when it does not stand out of the noise; for an estimator that
     * scales its gradient on purpose (NVIL) greyed in italics: it counts the deliberate scale as bias, the "vs s·ref"
     * column judges it.
     */
    private static TableColumn<EstimatorResult, String> biasColumn() {
        return styled(column("Bias²", 80, e -> String.format(Locale.ROOT, "%.3g", e.biasSquared())), e -> e.rescaled()
                ? new String[] {"scaled-away", String.format(Locale.ROOT, "Against the unscaled reference: %s multiplies its gradient by"
                        + " s = %.3g on purpose, which this counts as bias ((1 − s)²|g|²/d). Its bias is judged against s · reference:"
                        + " the \"Bias² vs s·ref\" column.", e.estimator(), e.scale())}
                : !e.biasResolved() ? new String[] {"unresolved", WITHIN_NOISE} : null);
    }

    /** What noise alone gives; marked "≥ signal" when it is at least the gradient's own size (a bias test that cannot fail). */
    private static TableColumn<EstimatorResult, String> floorColumn() {
        return styled(column("± floor", 115, e -> String.format(Locale.ROOT, "%.3g%s", e.noiseFloor(),
                !e.rescaled() && e.floorAboveSignal() ? " ≥ signal" : "")),
                e -> !e.rescaled() && e.floorAboveSignal() ? new String[] {"above-signal", aboveSignal(e)} : null);
    }

    /** NVIL's bias² against s · reference and its floor; "–" for the estimators that do not scale on purpose. */
    private static TableColumn<EstimatorResult, String> scaledBiasColumn() {
        TableColumn<EstimatorResult, String> c = styled(column("Bias² vs s·ref", 190, e -> e.rescaled()
                ? String.format(Locale.ROOT, "%.2g (%.2g)%s", e.scaledBiasSquared(), e.scaledNoiseFloor(),
                        e.floorAboveSignal() ? " ≥ signal" : "") : "–"),
                e -> !e.rescaled() ? null : e.floorAboveSignal() ? new String[] {"above-signal", aboveSignal(e)}
                        : !e.effectiveBiasResolved() ? new String[] {"unresolved", "Unbiased up to its deliberate scale s: "
                        + WITHIN_NOISE} : null);
        Label header = new Label("Bias² vs s·ref");
        header.setTooltip(new Tooltip("For an estimator that scales its gradient on purpose (NVIL divides its signal by max(1, √v)):"
                + " |mean − s · reference|²/d less its floor (in brackets: variance/N + s²·SE², less the direction fitting s took), s the Scale"
                + " column. About 0 if it is unbiased up to its scale."));
        c.setGraphic(header);
        c.setText("");
        return c;
    }

    private static String aboveSignal(EstimatorResult e) {
        return String.format(Locale.ROOT, "The noise floor (%.2g) is at least the gradient's own size (|g|²/d = %.2g%s): a bias as"
                + " large as the gradient itself would go unseen, so this bias test passes whatever the bias. Raise N.",
                e.effectiveNoiseFloor(), e.rescaled() ? e.scale() * e.scale() * e.signal() : e.signal(), e.rescaled() ? ", times s²" : "");
    }

    private XYChart pointsChart() {
        CategoryAxis x = new CategoryAxis("estimator", vm.estimatorNames());
        x.setUnit(null);
        // eight names do not fit one row at half a laptop's width: every other one a row lower, none skipped
        x.setOverlapPolicy(io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy.SHIFT_ALT);
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

    /** One coloured name per swept estimator (its variance set's name, "<estimator> variance"), in the sets' colours. */
    private static List<Label> sweepKeyLabels(List<? extends DataSet> sets) {
        List<Label> labels = new java.util.ArrayList<>();
        for (DataSet d : sets) {
            String name = d.getName();
            if (name != null && name.endsWith(" variance")) {
                Label l = new Label("■ " + name.substring(0, name.length() - " variance".length()));
                l.getStyleClass().addAll("gradients-sweep-key", "gradients-sweep-" + labels.size());
                labels.add(l);
            }
        }
        Label styles = new Label("— variance, - - bias², ··· noise floor");
        styles.getStyleClass().add("caption");
        labels.add(styles);
        return labels;
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
        chart.setTitle("Across λ (relaxed: λ1; REBAR, RELAX: their control variate's λ)");
        sweepRenderer.setErrorStyle(ErrorStyle.NONE);
        sweepRenderer.setPolyLineStyle(LineStyle.NORMAL);
        sweepRenderer.setDrawMarker(true);
        chart.getRenderers().setAll(sweepRenderer);
        chart.setLegendVisible(false); // the key under the chart says which colour is which
        chart.setAnimated(false);
        return chart;
    }

    /** A fixed (not draggable) vertical line with a label, styled by its own class. */
    static final class Mark extends XValueIndicator {
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
