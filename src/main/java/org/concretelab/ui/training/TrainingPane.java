package org.concretelab.ui.training;

import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.dataset.spi.DoubleDataSet;
import java.io.BufferedWriter;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javax.imageio.ImageIO;
import org.concretelab.data.DataFileException;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunFolder;
import org.concretelab.train.RunFolderException;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingEvent;
import org.concretelab.train.TrainingOptions;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.Notifier;

/**
 * Choose a model, train it in the background and watch the relaxed ELBO per step and the validation
 * bounds per epoch. Trainer events arrive on the training thread; they are queued and drawn by an
 * AnimationTimer at most ~30 times a second, so the FX thread never waits for training.
 */
public final class TrainingPane extends BorderPane {
    private static final long FLUSH_NANOS = 33_000_000L;
    /** Where the app's new runs go, each in a fresh folder of its own. */
    static final Path RUNS = Path.of("runs");
    /** The refusal dialog's button that starts a new run instead of continuing the loaded one. */
    static final ButtonType NEW_RUN = new ButtonType("Start a new run", ButtonBar.ButtonData.OK_DONE);

    private final AppContext context;
    private final TrainingFormViewModel formModel = new TrainingFormViewModel();
    private final TrainingForm form = new TrainingForm(formModel);
    private final Button start = button("Start", "start-button", "Start training with these options (Ctrl+Enter).");
    private final Button pause = button("Pause", "pause-button", "Pause or resume at the next step (Ctrl+P).");
    private final Button stop = button("Stop", "stop-button", "Stop at the next step and write last.ckpt (Ctrl+.).");
    private final Button save = button("Save checkpoint", "save-button", "Write a checkpoint of the current model (Ctrl+S).");
    private final Button load = button("Load checkpoint", "load-button", "Open a checkpoint to continue training or explore it (Ctrl+O).");
    private final Button exportCsv = button("Export CSV", "export-csv-button", "Save the plotted curves as a CSV file.");
    private final Button exportPng = button("Export PNG", "export-png-button", "Save the charts as a PNG image.");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Not started.");
    private final Label banner = new Label();
    private final Notifier notifier;
    /** Points drawn per curve: enough for a crisp line, few enough to redraw in a few ms. */
    private static final int SHOWN_POINTS = 6000;
    private final ThinnedSeries raw = new ThinnedSeries("relaxed ELBO (minibatch)", SHOWN_POINTS);
    private final ThinnedSeries smooth = new ThinnedSeries("running mean", SHOWN_POINTS);
    private final DoubleDataSet validationRelaxed = new DoubleDataSet("validation relaxed ELBO", 256);
    private final DoubleDataSet validationDiscrete = new DoubleDataSet("validation discrete ELBO", 256);
    private final DoubleDataSet validationLogLikelihood = new DoubleDataSet("validation log p(x) = −NLL", 256);
    private final XYChart stepChart;
    private final XYChart epochChart;
    private final ConcurrentLinkedQueue<TrainingEvent> events = new ConcurrentLinkedQueue<>();
    private final ObjectProperty<Trainer> trainer = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<TrainerState> state = new ReadOnlyObjectWrapper<>(TrainerState.NEW);
    private final ReadOnlyDoubleWrapper examplesPerSecond = new ReadOnlyDoubleWrapper();
    private final List<double[]> epochRows = new ArrayList<>();
    private TrainingCheckpoint loaded;
    /** The file {@link #loaded} came from: a continued run goes on in its folder. */
    private Path loadedFile;
    /** The form's options right after loading: Continue compares the form with these to find the edits. */
    private TrainingOptions loadedShown;
    /** A start is being prepared in the background (data, run folder): no second one meanwhile. */
    private boolean starting;
    private Consumer<VaeModel> modelListener = m -> { };
    private long lastFlush;

