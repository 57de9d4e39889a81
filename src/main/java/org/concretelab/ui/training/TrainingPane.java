package org.concretelab.ui.training;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.VaeModel;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.Notifier;

/**
 * The Training tab's view: builds the form, the buttons and the charts and binds them to a
 * {@link TrainingViewModel}, which holds the state and does the work. Trainer events are drawn by an
 * AnimationTimer at most 10 times a second, so the FX thread never waits for training. Why not 30: each flush
 * redraws the charts, and drawing them 30 times a second took half a core under software rendering (Xvfb),
 * which training on both cores needs (measured: 20k → see README's app row); 10 Hz still reads as live.
 */
public final class TrainingPane extends BorderPane {
    private static final long FLUSH_NANOS = 100_000_000L;
    /** The validation chart's least height: its title (two lines), legend and a plot that still shows a trend. */
    private static final double VALIDATION_HEIGHT = 200;
    /** Where the app's new runs go, each in a fresh folder of its own. */
    static final Path RUNS = TrainingViewModel.RUNS;
    /** The refusal dialog's button that starts a new run instead of continuing the loaded one. */
    static final ButtonType NEW_RUN = new ButtonType("Start a new run", ButtonBar.ButtonData.OK_DONE);

    private final TrainingViewModel model;
    private final TrainingForm form;
    private final Button start = button("Start", "start-button", "Start training with these options (Ctrl+Enter).");
    private final Button pause = button("Pause", "pause-button", "Pause or resume at the next step (Ctrl+P).");
    private final Button stop = button("Stop", "stop-button", "Stop at the next step and write last.ckpt (Ctrl+.).");
    private final Button demo = button("Demo run", "demo-run-button", "Fill the form with a short run to watch: "
            + DemoRun.EPOCHS + " epochs on " + String.format(java.util.Locale.ROOT, "%,d", DemoRun.TRAIN_IMAGES)
            + " images of the default model, " + DemoRun.SECONDS_TEXT + " on 2 cores; then press Start.");
    private final Label demoNote = new Label(DemoRun.DESCRIPTION);
    private final Button save = button("Save checkpoint", "save-button", "Write a checkpoint of the current model (Ctrl+S).");
    private final Button load = button("Load checkpoint", "load-button", "Open a checkpoint to continue training or explore it (Ctrl+O).");
    private final MenuButton recent = new MenuButton("Recent");
    private final Button exportCsv = button("Export CSV", "export-csv-button", "Save the plotted curves as a CSV file.");
    private final Button exportPng = button("Export PNG", "export-png-button", "Save the charts as a PNG image.");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label();
    private final Label progressLabel = new Label();
    private final Label banner = new Label();
    private final Notifier notifier;
    private final XYChart stepChart;
    private final XYChart epochChart;
    /** Other runs' curves beside this one's, and the reconstructions of each epoch under the bound (issue 28). */
    private final RunsComparison comparison;

