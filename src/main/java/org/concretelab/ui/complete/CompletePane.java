package org.concretelab.ui.complete;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.ConditionalSamples;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;
import org.concretelab.model.task.Completion;
import org.concretelab.ui.latents.DigitImages;
import org.concretelab.ui.latents.DrawingBoard;
import org.concretelab.ui.latents.DrawingCanvas;

/**
 * The paper's structured output prediction to play with: a digit's top half (a test digit's, or drawn) is given, and
 * the completion model draws bottom halves from p(z | top) — a grid of completions, re-sampled on demand, their mean
 * (the bottom half's pixel probabilities) beside them — and shows one draw's latent units as toggles whose flips
 * re-decode its bottom half at once. The view of a {@link CompleteViewModel}, which holds the state and does the work.
 */
public final class CompletePane extends BorderPane {
    private static final int GRID_SCALE = 3;
    private static final int BIG_SCALE = 5;
    private static final int DRAW_SCALE = 5;
    private static final int ORIGINAL_SCALE = 3;

    private final CompleteViewModel vm;
    private final Spinner<Integer> digitSpinner = new Spinner<>();
    private final GridPane grid = new GridPane();
    private final List<ToggleButton> cells = new ArrayList<>();
    private final ImageView givenView = new ImageView();
    private final ImageView meanView = new ImageView();
    private final ImageView selectedView = new ImageView();
    private final ImageView originalView = new ImageView();
    private final Label originalLabel = new Label("Original");
    private final Label selectedLabel = new Label("Selected draw");
    private final GridPane toggleGrid = new GridPane();
    private final List<ToggleButton> toggles = new ArrayList<>();
    private final Label status = new Label();
    private final DrawingCanvas drawing = new DrawingCanvas(
            new DrawingBoard(28 * DRAW_SCALE, Completion.TOP_ROWS * DRAW_SCALE, 6), CompletePane::frameDrawing);
    private final DrawingBoard board = drawing.board();
    private boolean updating;

    public CompletePane(CompleteViewModel viewModel) {
        this.vm = viewModel;
        getStyleClass().add("complete-pane");
        getStylesheets().add(CompletePane.class.getResource("complete.css").toExternalForm());
        setTop(toolbar());
        setLeft(inputs());
        setCenter(completions());
        setRight(units());
        status.setId("complete-status");
        status.getStyleClass().add("status");
        status.setWrapText(true);
        BorderPane.setMargin(status, new Insets(0, 10, 6, 10));
        setBottom(status);
        bind();
    }

    private void bind() {
        status.textProperty().bind(vm.statusProperty());
        vm.topProperty().addListener((o, a, t) -> givenView.setImage(CompletionImages.of(t, null, BIG_SCALE)));
        vm.truthProperty().addListener((o, a, t) -> showOriginal(t));
        vm.samplesProperty().addListener((o, a, s) -> showSamples(s));
        vm.meanProperty().addListener((o, a, m) -> meanView.setImage(CompletionImages.of(vm.topProperty().get(), m, BIG_SCALE)));
        vm.decodedProperty().addListener((o, a, d) -> selectedView.setImage(CompletionImages.of(vm.topProperty().get(), d, BIG_SCALE)));
        vm.selectedProperty().addListener((o, a, i) -> showSelection(i.intValue()));
        vm.layoutProperty().addListener((o, a, l) -> rebuildToggles(l));
        vm.codeProperty().addListener((o, a, c) -> showCode(c));
        vm.digitCountProperty().addListener((o, a, n) -> digitSpinner.setValueFactory(
                new SpinnerValueFactory.IntegerSpinnerValueFactory(0, Math.max(0, n.intValue() - 1), 0)));
        vm.digitIndexProperty().addListener((o, a, i) -> {
            if (i.intValue() >= 0 && digitSpinner.getValueFactory() != null) {
                updating = true;
                digitSpinner.getValueFactory().setValue(i.intValue());
                updating = false;
            }
        });
        digitSpinner.valueProperty().addListener((o, a, v) -> {
            if (!updating && v != null) {
                vm.chooseDigit(v);
            }
        });
    }

    // ------------------------------------------------------------------ layout

    private ToolBar toolbar() {
        digitSpinner.setId("digit-spinner");
        digitSpinner.setEditable(true);
        digitSpinner.setPrefWidth(90);
        digitSpinner.setTooltip(new Tooltip("Which MNIST test digit's top half to complete (0–9,999)."));
        Button random = new Button("Random digit");
        random.setId("random-digit-button");
        random.setTooltip(new Tooltip("Complete the top half of a test digit picked at random."));
        random.setOnAction(e -> vm.randomDigit());
        Button resample = new Button("Re-sample");
        resample.setId("resample-button");
        resample.setTooltip(new Tooltip("Draw new completions of the same top half from p(z | top half)."));
        resample.setOnAction(e -> vm.resample());
        Label model = new Label();
        model.setId("complete-model");
        model.textProperty().bind(vm.modelNameProperty());
        model.setWrapText(true);
        model.setMaxWidth(720);
        return new ToolBar(new Label("Test digit"), digitSpinner, random, resample, new Separator(), model);
    }

