package org.concretelab.ui.latents;

import org.concretelab.ui.SliderKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
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
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.explore.CodeSampler;
import org.concretelab.explore.Interpolation;
import org.concretelab.explore.LatentCode;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;

/**
 * Flip discrete latents and watch the decoded digit change: a toggle per binary unit (a K-way group per
 * categorical unit, a slider per Gaussian unit), the decoder's Bernoulli means beside them, ways to set
 * the code (encode a test digit or a drawing, sample the prior, randomize, clear), a sensitivity map and
 * an interpolation strip. The view of a {@link LatentsViewModel}, which holds the state and does the work.
 */
public final class LatentsPane extends BorderPane {
    /** The decoded digit's smallest size (pixels per MNIST pixel); it grows with the room the toggles leave. */
    private static final int SCALE = 8;
    private static final int MIN_SCALE = 5;

    private final LatentsViewModel vm;
    private final ImageView decodedView = new ImageView();
    private final ImageView sampledView = new ImageView();
    private final ImageView inputView = new ImageView();
    private final CheckBox showSampled = new CheckBox("Sampled binary image");
    private final ToggleButton sensitivityToggle = new ToggleButton("Sensitivity map");
    private final ToggleButton interpolateToggle = new ToggleButton("Interpolate to next digit");
    private final CheckBox followToggle = new CheckBox("Follow training");
    private final TestImageStrip testImages;
    private final GridPane toggleGrid = new GridPane();
    private final VBox gaussianBox = new VBox(3);
    private final Label status = new Label();
    /** Says what "Interpolate to next digit" waits for, then what the strip shows. */
    private final Label interpolationHint = new Label();
    private final StackPane decodedHolder = new StackPane();
    private final DrawingCanvas drawing = new DrawingCanvas(new DrawingBoard(28 * 5, 28 * 5, 6), LatentsPane::frameDrawing);
    // ink at the canvas's resolution: the preparation below anti-aliases it down to MNIST's 20 px box
    private final DrawingBoard board = drawing.board();
    private final ImageView preparedView = new ImageView();
    private final List<ToggleButton> toggles = new ArrayList<>();
    private final List<Slider> gaussianSliders = new ArrayList<>();
    private boolean updatingToggles;
    private final Button refreshButton = new Button("Refresh from training");
    private final FlipsViewModel flips;
    private final RelaxedViewModel relaxed;
    private final LatentsBottomTabs bottomTabs;
    private final SensitivityLegend sensitivityLegend = new SensitivityLegend();
    private final LatentsModelChoice modelChoice;