    public TrainingPane(AppContext context) {
        model = new TrainingViewModel(context, Platform::runLater);
        form = new TrainingForm(model.form());
        getStyleClass().add("training-pane");
        notifier = new Notifier(banner, this);
        TrainingViewModel.Feedback tell = new TrainingViewModel.Feedback() {
            @Override
            public void info(String text) {
                notifier.info(text);
            }

            @Override
            public void error(String what, String todo) {
                notifier.error(what, todo);
            }
        };
        model.setFeedback(tell);
        model.setOnRefused(this::offerNewRun);
        stepChart = chart(model.charts().rawSeries().dataSet(), model.charts().smoothSeries().dataSet());
        epochChart = chart(model.charts().validationSets());
        stepChart.setId("step-chart");
        epochChart.setId("validation-chart");
        // neither chart may collapse to a strip in a short window: the split stops at these
        stepChart.setMinHeight(120);
        epochChart.setMinHeight(VALIDATION_HEIGHT);
        stepChart.titleProperty().bind(model.charts().stepTitleProperty());
        epochChart.titleProperty().bind(model.charts().validationTitleProperty());
        comparison = new RunsComparison(context, model, tell, stepChart, epochChart);
        VBox bound = new VBox(stepChart, comparison.strip());
        VBox.setVgrow(stepChart, Priority.ALWAYS);
        SplitPane charts = new SplitPane(bound, epochChart);
        charts.setOrientation(javafx.geometry.Orientation.VERTICAL);
        charts.setDividerPositions(0.6);
        // in a short window the validation chart keeps a readable height (it held a 40 % share and became a strip): the
        // split's skin moves the divider itself while resizing, so the divider is put back after the pass, when needed
        charts.heightProperty().addListener((o, a, h) -> keepValidationHeight(charts));
        charts.getDividers().get(0).positionProperty().addListener((o, a, p) -> keepValidationHeight(charts));
        progress.setId("epoch-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.progressProperty().bind(model.progressProperty());
        progress.setTooltip(new Tooltip("Progress through the current epoch (its validation once its steps are done)."));
        progressLabel.setId("progress-label");
        progressLabel.textProperty().bind(model.progressLabelProperty());
        progressLabel.setMouseTransparent(true);
        progressLabel.getStyleClass().add("progress-label");
        // dark text on a light plate: over the filled (accent-blue) part of the bar bare text could not be read
        progressLabel.setStyle("-fx-background-color: rgba(255,255,255,0.85); -fx-background-radius: 3;"
                + " -fx-padding: 0 5 0 5; -fx-text-fill: #222222;");
        progressLabel.visibleProperty().bind(progressLabel.textProperty().isNotEmpty()); // no empty plate on the bar
        StackPane bar = new StackPane(progress, progressLabel);
        bar.setMinWidth(160);
        progressText.setId("progress-text");
        model.lastCheckpointProperty().addListener((o, a, path) ->
                progressText.setTooltip(path.isEmpty() ? null : new Tooltip("Last checkpoint: " + path)));
        progressText.textProperty().bind(model.progressTextProperty());
        HBox.setHgrow(bar, Priority.ALWAYS);
        progressText.setMinWidth(0);
        HBox progressRow = new HBox(10, bar, progressText);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.setPadding(new Insets(6, 10, 6, 10));
        VBox center = new VBox(banner, comparison.bar(), charts, progressRow);
        VBox.setVgrow(charts, Priority.ALWAYS);
        setCenter(center);
        recent.setId("recent-button");
        recent.setTooltip(new Tooltip("Load one of the last " + TrainingViewModel.RECENT_MAX + " checkpoints loaded or saved."));
        recent.setOnShowing(e -> model.refreshRecent());
        model.recentCheckpoints().addListener((ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
        HBox controls = new HBox(6, start, pause, stop, demo);
        HBox files = new HBox(6, save, load, recent);
        HBox exports = new HBox(6, exportCsv, exportPng);
        Label title = new Label("Model and training");
        title.getStyleClass().add("section-header");
        VBox side = new VBox(10, title, form);
        side.setPadding(new Insets(6, 12, 12, 12));
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setId("form-scroll");
        sideScroll.setFitToWidth(true);
        // the form scrolls; the buttons stay above it, in view on a 768 px screen (below the form they were under the
        // fold) and clear of the notifications that pop up at the window's bottom
        demoNote.setId("demo-note");
        demoNote.setWrapText(true);
        demoNote.getStyleClass().add("form-message");
        demoNote.setMinHeight(Region.USE_PREF_SIZE);
        demoNote.visibleProperty().bind(model.form().demoProperty());
        demoNote.managedProperty().bind(demoNote.visibleProperty()); // a line only while the form holds the preset
        VBox buttons = new VBox(6, controls, demoNote, files, exports);
        buttons.setId("training-buttons");
        buttons.setPadding(new Insets(10, 12, 4, 12));
        VBox left = new VBox(buttons, sideScroll);
        VBox.setVgrow(sideScroll, Priority.ALWAYS);
        left.setPrefWidth(390); // the form and the Save / Load / Recent row without cut-off texts
        left.setMinWidth(Region.USE_PREF_SIZE);
        setLeft(left);

        start.setOnAction(e -> startTraining());
        pause.setOnAction(e -> togglePause());
        stop.setOnAction(e -> stopTraining());
        demo.setOnAction(e -> applyDemoRun());
        demo.disableProperty().bind(model.busyProperty());
        save.setOnAction(e -> saveCheckpoint());
        load.setOnAction(e -> chooseAndLoad());
        exportCsv.setOnAction(e -> exportCsv());
        exportPng.setOnAction(e -> exportPng());
        start.disableProperty().bind(model.canStartProperty().not());
        start.textProperty().bind(model.startTextProperty());
        pause.disableProperty().bind(model.canPauseProperty().not());
        pause.textProperty().bind(model.pauseTextProperty());
        stop.disableProperty().bind(model.canStopProperty().not());
        save.disableProperty().bind(model.canSaveProperty().not());
        form.disableProperty().bind(model.busyProperty());
        load.disableProperty().bind(model.busyProperty());
        recent.disableProperty().bind(model.busyProperty().or(Bindings.isEmpty(model.recentCheckpoints())));
        flushWhileAlive(this);
    }

    /**
     * Flushes the pane's curves at most every {@link #FLUSH_NANOS}; the running timer holds the pane only weakly and stops
     * once it is collected (a started AnimationTimer is held by the FX master timer: holding the pane strongly kept every
     * pane ever built, its view-model, runs and data, alive for the JVM's life).
     */
    private static void flushWhileAlive(TrainingPane pane) {
        java.lang.ref.WeakReference<TrainingPane> held = new java.lang.ref.WeakReference<>(pane);
        new AnimationTimer() {
            private long lastFlush;

            @Override
            public void handle(long now) {
                TrainingPane p = held.get();
                if (p == null) {
                    stop();
                } else if (now - lastFlush >= FLUSH_NANOS) {
                    lastFlush = now;
                    p.model.flush();
                    p.comparison.keepZoom();
                }
            }
        }.start();
    }

    private static void keepValidationHeight(SplitPane charts) {
        double h = charts.getHeight();
        double wanted = Math.max(0.3, 1 - (VALIDATION_HEIGHT + 8) / h); // 8: the divider
        if (h > 0 && charts.getDividerPositions()[0] > wanted + 1e-3) {
            Platform.runLater(() -> charts.setDividerPositions(wanted));
        }
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static XYChart chart(DoubleDataSet... sets) {
        DefaultNumericAxis[] axes = ChartsImage.axes();
        return ChartsImage.dress(new XYChart(axes[0], axes[1]), sets);
    }

    private void fillRecent() {
        recent.getItems().setAll(model.recentCheckpoints().stream().map(p -> {
            Path parent = p.getParent();
            MenuItem item = new MenuItem((parent == null || parent.getFileName() == null ? "" : parent.getFileName() + "/")
                    + p.getFileName());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> loadCheckpoint(p));
            return item;
        }).toList());
    }

    // ------------------------------------------------------------------ actions (the view's part: dialogs, choosers)

    /** Start, or Continue the loaded run (see {@link TrainingViewModel#start()}). */
    public void startTraining() {
        model.start();
    }

    /** Fills the form with the demo run's preset ({@link DemoRun}); Start then trains it. */
    public void applyDemoRun() {
        model.demoRun();
    }

    /** Continue was refused: offer a new run instead in a dialog (the banner already says why). */
    private void offerNewRun(TrainingViewModel.Refusal refusal) {
        if (getScene() == null || getScene().getWindow() == null) {
            return;
        }
        String fields = String.join(", ", refusal.fields());
        Path file = refusal.file();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", NEW_RUN, ButtonType.CANCEL);
        alert.initOwner(getScene().getWindow());
        alert.setTitle("Continue the loaded run?");
        alert.setHeaderText("The loaded run keeps its " + fields + ": Continue cannot change "
                + (refusal.fields().size() == 1 ? "it." : "them."));
        alert.setContentText("They define its model, data order or noise and are stored in " + file + ". Undo the edits to "
                + "continue it, or start a new run with these options: it starts from step 1 in a new folder under "
                + RUNS + "/, and the loaded run's curves are cleared from the charts (its files stay where they are).");
        alert.getDialogPane().setId("new-run-dialog");
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.setOnHidden(ev -> {
            if (alert.getResult() == NEW_RUN) {
                model.startNewRunInsteadOf(file);
            }
        });
        alert.show();
    }

    public void togglePause() {
        model.togglePause();
    }

    public void stopTraining() {
        model.stop();
    }

    public void saveCheckpoint() {
        if (model.trainerProperty().get() == null) {
            return;
        }
        FileChooser chooser = checkpointChooser("Save checkpoint");
        chooser.setInitialFileName("model.ckpt");
        File file = getScene() == null ? null : chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            saveCheckpoint(file.toPath());
        }
    }

    /** Writes a checkpoint to {@code file} in the background. */
    public void saveCheckpoint(Path file) {
        model.save(file);
    }

    public void chooseAndLoad() {
        FileChooser chooser = checkpointChooser("Load checkpoint");
        File file = getScene() == null ? null : chooser.showOpenDialog(getScene().getWindow());
        if (file != null) {
            loadCheckpoint(file.toPath());
        }
    }

    /** Reads {@code file} in the background; on success the form shows its options and Start continues it. */
    public void loadCheckpoint(Path file) {
        model.load(file);
    }

    private FileChooser checkpointChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Checkpoints", "*.ckpt"));
        model.checkpointFolder().ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        return chooser;
    }

    private File chooseExport(String name) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        model.exportFolder().ifPresent(dir -> chooser.setInitialDirectory(dir.toFile()));
        return chooser.showSaveDialog(getScene().getWindow());
    }

