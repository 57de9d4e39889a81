package org.concretelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.concretelab.metrics.ActiveUnits;
import org.concretelab.metrics.Metrics;
import org.concretelab.model.InvalidSettingException;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.model.estimator.Estimators;

/**
 * Trains a {@link VaeModel} on MNIST in its own thread and tells {@link TrainingListener}s what happens.
 * Control requests (pause, resume, stop, checkpoint) take effect between steps. Every step's data and
 * noise derive from (seed, step) alone, so a run resumed from a checkpoint continues exactly as an
 * uninterrupted run would.
 *
 * <p>Files in {@code outputDir} (if given): {@code last.ckpt} after each epoch and at the end (the
 * previous one kept as {@code previous.ckpt}), {@code training.csv} (every step: step, epoch, the estimator's
 * training objective in a column named after it — relaxed_elbo, discrete_bound, discrete_elbo, see {@link RunLog} —,
 * running_mean, examples_per_s) and {@code epochs.csv} (every epoch: epoch, step, val_relaxed_elbo,
 * val_discrete_elbo, val_nll). Steps and epochs count from 1 in both.
 * A non-finite objective or parameter, a diverging objective or a failed write stops training before
 * anything bad is written; the folder is held through a {@link RunFolder} (locked) for the run's lifetime.
 */
public final class Trainer {
    /** Evaluation binarization seed: every model is scored on the same binary images. */
    public static final long EVALUATION_SEED = 20170101L;
    private static final double EMA = 0.98;
    /** Validation images per model call (the chunk fixes each image's noise seed). */
    private static final int VALIDATION_CHUNK = 500;

    private final TrainingOptions options;
    private final MnistSplits data;
    private final VaeModel model;
    private final MinibatchIterator batches;
    /** The next batch binarized while this one trains (made and closed by the training thread). */
    private BatchPrefetch prefetch;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<TrainingListener> reportedFaulty = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<Runnable> boundaryTasks = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private final CountDownLatch done = new CountDownLatch(1);

    private volatile TrainerState state = TrainerState.NEW;
    private volatile Thread thread;
    private volatile long step;
    private volatile int epoch;
    private volatile int batchInEpoch;
    private boolean pauseRequested;
    private boolean stopRequested;
    private double runningMean = Double.NaN;
    private Path lastGood;
    private long lastGoodStep = -1;
    private final RunFolder folder;
    private RunLog log;
    private final DivergenceWatch divergence = new DivergenceWatch();
    private float[] validationImages;
    private long runStartNanos;
    private long validationNanos;
    /** Time spent paused: not training time, and not in the speed behind the ETA. */
    private long pausedNanos;
    private Throughput speed;
    private volatile long trainedImages;
    private volatile long trainingNanos;
    private final List<VaeModel> validationCopies = new java.util.ArrayList<>();
    /** Steps after the warm-up before a collapse is reported (a transient one passes within them). */
    static final int COLLAPSE_GRACE_STEPS = 250;
    private boolean collapsedBefore;
    private boolean collapseReported;

    /**
     * A fresh run: builds the model from {@code options.spec()} seeded by {@code options.seed()}. Its output
     * folder must not hold another run (a {@link RunFolderException} says which and how to continue it).
     */
    public Trainer(TrainingOptions options, MnistSplits data) {
        this(options, data, false);
    }

    /** A fresh run; with {@code overwrite} the run files already in its folder are deleted first. */
    public Trainer(TrainingOptions options, MnistSplits data, boolean overwrite) {
        this(options, data, null, 0, 0, 0, dir -> RunFolder.forNewRun(dir, overwrite));
    }

    /** A fresh run of a given model (tests substitute models that misbehave). */
    Trainer(TrainingOptions options, MnistSplits data, VaeModel model) {
        this(options, data, model, 0, 0, 0, dir -> RunFolder.forNewRun(dir, false));
    }

    private Trainer(TrainingOptions options, MnistSplits data, VaeModel model, long step, int epoch, int batchInEpoch,
                    java.util.function.Function<Path, RunFolder> openFolder) {
        this(options, data, model, step, epoch, batchInEpoch, openFolder, null);
    }