    public LatentsPane(LatentsViewModel viewModel) {
        this.vm = viewModel;
        testImages = new TestImageStrip(vm::digitChosen);
        vm.datasetProperty().addListener((o, a, d) -> testImages.modelTrainedOn(d));
        this.flips = new FlipsViewModel(viewModel);
        this.relaxed = new RelaxedViewModel(viewModel);
        this.bottomTabs = new LatentsBottomTabs(relaxed);
        this.modelChoice = new LatentsModelChoice(viewModel);
        getStyleClass().add("latents-pane");
        getStylesheets().add(LatentsPane.class.getResource("latents.css").toExternalForm());
        setTop(toolbar());
        setLeft(inputs());
        ScrollPane gridScroll = new ScrollPane(new VBox(8, toggleGrid, gaussianBox));
        gridScroll.setFitToWidth(true);
        gridScroll.getStyleClass().add("toggle-scroll");
        // the grid as wide as its toggles (it scrolls when narrower), the decoded digit in all the width it leaves
        gridScroll.prefViewportWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> gridScroll.getContent().prefWidth(-1) + 2, toggleGrid.widthProperty(), gaussianBox.widthProperty()));
        gridScroll.setMinWidth(120);
        VBox outputs = outputs();
        HBox.setHgrow(outputs, Priority.ALWAYS);
        FlipsPane flipsPane = new FlipsPane(flips);
        flipsPane.installShortcuts(this);
        VBox.setVgrow(gridScroll, Priority.SOMETIMES);
        // the model above its code: the grid, not the window, gives up the row it takes
        VBox codeColumn = new VBox(4, modelChoice, gridScroll, sensitivityLegend, flipsPane);
        codeColumn.setPadding(new Insets(0, 0, 4, 0));
        HBox centre = new HBox(codeColumn, outputs);
        setCenter(centre);
        setBottom(bottomTabs);
        bind();
    }

    private void bind() {
        status.textProperty().bind(vm.statusProperty());
        sensitivityToggle.selectedProperty().bindBidirectional(vm.sensitivityShownProperty());
        interpolateToggle.selectedProperty().bindBidirectional(vm.interpolateNextProperty());
        followToggle.selectedProperty().bindBidirectional(vm.followTrainingProperty());
        followToggle.disableProperty().bind(vm.trainingActiveProperty().not());
        refreshButton.disableProperty().bind(vm.canRefreshProperty().not());
        vm.layoutProperty().addListener((o, a, l) -> rebuild(l));
        vm.codeProperty().addListener((o, a, c) -> showCode(c));
        vm.decodedProperty().addListener((o, a, means) -> refreshImages(means));
        vm.inputProperty().addListener((o, a, image) -> inputView.setImage(image == null ? null : DigitImages.of(image, 4)));
        vm.sensitivityProperty().addListener((o, a, s) -> paintSensitivity(s));
        vm.interpolationProperty().addListener((o, a, frames) -> showInterpolation(frames));
        vm.interpolateNextProperty().addListener((o, a, on) -> {
            showInterpolationHint();
            if (on) {
                bottomTabs.selectPath();
            }
        });
        showSampled.selectedProperty().addListener((o, a, b) -> refreshImages(vm.decodedProperty().get()));
    }

    private ToolBar toolbar() {
        Button prior = new Button("Sample prior");
        prior.setId("sample-prior-button");
        prior.setTooltip(new Tooltip("Draw a code from the model's prior and decode it."));
        prior.setOnAction(e -> vm.samplePrior());
        Button random = new Button("Randomize");
        random.setId("randomize-button");
        random.setTooltip(new Tooltip("Set every latent uniformly at random."));
        random.setOnAction(e -> vm.randomize());
        Button clear = new Button("Clear");
        clear.setId("clear-button");
        clear.setTooltip(new Tooltip("Set every binary latent to 0 (first class for categorical ones)."));
        clear.setOnAction(e -> vm.clear());
        sensitivityToggle.setId("sensitivity-toggle");
        sensitivityToggle.setTooltip(new Tooltip("Colour each toggle by how much flipping it alone changes the image."));
        interpolateToggle.setId("interpolate-toggle");
        interpolateToggle.setTooltip(new Tooltip("Click a digit next: walk from the current code to its code one flip at a time."));
        showSampled.setTooltip(new Tooltip("Also show one binary image sampled from the decoded pixel probabilities."));
        refreshButton.setId("refresh-button");
        refreshButton.setTooltip(new Tooltip("Use a copy of the model being trained right now."));
        refreshButton.setOnAction(e -> vm.refreshFromTraining());
        followToggle.setId("follow-toggle");
        followToggle.setTooltip(new Tooltip("While a run trains, decode the current code with its latest model every "
                + (int) LatentsViewModel.FOLLOW_PERIOD.toSeconds() + " s."));
        return new ToolBar(prior, random, clear, sensitivityToggle, interpolateToggle, showSampled, refreshButton, followToggle);
    }

    private VBox inputs() {
        Label drawLabel = new Label("Draw a digit");
        drawLabel.getStyleClass().add("section-header");
        drawing.setId("drawing-canvas");
        Tooltip.install(drawing, new Tooltip("Draw with the mouse; 'Encode drawing' finds its most probable code."));
        drawing.setOnChange(() -> preparedView.setImage(DigitImages.of(board.prepared(), 3)));
        preparedView.setId("prepared-image");
        Tooltip.install(preparedView, new Tooltip("The drawing as the encoder gets it: scaled to a 20 px box and "
                + "centred by its centre of mass in 28×28, as MNIST digits were."));
        Label preparedLabel = new Label("As encoded");
        preparedLabel.getStyleClass().add("caption");
        drawing.clear();
        Button encodeDrawing = new Button("Encode drawing");
        encodeDrawing.setId("encode-drawing-button");
        encodeDrawing.setTooltip(new Tooltip("Take the most probable code of the drawing (prepared as MNIST digits were) under the encoder."));
        encodeDrawing.setOnAction(e -> vm.encode(board.prepared()));
        Button clearDraw = new Button("Clear drawing");
        clearDraw.setId("clear-drawing-button");
        clearDraw.setTooltip(new Tooltip("Erase the drawing."));
        clearDraw.setOnAction(e -> drawing.clear());
        HBox drawRow = new HBox(8, drawing, new VBox(4, preparedLabel, preparedView));
        VBox box = new VBox(8, testImages, drawLabel, drawRow, new HBox(6, encodeDrawing, clearDraw));
        box.setPadding(new Insets(10));
        box.setPrefWidth(250);
        return box;
    }

    private VBox outputs() {
        Label title = new Label("Decoded (pixel probabilities)");
        title.getStyleClass().add("section-header");
        decodedView.setId("decoded-image");
        Tooltip.install(decodedView, new Tooltip("The decoder's Bernoulli means for the current code."));
        // the digit fills its holder's square; the holder's own sizes are fixed, so the image never props the pane open
        decodedView.setPreserveRatio(true);
        decodedView.setSmooth(false); // pixels stay square blocks, as the model sees them
        decodedHolder.setId("decoded-holder");
        decodedHolder.getChildren().add(decodedView);
        decodedHolder.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        decodedHolder.setMinSize(28 * SCALE, 28 * SCALE);
        decodedHolder.setPrefSize(28 * SCALE, 28 * SCALE);
        decodedHolder.setMaxSize(Double.MAX_VALUE, Double.MAX_VALUE);
        javafx.beans.binding.DoubleBinding side = javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.max(28 * MIN_SCALE, Math.min(decodedHolder.getWidth(), decodedHolder.getHeight())),
                decodedHolder.widthProperty(), decodedHolder.heightProperty());
        decodedView.fitWidthProperty().bind(side);
        decodedView.fitHeightProperty().bind(side);
        VBox.setVgrow(decodedHolder, Priority.ALWAYS);
        interpolationHint.setId("interpolation-hint");
        interpolationHint.setWrapText(true);
        interpolationHint.setMinHeight(Region.USE_PREF_SIZE);
        interpolationHint.getStyleClass().add("interpolation-hint");
        interpolationHint.setVisible(false);
        interpolationHint.setManaged(false);
        // the hint takes its room from the digit (down to 5 px per pixel): on a 1366×768 laptop it pushed the column
        // past the tab, which then scrolled the toolbar out of view
        decodedHolder.minHeightProperty().bind(javafx.beans.binding.Bindings.when(interpolationHint.visibleProperty())
                .then(28 * MIN_SCALE).otherwise(28 * SCALE));
        // the input beside its reconstruction (and the left column short enough for a laptop screen)
        Label inputLabel = new Label("Input");
        inputLabel.setId("input-caption");
        inputLabel.getStyleClass().add("section-header");
        inputLabel.textProperty().bind(vm.inputCaptionProperty());
        inputLabel.setWrapText(true); // "Input, before your edits" may take a second line: the last change fits beside it
        inputLabel.setMaxWidth(28 * 4);
        inputLabel.setMinHeight(Region.USE_PREF_SIZE);
        inputView.setId("input-image");
        // the model whose code and image these are: the input, the code and the image always belong to it
        Label decodedBy = new Label();
        decodedBy.setId("decoded-by");
        decodedBy.getStyleClass().add("caption");
        decodedBy.setWrapText(true);
        decodedBy.textProperty().bind(javafx.beans.binding.Bindings.when(vm.decodedByProperty().isEmpty()).then("")
                .otherwise(javafx.beans.binding.Bindings.concat("by ", vm.decodedByProperty())));
        VBox box = new VBox(8, title, decodedHolder, decodedBy, interpolationHint,
                new HBox(8, new VBox(4, inputLabel, inputView), new DifferenceView(flips), sampledView), status);
        box.setPadding(new Insets(10));
        box.setPrefWidth(28 * SCALE + 24);
        box.setMinWidth(28 * SCALE + 24);
        status.setWrapText(true);
        status.getStyleClass().add("status");
        return box;
    }


    // ------------------------------------------------------------------ model and code

    public LatentsViewModel viewModel() {
        return vm;
    }

    /** The relaxed samples' view model (λ, the samples). */
    public RelaxedViewModel relaxed() {
        return relaxed;
    }

    /** The flip gallery's, undo's and the difference image's view model. */
    public FlipsViewModel flips() {
        return flips;
    }

    /** Shows {@code m} (any latent layout), starting from the last encoded digit (or the first test digit). */
    public void setModel(VaeModel m) {
        if (Platform.isFxApplicationThread()) {
            vm.setModel(m);
        } else {
            Platform.runLater(() -> vm.setModel(m));
        }
    }

    public ReadOnlyObjectProperty<VaeModel> modelProperty() {
        return vm.modelProperty();
    }

    /** As {@link #setModel(VaeModel)}, with the model's name under the decoded image (e.g. "… (shipped model)"). */
    public void setModel(VaeModel m, String name) {
        setModel(m, name, Datasets.defaultDataset());
    }

    /** As {@link #setModel(VaeModel, String)} for a model trained on {@code trainedOn} (its images are shown). */
    public void setModel(VaeModel m, String name, Dataset trainedOn) {
        if (Platform.isFxApplicationThread()) {
            vm.setModel(m, name, trainedOn);
        } else {
            Platform.runLater(() -> vm.setModel(m, name, trainedOn));
        }
    }

    /** Offers the shipped models in the Model box and shows the first (the compact one when shipped). */
    public void setShippedModels(ShippedLatentsModels shipped) {
        modelChoice.setEntries(shipped.entries());
    }

    /** Enables "Refresh from training", which takes a model copy from {@code source} (called off the FX thread). */
    public void setTrainingSource(Supplier<VaeModel> source) {
        vm.trainingSourceProperty().set(source);
    }

    /** MNIST test digits to show in the strip (intensities, 784 each). */
    public void setDigits(List<float[]> digits) {
        setDigits(Datasets.defaultDataset(), digits);
    }

    /** Test images of {@code d} (intensities, 784 each): shown while the model shown is {@code d}'s. */
    public void setDigits(Dataset d, List<float[]> digits) {
        if (vm.datasetProperty().get() == null || vm.datasetProperty().get() == d) {
            testImages.set(d, digits);
        }
        vm.setDigits(d, digits);
    }

    /** A toggle per discrete slot and a slider per Gaussian unit, for a model of {@code layout}. */
    private void rebuild(LatentLayout layout) {
        toggles.clear();
        gaussianSliders.clear();
        toggleGrid.getChildren().clear();
        gaussianBox.getChildren().clear();
        if (layout == null) {
            return;
        }
        int columns = Math.max(1, 20 / layout.slotsPerUnit());
        for (int u = 0; u < layout.discreteUnits(); u++) {
            Region cell;
            LatentKind kind = layout.kind();
            int slots = layout.slotsPerUnit();
            if (slots == 1 && !kind.slotsAreFree()) { // one toggle is the unit (binary)
                cell = latentToggle(u, u, kind.slotTooltip(u, 0, layout.classes()));
            } else {
                // free slots (a corner's log2 K bits: every combination is a class) or one of K (one-hot)
                HBox group = new HBox(1);
                group.getStyleClass().add(kind.slotsAreFree() ? "corner-unit" : "categorical-unit");
                ToggleGroup tg = kind.slotsAreFree() ? null : new ToggleGroup();
                for (int k = 0; k < slots; k++) {
                    ToggleButton t = latentToggle(u * slots + k, u, kind.slotTooltip(u, k, layout.classes()));
                    t.setToggleGroup(tg);
                    group.getChildren().add(t);
                }
                cell = group;
            }
            toggleGrid.add(cell, u % columns, u / columns);
        }
        toggleGrid.setHgap(3);
        toggleGrid.setVgap(3);
        if (layout.gaussianUnits() > 0) {
            Label g = new Label("Gaussian units");
            g.getStyleClass().add("section-header");
            gaussianBox.getChildren().add(g);
        }
        for (int g = 0; g < layout.gaussianUnits(); g++) {
            Slider s = new Slider(-3, 3, 0);
            s.setId("gaussian-slider-" + g);
            SliderKeys.install(s);
            s.setTooltip(new Tooltip("Gaussian unit " + (g + 1) + " (standard deviations)."));
            int unit = g;
            s.valueProperty().addListener((o, a, v) -> {
                if (!updatingToggles) {
                    vm.setGaussian(unit, v.doubleValue());
                }
            });
            HBox.setHgrow(s, Priority.ALWAYS);
            gaussianSliders.add(s);
            gaussianBox.getChildren().add(new HBox(6, new Label("z" + (g + 1)), s));
        }
        showCode(vm.codeProperty().get());
    }

    private ToggleButton latentToggle(int slot, int unit, String tip) {
        ToggleButton t = new ToggleButton();
        t.setId("latent-toggle-" + slot);
        t.getStyleClass().add("latent-toggle");
        // made when the mouse first comes over it: 200 tooltips made with the toggles held the FX thread ~60 ms when a
        // followed run's snapshot brought its layout (FxLatencyBenchmark -Dbench.demo=true -Dbench.stacks=true)
        String text = tip + " Right-click: draw its posterior with λ (Temperature λ tab).";
        t.addEventHandler(javafx.scene.input.MouseEvent.MOUSE_ENTERED, e -> {
            if (t.getTooltip() == null) {
                t.setTooltip(new Tooltip(text));
            }
        });
        t.setOnMouseClicked(e -> { // a click flips; a right-click selects
            if (e.getButton() == javafx.scene.input.MouseButton.SECONDARY) {
                bottomTabs.showUnit(unit);
            }
        });
        t.selectedProperty().addListener((o, a, on) -> {
            if (!updatingToggles) {
                vm.setSlot(slot, on);
            }
        });
        toggles.add(t);
        return t;
    }

    /** Toggles and sliders follow the code (without sending it back). */
    private void showCode(LatentCode c) {
        if (c == null || c.discreteSlots() != toggles.size()) {
            return;
        }
        updatingToggles = true;
        try {
            for (int i = 0; i < toggles.size(); i++) {
                toggles.get(i).setSelected(c.isOn(i));
            }
            for (int g = 0; g < gaussianSliders.size(); g++) {
                gaussianSliders.get(g).setValue(c.gaussian(g));
            }
        } finally {
            updatingToggles = false;
        }
    }

    /** Replaces the whole code (toggles follow) and decodes it. */
    public void setCode(float[] newCode) {
        LatentLayout layout = vm.layoutProperty().get();
        if (layout == null) {
            throw new IllegalStateException("no model yet");
        }
        vm.setCode(LatentCode.of(layout, newCode));
    }

    public float[] code() {
        LatentCode c = vm.codeProperty().get();
        return c == null ? new float[0] : c.values();
    }

    private void refreshImages(float[] means) {
        if (means == null) {
            return;
        }
        decodedView.setImage(DigitImages.of(means, SCALE));
        sampledView.setImage(showSampled.isSelected() ? DigitImages.of(CodeSampler.binaryImage(means), 4) : null);
    }

    // ------------------------------------------------------------------ sensitivity and interpolation

    private void paintSensitivity(double[] s) {
        double max = 0;
        if (s != null) {
            for (double v : s) {
                max = Math.max(max, v);
            }
        }
        for (int i = 0; i < toggles.size(); i++) {
            ToggleButton t = toggles.get(i);
            if (s == null || max == 0 || s.length != toggles.size()) {
                t.setStyle("");
            } else {
                Color c = SensitivityLegend.colour(s[i] / max);
                t.setStyle(String.format(Locale.ROOT, "-fx-border-color: rgb(%d,%d,%d); -fx-border-width: 4;",
                        (int) (c.getRed() * 255), (int) (c.getGreen() * 255), (int) (c.getBlue() * 255)));
            }
        }
        sensitivityLegend.show(s == null || s.length != toggles.size() ? -1 : max);
    }

    /** Each step of the path: its image and how many of the differing latents it has flipped. */
    private void showInterpolation(List<Interpolation.Frame> frames) {
        showInterpolationHint();
        bottomTabs.showPath(frames); // after the hint: the scroll into view measures the laid-out tab
    }

    /** What the toggle waits for (a digit), or what the strip below now shows; hidden before the first use. */
    private void showInterpolationHint() {
        List<Interpolation.Frame> frames = vm.interpolationProperty().get();
        String text;
        if (vm.interpolateNextProperty().get()) {
            text = "Interpolate: now click a test digit on the left. The strip below will walk from this code to that"
                    + " digit's code, one latent flipped at a time.";
        } else if (frames != null && !frames.isEmpty()) {
            int total = frames.get(frames.size() - 1).total();
            text = "The path is in the strip below: " + frames.size() + " steps, " + total + " latents differ (n/" + total
                    + " under each step: how many are flipped). Press \"Interpolate to next digit\" again for another.";
        } else {
            text = "";
        }
        interpolationHint.setText(text);
        interpolationHint.setVisible(!text.isEmpty());
        interpolationHint.setManaged(!text.isEmpty());
    }

    // ------------------------------------------------------------------ drawing

    private static void frameDrawing(GraphicsContext gc) {
        gc.setStroke(Color.web("#bbb"));
        gc.strokeRect(0.5, 0.5, gc.getCanvas().getWidth() - 1, gc.getCanvas().getHeight() - 1);
    }

    // ------------------------------------------------------------------ for tests

    /** The latest decoded Bernoulli means (null before the first decode). */
    public ReadOnlyObjectProperty<float[]> decodedProperty() {
        return vm.decodedProperty();
    }

    /** The 28×28 digit that "Encode drawing" would encode now. */
    public float[] preparedDrawing() {
        return board.prepared();
    }

    public void setSensitivityVisible(boolean on) {
        sensitivityToggle.setSelected(on);
    }
}