    private void exportCsv() {
        File file = chooseExport("training-curves.csv");
        if (file != null) {
            model.exportCsv(file.toPath());
        }
    }

    private void exportPng() {
        File file = chooseExport("training-curves.png");
        if (file != null) {
            exportPng(file.toPath(), ChartsImage.WIDTH, ChartsImage.HEIGHT);
        }
    }

    /**
     * Writes the charts to {@code file} as a {@code width}×{@code height} PNG: drawn afresh with their titles, axes and
     * legends under the run's name, not a grab of the screen (no banner, no progress row).
     */
    public void exportPng(Path file, int width, int height) {
        IOException problem = null;
        try {
            // what the charts draw, compared runs included
            ChartsImage.write(file, ChartsImage.render(model.runName(), stepChart.getTitle(),
                    stepChart.getRenderers().get(0).getDatasets().toArray(new DataSet[0]),
                    epochChart.getTitle(), epochChart.getRenderers().get(0).getDatasets().toArray(new DataSet[0]), width, height));
        } catch (IOException e) {
            problem = e;
        }
        model.exportedPng(file, problem);
    }

    // ------------------------------------------------------------------ for the window, tests and benchmarks

    /** Plots the CSV logs of the run in {@code dir}, keeping up to {@code maxPoints} steps (benchmarks, demos). */
    public boolean plotRunLogs(Path dir, int maxPoints) {
        return model.plotRunLogs(dir, maxPoints);
    }