    /** {@code source}: the checkpoint a resumed run came from, the last good one until this run writes its own. */
    private Trainer(TrainingOptions options, MnistSplits data, VaeModel model, long step, int epoch, int batchInEpoch,
                    java.util.function.Function<Path, RunFolder> openFolder, Path source) {
        this.options = options;
        this.data = data;
        this.step = step;
        this.epoch = epoch;
        this.batchInEpoch = batchInEpoch;
        ImageSet train = data.train().limit(options.trainLimit());
        if (options.batchSize() > train.size()) {
            throw new InvalidSettingException("batchSize", "batchSize " + options.batchSize() + " exceeds the " + train.size()
                    + " training images");
        }
        this.batches = new MinibatchIterator(train, options.batchSize(), options.binarization(), options.seed());
        this.folder = options.outputDir() == null ? null : openFolder.apply(options.outputDir());
        try {
            this.model = model != null ? model : VaeModels.create(options.spec(), options.seed());
        } catch (RuntimeException e) {
            releaseFolder();
            throw e;
        }
        if (folder != null && Files.exists(folder.dir().resolve(RunFolder.LAST))) {
            lastGood = folder.dir().resolve(RunFolder.LAST); // what a failure before our first save points at
            lastGoodStep = step;
        } else if (source != null && Files.isRegularFile(source)) {
            lastGood = source; // e.g. previous.ckpt, its last.ckpt moved aside: still the way back
            lastGoodStep = step;
        }
    }

    /** Continues a checkpointed run exactly; its files go to {@code outputDir} (may be null). */
    public static Trainer resume(TrainingCheckpoint checkpoint, MnistSplits data, Path outputDir) {
        return resume(checkpoint, null, data, outputDir, checkpoint.options().epochs());
    }

    /** A run with more epochs than its checkpoint planned (the counters carry on). */
    public static Trainer resume(TrainingCheckpoint checkpoint, MnistSplits data, Path outputDir, int epochs) {
        return resume(checkpoint, null, data, outputDir, epochs);
    }

    /**
     * Continues {@code checkpoint}, read from the file {@code source} (null: from memory or from the folder's own
     * {@code last.ckpt}), in {@code outputDir} for {@code epochs} in all; see {@link RunFolder#forResume} for what
     * happens to the files already there.
     */
    public static Trainer resume(TrainingCheckpoint checkpoint, Path source, MnistSplits data, Path outputDir, int epochs) {
        return resume(checkpoint.options().withOutput(outputDir, epochs), checkpoint, source, data,
                VaeModels.restore(checkpoint.model()));
    }

    /** A resumed run with other options that may change mid-run (learning rate, validation, length). */
    public static Trainer resume(TrainingOptions options, TrainingCheckpoint checkpoint, Path source, MnistSplits data) {
        ModelState m = checkpoint.model();
        // restored under the options' spec, so that a changed learning rate is also the one its checkpoints record
        // (a checkpoint's options and model must agree: with the old rate every save of the run would fail)
        boolean sameModel = options.spec().withLearningRate(1).equals(m.spec().withLearningRate(1));
        return resume(options, checkpoint, source, data,
                VaeModels.restore(sameModel ? new ModelState(options.spec(), m.step(), m.arrays()) : m));
    }

    /** Resumes with a given model (tests substitute models that misbehave). */
    static Trainer resume(TrainingOptions options, TrainingCheckpoint checkpoint, Path source, MnistSplits data,
                          VaeModel model) {
        if (!options.spec().withLearningRate(1).equals(checkpoint.options().spec().withLearningRate(1))) {
            throw new IllegalArgumentException("a resumed run keeps its model: " + checkpoint.options().spec().describe());
        }
        return new Trainer(options, data, model, checkpoint.step(), checkpoint.epoch(), checkpoint.batchInEpoch(),
                dir -> RunFolder.forResume(dir, source, checkpoint), source);
    }

    /** What opening the run folder changed (temp files removed, a file moved aside), for the user to read. */
    public List<String> folderNotes() {
        return folder == null ? List.of() : folder.notes();
    }

    /** The last checkpoint known to be good (written by this run or found in its folder), or null. */
    public Path lastGoodCheckpoint() {
        return lastGood;
    }

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    public TrainingOptions options() {
        return options;
    }

