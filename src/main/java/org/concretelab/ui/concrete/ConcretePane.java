package org.concretelab.ui.concrete;

import org.concretelab.ui.SliderKeys;
import java.util.List;
import java.util.Locale;
import javafx.animation.KeyFrame;
import javafx.animation.KeyValue;
import javafx.animation.Timeline;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * The Concrete explorer: drag the temperature λ and the class weights α and watch a cloud of samples
 * (from fixed Gumbel noise) slide between the interior of the simplex and its vertices, over the exact
 * density. The paper's Figures 1 and 2, interactive.
 */
public final class ConcretePane extends BorderPane {
    private final ConcreteViewModel vm = new ConcreteViewModel();
    private final SimplexPlot plot = new SimplexPlot();
    private final Slider lambdaSlider = new Slider(Math.log10(ConcreteViewModel.LAMBDA_MIN),
            Math.log10(ConcreteViewModel.LAMBDA_MAX), 0);
    private final TextField lambdaField = new TextField();
    private final ChoiceBox<Integer> nChoice = new ChoiceBox<>();
    private final ChoiceBox<Integer> pointsChoice = new ChoiceBox<>();
    private final CheckBox densityBox = new CheckBox("Density heat-map");
    private final VBox alphaBox = new VBox(4);
    private final FlowPane presets = new FlowPane(4, 4);
    private final Label convexityNote = new Label();
    private final javafx.scene.layout.Pane marks = new javafx.scene.layout.Pane();
    private final GridPane stats = new GridPane();
    private final ToggleButton animateButton = new ToggleButton("Animate λ");
    private final ReadOnlyDoubleWrapper lastRedrawMillis = new ReadOnlyDoubleWrapper();
    private Timeline animation;
    private boolean syncing;

    public ConcretePane() {
        getStyleClass().add("concrete-pane");
        getStylesheets().add(ConcretePane.class.getResource("concrete.css").toExternalForm());
        plot.setId("simplex-plot"); // the tour keeps its card clear of it
        setCenter(plot);
        ScrollPane side = new ScrollPane(controls());
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setPrefWidth(330);
        side.getStyleClass().add("concrete-controls-scroll");
        setLeft(side);
        // redraw once the canvas has its new size (the region's size changes before its layout pass)
        plot.canvas().widthProperty().addListener((o, a, b) -> render());
        plot.canvas().heightProperty().addListener((o, a, b) -> render());
        vm.revisionProperty().addListener((o, a, b) -> render());
        vm.dimensionProperty().addListener((o, a, n) -> showDimension(n.intValue()));
        showDimension(vm.dimensionProperty().get());
    }

    private VBox controls() {
        nChoice.getItems().addAll(2, 3, 4, 5);
        nChoice.setValue(vm.dimensionProperty().get());
        nChoice.setId("n-choice");
        nChoice.setTooltip(new Tooltip("Number of classes n: the samples live on the (n−1)-simplex."));
        nChoice.valueProperty().addListener((o, a, b) -> {
            stopAnimation();
            vm.dimensionProperty().set(b);
        });

        lambdaSlider.setId("lambda-slider");
        SliderKeys.install(lambdaSlider);
        lambdaSlider.setShowTickMarks(true);
        lambdaSlider.setShowTickLabels(true);
        lambdaSlider.setMajorTickUnit(0.5);
        lambdaSlider.setMinorTickCount(4);
        lambdaSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return ConcreteViewModel.format(Math.pow(10, v));
            }