    /** Overlays the runs in {@code folders} on the charts (read in the background; a folder that is no run is refused). */
    public void compareRuns(List<Path> folders) {
        comparison.compare().add(folders);
    }

    /** Opens the chooser of run folders to compare. */
    public void chooseRunsToCompare() {
        comparison.bar().choose();
    }

    /** Opens the chooser listing the runs under {@code dir} (tests). */
    void chooseRunsToCompare(Path dir) {
        comparison.bar().choose(dir);
    }

    ReconstructionsViewModel reconstructions() {
        return comparison.reconstructions();
    }

    /** Tells the user in the tab's banner (e.g. of curves another tab opened here). */
    public void showInfo(String text) {
        notifier.info(text);
    }

    /** Tells the user of a problem and what to do, in the tab's banner. */
    public void showProblem(String what, String todo) {
        notifier.error(what, todo);
    }

    /** MNIST could not be read: say so and what to do; training stays impossible until restart. */
    public void showDataProblem(String message) {
        model.dataProblem(message);
    }

    /** Called (FX thread) with a model the user loaded, for the Latents pane. */
    /** The dataset the checkpoint loaded last was trained on (MNIST before any): its model's, for the other tabs. */
    public org.concretelab.data.Dataset loadedDataset() {
        return model.loadedDataset();
    }

    public void setOnModelLoaded(Consumer<VaeModel> listener) {
        model.setOnModelLoaded(listener);
    }

    public ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return model.stateProperty();
    }

    public ReadOnlyDoubleProperty examplesPerSecondProperty() {
        return model.examplesPerSecondProperty();
    }

    /** Stops a running training gracefully (it saves last.ckpt); see {@link TrainingViewModel#shutdown}. */
    public boolean shutdown(long seconds) throws InterruptedException {
        return model.shutdown(seconds);
    }

    public ObjectProperty<Trainer> trainerProperty() {
        return model.trainerProperty();
    }

    /** Steps received so far for the per-step chart (all of them; the chart draws a thinned subset). */
    public int plottedSteps() {
        return model.charts().plottedSteps();
    }

    /** Points the per-step chart actually draws (bounded). */
    public int drawnSteps() {
        return model.charts().drawnSteps();
    }

    public String bannerText() {
        return notifier.text();
    }

    /** The current model's snapshot as a fresh model (off the FX thread), or null without training. */
    public VaeModel snapshotModel() {
        return model.snapshotModel();
    }

    /** For tests: the data splits the pane trains on. */
    MnistSplits awaitData() {
        return model.awaitData();
    }

    TrainingViewModel model() {
        return model;
    }
}
