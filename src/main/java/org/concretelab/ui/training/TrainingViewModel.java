package org.concretelab.ui.training;

import io.fair_acc.dataset.spi.DoubleDataSet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.concretelab.data.DataFileException;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.estimator.Estimators;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunFolder;
import org.concretelab.train.RunFolderException;
import org.concretelab.train.RunLog;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingEvent;
import org.concretelab.train.TrainingOptions;
import org.concretelab.ui.AppContext;
import org.concretelab.ui.settings.AppSettings;
import org.concretelab.ui.settings.RecentFiles;

/**
 * The Training tab without its controls: the form's model, the trainer and its state, the commands (start or
 * continue, pause, stop, save, load, export) with their background work, the curves as data sets, and what the
 * app remembers (form values, folders, recent checkpoints). The view binds to it. Confined to the FX thread:
 * background results come back through the {@code ui} executor; trainer events are queued and drawn by
 * {@link #flush()}, which the view calls at most ~30 times a second.
 */
final class TrainingViewModel {
    /** Where the app's new runs go, each in a fresh folder of its own. */
    static final Path RUNS = Path.of("runs");
    /** Points drawn per curve: enough for a crisp line, few enough to redraw in a few ms. */
    private static final int SHOWN_POINTS = 6000;
    static final int RECENT_MAX = 8;
    static final String FORM_KEY = "training.form.";
    static final String CHECKPOINT_FOLDER_KEY = "training.folder.checkpoints";
    static final String EXPORT_FOLDER_KEY = "training.folder.export";
    static final String RECENT_KEY = "training.recent";

    /** How the view tells the user: an info, or a problem and what to do about it. */
    interface Feedback {
        void info(String text);

        void error(String what, String todo);
    }

    /** Continue was refused: these edits cannot be taken by the run loaded from {@code file}. */
    record Refusal(List<String> fields, Path file) {
    }

    private final AppContext context;
    private final Executor ui;
    private final AppSettings settings;
    private final TrainingFormViewModel form;
    private final RecentFiles recent;
    private final ObservableList<Path> recentFiles = FXCollections.observableArrayList();
    private Feedback feedback = new Feedback() {
        @Override
        public void info(String text) {
        }

        @Override
        public void error(String what, String todo) {
        }
    };
    private Consumer<Refusal> onRefused = r -> { };
    private Consumer<VaeModel> modelListener = m -> { };

    /** The estimator's training objective of every step (training.csv's objective column, named after it). */
    private final ThinnedSeries raw = new ThinnedSeries("training objective (minibatch)", SHOWN_POINTS);
    private final ThinnedSeries smooth = new ThinnedSeries("running mean", SHOWN_POINTS);
    private final DoubleDataSet validationRelaxed = new DoubleDataSet("validation relaxed ELBO", 256);
    private final DoubleDataSet validationDiscrete = new DoubleDataSet("validation discrete ELBO", 256);
    private final DoubleDataSet validationLogLikelihood = new DoubleDataSet("validation log p(x) = −NLL", 256);
    private final List<TrainingEvent.Epoch> epochRows = new ArrayList<>();
    private final ConcurrentLinkedQueue<TrainingEvent> events = new ConcurrentLinkedQueue<>();

    private final ObjectProperty<Trainer> trainer = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<TrainerState> state = new ReadOnlyObjectWrapper<>(TrainerState.NEW);
    private final ReadOnlyDoubleWrapper examplesPerSecond = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("Not started.");
    /** The bar's own label: which epoch it fills and how far ("epoch 3/10 · 70 %"); "" without a run. */
    private final ReadOnlyStringWrapper progressLabel = new ReadOnlyStringWrapper("");
    /** Whose curves the charts show, for an exported image ("" when none). */
    private String runName = "";
    /** The words of the progress row for the run shown (null before one starts). */
    private RunProgress run;
    /** Where the run wrote its last checkpoint ("" before the first). */
    private final ReadOnlyStringWrapper lastCheckpoint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper validationTitle = new ReadOnlyStringWrapper();
    /** The step chart's title: the objective the shown run's estimator optimises. */
    private final ReadOnlyStringWrapper stepTitle = new ReadOnlyStringWrapper();
    /** That objective's name in the progress line, e.g. "relaxed bound" or "discrete ELBO". */
    private String objective = "objective";
    /** That objective's training.csv column, the curve's column in an export. */
    private String objectiveColumn = RunLog.STEP_COLUMNS.get(RunLog.OBJECTIVE_COLUMN);
    private String validationBase = "";
    private final ReadOnlyBooleanWrapper canStart = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper startText = new ReadOnlyStringWrapper("Start");
    private final ReadOnlyBooleanWrapper canPause = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper pauseText = new ReadOnlyStringWrapper("Pause");
    private final ReadOnlyBooleanWrapper canStop = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSave = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    private TrainingCheckpoint loaded;
    /** The file {@link #loaded} came from: a continued run goes on in its folder. */
    private Path loadedFile;
    /** The form's options right after loading: Continue compares the form with these to find the edits. */
    private TrainingOptions loadedShown;
    /** A start is being prepared in the background (data, run folder): no second one meanwhile. */
    private boolean starting;

