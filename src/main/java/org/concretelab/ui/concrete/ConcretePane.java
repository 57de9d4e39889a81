package org.concretelab.ui.concrete;

import java.util.ArrayList;
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
import org.concretelab.distribution.Concrete;

/**
 * The Concrete explorer: drag the temperature λ and the class weights α and watch a cloud of samples
 * (from fixed Gumbel noise) slide between the interior of the simplex and its vertices, over the exact
 * density. The paper's Figures 1 and 2, interactive.
 */
public final class ConcretePane extends BorderPane {
    private static final double LAMBDA_MIN = 0.05;
    private static final double LAMBDA_MAX = 10;
    private static final double ALPHA_MIN = 0.05;
    private static final double ALPHA_MAX = 20;

    private final SimplexPlot plot = new SimplexPlot();
    private final Slider lambdaSlider = new Slider(Math.log10(LAMBDA_MIN), Math.log10(LAMBDA_MAX), 0);
    private final TextField lambdaField = new TextField();
    private final ChoiceBox<Integer> nChoice = new ChoiceBox<>();
    private final ChoiceBox<Integer> pointsChoice = new ChoiceBox<>();
    private final CheckBox densityBox = new CheckBox("Density heat-map");
    private final VBox alphaBox = new VBox(4);
    private final List<Slider> alphaSliders = new ArrayList<>();
    private final FlowPane presets = new FlowPane(4, 4);
    private final Label convexityNote = new Label();
    private final javafx.scene.layout.Pane marks = new javafx.scene.layout.Pane();
    private final GridPane stats = new GridPane();
    private final ToggleButton animateButton = new ToggleButton("Animate λ");
    private final DoubleProperty lambda = new SimpleDoubleProperty(1);
    private final ReadOnlyDoubleWrapper meanVertexDistance = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper lastRedrawMillis = new ReadOnlyDoubleWrapper();
    private ConcreteCloud cloud;
    private Concrete concrete;
    private Timeline animation;
    private boolean syncing;
    private long seed = 1;

    public ConcretePane() {
        getStyleClass().add("concrete-pane");
        getStylesheets().add(ConcretePane.class.getResource("concrete.css").toExternalForm());
        setCenter(plot);
        ScrollPane side = new ScrollPane(controls());
        side.setFitToWidth(true);
        side.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        side.setPrefWidth(330);
        side.getStyleClass().add("concrete-controls-scroll");
        setLeft(side);
        // redraw once the canvas has its new size (the region's size changes before its layout pass)
        plot.canvas().widthProperty().addListener((o, a, b) -> redraw());
        plot.canvas().heightProperty().addListener((o, a, b) -> redraw());
        setDimension(3);
    }

    private VBox controls() {
        nChoice.getItems().addAll(2, 3, 4, 5);
        nChoice.setValue(3);
        nChoice.setId("n-choice");
        nChoice.setTooltip(new Tooltip("Number of classes n: the samples live on the (n−1)-simplex."));
        nChoice.valueProperty().addListener((o, a, b) -> setDimension(b));

        lambdaSlider.setId("lambda-slider");
        lambdaSlider.setShowTickMarks(true);
        lambdaSlider.setShowTickLabels(true);
        lambdaSlider.setMajorTickUnit(0.5);
        lambdaSlider.setMinorTickCount(4);
        lambdaSlider.setLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Double v) {
                return format(Math.pow(10, v));
            }

