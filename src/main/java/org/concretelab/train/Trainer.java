package org.concretelab.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.ModelState;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;

/**
 * Trains a {@link VaeModel} on its own thread and reports {@link TrainingEvent}s.
 *
 * <p>Step {@code s} (1-based) trains on batch {@code batchInEpoch} of {@code epoch} with noise seed
 * {@link NoiseSeeds#step(long, long) step(seed, s)}; the data source derives every batch from its
 * position. A run therefore depends only on (options, model state, step, epoch, batchInEpoch), which is
 * what a {@link TrainingCheckpoint} keeps: resuming continues bit-for-bit.
 *
 * <p>At each epoch's end the validation set is scored (relaxed ELBO, discrete ELBO, importance-sampled
 * NLL, fixed binarization and fixed noise) and, with an output folder, {@code last.ckpt} is written
 * (the one before is kept as {@code previous.ckpt}); {@code training.csv} and {@code epochs.csv} log
 * every step and epoch. Pause, resume and stop take effect at step boundaries. A non-finite loss or
 * non-finite parameters end the run in {@link TrainerState#FAILED} without writing the bad state.
 */
public final class Trainer {
    public static final String LAST = "last.ckpt";
    public static final String PREVIOUS = "previous.ckpt";
    /** Rows per validation batch. */
    static final int EVAL_BATCH = 100;
    /** Smoothing of the running mean: about the last 50 steps. */
    private static final double EMA_DECAY = 0.98;
    /** Steps over which examples per second are measured. */
    private static final int RATE_WINDOW = 20;

    private final TrainingOptions options;
    private final VaeModel model;
    private final BatchSource train;
    private final BatchSource validation;
    private final Path outputDir;
    private final List<TrainingListener> listeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<TrainingListener> complained = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Held for each step; a fair lock so that snapshot() and saveCheckpoint() get in between steps. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private boolean pauseRequested; // guarded by lock
    private boolean stopRequested; // guarded by lock
    private boolean started; // guarded by lock
    private volatile TrainerState state = TrainerState.NEW;
    private volatile long step;
    private volatile int epoch;
    private volatile int batchInEpoch;
    private volatile Path lastGood;

    // trainer-thread only
    private double emaSum;
    private double emaWeight;
    private final long[] rateTimes = new long[RATE_WINDOW];
    private final int[] rateRows = new int[RATE_WINDOW];
    private int rateCount;
    private double lastValidationSeconds;
    private RunLog log;

    /**
     * The trainer over any model and batch sources (the public factories wire MNIST).
     *
     * @param outputDir folder for checkpoints and CSV logs, or null for none
     */
    Trainer(TrainingOptions options, VaeModel model, BatchSource train, BatchSource validation,
            long step, int epoch, int batchInEpoch, Path outputDir) {
        if (!options.spec().equals(model.spec())) {
            throw new IllegalArgumentException("the model (" + model.spec().describe()
                    + ") is not the one the options describe (" + options.spec().describe() + ")");
        }
        if (train.batchesPerEpoch() < 1) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (batchInEpoch > train.batchesPerEpoch()) {
            throw new IllegalArgumentException("the checkpoint is at batch " + batchInEpoch + " of an epoch of only "
                    + train.batchesPerEpoch() + " batches: it was written with another training set size");
        }
        this.options = options;
        this.model = model;
        this.train = train;
        this.validation = validation;
        this.step = step;
        this.epoch = epoch;
        this.batchInEpoch = batchInEpoch;
        this.outputDir = outputDir;
        if (outputDir != null && Files.exists(outputDir.resolve(LAST))) {
            lastGood = outputDir.resolve(LAST);
        }
    }

    /** Continues {@code cp} over the given sources (the public factory wires MNIST). */
    static Trainer resume(TrainingCheckpoint cp, BatchSource train, BatchSource validation, Path outputDir) {
        TrainingOptions o = cp.options();
        TrainingOptions options = new TrainingOptions(o.spec(), o.batchSize(), o.epochs(), o.seed(), o.binarization(),
                o.trainLimit(), o.validationLimit(), o.validationSamples(), outputDir);
        VaeModel model;
        try {
            model = VaeModels.restore(cp.model());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("the checkpoint's parameters do not fit its model " + cp.options().spec().describe()
                    + ": " + e.getMessage(), e);
        }
        return new Trainer(options, model, train, validation, cp.step(), cp.epoch(), cp.batchInEpoch(), outputDir);
    }