            @Override
            public Double fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        });
        lambdaSlider.setTooltip(new Tooltip("Temperature λ on a log scale: low λ pushes samples to the vertices, high λ to the centre."));
        lambdaSlider.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                vm.lambdaProperty().set(Math.pow(10, b.doubleValue()));
            }
        });
        lambdaField.setId("lambda-field");
        lambdaField.setPrefColumnCount(6);
        lambdaField.setTooltip(new Tooltip("Type a temperature between 0.05 and 10 and press Enter."));
        lambdaField.setOnAction(e -> {
            try {
                double v = Double.parseDouble(lambdaField.getText().trim());
                if (v >= ConcreteViewModel.LAMBDA_MIN && v <= ConcreteViewModel.LAMBDA_MAX) {
                    vm.lambdaProperty().set(v);
                    lambdaField.getStyleClass().remove("invalid");
                    return;
                }
            } catch (NumberFormatException ignored) {
                // marked below
            }
            if (!lambdaField.getStyleClass().contains("invalid")) {
                lambdaField.getStyleClass().add("invalid");
            }
        });
        vm.lambdaProperty().addListener((o, a, b) -> {
            syncing = true;
            lambdaSlider.setValue(Math.log10(b.doubleValue()));
            lambdaField.setText(ConcreteViewModel.format(b.doubleValue()));
            syncing = false;
        });
        lambdaField.setText(ConcreteViewModel.format(vm.lambdaProperty().get()));

        Button resetAlpha = new Button("Reset α");
        resetAlpha.setId("reset-alpha-button");
        resetAlpha.setTooltip(new Tooltip("Set every class weight back to its default."));
        resetAlpha.setOnAction(e -> vm.resetAlpha());

        pointsChoice.getItems().addAll(ConcreteViewModel.POINT_CHOICES);
        pointsChoice.setValue(vm.pointCountProperty().get());
        pointsChoice.setId("points-choice");
        pointsChoice.setTooltip(new Tooltip("How many samples to draw in the cloud."));
        pointsChoice.valueProperty().addListener((o, a, b) -> vm.pointCountProperty().set(b));
        densityBox.setId("density-check");
        densityBox.setTooltip(new Tooltip("Show the exact Concrete density under the points (log colour scale, n = 3)."));
        densityBox.selectedProperty().bindBidirectional(vm.densityShownProperty());

        Button resample = new Button("Resample noise");
        resample.setId("resample-button");
        resample.setTooltip(new Tooltip("Draw fresh Gumbel noise for every point (the cloud is otherwise fixed)."));
        resample.setOnAction(e -> resample());
        animateButton.setId("animate-button");
        animateButton.setTooltip(new Tooltip("Sweep λ from 10 down to 0.05 and watch the samples move to the vertices."));
        animateButton.selectedProperty().addListener((o, a, on) -> animate(on));

        stats.setHgap(10);
        stats.setVgap(3);
        stats.getStyleClass().add("stats");
        convexityNote.setWrapText(true);
        convexityNote.getStyleClass().add("note");

        HBox lambdaRow = new HBox(8, new Label("λ ="), lambdaField);
        lambdaRow.setAlignment(Pos.CENTER_LEFT);
        HBox buttons = new HBox(8, resample, animateButton);
        VBox box = new VBox(8,
                header("Classes"), nChoice,
                header("Temperature λ"), lambdaSlider, marks, lambdaRow, new Label("Notable values:"), presets, convexityNote,
                new Separator(),
                header("Class weights α"), alphaBox, resetAlpha,
                new Separator(),
                header("Samples"), pointsChoice, densityBox, buttons,
                new Separator(),
                header("What the cloud shows"), stats);
        box.setPadding(new Insets(12));
        box.getStyleClass().add("concrete-controls");
        return box;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-header");
        return l;
    }

    /** Builds the weight sliders, presets and marks for the view model's (new) dimension. */
    private void showDimension(int n) {
        alphaBox.getChildren().clear();
        for (int k = 0; k < n; k++) {
            Slider s = new Slider(Math.log10(ConcreteViewModel.ALPHA_MIN), Math.log10(ConcreteViewModel.ALPHA_MAX),
                    vm.logAlpha().get(k).get());
            s.setId("alpha-slider-" + k);
            SliderKeys.install(s);
            s.setTooltip(new Tooltip("Weight α" + (k + 1) + " of class " + (k + 1) + " (log scale): P(argmax = " + (k + 1)
                    + ") = α" + (k + 1) + "/Σα."));
            s.valueProperty().bindBidirectional(vm.logAlpha().get(k));
            Label value = new Label();
            value.setMinWidth(48);
            value.textProperty().bind(s.valueProperty().map(v -> ConcreteViewModel.format(Math.pow(10, v.doubleValue()))));
            HBox.setHgrow(s, Priority.ALWAYS);
            HBox row = new HBox(6, new Label("α" + (k + 1)), s, value);
            row.setAlignment(Pos.CENTER_LEFT);
            alphaBox.getChildren().add(row);
        }
        presets.getChildren().clear();
        List<ConcreteViewModel.NotableTemperature> notable = vm.notableTemperatures();
        for (ConcreteViewModel.NotableTemperature t : notable) {
            Button b = new Button(t.label());
            b.getStyleClass().add("preset");
            b.setTooltip(new Tooltip(t.why()));
            b.setOnAction(e -> vm.lambdaProperty().set(t.value()));
            presets.getChildren().add(b);
        }
        placeMarks(notable.subList(0, 3));
        convexityNote.setText(String.format(Locale.ROOT, "Orange ▲: the paper's λ = ½ and ⅔. Green ▲: 1/(n−1) = %s; for n = %d "
                + "the density is log-convex at or below it.", ConcreteViewModel.format(1.0 / (n - 1)), n));
        render();
    }

    /** Marks the notable temperatures under the slider track: the paper's (orange) and the convexity bound (green). */
    private void placeMarks(List<ConcreteViewModel.NotableTemperature> notable) {
        marks.getChildren().clear();
        marks.setMinHeight(14);
        marks.setPrefHeight(14);
        for (ConcreteViewModel.NotableTemperature t : notable) {
            Label mark = new Label("▲");
            mark.getStyleClass().addAll("temperature-mark", t.paper() ? "paper" : "convexity");
            mark.setTooltip(new Tooltip("λ = " + ConcreteViewModel.format(t.value()) + ": " + t.why()));
            double fraction = (Math.log10(t.value()) - lambdaSlider.getMin()) / (lambdaSlider.getMax() - lambdaSlider.getMin());
            // the thumb travels between ~8 px insets of the track; the glyph is ~8 px wide
            mark.layoutXProperty().bind(lambdaSlider.widthProperty().subtract(16).multiply(fraction).add(4));
            marks.getChildren().add(mark);
        }
    }

    /** Draws fresh Gumbel noise for the cloud. */
    public void resample() {
        vm.resample();
    }

    private void animate(boolean on) {
        if (!on) {
            stopAnimation();
            return;
        }
        DoubleProperty logLambda = new SimpleDoubleProperty(Math.log10(ConcreteViewModel.LAMBDA_MAX));
        logLambda.addListener((o, a, b) -> vm.lambdaProperty().set(Math.pow(10, b.doubleValue())));
        animation = new Timeline(new KeyFrame(Duration.ZERO, new KeyValue(logLambda, Math.log10(ConcreteViewModel.LAMBDA_MAX))),
                new KeyFrame(Duration.seconds(6), new KeyValue(logLambda, Math.log10(ConcreteViewModel.LAMBDA_MIN))));
        animation.setOnFinished(e -> animateButton.setSelected(false));
        animation.play();
    }

    private void stopAnimation() {
        if (animation != null) {
            animation.stop();
            animation = null;
        }
        if (animateButton.isSelected()) {
            animateButton.setSelected(false);
        }
    }

    /** Recomputes the cloud for the current λ and α and draws it; returns milliseconds taken. */
    public double redraw() {
        vm.update(); // draws through the revision listener
        return lastRedrawMillis.get();
    }

    /** Draws the view model's cloud; the time recorded is its recomputation plus this drawing. */
    private void render() {
        if (vm.concrete() == null || alphaBox.getChildren().size() != vm.cloud().dimension()) {
            return;
        }
        long start = System.nanoTime();
        plot.render(vm.concrete(), vm.cloud(), vm.densityShownProperty().get());
        updateStats();
        lastRedrawMillis.set(vm.lastUpdateMillis() + (System.nanoTime() - start) / 1e6);
    }

    private void updateStats() {
        stats.getChildren().clear();
        double[] p = vm.concrete().probabilities();
        double[] shares = vm.cloud().argmaxShares();
        int row = 0;
        stats.addRow(row++, new Label("λ"), value(ConcreteViewModel.format(vm.lambdaProperty().get())));
        stats.add(new Label("distance to nearest vertex"), 0, row);
        stats.add(value(String.format(Locale.ROOT, "%.3f", vm.cloud().meanVertexDistance())), 1, row++, 2, 1);
        stats.add(new Label("mean entropy of a sample"), 0, row);
        stats.add(value(String.format(Locale.ROOT, "%.3f", vm.cloud().meanEntropy())), 1, row++, 2, 1);
        stats.add(new Label("entropy of mean sample"), 0, row);
        stats.add(value(String.format(Locale.ROOT, "%.3f", vm.cloud().meanSampleEntropy())), 1, row++, 2, 1);
        Label head = new Label("class");
        head.getStyleClass().add("stats-head");
        Label h1 = new Label("α/Σα");
        h1.getStyleClass().add("stats-head");
        Label h2 = new Label("argmax");
        h2.getStyleClass().add("stats-head");
        stats.addRow(row++, head, h1, h2);
        for (int k = 0; k < p.length; k++) {
            stats.addRow(row++, new Label("class " + (k + 1)), value(String.format(Locale.ROOT, "%.3f", p[k])),
                    value(String.format(Locale.ROOT, "%.3f", shares[k])));
        }
        Label hint = new Label(HINT);
        hint.setId("stats-hint");
        hint.setWrapText(true);
        hint.getStyleClass().add("note");
        stats.add(hint, 0, row, 3, 1);
    }

    /** What the statistics do as λ → 0 (ConcreteCloudTest checks it numerically). */
    static final String HINT = "(distance and mean entropy of a sample fall to 0 as λ → 0; the entropy of the mean sample"
            + " tends to that of α/Σα; argmax shares match α/Σα at every λ)";

    private static Label value(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("stats-value");
        return l;
    }

    // ------------------------------------------------------------------ for tests and benchmarks

    public ConcreteViewModel viewModel() {
        return vm;
    }

    /** The temperature λ (settable). */
    public DoubleProperty lambdaProperty() {
        return vm.lambdaProperty();
    }

    public ReadOnlyDoubleProperty meanVertexDistanceProperty() {
        return vm.meanVertexDistanceProperty();
    }

    public ReadOnlyDoubleProperty lastRedrawMillisProperty() {
        return lastRedrawMillis.getReadOnlyProperty();
    }

    public double[] argmaxShares() {
        return vm.cloud().argmaxShares();
    }

    public double[] probabilities() {
        return vm.concrete().probabilities();
    }

    public void setPointCount(int count) {
        pointsChoice.setValue(count);
    }

    public void setDimensionChoice(int n) {
        nChoice.setValue(n);
    }

    public int pointCount() {
        return vm.cloud().count();
    }

    /** A point of the cloud (copy). */
    public double[] point(int i) {
        return vm.cloud().point(i).clone();
    }
}