    public TrainerState state() {
        return state;
    }

    public long step() {
        return step;
    }

    public int epoch() {
        return epoch;
    }

    /** The model being trained. Its methods are synchronized: reading it waits for the current step. */
    public VaeModel model() {
        return model;
    }

    /** A consistent copy of the model (parameters and moments), taken between two steps. */
    public ModelState snapshot() {
        return model.state();
    }

    /** Starts the training thread. */
    public synchronized void start() {
        if (state != TrainerState.NEW) {
            throw new IllegalStateException("a trainer starts once; it is " + state);
        }
        state = TrainerState.RUNNING; // at once for callers; the event comes from the trainer thread like all others
        Thread t = new Thread(this::run, "trainer");
        thread = t;
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1); // leave the UI thread the upper hand on 2 cores
        t.start();
    }

    public void pause() {
        synchronized (lock) {
            pauseRequested = true;
        }
    }

    public void resume() {
        synchronized (lock) {
            pauseRequested = false;
            lock.notifyAll();
        }
    }

    public void stop() {
        if (state == TrainerState.NEW) {
            synchronized (this) { // start() holds this monitor: either it has started or it never will
                if (state == TrainerState.NEW) {
                    releaseFolder();
                    setState(TrainerState.STOPPED, "stopped before it started");
                    done.countDown();
                    return;
                }
            }
        }
        synchronized (lock) {
            stopRequested = true;
            lock.notifyAll();
        }
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /** Writes a checkpoint between two steps (at once if the thread is not running) and returns its path. */
    public Path saveCheckpoint(Path file) {
        return atBoundary(() -> {
            writeCheckpoint(file);
            copyLogsBeside(file);
            return file;
        });
    }

    /**
     * A checkpoint saved outside the run folder takes the run's curves up to its step along, as
     * {@code <name>.training.csv} and {@code <name>.epochs.csv} beside it, so that loading it shows its own curves.
     */
    private void copyLogsBeside(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        if (folder == null || parent == null || parent.equals(folder.dir().toAbsolutePath())) {
            return;
        }
        try {
            RunLog.copyBeside(folder.dir(), file, step, epoch, Estimators.objectiveColumn(options.spec()));
        } catch (IOException e) {
            throw new CheckpointException("saved " + file + ", but could not write its curves beside it: " + IoProblems.reason(e));
        }
    }

    /**
     * Images trained on since {@link #start}, and the wall-clock seconds that took up to the last step: everything the
     * run did (steps, logs, checkpoints, events) except the per-epoch validation, which is scoring, not training.
     * Their ratio is the run's training throughput, the figure compared with other trainers.
     */
    public TrainingTime trainingTime() {
        return new TrainingTime(trainedImages, trainingNanos / 1e9);
    }

    /** The run's wall clock so far without its validations (see {@link #trainingTime}). */
    private void countTrainingTime() {
        trainingNanos = System.nanoTime() - runStartNanos - validationNanos - pausedNanos;
    }

    /** {@code images} trained on in {@code seconds} (validation excluded). */
    public record TrainingTime(long images, double seconds) {
        public double imagesPerSecond() {
            return seconds > 0 ? images / seconds : Double.NaN;
        }

        /** The throughput between {@code earlier} and this reading. */
        public double imagesPerSecondSince(TrainingTime earlier) {
            return seconds > earlier.seconds ? (images - earlier.images) / (seconds - earlier.seconds) : Double.NaN;
        }
    }

    /** The checkpoint of the current position (taken between two steps). */
    public TrainingCheckpoint checkpoint() {
        return atBoundary(this::currentCheckpoint);
    }

    private <T> T atBoundary(Supplier<T> task) {
        if (state == TrainerState.NEW || state.isTerminal() || Thread.currentThread() == thread) {
            synchronized (this) {
                return task.get();
            }
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        boundaryTasks.add(() -> {
            try {
                future.complete(task.get());
            } catch (RuntimeException e) {
                future.completeExceptionally(e);
            }
        });
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            while (true) {
                try {
                    return future.get(50, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    if (done.getCount() == 0) {
                        runTasks(); // the run ended after our request was queued: serve it here
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the trainer", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private TrainingCheckpoint currentCheckpoint() {
        return new TrainingCheckpoint(options, model.state(), step, epoch, batchInEpoch);
    }

    // ------------------------------------------------------------------ the training thread

    private void run() {
        try {
            publish(new TrainingEvent.StateChanged(TrainerState.RUNNING, "training " + options.spec().describe()));
            openLogs();
            prefetch = new BatchPrefetch(batches, options.batchSize());
            int perEpoch = batches.batchesPerEpoch();
            long totalSteps = (long) options.epochs() * perEpoch;
            speed = new Throughput(options.batchSize());
            runStartNanos = System.nanoTime();
            validationNanos = 0;
            pausedNanos = 0;
            while (epoch < options.epochs()) {
                while (batchInEpoch < perEpoch) {
                    if (!betweenSteps()) {
                        finish(TrainerState.STOPPED, "stopped at step " + step);
                        return;
                    }
                    float[] buffer = prefetch.batch(epoch, batchInEpoch);
                    int rows = prefetch.rows();
                    model.setLearningRate(options.learningRateAt(step, totalSteps));
                    double factor = options.temperatureFactorAt(step, totalSteps);
                    model.setTemperatures(options.spec().lambdaPosterior() * factor, options.spec().lambdaPrior() * factor);
                    model.setKlWeight(options.klWeightAt(step));
                    double objective = model.trainStep(buffer, rows, noiseSeed(options.seed(), step));
                    if (!Double.isFinite(objective)) {
                        fail("the training objective became " + objective + " at step " + (step + 1));
                        return;
                    }
                    step++;
                    batchInEpoch++;
                    trainedImages += rows;
                    countTrainingTime();
                    runningMean = Double.isNaN(runningMean) ? objective : EMA * runningMean + (1 - EMA) * objective;
                    if (divergence.diverged(runningMean)) {
                        fail(divergence.describe(runningMean, step));
                        return;
                    }
                    speed.step();
                    double eta = speed.etaSeconds(totalSteps - (long) epoch * perEpoch - batchInEpoch, options.epochs() - epoch);
                    logStep(objective, speed.examplesPerSecond());
                    publish(new TrainingEvent.Step(step, epoch, batchInEpoch / (double) perEpoch, objective, runningMean,
                            speed.examplesPerSecond(), eta));
                }
                int finished = epoch;
                long validationStart = System.nanoTime();
                validate(finished);
                validationNanos += System.nanoTime() - validationStart;
                speed.restart((System.nanoTime() - validationStart) / 1e9); // scoring time is not training throughput
                epoch++;
                batchInEpoch = 0;
                if (!parametersFinite()) {
                    fail("the model's parameters became non-finite during epoch " + (finished + 1));
                    return;
                }
                if (divergence.diverging(runningMean)) { // not yet for long, but never save a diverging model
                    fail(divergence.describe(runningMean, step));
                    return;
                }
                rotateAndSave();
                countTrainingTime(); // checkpoints count as training time
            }
            finish(TrainerState.FINISHED, "finished " + options.epochs() + " epochs (" + step + " steps)");
        } catch (RunWriteException e) {
            failQuietly("could not write " + e.file() + ": " + IoProblems.reason(e),
                    FailureAdvice.write(e, lastGood, lastGoodStep));
        } catch (CheckpointException e) {
            failQuietly(e.getMessage(), FailureAdvice.write(e, lastGood, lastGoodStep));
        } catch (RuntimeException | Error e) {
            failQuietly("training stopped by an internal error: " + e, "please report it with the CSV log");
        } finally {
            if (prefetch != null) {
                prefetch.close();
            }
            closeLogs();
            runTasks(); // requests queued while the run was ending
            releaseFolder();
            done.countDown();
        }
    }

    /** Runs queued tasks and honours pause/stop; returns false when the run must stop. */
    private boolean betweenSteps() {
        runTasks();
        synchronized (lock) {
            if (stopRequested) {
                return false;
            }
            if (pauseRequested) {
                setState(TrainerState.PAUSED, "paused at step " + step);
                long pausedAt = System.nanoTime();
                flushLogs();
                while (pauseRequested && !stopRequested) {
                    runTasksUnlocked();
                    try {
                        lock.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopRequested = true;
                    }
                }
                pausedNanos += System.nanoTime() - pausedAt;
                if (speed != null) {
                    speed.resumed(); // else the first speed after a pause counts the pause and the ETA jumps
                }
                if (stopRequested) {
                    return false;
                }
                setState(TrainerState.RUNNING, "resumed at step " + step);
            }
        }
        return true;
    }

    private void runTasksUnlocked() {
        // called with the lock held: tasks never take the lock, so this cannot deadlock
        runTasks();
    }

    private void runTasks() {
        for (Runnable r; (r = boundaryTasks.poll()) != null; ) {
            synchronized (this) {
                r.run();
            }
        }
    }

    private void validate(int finishedEpoch) {
        ImageSet set = data.validation().limit(options.validationLimit());
        if (validationImages == null) {
            validationImages = MinibatchIterator.fixedBinarized(set, EVALUATION_SEED);
        }
        publish(new TrainingEvent.Validating(step, finishedEpoch, 0, set.size()));
        // queued requests (checkpoint, snapshot) only read the model, so they may run beside the scoring threads
        var scores = new java.util.LinkedHashMap<>(Metrics.score(validationWorkers(set.size()), Metrics.standard(),
                validationImages, set.size(), VALIDATION_CHUNK, options.validationSamples(),
                from -> noiseSeed(EVALUATION_SEED, from), done -> {
                    runTasks();
                    publish(new TrainingEvent.Validating(step, finishedEpoch, done, set.size()));
                }));
        ActiveUnits active = set.size() >= 2 ? ActiveUnits.of(model, validationImages, set.size()) : null;
        scores.put(RunLog.ACTIVE_UNITS, active != null ? (double) active.active() : Double.NaN);
        TrainingEvent.Epoch event = new TrainingEvent.Epoch(finishedEpoch, step, scores);
        logEpoch(event);
        publish(event);
        // a model can sit collapsed for a few hundred steps and recover (measured: 200–400 binary units): warn once,
        // when two validations in a row past the warm-up and a grace period find it collapsed
        // (a conditional model has no posterior to collapse onto its prior: its units' activity is only reported)
        boolean collapsedNow = active != null && active.collapsed() && options.warmedUp(step - COLLAPSE_GRACE_STEPS)
                && !org.concretelab.model.task.Tasks.create(options.spec().task()).conditionalPrior();
        if (collapsedNow && collapsedBefore && !collapseReported) {
            collapseReported = true;
            publish(new TrainingEvent.Warning(step, collapseWarning(active)));
        }
        collapsedBefore = collapsedNow;
    }

    /**
     * The model and, when the training step is split over threads, copies of it for the other threads (kept between
     * validations, loaded with the current parameters and settings): the chunks' sums add up in chunk order, so the
     * scores are the same whatever the number of threads.
     */
    private List<VaeModel> validationWorkers(int images) {
        int wanted = Math.min(model.threads(), (images + VALIDATION_CHUNK - 1) / VALIDATION_CHUNK);
        List<VaeModel> workers = new java.util.ArrayList<>(List.of(model));
        ModelState state = wanted > 1 ? model.state() : null;
        double[] temperatures = model.temperatures();
        for (int i = 1; i < wanted; i++) {
            if (validationCopies.size() < i) {
                validationCopies.add(VaeModels.restore(state));
            } else {
                validationCopies.get(i - 1).load(state);
            }
            VaeModel copy = validationCopies.get(i - 1);
            copy.setTemperatures(temperatures[0], temperatures[1]);
            copy.setKlWeight(model.klWeight());
            workers.add(copy);
        }
        return workers;
    }

    /** What a collapsed model looks like and what to try, in the user's terms. */
    private String collapseWarning(ActiveUnits active) {
        String advice = options.klWarmupSteps() == 0
                ? "retrain with a KL warm-up (--kl-warmup 2500 or the form's KL warm-up field)"
                : "retrain with a longer KL warm-up than " + options.klWarmupSteps() + " steps";
        return String.format(java.util.Locale.ROOT, "the model has collapsed: only %s on validation (the posterior "
                + "equals the prior for every image, so the latents carry nothing about the digit); %s, fewer units, or "
                + "a lower learning rate", active, advice);
    }

    private boolean parametersFinite() {
        for (ModelState.NamedArray a : model.state().arrays().values()) {
            for (float v : a.values()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Keeps the current last.ckpt as previous.ckpt (see {@link RunFolder#keepLastAsPrevious}), then writes the new one. */
    private void rotateAndSave() {
        if (folder == null) {
            return;
        }
        try {
            folder.keepLastAsPrevious().ifPresent(w -> System.err.println("warning: " + w));
        } catch (IOException e) {
            throw new RunWriteException(folder.dir().resolve(RunFolder.PREVIOUS), e);
        }
        writeCheckpoint(folder.dir().resolve(RunFolder.LAST));
    }

    private void writeCheckpoint(Path file) {
        if (!parametersFinite()) {
            throw new CheckpointException("refusing to write " + file + ": the model's parameters are not finite");
        }
        flushLogs(); // the logs on disk reach the checkpoint's step: a resume from it cuts, never leaves a gap
        Checkpoints.save(file, currentCheckpoint());
        lastGood = file;
        lastGoodStep = step;
        publish(new TrainingEvent.CheckpointSaved(step, file));
    }

    private void fail(String problem) {
        failQuietly(problem, FailureAdvice.numerical(options.spec(), lastGood));
    }

    private void failQuietly(String problem, String advice) {
        state = TrainerState.FAILED;
        publish(new TrainingEvent.Failed(step, problem, advice, lastGood));
        publish(new TrainingEvent.StateChanged(TrainerState.FAILED, problem));
    }

    private void finish(TrainerState end, String message) {
        if (end == TrainerState.STOPPED && folder != null && parametersFinite() && !divergence.diverging(runningMean)) {
            rotateAndSaveIfMoved();
        }
        if (end == TrainerState.FINISHED && folder != null && lastGood == null) {
            writeCheckpoint(folder.dir().resolve(RunFolder.LAST));
        }
        setState(end, message);
    }

    /** A stop writes last.ckpt only when it would hold a step the existing one does not. */
    private void rotateAndSaveIfMoved() {
        if (lastGoodStep != step || lastGood == null || !lastGood.equals(folder.dir().resolve(RunFolder.LAST))) {
            rotateAndSave();
        }
    }

    private void releaseFolder() {
        if (folder != null) {
            folder.close();
        }
    }

    private void setState(TrainerState s, String message) {
        state = s;
        publish(new TrainingEvent.StateChanged(s, message));
    }

    private void publish(TrainingEvent event) {
        for (TrainingListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                // a faulty listener must not stop training; say so once per listener
                if (reportedFaulty.add(l)) {
                    System.err.println("a training listener failed (further failures not shown): " + e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ CSV logs

    private void openLogs() {
        if (folder == null) {
            return;
        }
        try {
            log = RunLog.open(folder.dir(), Estimators.objectiveColumn(options.spec()));
        } catch (IOException e) {
            throw new RunWriteException(folder.dir().resolve(RunLog.STEPS), e);
        }
    }

    private void logStep(double objective, double examplesPerSecond) {
        if (log == null) {
            return;
        }
        try {
            // epochs count from 1 in both logs and on screen: a step of epoch 1 is followed by row "1" of epochs.csv
            log.step(step, epoch, objective, runningMean, examplesPerSecond);
        } catch (IOException e) {
            throw new RunWriteException(folder.dir().resolve(RunLog.STEPS), e);
        }
    }

    private void logEpoch(TrainingEvent.Epoch e) {
        if (log == null) {
            return;
        }
        try {
            log.epoch(e);
        } catch (IOException ex) {
            throw new RunWriteException(folder.dir().resolve(RunLog.EPOCHS), ex);
        }
    }

    private void flushLogs() {
        if (log != null) {
            try {
                log.flush();
            } catch (IOException ignored) {
                // the next write reports it
            }
        }
    }

    private void closeLogs() {
        if (log != null) {
            try {
                log.close();
            } catch (IOException ignored) {
                // nothing left to save
            }
        }
    }

    /** The Concrete noise seed of a step: a SplitMix64 mix of (seed, step). */
    public static long noiseSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

}