    // ------------------------------------------------------------------ control

    public void addListener(TrainingListener listener) {
        listeners.add(listener);
    }

    public void removeListener(TrainingListener listener) {
        listeners.remove(listener);
    }

    /** Starts the training thread (a daemon named "trainer"). */
    public void start() {
        lock.lock();
        try {
            if (started || state != TrainerState.NEW) {
                throw new IllegalStateException("this trainer was already started (state " + state
                        + "); create a new one or resume from a checkpoint");
            }
            started = true;
        } finally {
            lock.unlock();
        }
        Thread t = new Thread(this::run, "trainer");
        t.setDaemon(true);
        t.start();
    }

    /** Pauses at the next step boundary (no effect once ended). */
    public void pause() {
        signal(() -> pauseRequested = true);
    }

    /** Continues a paused run. */
    public void resume() {
        signal(() -> pauseRequested = false);
    }

    /** Ends the run at the next step boundary; a final checkpoint is written when there is an output folder. */
    public void stop() {
        boolean neverStarted;
        lock.lock();
        try {
            stopRequested = true;
            changed.signalAll();
            neverStarted = !started && state == TrainerState.NEW;
            if (neverStarted) {
                started = true; // start() now refuses
            }
        } finally {
            lock.unlock();
        }
        if (neverStarted) {
            setState(TrainerState.STOPPED, "stopped before it started");
            terminated.countDown();
        }
    }