            @Override
            public Double fromString(String s) {
                return Math.log10(Double.parseDouble(s));
            }
        });
        lambdaSlider.setTooltip(new Tooltip("Temperature λ on a log scale: low λ pushes samples to the vertices, high λ to the centre."));
        lambdaSlider.valueProperty().addListener((o, a, b) -> {
            if (!syncing) {
                lambda.set(Math.pow(10, b.doubleValue()));
            }
        });
        lambdaField.setId("lambda-field");
        lambdaField.setPrefColumnCount(6);
        lambdaField.setTooltip(new Tooltip("Type a temperature between 0.05 and 10 and press Enter."));
        lambdaField.setOnAction(e -> {
            try {
                double v = Double.parseDouble(lambdaField.getText().trim());
                if (v >= LAMBDA_MIN && v <= LAMBDA_MAX) {
                    lambda.set(v);
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
        lambda.addListener((o, a, b) -> {
            syncing = true;
            lambdaSlider.setValue(Math.log10(b.doubleValue()));
            lambdaField.setText(format(b.doubleValue()));
            syncing = false;
            redraw();
        });
        lambdaField.setText(format(lambda.get()));

        Button resetAlpha = new Button("Reset α");
        resetAlpha.setId("reset-alpha-button");
        resetAlpha.setTooltip(new Tooltip("Set every class weight back to its default."));
        resetAlpha.setOnAction(e -> resetAlpha());

        pointsChoice.getItems().addAll(2_000, 5_000, 10_000);
        pointsChoice.setValue(5_000);
        pointsChoice.setId("points-choice");
        pointsChoice.setTooltip(new Tooltip("How many samples to draw in the cloud."));
        pointsChoice.valueProperty().addListener((o, a, b) -> {
            cloud.setCount(b);
            redraw();
        });
        densityBox.setSelected(true);
        densityBox.setId("density-check");
        densityBox.setTooltip(new Tooltip("Show the exact Concrete density under the points (log colour scale, n = 3)."));
        densityBox.selectedProperty().addListener((o, a, b) -> redraw());

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

    private void setDimension(int n) {
        stopAnimation();
        cloud = new ConcreteCloud(n, pointsChoice.getValue() == null ? 5_000 : pointsChoice.getValue(), seed);
        alphaSliders.clear();
        alphaBox.getChildren().clear();
        for (int k = 0; k < n; k++) {
            Slider s = new Slider(Math.log10(ALPHA_MIN), Math.log10(ALPHA_MAX), Math.log10(defaultAlpha(n, k)));
            s.setId("alpha-slider-" + k);
            s.setTooltip(new Tooltip("Weight α" + (k + 1) + " of class " + (k + 1) + " (log scale): P(argmax = " + (k + 1)
                    + ") = α" + (k + 1) + "/Σα."));
            Label value = new Label();
            value.setMinWidth(48);
            value.textProperty().bind(s.valueProperty().map(v -> format(Math.pow(10, v.doubleValue()))));
            s.valueProperty().addListener((o, a, b) -> redraw());
            HBox.setHgrow(s, Priority.ALWAYS);
            HBox row = new HBox(6, new Label("α" + (k + 1)), s, value);
            row.setAlignment(Pos.CENTER_LEFT);
            alphaSliders.add(s);
            alphaBox.getChildren().add(row);
        }
        presets.getChildren().clear();
        double bound = 1.0 / (n - 1);
        addPreset("½", 0.5, "The paper's prior temperature λ2 for binary latents.");
        addPreset("⅔", 2.0 / 3, "The paper's posterior temperature λ1 for binary latents.");
        addPreset("1/(n−1) = " + format(bound), bound, "At or below this temperature the density is log-convex.");
        addPreset("0.1", 0.1, "A cold temperature: nearly one-hot samples.");
        addPreset("5", 5, "A hot temperature: samples near the centre.");
        placeMarks(n);
        convexityNote.setText(String.format(Locale.ROOT, "Orange ▲: the paper's λ = ½ and ⅔. Green ▲: 1/(n−1) = %s; for n = %d "
                + "the density is log-convex at or below it.", format(bound), n));
        redraw();
    }

    /** Marks the paper's notable temperatures under the slider track: ½ and ⅔ (orange), 1/(n−1) (green). */
    private void placeMarks(int n) {
        marks.getChildren().clear();
        marks.setMinHeight(14);
        marks.setPrefHeight(14);
        double[] values = {0.5, 2.0 / 3, 1.0 / (n - 1)};
        String[] tips = {"λ = ½: the paper's prior temperature for binary latents",
            "λ = ⅔: the paper's posterior temperature for binary latents",
            "λ = 1/(n−1): at or below it the density is log-convex"};
        for (int i = 0; i < values.length; i++) {
            Label mark = new Label("▲");
            mark.getStyleClass().addAll("temperature-mark", i == 2 ? "convexity" : "paper");
            mark.setTooltip(new Tooltip(tips[i]));
            double fraction = (Math.log10(values[i]) - lambdaSlider.getMin()) / (lambdaSlider.getMax() - lambdaSlider.getMin());
            // the thumb travels between ~8 px insets of the track; the glyph is ~8 px wide
            mark.layoutXProperty().bind(lambdaSlider.widthProperty().subtract(16).multiply(fraction).add(4));
            marks.getChildren().add(mark);
        }
    }

    private void addPreset(String text, double value, String tip) {
        Button b = new Button(text);
        b.getStyleClass().add("preset");
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> lambda.set(value));
        presets.getChildren().add(b);
    }

    private static double defaultAlpha(int n, int k) {
        double[] defaults = {2, 0.5, 1, 1.5, 0.8};
        return n == 2 ? new double[] {2, 1}[k] : defaults[k];
    }

    private void resetAlpha() {
        int n = alphaSliders.size();
        for (int k = 0; k < n; k++) {
            alphaSliders.get(k).setValue(Math.log10(defaultAlpha(n, k)));
        }
    }

    /** Draws fresh Gumbel noise for the cloud. */
    public void resample() {
        seed++;
        cloud.resample(seed);
        redraw();
    }

    private void animate(boolean on) {
        if (!on) {
            stopAnimation();
            return;
        }
        DoubleProperty logLambda = new SimpleDoubleProperty(Math.log10(LAMBDA_MAX));
        logLambda.addListener((o, a, b) -> lambda.set(Math.pow(10, b.doubleValue())));
        animation = new Timeline(new KeyFrame(Duration.ZERO, new KeyValue(logLambda, Math.log10(LAMBDA_MAX))),
                new KeyFrame(Duration.seconds(6), new KeyValue(logLambda, Math.log10(LAMBDA_MIN))));
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
        if (cloud == null || alphaSliders.size() != cloud.dimension()) {
            return 0;
        }
        long start = System.nanoTime();
        double[] alpha = alpha();
        concrete = Concrete.of(alpha, lambda.get());
        cloud.update(concrete);
        plot.render(concrete, cloud, densityBox.isSelected());
        meanVertexDistance.set(cloud.meanVertexDistance());
        updateStats(alpha);
        double ms = (System.nanoTime() - start) / 1e6;
        lastRedrawMillis.set(ms);
        return ms;
    }

    private void updateStats(double[] alpha) {
        stats.getChildren().clear();
        double[] p = concrete.probabilities();
        double[] shares = cloud.argmaxShares();
        int row = 0;
        stats.addRow(row++, new Label("λ"), value(format(lambda.get())));
        stats.add(new Label("distance to nearest vertex"), 0, row);
        stats.add(value(String.format(Locale.ROOT, "%.3f", cloud.meanVertexDistance())), 1, row++, 2, 1);
        stats.add(new Label("entropy of mean sample"), 0, row);
        stats.add(value(String.format(Locale.ROOT, "%.3f", cloud.meanSampleEntropy())), 1, row++, 2, 1);
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
        Label hint = new Label("(distance and entropy fall to 0 as λ → 0; argmax shares match α/Σα at every λ)");
        hint.setWrapText(true);
        hint.getStyleClass().add("note");
        stats.add(hint, 0, row, 3, 1);
    }

    private static Label value(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("stats-value");
        return l;
    }

    private double[] alpha() {
        double[] a = new double[alphaSliders.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = Math.pow(10, alphaSliders.get(k).getValue());
        }
        return a;
    }

    private static String format(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.0f", v)
                : v >= 1 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3f", v);
    }

    // ------------------------------------------------------------------ for tests and benchmarks

    /** The temperature λ (settable). */
    public DoubleProperty lambdaProperty() {
        return lambda;
    }

    public ReadOnlyDoubleProperty meanVertexDistanceProperty() {
        return meanVertexDistance.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty lastRedrawMillisProperty() {
        return lastRedrawMillis.getReadOnlyProperty();
    }

    public double[] argmaxShares() {
        return cloud.argmaxShares();
    }

    public double[] probabilities() {
        return concrete.probabilities();
    }

    public void setPointCount(int count) {
        pointsChoice.setValue(count);
    }

    public void setDimensionChoice(int n) {
        nChoice.setValue(n);
    }

    public int pointCount() {
        return cloud.count();
    }

    /** A point of the cloud (copy). */
    public double[] point(int i) {
        return cloud.point(i).clone();
    }
}
