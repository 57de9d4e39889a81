package org.concretelab.ui.latents;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
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
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.concretelab.model.LatentKind;
import org.concretelab.model.LatentLayout;
import org.concretelab.model.VaeModel;

/**
 * Flip discrete latents and watch the decoded digit change: a toggle per binary unit (a K-way group per
 * categorical unit, a slider per Gaussian unit), the decoder's Bernoulli means beside them, ways to set
 * the code (encode a test digit or a drawing, sample the prior, randomize, clear), a sensitivity map and
 * an interpolation strip. All decoding runs on a background thread; rapid flips are coalesced.
 */
public final class LatentsPane extends BorderPane {
    private static final int SCALE = 8;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "latents-decoder");
        t.setDaemon(true);
        return t;
    });
    private final AtomicReference<float[]> pendingCode = new AtomicReference<>();
    private final AtomicBoolean decodeScheduled = new AtomicBoolean();
    private final ObjectProperty<VaeModel> model = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<float[]> decoded = new ReadOnlyObjectWrapper<>();
    private final ImageView decodedView = new ImageView();
    private final ImageView sampledView = new ImageView();
    private final ImageView inputView = new ImageView();
    private final CheckBox showSampled = new CheckBox("Sampled binary image");
    private final ToggleButton sensitivityToggle = new ToggleButton("Sensitivity map");
    private final ToggleButton interpolateToggle = new ToggleButton("Interpolate to next digit");
    private final FlowPane interpolationStrip = new FlowPane(4, 4);
    private final HBox digitStrip = new HBox(4);
    private final GridPane toggleGrid = new GridPane();
    private final VBox gaussianBox = new VBox(3);
    private final Label status = new Label("No model loaded yet.");
    private final Canvas drawing = new Canvas(28 * 5, 28 * 5);
    // ink at the canvas's resolution: the preparation below anti-aliases it down to MNIST's 20 px box
    private final DrawingBoard board = new DrawingBoard(28 * 5, 28 * 5, 6);
    private final ImageView preparedView = new ImageView();
    private final List<ToggleButton> toggles = new ArrayList<>();
    private final List<Slider> gaussianSliders = new ArrayList<>();
    private float[] code = new float[0];
    private boolean updatingToggles;
    private Supplier<VaeModel> trainingSource;
    private float[] lastInput;  // the digit last encoded: a new model re-encodes it, so models compare on one digit
    private float[] firstDigit; // what to show before anything was encoded
    private final Button refreshButton = new Button("Refresh from training");
    private long sampleSeed = 1;

    public LatentsPane() {
        getStyleClass().add("latents-pane");
        getStylesheets().add(LatentsPane.class.getResource("latents.css").toExternalForm());
        setTop(toolbar());
        setLeft(inputs());
        ScrollPane gridScroll = new ScrollPane(new VBox(8, toggleGrid, gaussianBox));
        gridScroll.setFitToWidth(true);
        gridScroll.getStyleClass().add("toggle-scroll");
        setCenter(gridScroll);
        setRight(outputs());
        setBottom(bottom());
        model.addListener((o, a, m) -> rebuild(m));
    }

    private ToolBar toolbar() {
        Button prior = new Button("Sample prior");
        prior.setId("sample-prior-button");
        prior.setTooltip(new Tooltip("Draw a code from the model's prior and decode it."));
        prior.setOnAction(e -> samplePrior());
        Button random = new Button("Randomize");
        random.setId("randomize-button");
        random.setTooltip(new Tooltip("Set every latent uniformly at random."));
        random.setOnAction(e -> randomize());
        Button clear = new Button("Clear");
        clear.setId("clear-button");
        clear.setTooltip(new Tooltip("Set every binary latent to 0 (first class for categorical ones)."));
        clear.setOnAction(e -> setCode(new float[code.length]));
        sensitivityToggle.setId("sensitivity-toggle");
        sensitivityToggle.setTooltip(new Tooltip("Colour each toggle by how much flipping it alone changes the image."));
        sensitivityToggle.selectedProperty().addListener((o, a, on) -> updateSensitivity());
        interpolateToggle.setId("interpolate-toggle");
        interpolateToggle.setTooltip(new Tooltip("Click a digit next: walk from the current code to its code one flip at a time."));
        showSampled.setTooltip(new Tooltip("Also show one binary image sampled from the decoded pixel probabilities."));
        showSampled.selectedProperty().addListener((o, a, b) -> refreshImages(decoded.get()));
        refreshButton.setId("refresh-button");
        refreshButton.setTooltip(new Tooltip("Use a copy of the model being trained right now."));
        refreshButton.setDisable(true);
        refreshButton.setOnAction(e -> refreshFromTraining());
        return new ToolBar(prior, random, clear, sensitivityToggle, interpolateToggle, showSampled, refreshButton);
    }

    private VBox inputs() {
        Label stripLabel = new Label("Test digits (click to encode)");
        stripLabel.getStyleClass().add("section-header");
        digitStrip.setId("digit-strip");
        FlowPane stripWrap = new FlowPane(4, 4);
        stripWrap.setPrefWrapLength(190);
        stripWrap.getChildren().add(digitStrip);
        Label drawLabel = new Label("Draw a digit");
        drawLabel.getStyleClass().add("section-header");
        drawing.setId("drawing-canvas");
        Tooltip.install(drawing, new Tooltip("Draw with the mouse; 'Encode drawing' finds its most probable code."));
        drawing.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> paint(e, true));
        drawing.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> paint(e, false));
        preparedView.setId("prepared-image");
        Tooltip.install(preparedView, new Tooltip("The drawing as the encoder gets it: scaled to a 20 px box and "
                + "centred by its centre of mass in 28×28, as MNIST digits were."));
        Label preparedLabel = new Label("As encoded");
        preparedLabel.getStyleClass().add("caption");
        clearDrawing();
        Button encodeDrawing = new Button("Encode drawing");
        encodeDrawing.setId("encode-drawing-button");
        encodeDrawing.setTooltip(new Tooltip("Take the most probable code of the drawing (prepared as MNIST digits were) under the encoder."));
        encodeDrawing.setOnAction(e -> encode(board.prepared()));
        Button clearDraw = new Button("Clear drawing");
        clearDraw.setId("clear-drawing-button");
        clearDraw.setTooltip(new Tooltip("Erase the drawing."));
        clearDraw.setOnAction(e -> clearDrawing());
        HBox drawRow = new HBox(8, drawing, new VBox(4, preparedLabel, preparedView));
        VBox box = new VBox(8, stripLabel, digitStrip, drawLabel, drawRow, new HBox(6, encodeDrawing, clearDraw));
        box.setPadding(new Insets(10));
        box.setPrefWidth(250);
        return box;
    }

    private VBox outputs() {
        Label title = new Label("Decoded (pixel probabilities)");
        title.getStyleClass().add("section-header");
        decodedView.setId("decoded-image");
        Tooltip.install(decodedView, new Tooltip("The decoder's Bernoulli means for the current code."));
        // the input beside its reconstruction (and the left column short enough for a laptop screen)
        Label inputLabel = new Label("Input");
        inputLabel.getStyleClass().add("section-header");
        inputView.setId("input-image");
        VBox box = new VBox(8, title, decodedView, new HBox(8, new VBox(4, inputLabel, inputView), sampledView), status);
        box.setPadding(new Insets(10));
        box.setPrefWidth(28 * SCALE + 24);
        status.setWrapText(true);
        status.getStyleClass().add("status");
        return box;
    }

    private VBox bottom() {
        Label title = new Label("Interpolation: one latent flipped at a time");
        title.getStyleClass().add("section-header");
        interpolationStrip.setId("interpolation-strip");
        interpolationStrip.setMinHeight(28 * 2); // room for the frames before the first interpolation: no jump
        VBox box = new VBox(4, title, interpolationStrip);
        box.setPadding(new Insets(6, 10, 10, 10));
        return box;
    }

    // ------------------------------------------------------------------ model and code

    /** Shows {@code m} (any latent layout), starting from the last encoded digit (or the first test digit). */
    public void setModel(VaeModel m) {
        if (Platform.isFxApplicationThread()) {
            model.set(m);
        } else {
            Platform.runLater(() -> model.set(m));
        }
    }

    public ReadOnlyObjectProperty<VaeModel> modelProperty() {
        return model;
    }

    /** Enables "Refresh from training", which takes a model copy from {@code source} (called off the FX thread). */
    public void setTrainingSource(Supplier<VaeModel> source) {
        this.trainingSource = source;
        refreshButton.setDisable(source == null);
    }

    /** Test digits to show in the strip (intensities, 784 each). */
    public void setDigits(List<float[]> digits) {
        digitStrip.getChildren().clear();
        int i = 0;
        for (float[] d : digits) {
            ImageView v = new ImageView(DigitImages.of(d, 2));
            Button b = new Button(null, v);
            b.setId("digit-" + i++);
            b.getStyleClass().add("digit-button");
            b.setTooltip(new Tooltip("Encode this test digit and decode its most probable code."));
            b.setOnAction(e -> {
                if (interpolateToggle.isSelected()) {
                    interpolateTo(d);
                } else {
                    encode(d);
                }
            });
            digitStrip.getChildren().add(b);
        }
        // wrap the strip in rows of 4
        List<javafx.scene.Node> nodes = new ArrayList<>(digitStrip.getChildren());
        digitStrip.getChildren().clear();
        VBox rows = new VBox(4);
        for (int r = 0; r < nodes.size(); r += 4) {
            HBox row = new HBox(4);
            row.getChildren().addAll(nodes.subList(r, Math.min(nodes.size(), r + 4)));
            rows.getChildren().add(row);
        }
        digitStrip.getChildren().add(rows);
        firstDigit = digits.isEmpty() ? null : digits.get(0);
        if (model.get() != null && lastInput == null && firstDigit != null) {
            showStartingCode(); // the model came first and shows a prior sample: replace it with a digit
        }
    }

    private void rebuild(VaeModel m) {
        toggles.clear();
        gaussianSliders.clear();
        toggleGrid.getChildren().clear();
        gaussianBox.getChildren().clear();
        interpolationStrip.getChildren().clear();
        if (m == null) {
            return;
        }
        LatentLayout layout = m.latentLayout();
        code = new float[layout.codeLength()];
        int columns = layout.kind() == LatentKind.BINARY ? 20 : Math.max(1, 20 / layout.classes());
        for (int u = 0; u < layout.discreteUnits(); u++) {
            Region cell;
            if (layout.kind() == LatentKind.BINARY) {
                ToggleButton t = new ToggleButton();
                t.setId("latent-toggle-" + u);
                t.getStyleClass().add("latent-toggle");
                t.setTooltip(new Tooltip("Latent " + (u + 1) + ": click to flip it between 0 and 1."));
                int unit = u;
                t.selectedProperty().addListener((o, a, on) -> {
                    if (!updatingToggles) {
                        code[unit] = on ? 1f : 0f;
                        requestDecode();
                    }
                });
                toggles.add(t);
                cell = t;
            } else {
                HBox group = new HBox(1);
                group.getStyleClass().add("categorical-unit");
                ToggleGroup tg = new ToggleGroup();
                for (int k = 0; k < layout.classes(); k++) {
                    ToggleButton t = new ToggleButton();
                    t.setId("latent-toggle-" + (u * layout.classes() + k));
                    t.getStyleClass().add("latent-toggle");
                    t.setToggleGroup(tg);
                    t.setTooltip(new Tooltip("Latent " + (u + 1) + ", class " + (k + 1) + " of " + layout.classes() + "."));
                    int unit = u;
                    int cls = k;
                    t.selectedProperty().addListener((o, a, on) -> {
                        if (!updatingToggles && on) {
                            for (int j = 0; j < layout.classes(); j++) {
                                code[unit * layout.classes() + j] = j == cls ? 1f : 0f;
                            }
                            requestDecode();
                        }
                    });
                    toggles.add(t);
                    group.getChildren().add(t);
                }
                cell = group;
            }
            toggleGrid.add(cell, u % columns, u / columns);
        }
        toggleGrid.setHgap(3);
        toggleGrid.setVgap(3);
        int offset = layout.discreteUnits() * layout.slotsPerUnit();
        if (layout.gaussianUnits() > 0) {
            Label g = new Label("Gaussian units");
            g.getStyleClass().add("section-header");
            gaussianBox.getChildren().add(g);
        }
        for (int g = 0; g < layout.gaussianUnits(); g++) {
            Slider s = new Slider(-3, 3, 0);
            s.setId("gaussian-slider-" + g);
            s.setTooltip(new Tooltip("Gaussian unit " + (g + 1) + " (standard deviations)."));
            int index = offset + g;
            s.valueProperty().addListener((o, a, v) -> {
                if (!updatingToggles) {
                    code[index] = v.floatValue();
                    requestDecode();
                }
            });
            HBox.setHgrow(s, Priority.ALWAYS);
            gaussianSliders.add(s);
            gaussianBox.getChildren().add(new HBox(6, new Label("z" + (g + 1)), s));
        }
        status.setText(m.spec().describe() + ": " + layout.discreteUnits() + " discrete latents"
                + (layout.gaussianUnits() > 0 ? " + " + layout.gaussianUnits() + " Gaussian" : ""));
        showStartingCode();
    }

    /** A real digit and its reconstruction say more on first sight than a prior sample; the prior if no digits yet. */
    private void showStartingCode() {
        float[] digit = lastInput != null ? lastInput : firstDigit;
        if (digit != null) {
            encode(digit);
        } else {
            samplePrior();
        }
    }

    /** Replaces the whole code (toggles follow) and decodes it. */
    public void setCode(float[] newCode) {
        if (newCode.length != code.length) {
            throw new IllegalArgumentException("code must have " + code.length + " values, had " + newCode.length);
        }
        code = newCode.clone();
        updatingToggles = true;
        for (int i = 0; i < toggles.size(); i++) {
            toggles.get(i).setSelected(code[i] > 0.5f);
        }
        LatentLayout layout = model.get().latentLayout();
        int offset = layout.discreteUnits() * layout.slotsPerUnit();
        for (int g = 0; g < gaussianSliders.size(); g++) {
            gaussianSliders.get(g).setValue(code[offset + g]);
        }
        updatingToggles = false;
        requestDecode();
    }

    public float[] code() {
        return code.clone();
    }

    private void samplePrior() {
        VaeModel m = model.get();
        if (m == null) {
            return;
        }
        long seed = sampleSeed++;
        worker.execute(() -> {
            float[] c = m.samplePrior(seed);
            Platform.runLater(() -> setCode(c));
        });
    }

    private void randomize() {
        if (model.get() == null) {
            return;
        }
        LatentLayout layout = model.get().latentLayout();
        java.util.SplittableRandom r = new java.util.SplittableRandom(sampleSeed++);
        float[] c = new float[code.length];
        for (int u = 0; u < layout.discreteUnits(); u++) {
            if (layout.kind() == LatentKind.BINARY) {
                c[u] = r.nextBoolean() ? 1f : 0f;
            } else {
                c[u * layout.classes() + r.nextInt(layout.classes())] = 1f;
            }
        }
        int offset = layout.discreteUnits() * layout.slotsPerUnit();
        for (int g = 0; g < layout.gaussianUnits(); g++) {
            c[offset + g] = (float) (r.nextGaussian());
        }
        setCode(c);
    }

    private void encode(float[] image) {
        VaeModel m = model.get();
        if (m == null) {
            return;
        }
        inputView.setImage(DigitImages.of(image, 4));
        lastInput = image;
        worker.execute(() -> {
            float[] c = m.encodeMode(image);
            Platform.runLater(() -> setCode(c));
        });
    }

    /** Decodes the latest code off the FX thread; flips faster than decoding collapse into one decode. */
    private void requestDecode() {
        VaeModel m = model.get();
        if (m == null) {
            return;
        }
        pendingCode.set(code.clone());
        if (decodeScheduled.compareAndSet(false, true)) {
            worker.execute(() -> {
                decodeScheduled.set(false);
                float[] c = pendingCode.getAndSet(null);
                if (c == null) {
                    return;
                }
                float[] means = m.decode(c);
                double[] sensitivity = sensitivityToggle.isSelected() ? sensitivity(m, c, means) : null;
                Platform.runLater(() -> {
                    decoded.set(means);
                    refreshImages(means);
                    paintSensitivity(sensitivity);
                });
            });
        }
    }

    private void refreshImages(float[] means) {
        if (means == null) {
            return;
        }
        decodedView.setImage(DigitImages.of(means, SCALE));
        if (showSampled.isSelected()) {
            java.util.SplittableRandom r = new java.util.SplittableRandom(java.util.Arrays.hashCode(means));
            float[] binary = new float[means.length];
            for (int i = 0; i < means.length; i++) {
                binary[i] = r.nextDouble() < means[i] ? 1f : 0f;
            }
            sampledView.setImage(DigitImages.of(binary, 4));
        } else {
            sampledView.setImage(null);
        }
    }

    // ------------------------------------------------------------------ sensitivity and interpolation

    private void updateSensitivity() {
        if (sensitivityToggle.isSelected()) {
            requestDecode();
        } else {
            paintSensitivity(null);
        }
    }

    /** Mean absolute pixel change when each binary latent alone is flipped (categorical: moved to its next class). */
    private static double[] sensitivity(VaeModel m, float[] c, float[] base) {
        LatentLayout layout = m.latentLayout();
        int slots = layout.slotsPerUnit();
        double[] s = new double[layout.discreteUnits() * slots];
        for (int u = 0; u < layout.discreteUnits(); u++) {
            float[] flipped = c.clone();
            if (layout.kind() == LatentKind.BINARY) {
                flipped[u] = 1 - flipped[u];
            } else {
                int current = 0;
                for (int k = 0; k < slots; k++) {
                    if (c[u * slots + k] > 0.5f) {
                        current = k;
                    }
                    flipped[u * slots + k] = 0;
                }
                flipped[u * slots + (current + 1) % slots] = 1;
            }
            float[] other = m.decode(flipped);
            double d = 0;
            for (int i = 0; i < base.length; i++) {
                d += Math.abs(other[i] - base[i]);
            }
            for (int k = 0; k < slots; k++) {
                s[u * slots + k] = d / base.length;
            }
        }
        return s;
    }

    private void paintSensitivity(double[] s) {
        double max = 0;
        if (s != null) {
            for (double v : s) {
                max = Math.max(max, v);
            }
        }
        for (int i = 0; i < toggles.size(); i++) {
            ToggleButton t = toggles.get(i);
            if (s == null || max == 0) {
                t.setStyle("");
            } else {
                double f = s[i] / max;
                Color c = Color.web("#fff4e6").interpolate(Color.web("#e8590c"), f);
                t.setStyle(String.format(Locale.ROOT, "-fx-border-color: rgb(%d,%d,%d); -fx-border-width: 3;",
                        (int) (c.getRed() * 255), (int) (c.getGreen() * 255), (int) (c.getBlue() * 255)));
            }
        }
    }

    private void interpolateTo(float[] image) {
        VaeModel m = model.get();
        if (m == null) {
            return;
        }
        float[] from = code.clone();
        worker.execute(() -> {
            float[] to = m.encodeMode(image);
            List<Integer> differing = new ArrayList<>();
            LatentLayout layout = m.latentLayout();
            int slots = layout.slotsPerUnit();
            for (int u = 0; u < layout.discreteUnits(); u++) {
                for (int k = 0; k < slots; k++) {
                    if (from[u * slots + k] != to[u * slots + k]) {
                        differing.add(u);
                        break;
                    }
                }
            }
            int frames = 10;
            List<WritableImage> images = new ArrayList<>();
            float[] current = from.clone();
            int flipped = 0;
            for (int f = 0; f <= frames; f++) {
                int target = (int) Math.round(differing.size() * f / (double) frames);
                while (flipped < target) {
                    int u = differing.get(flipped++);
                    System.arraycopy(to, u * slots, current, u * slots, slots);
                }
                if (f == frames) {
                    System.arraycopy(to, 0, current, 0, current.length); // Gaussian part too
                }
                images.add(DigitImages.of(m.decode(current), 2));
            }
            int total = differing.size();
            Platform.runLater(() -> {
                interpolationStrip.getChildren().clear();
                for (int i = 0; i < images.size(); i++) {
                    ImageView v = new ImageView(images.get(i));
                    Tooltip.install(v, new Tooltip(Math.round(total * i / (double) frames) + " of " + total + " differing latents flipped"));
                    interpolationStrip.getChildren().add(v);
                }
                interpolateToggle.setSelected(false);
            });
        });
    }

    private void refreshFromTraining() {
        Supplier<VaeModel> source = trainingSource;
        if (source == null) {
            return;
        }
        refreshButton.setDisable(true);
        worker.execute(() -> {
            VaeModel copy = source.get();
            Platform.runLater(() -> {
                refreshButton.setDisable(false);
                if (copy != null) {
                    float[] keep = code.clone();
                    model.set(copy);
                    if (keep.length == code.length) {
                        setCode(keep);
                    }
                    status.setText("Model refreshed from training: " + copy.spec().describe());
                }
            });
        });
    }

    // ------------------------------------------------------------------ drawing

    private void paint(MouseEvent e, boolean pressed) {
        if (pressed) {
            board.begin(e.getX(), e.getY());
        } else {
            board.lineTo(e.getX(), e.getY());
        }
        GraphicsContext gc = drawing.getGraphicsContext2D();
        gc.drawImage(DigitImages.ofCanvas(board.ink(), board.width(), board.height()), 0, 0);
        frameDrawing(gc);
        preparedView.setImage(DigitImages.of(board.prepared(), 3));
    }

    private void clearDrawing() {
        board.clear();
        GraphicsContext gc = drawing.getGraphicsContext2D();
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, drawing.getWidth(), drawing.getHeight());
        frameDrawing(gc);
        preparedView.setImage(DigitImages.of(new float[784], 3));
    }

    private void frameDrawing(GraphicsContext gc) {
        gc.setStroke(Color.web("#bbb"));
        gc.strokeRect(0.5, 0.5, drawing.getWidth() - 1, drawing.getHeight() - 1);
    }

    // ------------------------------------------------------------------ for tests

    /** The latest decoded Bernoulli means (null before the first decode). */
    public ReadOnlyObjectProperty<float[]> decodedProperty() {
        return decoded.getReadOnlyProperty();
    }

    /** The 28×28 digit that "Encode drawing" would encode now. */
    public float[] preparedDrawing() {
        return board.prepared();
    }

    public void setSensitivityVisible(boolean on) {
        sensitivityToggle.setSelected(on);
    }
}
