package org.concretelab.ui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.PaperDefaults;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.train.RunLog;
import org.concretelab.train.Trainer;
import org.concretelab.train.TrainerState;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.concretelab.ui.AppContext;

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
    static final int RECENT_MAX = 8;
    static final String FORM_KEY = "training.form.";

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
    private final TrainingFormViewModel form;
    private final TrainingMemory memory;
    private final TrainingJobs jobs;
    private final TrainingFiles files;
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

    private final TrainingCharts charts = new TrainingCharts(this::shownRun);
    private final RunFeed feed = new RunFeed(charts, () -> feedback);

    private final ObjectProperty<Trainer> trainer = new SimpleObjectProperty<>();
    /** Whose curves the charts show, for an exported image ("" when none). */
    private String runName = "";
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
        this.form = new TrainingFormViewModel();
        this.memory = new TrainingMemory(context.settings());
        this.jobs = new TrainingJobs(context);
        this.files = new TrainingFiles(context.background(), ui, memory, charts, () -> feedback);
        charts.describeValidation(PaperDefaults.VALIDATION_IMAGES, PaperDefaults.VALIDATION_SAMPLES);
        charts.describeObjective((ModelSpec) null);
        memory.restoreForm(form);
        form.editsProperty().addListener((o, a, b) -> memory.rememberForm(form));
        form.optionsProperty().addListener((o, a, b) -> update());
        feed.stateProperty().addListener((o, a, b) -> update());
        memory.refreshRecent();
        update();
    }

    // ------------------------------------------------------------------ remembered between launches

    /** Where a checkpoint chooser opens: the last folder used, else runs/ if there is one. */
    Optional<Path> checkpointFolder() {
        return memory.checkpointFolder();
    }

    /** Where an export chooser opens: the last export folder, if it still exists. */
    Optional<Path> exportFolder() {
        return memory.exportFolder();
    }

    /** The recent checkpoints that still exist, most recent first. */
    ObservableList<Path> recentCheckpoints() {
        return memory.recentCheckpoints();
    }

    /** Drops files that have gone since the list was shown. */
    void refreshRecent() {
        memory.refreshRecent();
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
            TrainingOptions resumed;
            try {
                resumed = ResumeEdits.resumed(loaded.options(), shown, o, loadedFile.toAbsolutePath().getParent());
            } catch (IllegalArgumentException e) { // e.g. a rate below the run's final one: its decay would raise it
                feedback.error("Not continued: " + e.getMessage(), "change the learning rate, or start a new run");
                return;
            }
            continueLoaded(resumed);
        } else {
            String fields = String.join(", ", fixed);
            feedback.error("Not continued: the loaded run keeps its " + fields + " (stored in " + loadedFile.getFileName() + ")",
                    "undo " + (fixed.size() == 1 ? "that edit" : "those edits") + " to continue it, or start a new run");
            onRefused.accept(new Refusal(fixed, loadedFile));
        }
    }

    /** Fills the form with the {@link DemoRun} preset: a new run, so a loaded checkpoint is no longer the one continued. */
    void demoRun() {
        if (!busy.get()) {
            forgetLoaded();
            form.showDemo();
        }
    }

    /** After a refusal the user chose a new run instead: start it, unless another checkpoint was loaded meanwhile. */
    void startNewRunInsteadOf(Path file) {
        TrainingOptions o = form.options();
        if (o != null && loadedFile == file) {
            startNewRun(o, file);
        }
    }

    private void startNewRun(TrainingOptions shown, Path replacing) {
        TrainingOptions fresh = form.forNewModel(); // the paper's centring, never a loaded model's old one
        TrainingOptions o = fresh != null ? fresh : shown;
        begin();
        jobs.newRun(o, RUNS).whenComplete((t, e) -> ui.execute(() -> {
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
        jobs.continued(options, cp, source).whenComplete((started, e) -> ui.execute(() -> {
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

    /** How long a run started here trains on one thread before it takes every core ({@link Trainer#warmUpOnOneThread}). */
    static final java.time.Duration WARM_UP = java.time.Duration.ofSeconds(2);

    private void launch(Trainer t, String message) {
        starting = false;
        // every core after the run's first seconds, which leave a core to the JIT and the charts' first points
        // (FxLatencyBenchmark -Dbench.demo=true: the longest pulse gap fell from 72-196 ms to 65-110 ms with the warm-ups)
        t.warmUpOnOneThread(WARM_UP, Runtime.getRuntime().availableProcessors());
        charts.describeValidation(t.options().validationLimit(), t.options().validationSamples());
        charts.describeObjective(t.options().spec());
        runName = t.options().outputDir() + " · " + t.options().spec().describe();
        feed.follow(t, new RunProgress(t.options().epochs(), charts.objective(), t.options().validationSamples(),
                t.options().outputDir(), t.options().spec()));
        trainer.set(t);
        feed.setState(TrainerState.RUNNING);
        t.start();
        List<String> notes = t.folderNotes();
        feedback.info(notes.isEmpty() ? message : message + " Note: " + String.join("; ", notes) + ".");
    }

    /** Says why a run could not start: the data, the run folder, the options, or a bug. */
    private void cannotStart(Throwable e, String what) {
        starting = false;
        update();
        TrainingJobs.Problem p = jobs.cannotStart(e, what);
        feedback.error(p.what(), p.todo());
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
        if (feed.stateProperty().get() == TrainerState.PAUSED) {
            t.resume();
        } else if (feed.stateProperty().get() == TrainerState.RUNNING) {
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
        if (t != null) {
            files.save(t, file);
        }
    }

    /** Reads {@code file} in the background; on success the form shows its options and Start continues it. */
    void load(Path file) {
        files.load(file, this::showLoaded);
    }

    private void showLoaded(TrainingJobs.Loaded read) {
        Path file = read.file();
        TrainingCheckpoint cp = read.checkpoint();
        RunLog.History logs = read.logs();
        loaded = cp;
        loadedFile = file;
        charts.describeValidation(cp.options().validationLimit(), cp.options().validationSamples());
        charts.describeObjective(cp.options().spec());
        if (logs != null) {
            showLogs(logs);
        } else { // never leave another run's curves under this checkpoint's name
            clearCharts();
            feed.say("No curves saved with " + file.getFileName() + " (no " + RunLog.stepsBeside(file).getFileName()
                    + " beside it, no run logs in its folder).");
        }
        feed.forgetRun();
        runName = file + " · " + cp.options().spec().describe() + String.format(Locale.ROOT, " · step %,d", cp.step());
        form.trainedEpochsProperty().set(cp.epoch());
        form.show(cp.options().withOutput(null, Math.max(cp.options().epochs(), cp.epoch() + 1)));
        loadedShown = form.options();
        update();
        modelListener.accept(read.model());
        feedback.info("Loaded " + file.getFileName() + " (" + cp.options().spec().describe() + ", step " + cp.step()
                + (logs == null ? "; no curves saved with this checkpoint, so the charts are empty" : "")
                + "). Continue trains it further in " + file.toAbsolutePath().getParent() + " (Epochs and "
                + "Learning rate may change); the Latents tab shows it.");
    }

    /** Writes the plotted curves (every step, not only the drawn ones) and the epochs' rows as CSV. */
    void exportCsv(Path file) {
        files.exportCsv(file);
    }

    /** The view wrote (or failed to write) the charts' image to {@code file}. */
    void exportedPng(Path file, IOException problem) {
        files.exportedPng(file, problem);
    }

    /** Plots the CSV logs of the run in {@code dir}, keeping up to {@code maxPoints} steps (benchmarks, demos). */
    boolean plotRunLogs(Path dir, int maxPoints) {
        RunLog.History logs = RunLog.read(dir, maxPoints);
        if (logs != null) {
            charts.describeObjective(logs.objectiveColumn()); // no checkpoint: the log's column says what was optimised
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
        feed.flush();
    }

    /** Plots a finished run's CSV logs (e.g. those beside a loaded checkpoint). */
    private void showLogs(RunLog.History logs) {
        clearCharts();
        charts.show(logs);
        feed.epochsShown(logs.epochs());
        feed.say(String.format(Locale.ROOT, "Run logs: %,d steps, %d epochs", logs.steps().length == 0 ? 0
                : (long) logs.steps()[logs.steps().length - 1], logs.epochs().size()));
    }

    private void clearCharts() {
        charts.clear();
        feed.clearBar();
    }

    /** The run the charts show: the trainer's, else the loaded checkpoint's (null if neither). */
    TrainingOptions shownRun() {
        Trainer t = trainer.get();
        return t != null ? t.options() : loaded != null ? loaded.options() : null;
    }

    private void update() {
        TrainerState s = feed.stateProperty().get();
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

    /** The dataset of the checkpoint loaded last (MNIST before any). */
    org.concretelab.data.Dataset loadedDataset() {
        return loaded == null ? org.concretelab.data.Datasets.defaultDataset() : loaded.options().dataset();
    }

    /** Called with a model the user loaded, for the Latents pane. */
    void setOnModelLoaded(Consumer<VaeModel> listener) {
        this.modelListener = listener;
    }

    /** The curves and the charts' titles. */
    TrainingCharts charts() {
        return charts;
    }

    ObjectProperty<Trainer> trainerProperty() {
        return trainer;
    }

    ReadOnlyObjectProperty<TrainerState> stateProperty() {
        return feed.stateProperty();
    }

    ReadOnlyDoubleProperty examplesPerSecondProperty() {
        return feed.examplesPerSecondProperty();
    }

    ReadOnlyDoubleProperty progressProperty() {
        return feed.progressProperty();
    }

    ReadOnlyStringProperty progressTextProperty() {
        return feed.progressTextProperty();
    }

    /** Whose curves are shown: the run's folder and model, or the checkpoint loaded. */
    String runName() {
        return runName.isEmpty() ? "Concrete Explorer: training curves" : runName;
    }

    ReadOnlyStringProperty progressLabelProperty() {
        return feed.progressLabelProperty();
    }

    ReadOnlyStringProperty lastCheckpointProperty() {
        return feed.lastCheckpointProperty();
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

    /** The current model's snapshot as a fresh model (off the FX thread), or null without training. */
    VaeModel snapshotModel() {
        Trainer t = trainer.get();
        return t == null ? null : VaeModels.restore(t.snapshot());
    }

    MnistSplits awaitData() {
        return context.data().join();
    }
}