    private VBox inputs() {
        Label given = header("Given: the top half");
        givenView.setId("given-image");
        Tooltip.install(givenView, new Tooltip("The top half (rows 0–13) the model is given, in blue."));
        originalLabel.getStyleClass().add("caption");
        originalView.setId("original-image");
        Tooltip.install(originalView, new Tooltip("The test digit itself: its true bottom half, for comparison."));
        Label draw = header("Or draw a top half");
        drawing.setId("top-drawing-canvas");
        Tooltip.install(drawing, new Tooltip("Draw the upper part of a digit; 'Complete drawing' draws bottom halves for it. "
                + "The dashed box is where MNIST digits sit."));
        drawing.clear();
        Button complete = new Button("Complete drawing");
        complete.setId("complete-drawing-button");
        complete.setTooltip(new Tooltip("Take the drawing (averaged down to 28 × 14 pixels) as the top half."));
        complete.setOnAction(e -> vm.useDrawing(drawnTopHalf()));
        Button clear = new Button("Clear");
        clear.setId("clear-top-drawing-button");
        clear.setOnAction(e -> drawing.clear());
        complete.setMinWidth(Region.USE_PREF_SIZE);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        // the images keep their places while empty (a drawing has no original): the canvas below never moves
        VBox box = new VBox(8, given, fixed(givenView, 28, 28, BIG_SCALE), originalLabel, fixed(originalView, 28, 28, ORIGINAL_SCALE),
                draw, drawing, new HBox(6, complete, clear));
        box.setPadding(new Insets(10));
        box.setPrefWidth(28 * BIG_SCALE + 70);
        box.setMinWidth(Region.USE_PREF_SIZE);
        return box;
    }

    private HBox completions() {
        Label title = header("Completions: " + CompleteViewModel.SHOWN + " draws from p(z | top half)");
        grid.setId("completion-grid");
        grid.setHgap(4);
        grid.setVgap(4);
        for (int i = 0; i < CompleteViewModel.SHOWN; i++) {
            ToggleButton cell = new ToggleButton(null, new ImageView());
            cell.setId("completion-" + i);
            cell.getStyleClass().add("completion-cell");
            cell.setTooltip(new Tooltip("Draw " + (i + 1) + ": click to show its latent units."));
            int index = i;
            cell.setOnAction(e -> {
                vm.select(index);
                cell.setSelected(true); // stays the selected one
            });
            cells.add(cell);
            grid.add(cell, i % 4, i / 4);
        }
        Label caption = new Label("Each draw's bottom half is its decoder's pixel probabilities; the given top half is blue.");
        caption.getStyleClass().add("caption");
        caption.setWrapText(true);
        caption.setMaxWidth(4 * (28 * GRID_SCALE + 12));
        VBox left = new VBox(6, title, grid, caption);
        Label meanTitle = header("Mean completion");
        meanView.setId("mean-image");
        Tooltip.install(meanView, new Tooltip("Pixel probabilities of the bottom half given the top half: the mean of "
                + CompleteViewModel.DRAWS + " draws."));
        Label meanCaption = new Label("pixel probabilities, " + CompleteViewModel.DRAWS + " draws");
        meanCaption.getStyleClass().add("caption");
        Label selectedCaption = new Label("re-decoded as you flip its units");
        selectedCaption.getStyleClass().add("caption");
        selectedLabel.getStyleClass().add("section-header");
        selectedView.setId("selected-image");
        Tooltip.install(selectedView, new Tooltip("The selected draw, decoded again after every flip of its units."));
        VBox right = new VBox(6, meanTitle, meanView, meanCaption, selectedLabel, selectedView, selectedCaption);
        right.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(16, left, right);
        box.setPadding(new Insets(10));
        return box;
    }

