package org.concretelab.train;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.concretelab.data.ImageSet;
import org.concretelab.data.MinibatchIterator;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.InvalidSettingException;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;

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

    private final TrainingOptions options;
    private final MnistSplits data;
    private final VaeModel model;
    private final MinibatchIterator batches;
    /** The next batch binarized while this one trains (made and closed by the training thread). */
    private BatchPrefetch prefetch;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<TrainingListener> reportedFaulty = java.util.concurrent.ConcurrentHashMap.newKeySet();
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
    private final RunFiles files;
    private final EpochScoring scoring;
    private final BoundaryTasks boundary;
    private final DivergenceWatch divergence = new DivergenceWatch();
    private long runStartNanos;
    private volatile int threadsAfterWarmUp; // 0: no change due
    private volatile long warmUpNanos;
    private long validationNanos;
    /** Time spent paused: not training time, and not in the speed behind the ETA. */
    private long pausedNanos;
    private Throughput speed;
    private volatile long trainedImages;
    private volatile long trainingNanos;

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
        if (data.dataset() != options.dataset()) {
            throw new InvalidSettingException("dataset", "the run trains on " + options.dataset().label() + " but was given "
                    + data.dataset().label() + "'s images");
        }
        if (data.dataset().pixels() != org.concretelab.model.task.Task.IMAGE_PIXELS) {
            throw new InvalidSettingException("dataset", data.dataset().label() + "'s images have " + data.dataset().pixels()
                    + " pixels; the models read " + org.concretelab.model.task.Task.IMAGE_PIXELS);
        }
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
        RunFolder folder = options.outputDir() == null ? null : openFolder.apply(options.outputDir());
        try {
            this.model = model != null ? model : VaeModels.create(options.spec(), options.seed());
        } catch (RuntimeException e) {
            if (folder != null) {
                folder.close();
            }
            throw e;
        }
        this.files = new RunFiles(folder, options, source, step, this.model, this::currentCheckpoint, this::publish);
        this.boundary = new BoundaryTasks(this, lock, () -> done.getCount() == 0);
        this.scoring = new EpochScoring(options, data, this.model, files, this::publish, boundary::runQueued);
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
        return files.folderNotes();
    }

    /** The last checkpoint known to be good (written by this run or found in its folder), or null. */
    public Path lastGoodCheckpoint() {
        return files.lastGood();
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

    /**
     * Trains the run's first {@code warmUp} on one thread, then on {@code threads} (call before {@link #start()}). The
     * steps are the same on any number of threads (fixed blocks); what changes is that while the JIT compiles the step
     * and a window draws the run's first points, a core is left for them: on two cores, with both training from the
     * first step, the app's FX thread waited up to 100–130 ms for a core in the run's first second.
     */
    public void warmUpOnOneThread(java.time.Duration warmUp, int threads) {
        model.setThreads(1);
        warmUpNanos = warmUp.toNanos();
        threadsAfterWarmUp = threads;
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
                    files.release();
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
            files.writeCheckpoint(file);
            files.copyLogsBeside(file, step, epoch);
            return file;
        });
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
        return boundary.run(state == TrainerState.NEW || state.isTerminal() || Thread.currentThread() == thread, task);
    }

    private TrainingCheckpoint currentCheckpoint() {
        return new TrainingCheckpoint(options, model.state(), step, epoch, batchInEpoch);
    }

    // ------------------------------------------------------------------ the training thread

    private void run() {
        try {
            publish(new TrainingEvent.StateChanged(TrainerState.RUNNING, "training " + options.spec().describe()));
            files.openLogs();
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
                    if (threadsAfterWarmUp > 0 && System.nanoTime() - runStartNanos >= warmUpNanos) {
                        model.setThreads(threadsAfterWarmUp); // the same steps on any number of threads
                        threadsAfterWarmUp = 0;
                    }
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
                    files.logStep(step, epoch, objective, runningMean, speed.examplesPerSecond());
                    publish(new TrainingEvent.Step(step, epoch, batchInEpoch / (double) perEpoch, objective, runningMean,
                            speed.examplesPerSecond(), eta));
                }
                int finished = epoch;
                long validationStart = System.nanoTime();
                scoring.validate(finished, step);
                long validating = System.nanoTime() - validationStart;
                validationNanos += validating;
                speed.validated(validating / 1e9); // scoring time is not training throughput
                epoch++;
                batchInEpoch = 0;
                if (!RunFiles.parametersFinite(model)) {
                    fail("the model's parameters became non-finite during epoch " + (finished + 1));
                    return;
                }
                if (divergence.diverging(runningMean)) { // not yet for long, but never save a diverging model
                    fail(divergence.describe(runningMean, step));
                    return;
                }
                files.rotateAndSave();
                countTrainingTime(); // checkpoints count as training time
            }
            finish(TrainerState.FINISHED, "finished " + options.epochs() + " epochs (" + step + " steps)");
        } catch (RunWriteException e) {
            failQuietly("could not write " + e.file() + ": " + IoProblems.reason(e),
                    FailureAdvice.write(e, files.lastGood(), files.lastGoodStep()));
        } catch (CheckpointException e) {
            failQuietly(e.getMessage(), FailureAdvice.write(e, files.lastGood(), files.lastGoodStep()));
        } catch (RuntimeException | Error e) {
            failQuietly("training stopped by an internal error: " + e, "please report it with the CSV log");
        } finally {
            if (prefetch != null) {
                prefetch.close();
            }
            files.closeLogs();
            boundary.runQueued(); // requests queued while the run was ending
            files.release();
            done.countDown();
        }
    }

    /** Runs queued tasks and honours pause/stop; returns false when the run must stop. */
    private boolean betweenSteps() {
        boundary.runQueued();
        synchronized (lock) {
            if (stopRequested) {
                return false;
            }
            if (pauseRequested) {
                setState(TrainerState.PAUSED, "paused at step " + step);
                long pausedAt = System.nanoTime();
                files.flushLogs();
                while (pauseRequested && !stopRequested) {
                    // with the lock held: tasks never take the lock, so this cannot deadlock
                    boundary.runQueued();
                    try {
                        lock.wait(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stopRequested = true;
                    }
                }
                long paused = System.nanoTime() - pausedAt;
                pausedNanos += paused;
                if (speed != null) {
                    speed.resumed(paused); // else the first speed after a pause counts the pause and the ETA jumps
                }
                if (stopRequested) {
                    return false;
                }
                setState(TrainerState.RUNNING, "resumed at step " + step);
            }
        }
        return true;
    }

    private void fail(String problem) {
        failQuietly(problem, FailureAdvice.numerical(options.spec(), files.lastGood()));
    }

    private void failQuietly(String problem, String advice) {
        state = TrainerState.FAILED;
        publish(new TrainingEvent.Failed(step, problem, advice, files.lastGood()));
        publish(new TrainingEvent.StateChanged(TrainerState.FAILED, problem));
    }

    private void finish(TrainerState end, String message) {
        if (end == TrainerState.STOPPED && files.hasFolder() && RunFiles.parametersFinite(model)
                && !divergence.diverging(runningMean)) {
            files.rotateAndSaveIfMoved(step);
        }
        if (end == TrainerState.FINISHED && files.hasFolder() && files.lastGood() == null) {
            files.writeLast();
        }
        setState(end, message);
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

    /** The Concrete noise seed of a step: a SplitMix64 mix of (seed, step). */
    public static long noiseSeed(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

}