    TrainingViewModel(AppContext context, Executor ui) {
        this.context = context;
        this.ui = ui;
        this.settings = context.settings();
        this.form = new TrainingFormViewModel();
        this.recent = new RecentFiles(settings, RECENT_KEY, RECENT_MAX);
        describeValidation(PaperDefaults.VALIDATION_IMAGES, PaperDefaults.VALIDATION_SAMPLES);
        describeObjective((ModelSpec) null);
        restoreForm();
        form.editsProperty().addListener((o, a, b) -> rememberForm());
        form.optionsProperty().addListener((o, a, b) -> update());
        state.addListener((o, a, b) -> update());
        refreshRecent();
        update();
    }

    // ------------------------------------------------------------------ remembered between launches

    private void restoreForm() {
        Map<String, String> stored = new LinkedHashMap<>();
        for (String key : form.values().keySet()) {
            settings.get(FORM_KEY + key).ifPresent(v -> stored.put(key, v));
        }
        form.restore(stored);
    }

    private void rememberForm() {
        form.values().forEach((k, v) -> settings.put(FORM_KEY + k, v));
    }

    /** Where a checkpoint chooser opens: the last folder used, else runs/ if there is one. */
    Optional<Path> checkpointFolder() {
        return settings.getFolder(CHECKPOINT_FOLDER_KEY).or(() -> Optional.of(RUNS).filter(Files::isDirectory));
    }

    /** Where an export chooser opens: the last export folder, if it still exists. */
    Optional<Path> exportFolder() {
        return settings.getFolder(EXPORT_FOLDER_KEY);
    }