    private void signal(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public TrainerState state() {
        return state;
    }

    public TrainingOptions options() {
        return options;
    }

    /** Steps taken so far (continues across resume). */
    public long step() {
        return step;
    }

    /** The 0-based epoch of the next step. */
    public int epoch() {
        return epoch;
    }

    /** The model being trained (its methods are thread-safe; prefer {@link #snapshot()} for a consistent copy). */
    public VaeModel model() {
        return model;
    }

    /** The last checkpoint known to be good, or null. */
    public Path lastGoodCheckpoint() {
        return lastGood;
    }

    /** A consistent copy of the model's state, taken between steps (waits at most one step). */
    public ModelState snapshot() {
        lock.lock();
        try {
            return model.state();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes a checkpoint of the state between two steps (atomically) and returns {@code file}.
     *
     * @throws CheckpointException when the file cannot be written or the parameters are not finite
     */
    public Path saveCheckpoint(Path file) {
        TrainingCheckpoint cp = capture();
        String bad = nonFinite(cp.model());
        if (bad != null) {
            throw new CheckpointException("not writing checkpoint " + file + ": parameter array '" + bad
                    + "' holds NaN or infinite values");
        }
        Checkpoints.save(file, cp);
        return file;
    }

    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private TrainingCheckpoint capture() {
        lock.lock();
        try {
            return new TrainingCheckpoint(options, model.state(), step, epoch, batchInEpoch);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ the training thread

    private void run() {
        try {
            if (outputDir != null) {
                log = new RunLog(outputDir);
            }
            setState(TrainerState.RUNNING, step == 0 ? "started" : "resumed at step " + step);
            boolean stopped = false;
            float[] buf = new float[train.batchSize() * 784];
            while (epoch < options.epochs()) {
                if (!awaitGo()) {
                    stopped = true;
                    break;
                }
                boolean ok = batchInEpoch < train.batchesPerEpoch() ? trainOneStep(buf) : endEpoch();
                if (!ok) {
                    return;
                }
            }
            if (!stopped) {
                stopped = stopRequested();
            }
            if (stopped && outputDir != null && !writeCheckpoint()) {
                return;
            }
            closeLog();
            setState(stopped ? TrainerState.STOPPED : TrainerState.FINISHED,
                    (stopped ? "stopped at step " : "finished at step ") + step);
        } catch (Throwable e) { // a crash of the data source, the model or the disk ends the run visibly
            String problem = e.getMessage() == null ? e.toString() : e.getMessage();
            fail(step, problem, "see the message; fix the cause and resume from the last good checkpoint");
        } finally {
            closeLog();
            terminated.countDown();
        }
    }

    /** Waits while paused; false when a stop was requested. */
    private boolean awaitGo() {
        boolean announced = false;
        lock.lock();
        try {
            while (pauseRequested && !stopRequested) {
                if (!announced) {
                    announced = true;
                    lock.unlock();
                    try {
                        if (log != null) {
                            log.flush();
                        }
                        setState(TrainerState.PAUSED, "paused at step " + step);
                    } finally {
                        lock.lock();
                    }
                    continue; // the request may have changed while the listeners ran
                }
                changed.awaitUninterruptibly();
            }
            if (stopRequested) {
                return false;
            }
        } finally {
            lock.unlock();
        }
        if (announced) {
            rateCount = 0; // the pause is not training time
            setState(TrainerState.RUNNING, "resumed at step " + step);
        }
        return true;
    }

    private boolean stopRequested() {
        lock.lock();
        try {
            return stopRequested;
        } finally {
            lock.unlock();
        }
    }

    private boolean trainOneStep(float[] buf) {
        double loss;
        int rows;
        int stepEpoch;
        long stepStart = System.nanoTime();
        lock.lock();
        try {
            stepEpoch = epoch;
            rows = train.fill(epoch, batchInEpoch, buf);
            loss = model.trainStep(buf, rows, NoiseSeeds.step(options.seed(), step + 1));
            if (Double.isFinite(loss)) {
                step++;
                batchInEpoch++;
            }
        } finally {
            lock.unlock();
        }
        if (!Double.isFinite(loss)) {
            fail(step + 1, "the training objective became " + loss + " at step " + (step + 1) + " (epoch "
                    + (epoch + 1) + ")", advice(options.spec()));
            return false;
        }
        long now = System.nanoTime();
        rateTimes[rateCount % RATE_WINDOW] = now;
        rateRows[rateCount % RATE_WINDOW] = rows;
        rateCount++;
        double rate = examplesPerSecond(stepStart);
        emaSum = EMA_DECAY * emaSum + (1 - EMA_DECAY) * loss;
        emaWeight = EMA_DECAY * emaWeight + (1 - EMA_DECAY);
        double running = emaSum / emaWeight; // bias-corrected: the first value is the first loss
        long remaining = (long) (options.epochs() - stepEpoch) * train.batchesPerEpoch() - batchInEpoch;
        double eta = rate > 0 ? remaining * (double) train.batchSize() / rate : Double.NaN;
        eta += (options.epochs() - stepEpoch) * lastValidationSeconds;
        if (log != null) {
            log.step(step, stepEpoch, loss, running, rate);
        }
        publish(new TrainingEvent.Step(step, stepEpoch, batchInEpoch / (double) train.batchesPerEpoch(), loss,
                running, rate, eta));
        return true;
    }

    /** Throughput over the last {@value #RATE_WINDOW} steps; the first step after a (re)start times itself. */
    private double examplesPerSecond(long stepStart) {
        int n = Math.min(rateCount, RATE_WINDOW);
        int newest = (rateCount - 1) % RATE_WINDOW;
        if (n < 2) {
            double seconds = (rateTimes[newest] - stepStart) / 1e9;
            return seconds > 0 ? rateRows[newest] / seconds : Double.NaN;
        }
        long rows = 0;
        for (int j = rateCount - n + 1; j < rateCount; j++) { // the steps that ended after the oldest timestamp
            rows += rateRows[j % RATE_WINDOW];
        }
        double seconds = (rateTimes[newest] - rateTimes[(rateCount - n) % RATE_WINDOW]) / 1e9;
        return seconds > 0 ? rows / seconds : Double.NaN;
    }

    private boolean endEpoch() {
        long t0 = System.nanoTime();
        Scores s = Evaluation.score(model, validation, options.validationSamples(), options.seed(), this::stopRequested);
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (s == null) {
            return true; // stopped while scoring: the epoch stays open and a resume scores it again
        }
        lastValidationSeconds = seconds;
        if (!s.finite()) {
            fail(step, "the validation scores are not finite after epoch " + (epoch + 1) + " (relaxed ELBO "
                    + s.relaxedElbo() + ", discrete ELBO " + s.discreteElbo() + ", NLL " + s.nll() + ")",
                    advice(options.spec()));
            return false;
        }
        int finished = epoch;
        if (log != null) {
            log.epoch(finished, step, s, seconds);
        }
        lock.lock();
        try {
            epoch++;
            batchInEpoch = 0;
        } finally {
            lock.unlock();
        }
        publish(new TrainingEvent.Epoch(finished, step, s.relaxedElbo(), s.discreteElbo(), s.nll()));
        return outputDir == null || writeCheckpoint();
    }

    /** Writes last.ckpt (keeping the former one as previous.ckpt); false (and FAILED) on non-finite parameters. */
    private boolean writeCheckpoint() {
        TrainingCheckpoint cp = capture();
        String bad = nonFinite(cp.model());
        if (bad != null) {
            fail(step, "parameter array '" + bad + "' holds NaN or infinite values at step " + step,
                    advice(options.spec()));
            return false;
        }
        Path last = outputDir.resolve(LAST);
        try {
            if (Files.exists(last)) {
                Path copy = Files.createTempFile(outputDir, "." + PREVIOUS + ".", ".tmp");
                try {
                    Files.copy(last, copy, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(copy, outputDir.resolve(PREVIOUS), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(copy);
                }
            }
        } catch (IOException e) {
            throw new CheckpointException("could not keep " + last + " as " + PREVIOUS + ": " + e.getMessage(), e);
        }
        Checkpoints.save(last, cp);
        lastGood = last;
        if (log != null) {
            log.flush();
        }
        publish(new TrainingEvent.CheckpointSaved(cp.step(), last));
        return true;
    }

    private void fail(long atStep, String problem, String advice) {
        Path good = lastGood;
        if (good == null && outputDir != null && Files.exists(outputDir.resolve(PREVIOUS))) {
            good = outputDir.resolve(PREVIOUS);
        }
        String fullAdvice = good == null ? advice : advice + "; then resume from " + good;
        state = TrainerState.FAILED;
        if (log != null) {
            try {
                log.flush();
            } catch (RuntimeException ignored) {
                // the failure being reported matters more than the log
            }
        }
        publish(new TrainingEvent.Failed(atStep, problem, fullAdvice, good));
        setState(TrainerState.FAILED, problem);
    }

    private void closeLog() {
        if (log != null) {
            log.close();
            log = null;
        }
    }

    /** The likely cause of a diverged run, judged from the spec. */
    static String advice(ModelSpec s) {
        if (s.lambdaPosterior() < 0.1) {
            return String.format(Locale.ROOT, "temperature λ1=%s is very low; raise it (the paper uses 2/3) or lower"
                    + " the learning rate (now %s)", s.lambdaPosterior(), s.learningRate());
        }
        if (s.lambdaPrior() < 0.1) {
            return String.format(Locale.ROOT, "temperature λ2=%s is very low; raise it (the paper uses 1/2) or lower"
                    + " the learning rate (now %s)", s.lambdaPrior(), s.learningRate());
        }
        if (s.learningRate() > 3e-3) {
            return String.format(Locale.ROOT, "the learning rate %s is high; lower it (the paper's models use 1e-3"
                    + " or less)", s.learningRate());
        }
        return String.format(Locale.ROOT, "lower the learning rate (now %s) or raise the temperatures (λ1=%s, λ2=%s)",
                s.learningRate(), s.lambdaPosterior(), s.lambdaPrior());
    }

    /** The name of the first array holding a NaN or infinity, or null. */
    static String nonFinite(ModelState state) {
        for (var e : state.arrays().entrySet()) {
            for (float v : e.getValue().values()) {
                if (!Float.isFinite(v)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private void setState(TrainerState s, String message) {
        state = s;
        publish(new TrainingEvent.StateChanged(s, message));
    }

    /** Calls every listener on this thread; a listener's exception is reported once and never ends training. */
    private void publish(TrainingEvent event) {
        for (TrainingListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                if (complained.add(l)) {
                    System.err.println("trainer: a listener failed on " + event.getClass().getSimpleName() + " (reported"
                            + " once; training goes on): " + e);
                }
            }
        }
    }
}