    public TrainingPane(AppContext context) {
        this.context = context;
        getStyleClass().add("training-pane");
        notifier = new Notifier(banner, this);
        stepChart = chart("step", "nats per image", raw.dataSet(), smooth.dataSet());
        epochChart = chart("step", "nats per image", validationRelaxed, validationDiscrete, validationLogLikelihood);
        stepChart.setTitle("Relaxed ELBO per step (training minibatches)");
        describeValidation(PaperDefaults.VALIDATION_IMAGES, PaperDefaults.VALIDATION_SAMPLES);
        SplitPane charts = new SplitPane(stepChart, epochChart);
        charts.setOrientation(javafx.geometry.Orientation.VERTICAL);
        charts.setDividerPositions(0.6);
        progress.setId("epoch-progress");
        progress.setMaxWidth(Double.MAX_VALUE);
        progress.setTooltip(new Tooltip("Progress through the current epoch."));
        progressText.setId("progress-text");
        HBox.setHgrow(progress, Priority.ALWAYS);
        HBox progressRow = new HBox(10, progress, progressText);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        progressRow.setPadding(new Insets(6, 10, 6, 10));
        VBox center = new VBox(banner, charts, progressRow);
        VBox.setVgrow(charts, Priority.ALWAYS);
        setCenter(center);
        HBox controls = new HBox(6, start, pause, stop);
        HBox files = new HBox(6, save, load);
        HBox exports = new HBox(6, exportCsv, exportPng);
        Label title = new Label("Model and training");
        title.getStyleClass().add("section-header");
        VBox side = new VBox(10, title, form, controls, files, exports);
        side.setPadding(new Insets(12));
        ScrollPane sideScroll = new ScrollPane(side);
        sideScroll.setFitToWidth(true);
        sideScroll.setPrefWidth(330);
        setLeft(sideScroll);

        start.setOnAction(e -> startTraining());
        pause.setOnAction(e -> togglePause());
        stop.setOnAction(e -> stopTraining());
        save.setOnAction(e -> saveCheckpoint());
        load.setOnAction(e -> chooseAndLoad());
        exportCsv.setOnAction(e -> exportCsv());
        exportPng.setOnAction(e -> exportPng());
        formModel.optionsProperty().addListener((o, a, b) -> updateButtons());
        state.addListener((o, a, b) -> updateButtons());
        updateButtons();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - lastFlush >= FLUSH_NANOS) {
                    lastFlush = now;
                    flush();
                }
            }
        }.start();
    }

    private static Button button(String text, String id, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    private static XYChart chart(String x, String y, DoubleDataSet... sets) {
        DefaultNumericAxis xAxis = new DefaultNumericAxis(x, (String) null);
        DefaultNumericAxis yAxis = new DefaultNumericAxis(y, (String) null);
        xAxis.setAutoRangeRounding(false);
        xAxis.setAxisLabelFormatter(new StepAxisFormatter(xAxis));
        yAxis.setAutoRangeRounding(true);
        yAxis.setForceZeroInRange(false);
        XYChart chart = new XYChart(xAxis, yAxis);
        ErrorDataSetRenderer renderer = new ErrorDataSetRenderer();
        renderer.setErrorStyle(ErrorStyle.NONE);
        renderer.setPolyLineStyle(LineStyle.NORMAL);
        renderer.setDrawMarker(sets.length > 2);
        renderer.getDatasets().addAll(sets);
        chart.getRenderers().setAll(renderer);
        chart.setLegendVisible(true);
        chart.setAnimated(false);
        return chart;
    }

    /** The validation chart's title says how the run scores its epochs (a loaded run may differ from the form's). */
    private void describeValidation(int images, int samples) {
        epochChart.setTitle(String.format(Locale.ROOT, "Validation per epoch (discrete graph; %,d images, k = %d)",
                images == 0 ? 10_000 : images, samples));
    }

    // ------------------------------------------------------------------ actions

    /**
     * Starts a new run in a fresh folder, or continues the loaded checkpoint in its own folder. Continue never
     * silently becomes a new run: edits a resumed run cannot take are refused, offering a new run instead.
     */
    public void startTraining() {
        TrainingOptions o = formModel.options();
        if (o == null || starting || (trainer.get() != null && !trainer.get().state().isTerminal()
                && trainer.get().state() != TrainerState.NEW)) {
            return;
        }
        if (loaded == null) {
            startNewRun(o, null);
            return;
        }
        TrainingOptions shown = loadedShown != null ? loadedShown
                : loaded.options().withOutput(null, o.epochs()); // the form could not show it: compare with the file
        List<String> fixed = ResumeEdits.fixedChanges(shown, o);
        if (fixed.isEmpty()) {
            continueLoaded(ResumeEdits.resumed(loaded, shown, o, loadedFile.toAbsolutePath().getParent()));
        } else {
            refuseEdits(fixed);
        }
    }

    private record Started(Trainer trainer, RunLogs logs) {
    }

    private void startNewRun(TrainingOptions o, Path replacing) {
        begin();
        context.data().thenApplyAsync(data -> {
            Path dir = RunFolder.createUnique(RUNS, "app-");
            try {
                return new Trainer(o.withOutput(dir, o.epochs()), data);
            } catch (RuntimeException e) {
                removeIfUnused(dir);
                throw e;
            }
        }, context.background()).whenComplete((t, e) -> Platform.runLater(() -> {
            if (e != null) {
                cannotStart(e, "Cannot start training");
                return;
            }
            clearCharts();
            forgetLoaded();
            Path dir = t.options().outputDir();
            launch(t, replacing == null ? "Training in " + dir + "."
                    : "A new run started from step 1 in " + dir + "; the loaded run's curves were cleared (its files stay in "
                            + replacing.toAbsolutePath().getParent() + ").");
        }));
    }

    /** Resumes the loaded checkpoint in its own folder, so its logs and checkpoints stay together. */
    private void continueLoaded(TrainingOptions options) {
        TrainingCheckpoint cp = loaded;
        Path source = loadedFile;
        begin();
        context.data().thenApplyAsync(data -> {
            Trainer t = Trainer.resume(options, cp, source, data);
            // the folder's logs were just cut back to the checkpoint: plot those, not what was loaded before
            return new Started(t, RunLogs.read(options.outputDir(), 20_000));
        }, context.background()).whenComplete((started, e) -> Platform.runLater(() -> {
            if (e != null) {
                cannotStart(e, "Cannot continue " + source.getFileName());
                return;
            }
            if (started.logs() != null) {
                showLogs(started.logs());
            }
            forgetLoaded();
            String rate = options.spec().learningRate() == cp.options().spec().learningRate() ? ""
                    : String.format(Locale.ROOT, ", learning rate now %.3g", options.spec().learningRate());
            launch(started.trainer(), String.format(Locale.ROOT, "Continuing %s from step %,d in %s (%d epochs in all%s)%s.",
                    source.getFileName(), cp.step(), options.outputDir(), options.epochs(), rate,
                    cp.resumable() ? "" : "; it is a model-only file, so the optimiser restarts from zero moments"));
        }));
    }

    /** The form holds edits a resumed run cannot take: say which, and offer a new run instead. */
    private void refuseEdits(List<String> fixed) {
        String fields = String.join(", ", fixed);
        Path file = loadedFile;
        notifier.error("Not continued: the loaded run keeps its " + fields + " (stored in " + file.getFileName() + ")",
                "undo " + (fixed.size() == 1 ? "that edit" : "those edits") + " to continue it, or start a new run");
        if (getScene() == null || getScene().getWindow() == null) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "", NEW_RUN, ButtonType.CANCEL);
        alert.initOwner(getScene().getWindow());
        alert.setTitle("Continue the loaded run?");
        alert.setHeaderText("The loaded run keeps its " + fields + ": Continue cannot change "
                + (fixed.size() == 1 ? "it." : "them."));
        alert.setContentText("They define its model, data order or noise and are stored in " + file + ". Undo the edits to "
                + "continue it, or start a new run with these options: it starts from step 1 in a new folder under "
                + RUNS + "/, and the loaded run's curves are cleared from the charts (its files stay where they are).");
        alert.getDialogPane().setId("new-run-dialog");
        alert.getDialogPane().setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        alert.setOnHidden(ev -> {
            TrainingOptions o = formModel.options();
            if (alert.getResult() == NEW_RUN && o != null && loadedFile == file) {
                startNewRun(o, file);
            }
        });
        alert.show();
    }

    private void begin() {
        starting = true;
        updateButtons();
    }

    private void launch(Trainer t, String message) {
        starting = false;
        t.addListener(events::add);
        describeValidation(t.options().validationLimit(), t.options().validationSamples());
        trainer.set(t);
        state.set(TrainerState.RUNNING);
        t.start();
        List<String> notes = t.folderNotes();
        notifier.info(notes.isEmpty() ? message : message + " Note: " + String.join("; ", notes) + ".");
    }

    /** Says why a run could not start: the data, the run folder, the options, or a bug. */
    private void cannotStart(Throwable e, String what) {
        starting = false;
        updateButtons();
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DataFileException) {
            notifier.error(what + ": MNIST data unavailable: " + cause.getMessage(), "check the data folder " + context.dataDir()
                    + " (`java -jar target/concrete-explorer.jar data --fetch`), then restart");
        } else if (cause instanceof RunFolderException) {
            notifier.error(what + ": " + cause.getMessage(), null); // the message says what to do
        } else if (cause instanceof IllegalArgumentException) {
            notifier.error(what + ": invalid options: " + cause.getMessage(), "correct them in the form");
        } else {
            notifier.error(what + ": " + cause, "please report it");
        }
    }

    private void forgetLoaded() {
        loaded = null;
        loadedFile = null;
        loadedShown = null;
        formModel.trainedEpochsProperty().set(0);
        updateButtons();
    }

    /** A folder made for a run that then could not start holds nothing but its lock file: remove it. */
    private static void removeIfUnused(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve(RunFolder.LOCK));
            Files.deleteIfExists(dir);
        } catch (IOException notEmpty) {
            // something else is in there: leave it
        }
    }

    public void togglePause() {
        Trainer t = trainer.get();
        if (t == null) {
            return;
        }
        if (state.get() == TrainerState.PAUSED) {
            t.resume();
        } else if (state.get() == TrainerState.RUNNING) {
            t.pause();
        }
    }

    public void stopTraining() {
        Trainer t = trainer.get();
        if (t != null) {
            t.stop();
        }
    }

    public void saveCheckpoint() {
        Trainer t = trainer.get();
        if (t == null) {
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
        Trainer t = trainer.get();
        context.background().execute(() -> {
            try {
                t.saveCheckpoint(file);
                Platform.runLater(() -> notifier.info("Checkpoint saved: " + file));
            } catch (CheckpointException e) {
                Platform.runLater(() -> notifier.error(e.getMessage(), "choose another folder"));
            }
        });
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
        context.background().execute(() -> {
            try {
                TrainingCheckpoint cp = Checkpoints.load(file);
                VaeModel model = VaeModels.restore(cp.model());
                RunLogs logs = RunLogs.read(file.toAbsolutePath().getParent(), 20_000);
                Platform.runLater(() -> {
                    loaded = cp;
                    loadedFile = file;
                    describeValidation(cp.options().validationLimit(), cp.options().validationSamples());
                    if (logs != null) {
                        showLogs(logs);
                    }
                    formModel.trainedEpochsProperty().set(cp.epoch());
                    formModel.show(cp.options().withOutput(null, Math.max(cp.options().epochs(), cp.epoch() + 1)));
                    loadedShown = formModel.options();
                    updateButtons();
                    modelListener.accept(model);
                    notifier.info("Loaded " + file.getFileName() + " (" + cp.options().spec().describe() + ", step " + cp.step()
                            + "). Continue trains it further in " + file.toAbsolutePath().getParent() + " (Epochs and "
                            + "Learning rate may change); the Latents tab shows it.");
                });
            } catch (CheckpointException | IllegalArgumentException e) {
                Platform.runLater(() -> notifier.error("Cannot load " + file.getFileName() + ": " + e.getMessage(),
                        "pick a checkpoint written by Concrete Explorer (e.g. runs/<run>/last.ckpt)"));
            } catch (RuntimeException e) { // anything else must still reach the user, not die with the task
                Platform.runLater(() -> notifier.error("Cannot load " + file.getFileName() + ": " + e,
                        "pick another checkpoint; if this one should load, please report it"));
            }
        });
    }

    private FileChooser checkpointChooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Checkpoints", "*.ckpt"));
        File runs = new File("runs");
        if (runs.isDirectory()) {
            chooser.setInitialDirectory(runs);
        }
        return chooser;
    }

    private void exportCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("training-curves.csv");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try (BufferedWriter w = Files.newBufferedWriter(file.toPath(), StandardCharsets.UTF_8)) {
            w.write("step,relaxed_elbo,running_mean\n");
            for (int i = 0; i < raw.size(); i++) {
                w.write(String.format(Locale.ROOT, "%.0f,%.4f,%.4f%n", raw.x(i), raw.y(i), smooth.y(i)));
            }
            w.write("\nepoch,step,val_relaxed_elbo,val_discrete_elbo,val_nll\n");
            for (double[] r : epochRows) {
                w.write(String.format(Locale.ROOT, "%.0f,%.0f,%.4f,%.4f,%.4f%n", r[0], r[1], r[2], r[3], r[4]));
            }
            notifier.info("Curves exported to " + file);
        } catch (IOException e) {
            notifier.error("Cannot write " + file + ": " + e.getMessage(), "choose another folder");
        }
    }

    private void exportPng() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("training-curves.png");
        File file = chooser.showSaveDialog(getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(((javafx.scene.Node) getCenter()).snapshot(null, null), null), "png", file);
            notifier.info("Charts exported to " + file);
        } catch (IOException e) {
            notifier.error("Cannot write " + file + ": " + e.getMessage(), "choose another folder");
        }
    }

    // ------------------------------------------------------------------ events → charts (FX thread)

    private void flush() {
        if (events.isEmpty()) {
            return;
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        TrainingEvent.Step last = null;
        TrainingEvent.Failed failed = null;
        for (TrainingEvent e; (e = events.poll()) != null; ) {
            if (e instanceof TrainingEvent.Step s) {
                xs.add((double) s.step());
                ys.add(s.relaxedElbo());
                ms.add(s.runningMean());
                last = s;
            } else if (e instanceof TrainingEvent.Epoch ep) {
                validationRelaxed.add(ep.step(), ep.validationRelaxedElbo());
                validationDiscrete.add(ep.step(), ep.validationDiscreteElbo());
                validationLogLikelihood.add(ep.step(), -ep.validationNll());
                epochRows.add(new double[] {ep.epoch() + 1, ep.step(), ep.validationRelaxedElbo(), ep.validationDiscreteElbo(),
                    ep.validationNll()});
            } else if (e instanceof TrainingEvent.StateChanged sc) {
                state.set(sc.state());
            } else if (e instanceof TrainingEvent.Failed f) {
                failed = f;
            } else if (e instanceof TrainingEvent.CheckpointSaved cs) {
                progressText.setTooltip(new Tooltip("Last checkpoint: " + cs.path()));
            }
        }
        if (!xs.isEmpty()) {
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            raw.add(x, ys.stream().mapToDouble(Double::doubleValue).toArray());
            smooth.add(x, ms.stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (last != null) {
            Trainer t = trainer.get();
            int epochs = t == null ? 0 : t.options().epochs();
            progress.setProgress(last.epochFraction());
            examplesPerSecond.set(last.examplesPerSecond());
            progressText.setText(String.format(Locale.ROOT, "epoch %d/%d · step %,d · ELBO %.1f · %,.0f img/s · ETA %s",
                    last.epoch() + 1, epochs, last.step(), last.runningMean(), last.examplesPerSecond(), eta(last.etaSeconds())));
        }
        if (failed != null) {
            Path good = failed.lastGood();
            notifier.error("Training stopped at step " + failed.step() + ": " + failed.problem(), failed.advice()
                    + (good == null ? "" : ". In the app: Load checkpoint " + good + ", then Continue"));
            progressText.setText(String.format(Locale.ROOT, "Stopped by a problem at step %,d (see the message above)", failed.step()));
        }
    }

    /** Plots a finished run's CSV logs (e.g. those beside a loaded checkpoint). */
    private void showLogs(RunLogs logs) {
        clearCharts();
        raw.add(logs.steps(), logs.elbo());
        smooth.add(logs.steps(), logs.runningMean());
        for (double[] r : logs.epochs()) {
            validationRelaxed.add(r[1], r[2]);
            validationDiscrete.add(r[1], r[3]);
            validationLogLikelihood.add(r[1], -r[4]);
            epochRows.add(r);
        }
        progressText.setText(String.format(Locale.ROOT, "Run logs: %,d steps, %d epochs", logs.steps().length == 0 ? 0
                : (long) logs.steps()[logs.steps().length - 1], logs.epochs().size()));
    }

    private static String eta(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "…";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private void clearCharts() {
        raw.clear();
        smooth.clear();
        validationRelaxed.clearData();
        validationDiscrete.clearData();
        validationLogLikelihood.clearData();
        epochRows.clear();
        progress.setProgress(0);
    }

    private void updateButtons() {
        TrainerState s = state.get();
        boolean active = s == TrainerState.RUNNING || s == TrainerState.PAUSED;
        boolean busy = active || starting;
        start.setDisable(busy || formModel.options() == null);
        start.setText(loaded != null ? "Continue" : "Start");
        pause.setDisable(!active);
        pause.setText(s == TrainerState.PAUSED ? "Resume" : "Pause");
        stop.setDisable(!active);
        save.setDisable(trainer.get() == null);
        form.setDisable(busy);
        load.setDisable(busy);
    }

    // ------------------------------------------------------------------ for the window, tests and benchmarks

    /** Plots the CSV logs of the run in {@code dir}, keeping up to {@code maxPoints} steps (benchmarks, demos). */
    public boolean plotRunLogs(Path dir, int maxPoints) {
        RunLogs logs = RunLogs.read(dir, maxPoints);
        if (logs != null) {
            showLogs(logs);
        }
        return logs != null;
    }

    /** MNIST could not be read: say so and what to do; training stays impossible until restart. */
    public void showDataProblem(String message) {
        notifier.error("MNIST data unavailable: " + message, "run `java -jar target/concrete-explorer.jar data --fetch`, then restart");
    }

    /** Called (FX thread) with a model the user loaded, for the Latents pane. */
    public void setOnModelLoaded(Consumer<VaeModel> listener) {
        this.modelListener = listener;
    }

    public ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty examplesPerSecondProperty() {
        return examplesPerSecond.getReadOnlyProperty();
    }

    public ObjectProperty<Trainer> trainerProperty() {
        return trainer;
    }

    /** Steps received so far for the per-step chart (all of them; the chart draws a thinned subset). */
    public int plottedSteps() {
        return raw.size();
    }

    /** Points the per-step chart actually draws (bounded). */
    public int drawnSteps() {
        return raw.shownSize();
    }

    public String bannerText() {
        return notifier.text();
    }

    /** The current model's snapshot as a fresh model (off the FX thread), or null without training. */
    public VaeModel snapshotModel() {
        Trainer t = trainer.get();
        return t == null ? null : VaeModels.restore(t.snapshot());
    }

    /** For tests: the data splits the pane trains on. */
    MnistSplits awaitData() {
        return context.data().join();
    }
}