    private void rememberFolder(String key, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            settings.put(key, dir.toString());
        }
    }

    /** The recent checkpoints that still exist, most recent first. */
    ObservableList<Path> recentCheckpoints() {
        return recentFiles;
    }

    /** Drops files that have gone since the list was shown. */
    void refreshRecent() {
        List<Path> now = recent.list();
        if (!now.equals(recentFiles)) {
            recentFiles.setAll(now);
        }
        settings.putList(RECENT_KEY, now.stream().map(Path::toString).toList());
    }

    private void addRecent(Path file) {
        recent.add(file);
        refreshRecent();
    }

    // ------------------------------------------------------------------ commands

    /**
     * Starts a new run in a fresh folder, or continues the loaded checkpoint in its own folder. Continue never
     * silently becomes a new run: edits a resumed run cannot take are refused, offering a new run instead.
     */
    void start() {
        TrainingOptions o = form.options();
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
            String fields = String.join(", ", fixed);
            feedback.error("Not continued: the loaded run keeps its " + fields + " (stored in " + loadedFile.getFileName() + ")",
                    "undo " + (fixed.size() == 1 ? "that edit" : "those edits") + " to continue it, or start a new run");
            onRefused.accept(new Refusal(fixed, loadedFile));
        }
    }

    /** After a refusal the user chose a new run instead: start it, unless another checkpoint was loaded meanwhile. */
    void startNewRunInsteadOf(Path file) {
        TrainingOptions o = form.options();
        if (o != null && loadedFile == file) {
            startNewRun(o, file);
        }
    }

    private record Started(Trainer trainer, RunLog.History logs) {
    }

    private void startNewRun(TrainingOptions o, Path replacing) {
        begin();
        context.data().thenApplyAsync(data -> {
            Path dir = RunFolder.createUnique(RUNS, "app-");
            try {
                return new Trainer(o.withOutput(dir, o.epochs()), data);
            } catch (RuntimeException e) {
                RunFolder.removeIfUnused(dir);
                throw e;
            }
        }, context.background()).whenComplete((t, e) -> ui.execute(() -> {
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
            return new Started(t, RunLog.read(options.outputDir(), 20_000));
        }, context.background()).whenComplete((started, e) -> ui.execute(() -> {
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

    private void begin() {
        starting = true;
        update();
    }

    private void launch(Trainer t, String message) {
        starting = false;
        // every core: the FX thread still gets its share from the OS scheduler (FxLatencyBenchmark keeps it < 100 ms)
        t.model().setThreads(Runtime.getRuntime().availableProcessors());
        t.addListener(events::add);
        describeValidation(t.options().validationLimit(), t.options().validationSamples());
        describeObjective(t.options().spec());
        runName = t.options().outputDir() + " · " + t.options().spec().describe();
        run = new RunProgress(t.options().epochs(), objective, t.options().validationSamples(), t.options().outputDir());
        if (lastEpochShown() != null) {
            run.epoch(lastEpochShown()); // a continued run's last validation, until its next one
        }
        progressLabel.set("");
        trainer.set(t);
        state.set(TrainerState.RUNNING);
        t.start();
        List<String> notes = t.folderNotes();
        feedback.info(notes.isEmpty() ? message : message + " Note: " + String.join("; ", notes) + ".");
    }

    /** Says why a run could not start: the data, the run folder, the options, or a bug. */
    private void cannotStart(Throwable e, String what) {
        starting = false;
        update();
        Throwable cause = e;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DataFileException) {
            feedback.error(what + ": MNIST data unavailable: " + cause.getMessage(), "check the data folder " + context.dataDir()
                    + " (`java -jar target/concrete-explorer.jar data --fetch`), then restart");
        } else if (cause instanceof RunFolderException) {
            feedback.error(what + ": " + cause.getMessage(), null); // the message says what to do
        } else if (cause instanceof IllegalArgumentException) {
            feedback.error(what + ": invalid options: " + cause.getMessage(), "correct them in the form");
        } else {
            feedback.error(what + ": " + cause, "please report it");
        }
    }

    private void forgetLoaded() {
        loaded = null;
        loadedFile = null;
        loadedShown = null;
        form.trainedEpochsProperty().set(0);
        update();
    }

    /**
     * The app is closing: a running or paused run stops at its next step and writes last.ckpt, as Stop does (the
     * trainer thread is a daemon; without this, closing the window lost up to an epoch). Waits at most
     * {@code seconds}; returns whether the run has ended.
     */
    public boolean shutdown(long seconds) throws InterruptedException {
        Trainer t = trainer.get();
        if (t == null || t.state().isTerminal()) {
            return true;
        }
        t.stop();
        return t.awaitTermination(seconds, java.util.concurrent.TimeUnit.SECONDS);
    }

    void togglePause() {
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

    void stop() {
        Trainer t = trainer.get();
        if (t != null) {
            t.stop();
        }
    }

    /** Writes a checkpoint of the current model to {@code file} in the background. */
    void save(Path file) {
        Trainer t = trainer.get();
        if (t == null) {
            return;
        }
        rememberFolder(CHECKPOINT_FOLDER_KEY, file);
        context.background().execute(() -> {
            try {
                t.saveCheckpoint(file);
                ui.execute(() -> {
                    addRecent(file);
                    boolean beside = Files.isRegularFile(RunLog.stepsBeside(file));
                    feedback.info("Checkpoint saved: " + file + (beside ? " (its curves beside it: " + RunLog.stepsBeside(file)
                            .getFileName() + ", " + RunLog.epochsBeside(file).getFileName() + ")" : ""));
                });
            } catch (CheckpointException e) {
                ui.execute(() -> feedback.error(e.getMessage(), "choose another folder"));
            }
        });
    }

    /** Reads {@code file} in the background; on success the form shows its options and Start continues it. */
    void load(Path file) {
        rememberFolder(CHECKPOINT_FOLDER_KEY, file);
        context.background().execute(() -> {
            try {
                TrainingCheckpoint cp = Checkpoints.load(file);
                VaeModel model = VaeModels.restore(cp.model());
                RunLog.History logs = RunLog.readFor(file, 20_000);
                ui.execute(() -> {
                    loaded = cp;
                    loadedFile = file;
                    describeValidation(cp.options().validationLimit(), cp.options().validationSamples());
                    describeObjective(cp.options().spec());
                    if (logs != null) {
                        showLogs(logs);
                    } else { // never leave another run's curves under this checkpoint's name
                        clearCharts();
                        progressText.set("No curves saved with " + file.getFileName() + " (no " + RunLog.stepsBeside(file)
                                .getFileName() + " beside it, no run logs in its folder).");
                    }
                    run = null;
                    runName = file + " · " + cp.options().spec().describe() + String.format(Locale.ROOT, " · step %,d", cp.step());
                    form.trainedEpochsProperty().set(cp.epoch());
                    form.show(cp.options().withOutput(null, Math.max(cp.options().epochs(), cp.epoch() + 1)));
                    loadedShown = form.options();
                    update();
                    addRecent(file);
                    modelListener.accept(model);
                    feedback.info("Loaded " + file.getFileName() + " (" + cp.options().spec().describe() + ", step " + cp.step()
                            + (logs == null ? "; no curves saved with this checkpoint, so the charts are empty" : "")
                            + "). Continue trains it further in " + file.toAbsolutePath().getParent() + " (Epochs and "
                            + "Learning rate may change); the Latents tab shows it.");
                });
            } catch (CheckpointException | IllegalArgumentException e) {
                ui.execute(() -> feedback.error("Cannot load " + file.getFileName() + ": " + e.getMessage(),
                        "pick a checkpoint written by Concrete Explorer (e.g. runs/<run>/last.ckpt)"));
            } catch (RuntimeException e) { // anything else must still reach the user, not die with the task
                ui.execute(() -> feedback.error("Cannot load " + file.getFileName() + ": " + e,
                        "pick another checkpoint; if this one should load, please report it"));
            }
        });
    }

    /** Writes the plotted curves (every step, not only the drawn ones) and the epochs' rows as CSV. */
    void exportCsv(Path file) {
        rememberFolder(EXPORT_FOLDER_KEY, file);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            // the run log's own columns (RunLog's schema): the step curve, then the epochs' table
            w.write("step," + objectiveColumn + ",running_mean\n");
            for (int i = 0; i < raw.size(); i++) {
                w.write(String.format(Locale.ROOT, "%.0f,%.4f,%.4f%n", raw.x(i), raw.y(i), smooth.y(i)));
            }
            w.write("\n" + RunLog.EPOCHS_HEADER + "\n");
            for (TrainingEvent.Epoch e : epochRows) {
                w.write(RunLog.epochRow(e));
            }
            feedback.info("Curves exported to " + file);
        } catch (IOException e) {
            feedback.error("Cannot write " + file + ": " + e.getMessage(), "choose another folder");
        }
    }

    /** The view wrote (or failed to write) the charts' image to {@code file}. */
    void exportedPng(Path file, IOException problem) {
        rememberFolder(EXPORT_FOLDER_KEY, file);
        if (problem == null) {
            feedback.info("Charts exported to " + file);
        } else {
            feedback.error("Cannot write " + file + ": " + problem.getMessage(), "choose another folder");
        }
    }

    /** Plots the CSV logs of the run in {@code dir}, keeping up to {@code maxPoints} steps (benchmarks, demos). */
    boolean plotRunLogs(Path dir, int maxPoints) {
        RunLog.History logs = RunLog.read(dir, maxPoints);
        if (logs != null) {
            describeObjective(logs.objectiveColumn()); // no checkpoint: the log's column says what was optimised
            showLogs(logs);
            runName = dir.toString();
        }
        return logs != null;
    }

    /** MNIST could not be read: say so and what to do; training stays impossible until restart. */
    void dataProblem(String message) {
        feedback.error("MNIST data unavailable: " + message, "run `java -jar target/concrete-explorer.jar data --fetch`, then restart");
    }

    // ------------------------------------------------------------------ events → data sets

    /** Moves the queued trainer events into the data sets and the progress. */
    void flush() {
        if (events.isEmpty()) {
            return;
        }
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<Double> ms = new ArrayList<>();
        TrainingEvent.Step last = null;
        TrainingEvent.Validating validating = null;
        TrainingEvent.Failed failed = null;
        TrainerState ended = null;
        for (TrainingEvent e; (e = events.poll()) != null; ) {
            if (e instanceof TrainingEvent.Step s) {
                xs.add((double) s.step());
                ys.add(s.relaxedElbo());
                ms.add(s.runningMean());
                last = s;
                validating = null;
            } else if (e instanceof TrainingEvent.Validating v) {
                validating = v.done() < v.total() ? v : null;
            } else if (e instanceof TrainingEvent.Epoch ep) {
                addEpoch(ep);
                validating = null;
            } else if (e instanceof TrainingEvent.StateChanged sc) {
                state.set(sc.state());
                ended = sc.state().isTerminal() ? sc.state() : null;
            } else if (e instanceof TrainingEvent.Failed f) {
                failed = f;
            } else if (e instanceof TrainingEvent.Warning w) {
                feedback.error("Warning at step " + String.format(Locale.ROOT, "%,d", w.step()) + ": " + w.message(), "");
            } else if (e instanceof TrainingEvent.CheckpointSaved cs) {
                lastCheckpoint.set(cs.path().toString());
            }
        }
        if (!xs.isEmpty()) {
            double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
            raw.add(x, ys.stream().mapToDouble(Double::doubleValue).toArray());
            smooth.add(x, ms.stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (last != null && run != null) {
            run.step(last);
            progress.set(last.epochFraction());
            examplesPerSecond.set(last.examplesPerSecond());
            progressText.set(run.stepLine());
            progressLabel.set(run.barLabel(last.epoch(), last.epochFraction()));
        }
        if (validating != null && run != null) { // the ETA of the last step would sit at 0m00s meanwhile
            progress.set(validating.total() == 0 ? 1 : validating.done() / (double) validating.total());
            progressText.set(RunProgress.validatingLine(validating));
            progressLabel.set(run.validatingLabel(validating));
        }
        if (failed != null) {
            Path good = failed.lastGood();
            feedback.error("Training stopped at step " + failed.step() + ": " + failed.problem(), failed.advice()
                    + (good == null ? "" : ". In the app: Load checkpoint " + good + ", then Continue"));
            progressText.set(String.format(Locale.ROOT, "Stopped by a problem at step %,d (see the message above)", failed.step()));
            progressLabel.set("");
        } else if (ended != null && run != null) {
            // the ETA and "Training in …" belong to a running run: replace both with what the run ended with
            String summary = run.ended(ended);
            progressText.set(summary);
            progressLabel.set("");
            if (ended == TrainerState.FINISHED) {
                progress.set(1); // else it stays where the last validation flush left it, half full
            }
            examplesPerSecond.set(0);
            feedback.info(summary);
        }
    }

    /** One validated epoch, live or read back from a run's log. */
    private void addEpoch(TrainingEvent.Epoch ep) {
        if (run != null) {
            run.epoch(ep);
        }
        validationRelaxed.add(ep.step(), ep.validationRelaxedElbo());
        validationDiscrete.add(ep.step(), ep.validationDiscreteElbo());
        validationLogLikelihood.add(ep.step(), -ep.validationNll());
        epochRows.add(ep);
        showActiveUnits(ep);
    }

    /** Plots a finished run's CSV logs (e.g. those beside a loaded checkpoint). */
    private void showLogs(RunLog.History logs) {
        clearCharts();
        raw.add(logs.steps(), logs.objective());
        smooth.add(logs.steps(), logs.runningMean());
        logs.epochs().forEach(this::addEpoch);
        progressText.set(String.format(Locale.ROOT, "Run logs: %,d steps, %d epochs", logs.steps().length == 0 ? 0
                : (long) logs.steps()[logs.steps().length - 1], logs.epochs().size()));
    }

    private TrainingEvent.Epoch lastEpochShown() {
        return epochRows.isEmpty() ? null : epochRows.get(epochRows.size() - 1);
    }

    private void clearCharts() {
        raw.clear();
        smooth.clear();
        validationRelaxed.clearData();
        validationDiscrete.clearData();
        validationLogLikelihood.clearData();
        epochRows.clear();
        progress.set(0);
        progressLabel.set("");
    }

    /** The validation chart's title says how the run scores its epochs (a loaded run may differ from the form's). */
    private void describeValidation(int images, int samples) {
        // two short lines: one line of it all was cut ("…200 of…") by a chart in a 1366 px window
        validationBase = String.format(Locale.ROOT, "Validation per epoch (discrete graph)\n%,d images, k = %d",
                images == 0 ? 10_000 : images, samples);
        validationTitle.set(validationBase);
    }

    /**
     * The step chart's title and the progress line name the objective {@code spec}'s estimator trains (the relaxed
     * bound, VIMCO's discrete bound, NVIL's discrete ELBO…); {@code null}: a run of unknown estimator.
     */
    private void describeObjective(ModelSpec spec) {
        objective = spec == null ? "objective" : Estimators.objectiveName(spec);
        objectiveColumn = spec == null ? RunLog.STEP_COLUMNS.get(RunLog.OBJECTIVE_COLUMN) : Estimators.objectiveColumn(spec);
        String name = spec == null ? "training objective" : objective;
        boolean completion = spec != null && org.concretelab.model.task.Tasks.create(spec.task()).conditionalPrior();
        stepTitle.set(Character.toUpperCase(name.charAt(0)) + name.substring(1) + (completion ? " of log p(bottom | top)" : "")
                + " per step (training minibatches)");
        if (completion && !validationBase.contains("bottom half")) { // its ELBOs and NLL are those of the bottom half
            validationBase = validationBase.replaceFirst("\n", ": bottom half | top\n");
            validationTitle.set(validationBase);
        }
    }

    /** As {@link #describeObjective(ModelSpec)} for logs read without their checkpoint, from their column's name. */
    private void describeObjective(String column) {
        describeObjective((ModelSpec) null);
        String name = Estimators.objectiveOfColumn(column);
        if (name != null) {
            objective = name;
            stepTitle.set(Character.toUpperCase(name.charAt(0)) + name.substring(1) + " per step (training minibatches)");
        }
        objectiveColumn = column;
    }

    /** The title with the last epoch's active latent units, so that a collapse is seen where the scores are. */
    private void showActiveUnits(TrainingEvent.Epoch ep) {
        if (Double.isNaN(ep.activeUnits())) {
            return;
        }
        Trainer t = trainer.get();
        TrainingOptions o = t != null ? t.options() : loaded != null ? loaded.options() : null;
        String of = o == null ? "" : " of " + o.spec().latentLayout().units();
        validationTitle.set(String.format(Locale.ROOT, "%s · active latent units: %d%s", validationBase,
                (int) ep.activeUnits(), of));
    }

    private void update() {
        TrainerState s = state.get();
        boolean active = s == TrainerState.RUNNING || s == TrainerState.PAUSED;
        busy.set(active || starting);
        canStart.set(!busy.get() && form.options() != null);
        startText.set(loaded != null ? "Continue" : "Start");
        canPause.set(active);
        pauseText.set(s == TrainerState.PAUSED ? "Resume" : "Pause");
        canStop.set(active);
        canSave.set(trainer.get() != null);
    }

    // ------------------------------------------------------------------ state for the view

    TrainingFormViewModel form() {
        return form;
    }

    void setFeedback(Feedback feedback) {
        this.feedback = feedback;
    }

    /** Called when Continue is refused, e.g. to offer a new run instead ({@link #startNewRunInsteadOf}). */
    void setOnRefused(Consumer<Refusal> onRefused) {
        this.onRefused = onRefused;
    }

    /** Called with a model the user loaded, for the Latents pane. */
    void setOnModelLoaded(Consumer<VaeModel> listener) {
        this.modelListener = listener;
    }

    ThinnedSeries rawSeries() {
        return raw;
    }

    ThinnedSeries smoothSeries() {
        return smooth;
    }

    DoubleDataSet[] validationSets() {
        return new DoubleDataSet[] {validationRelaxed, validationDiscrete, validationLogLikelihood};
    }

    ObjectProperty<Trainer> trainerProperty() {
        return trainer;
    }

    ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty examplesPerSecondProperty() {
        return examplesPerSecond.getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** Whose curves are shown: the run's folder and model, or the checkpoint loaded. */
    String runName() {
        return runName.isEmpty() ? "Concrete Explorer: training curves" : runName;
    }

    ReadOnlyStringProperty progressLabelProperty() {
        return progressLabel.getReadOnlyProperty();
    }

    ReadOnlyStringProperty lastCheckpointProperty() {
        return lastCheckpoint.getReadOnlyProperty();
    }

    ReadOnlyStringProperty validationTitleProperty() {
        return validationTitle.getReadOnlyProperty();
    }

    ReadOnlyStringProperty stepTitleProperty() {
        return stepTitle.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canStartProperty() {
        return canStart.getReadOnlyProperty();
    }

    /** "Continue" while a loaded run waits, else "Start". */
    ReadOnlyStringProperty startTextProperty() {
        return startText.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canPauseProperty() {
        return canPause.getReadOnlyProperty();
    }

    ReadOnlyStringProperty pauseTextProperty() {
        return pauseText.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canStopProperty() {
        return canStop.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty canSaveProperty() {
        return canSave.getReadOnlyProperty();
    }

    /** A run is active or being prepared: the form and Load wait. */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    int plottedSteps() {
        return raw.size();
    }

    int drawnSteps() {
        return raw.shownSize();
    }

    /** The current model's snapshot as a fresh model (off the FX thread), or null without training. */
    VaeModel snapshotModel() {
        Trainer t = trainer.get();
        return t == null ? null : VaeModels.restore(t.snapshot());
    }

    MnistSplits awaitData() {
        return context.data().join();
    }
}