    private VBox units() {
        Label title = header("Latent units of the selected draw");
        Label caption = new Label("The layer the decoder reads; flip a unit and its bottom half is decoded again.");
        caption.getStyleClass().add("caption");
        caption.setWrapText(true);
        toggleGrid.setId("completion-toggles");
        toggleGrid.setHgap(2);
        toggleGrid.setVgap(2);
        ScrollPane scroll = new ScrollPane(toggleGrid);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("toggle-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox box = new VBox(6, title, caption, scroll);
        box.setPadding(new Insets(10));
        box.setPrefWidth(16 * 24 + 30);
        caption.setMaxWidth(16 * 24 + 10);
        return box;
    }

    /** {@code view} in a box of the size its {@code w}×{@code h}-pixel image has at {@code scale}, with or without one. */
    private static StackPane fixed(ImageView view, int w, int h, int scale) {
        StackPane box = new StackPane(view);
        box.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        box.setMinSize(w * scale, h * scale);
        box.setPrefSize(w * scale, h * scale);
        box.setMaxSize(w * scale, h * scale);
        return box;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-header");
        return l;
    }

    // ------------------------------------------------------------------ showing the state

    private void showOriginal(float[] digit) {
        boolean shown = digit != null;
        originalView.setImage(shown ? DigitImages.of(digit, ORIGINAL_SCALE) : null);
        originalLabel.setText(shown ? "Original (test digit " + vm.digitIndexProperty().get() + ")" : "Original: none (a drawing)");
    }

    private void showSamples(ConditionalSamples s) {
        float[] top = vm.topProperty().get();
        for (int i = 0; i < cells.size(); i++) {
            ImageView v = (ImageView) cells.get(i).getGraphic();
            v.setImage(s != null && i < s.count() ? CompletionImages.of(top, s.means(i), GRID_SCALE) : null);
        }
    }

    private void showSelection(int i) {
        for (int j = 0; j < cells.size(); j++) {
            cells.get(j).setSelected(j == i);
        }
        selectedLabel.setText(i >= 0 ? "Selected: draw " + (i + 1) : "Selected draw");
    }

    /** A toggle per discrete slot of the decoder's layer (a binary unit's value, a categorical class, a corner's bit). */
    private void rebuildToggles(LatentLayout layout) {
        toggles.clear();
        toggleGrid.getChildren().clear();
        if (layout == null) {
            return;
        }
        int slots = layout.discreteUnits() * layout.slotsPerUnit();
        int columns = 16;
        for (int s = 0; s < slots; s++) {
            ToggleButton t = new ToggleButton();
            t.setId("unit-toggle-" + s);
            t.getStyleClass().add("unit-toggle");
            int unit = s / layout.slotsPerUnit();
            t.setTooltip(new Tooltip(layout.slotsPerUnit() == 1 && !layout.kind().slotsAreFree() ? "Unit " + (unit + 1) + ": click to flip it."
                    : "Unit " + (unit + 1) + ", slot " + (s % layout.slotsPerUnit() + 1) + " of " + layout.slotsPerUnit() + "."));
            int slot = s;
            t.selectedProperty().addListener((o, a, on) -> {
                if (!updating) {
                    vm.setSlot(slot, on);
                }
            });
            toggles.add(t);
            toggleGrid.add(t, s % columns, s / columns);
        }
        showCode(vm.codeProperty().get());
    }

    private void showCode(LatentCode c) {
        if (c == null || c.discreteSlots() != toggles.size()) {
            return;
        }
        updating = true;
        try {
            for (int i = 0; i < toggles.size(); i++) {
                toggles.get(i).setSelected(c.isOn(i));
            }
        } finally {
            updating = false;
        }
    }

    // ------------------------------------------------------------------ drawing

    /** The canvas's edge and, dashed, MNIST's 20-pixel box (columns 4–23, from row 4): where a digit's top half sits. */
    private static void frameDrawing(GraphicsContext gc) {
        double width = gc.getCanvas().getWidth();
        double height = gc.getCanvas().getHeight();
        gc.setStroke(Color.web("#bbb"));
        gc.setLineDashes();
        gc.strokeRect(0.5, 0.5, width - 1, height - 1);
        gc.setStroke(Color.web("#9fb6d8"));
        gc.setLineDashes(4, 4);
        gc.strokeRect(4 * DRAW_SCALE + 0.5, 4 * DRAW_SCALE + 0.5, 20 * DRAW_SCALE - 1, height - 4 * DRAW_SCALE);
        gc.setLineDashes();
    }

    // ------------------------------------------------------------------ for the app and tests

    public CompleteViewModel viewModel() {
        return vm;
    }

    /** Shows {@code m} if it is a completion model (others are refused in the status line); from any thread. */
    public void setModel(VaeModel m) {
        setModel(m, m == null ? null : m.spec().describe());
    }

    /** {@link #setModel(VaeModel)} with the name shown above the completions; from any thread. */
    public void setModel(VaeModel m, String name) {
        if (Platform.isFxApplicationThread()) {
            vm.setModel(m, name);
        } else {
            Platform.runLater(() -> vm.setModel(m, name));
        }
    }

    /** The 392 intensities 'Complete drawing' would use now. */
    public float[] drawnTopHalf() {
        return TopHalves.fromInk(board.ink(), board.width(), board.height());
    }
}
