package org.concretelab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.lang.module.ModuleFinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.concretelab.data.ImageSet;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.Centring;
import org.concretelab.model.PaperResults;
import org.concretelab.model.VaeModel;
import org.concretelab.model.VaeModels;
import org.concretelab.platform.NativeEnvironment;
import org.concretelab.train.AtomicFiles;
import org.concretelab.train.CheckpointException;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.Evaluation;
import org.concretelab.train.RunFolder;
import org.concretelab.train.TrainingCheckpoint;

/**
 * Runs one job of a sweep in its folder under the results root: trains it with {@code train} in a child JVM (its
 * output in {@value #LOG}; a folder that holds a checkpoint is resumed from it, so an interrupted job continues
 * where it stopped), then scores the last checkpoint on the test set ({@link Evaluation}, one thread) and writes
 * {@link JobResult#FILE}. A job already done at the sweep's length and evaluation is not run again. Thread-safe: a
 * sweep runs several jobs at once, each in its own folder.
 */
public final class JobRunner {
    public static final String LOG = "train.log";
    /** Training wall time summed over the sweep runs that trained the job (a killed one adds what it had done). */
    static final String TRAIN_SECONDS = "train-seconds.txt";
    /** How long {@link #stopAll} waits for the trainings to checkpoint and exit. */
    static final Duration STOP_WAIT = Duration.ofSeconds(60);
    /** train's exit code for options it refuses. */
    private static final int INVALID_OPTIONS = 2;

    /**
     * How long a job waits for its folder when a training still holds it: after a Spark executor died, the training
     * it started stops at its next step and writes its checkpoint (it watches its parent) while Spark already runs
     * the job again elsewhere.
     */
    static final Duration FOLDER_WAIT = Duration.ofMinutes(3);

    private final Path root;
    private final SweepSpec spec;
    private final Path dataDir;
    private final List<String> javaCommand;
    private final Duration folderWait;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    /** Set by {@link #stopAll}: the trainings stop and no job starts. */
    private volatile boolean stopping;
    /** Each dataset's splits, loaded once when a job first needs them. */
    private final Map<Dataset, MnistSplits> data = new ConcurrentHashMap<>();

    /**
     * @param javaCommand how to start this program in a child JVM, up to and including its main class (e.g. java,
     *                    -cp, the class path, org.concretelab.Main)
     */
    public JobRunner(Path root, SweepSpec spec, Path dataDir, List<String> javaCommand) {
        this(root, spec, dataDir, javaCommand, FOLDER_WAIT);
    }

    JobRunner(Path root, SweepSpec spec, Path dataDir, List<String> javaCommand, Duration folderWait) {
        this.root = root;
        this.spec = spec;
        this.dataDir = dataDir;
        this.javaCommand = List.copyOf(javaCommand);
        this.folderWait = folderWait;
    }

    /** This JVM's own java with a class path that holds {@code mainClass} (see {@link #classPath}), then the class. */
    public static List<String> thisJvm(String mainClass) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        if (ModuleFinder.ofSystem().find("jdk.incubator.vector").isPresent()) {
            command.add("--add-modules=jdk.incubator.vector"); // the SIMD kernels (model/vector); a child does not relaunch
        }
        command.addAll(List.of("-cp", classPath(mainClass), mainClass));
        return List.copyOf(command);
    }

    /**
     * This JVM's class path when its system class loader finds {@code mainClass} (java -jar, the CLI, tests);
     * otherwise the jar the class was loaded from, then this JVM's class path: a Spark executor loads the application's
     * jar (this program with the libraries Spark does not bring) through a class loader of its own, while its class
     * path holds Spark and the libraries the two share.
     */
    static String classPath(String mainClass) {
        String own = System.getProperty("java.class.path");
        String resource = mainClass.replace('.', '/') + ".class";
        if (ClassLoader.getSystemClassLoader().getResource(resource) != null) {
            return own;
        }
        try {
            Class<?> main = Class.forName(mainClass, false, JobRunner.class.getClassLoader());
            return Path.of(main.getProtectionDomain().getCodeSource().getLocation().toURI()) + java.io.File.pathSeparator + own;
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException unknown) {
            return own; // the child's own error will name the class it could not find
        }
    }

    public Path root() {
        return root;
    }

    public SweepSpec spec() {
        return spec;
    }

    /** MNIST's folder; the other datasets' folders are its siblings named after them ({@link #dataDir(Dataset)}). */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * {@code d}'s folder: the runner's {@code dataDir} for MNIST, the sibling named after {@code d} for another dataset
     * ({@code data/fashion-mnist} beside {@code data/mnist}, as {@link Dataset#defaultDir()} puts them), so one
     * {@code --data} serves a grid over datasets, also on a cluster.
     */
    public Path dataDir(Dataset d) {
        return d == Datasets.MNIST ? dataDir : dataDir.resolveSibling(d.name());
    }

    /** The dataset {@code job} trains on: its {@code dataset} key, else the default. */
    public static Dataset dataset(SweepJob job) {
        String name = job.options().get("dataset");
        return name == null ? Datasets.defaultDataset() : Datasets.named(name);
    }

    /** The datasets of {@code jobs}, in their order of first appearance; a name no dataset has is skipped. */
    public static List<Dataset> datasets(List<SweepJob> jobs) {
        java.util.LinkedHashSet<Dataset> out = new java.util.LinkedHashSet<>();
        for (SweepJob j : jobs) {
            try {
                out.add(dataset(j));
            } catch (IllegalArgumentException unknown) {
                // train refuses it: that job is invalid, not the sweep
            }
        }
        return List.copyOf(out);
    }

    public Path folder(SweepJob job) {
        return root.resolve(job.id());
    }

    /**
     * Epochs the job's folder's {@code last.ckpt} holds, which a run of it resumes after: 0 when there is none, or it
     * cannot be read (the run will say why); at most the sweep's epochs (for an estimate, not a promise; a job that is
     * {@link #finished} is the caller's to leave out).
     */
    public int epochsDone(SweepJob job) {
        Path last = folder(job).resolve("last.ckpt");
        if (!Files.isRegularFile(last)) {
            return 0;
        }
        try {
            return Math.min(Checkpoints.header(last).epoch(), spec.epochs());
        } catch (CheckpointException unreadable) {
            return 0;
        }
    }

    /**
     * The job's result if it is done at this sweep's length and evaluation: then it is not run again. Never when the
     * folder's model has the EMA centring of format-2 checkpoints ({@link #otherCentring}).
     */
    public Optional<JobResult> finished(SweepJob job) {
        return otherCentring(job).isPresent() ? Optional.empty() : doneResult(job);
    }

    /** The folder's result if it is done at this sweep's length and evaluation, whatever model the folder holds. */
    private Optional<JobResult> doneResult(SweepJob job) {
        return JobResult.read(folder(job)).filter(r -> r.status() == JobResult.Status.DONE && r.epochs() == spec.epochs()
                && r.k() == spec.evalK() && r.images() == images(testSize(job)));
    }

    /**
     * Why the job's folder cannot serve it although its name matches: its model was trained with the EMA centring of
     * builds before 2026-12-07 12:50 UTC (checkpoint format 2), which no job of this build trains — whether the job
     * asks for centring by {@code ema-centring} or by {@code protocol: paper}, the same job name then meant another
     * model. Neither reused nor resumed nor overwritten; the folder is left as it is.
     */
    public Optional<String> otherCentring(SweepJob job) {
        Path dir = folder(job);
        Path checkpoint = Files.isRegularFile(dir.resolve(RunFolder.LAST)) ? dir.resolve(RunFolder.LAST)
                : dir.resolve(RunFolder.PREVIOUS); // a save killed between the two renames leaves only this one
        if (!Files.isRegularFile(checkpoint)) {
            return Optional.empty();
        }
        try {
            if (Checkpoints.header(checkpoint).options().spec().centring() != Centring.EVERY_READER) {
                return Optional.empty();
            }
        } catch (CheckpointException unreadable) {
            return Optional.empty(); // the run reports it
        }
        return Optional.of(dir + " holds a model trained with the EMA centring of builds before 2026-12-07 12:50 UTC"
                + " (every network reading a stochastic layer), which this build no longer trains; run the sweep into a new"
                + " results root (this folder is left as it is)");
    }

    /**
     * Trains (or resumes) and scores {@code job}; returns and records its result. Whatever goes wrong with this job (its
     * folder, its files, its training, its scoring) is its own failed result, never an exception: the sweep's other jobs
     * run on and its tables are written. Only an interrupt (the sweep stopped) ends it otherwise.
     */
    public JobResult run(SweepJob job) throws IOException, InterruptedException {
        Path dir = folder(job);
        if (stopping) {
            throw new InterruptedException("the sweep is stopping: " + job.id() + " not started");
        }
        try {
            return attempt(job);
        } catch (InterruptedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            JobResult failed = JobResult.notDone(job.id(), JobResult.Status.FAILED, reason(dir, e), trainSeconds(dir));
            if (Files.isDirectory(dir)) {
                try {
                    failed.write(dir);
                } catch (IOException | RuntimeException unwritable) {
                    // the row in the sweep's tables still says why
                }
            }
            return failed;
        }
    }

    /** Why a job failed, in a sentence that names the file: no exception class names. */
    static String reason(Path dir, Throwable e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException || (e instanceof java.nio.file.FileSystemException
                && Files.exists(dir) && !Files.isDirectory(dir))) {
            return dir + " is a file, not the job's folder; move it away, then run the sweep again";
        }
        if (e instanceof IOException io) {
            return "cannot use " + dir + ": " + org.concretelab.train.IoProblems.reason(io);
        }
        String m = e.getMessage();
        return m != null && !m.isBlank() ? m.lines().findFirst().orElse(m) + " (in " + dir + ")"
                : e.getClass().getSimpleName() + " while running the job in " + dir;
    }

    private JobResult attempt(SweepJob job) throws IOException, InterruptedException {
        Optional<String> other = otherCentring(job); // read once: it opens the checkpoint's header
        if (other.isPresent()) { // not recorded: the folder's own result stays
            return JobResult.notDone(job.id(), JobResult.Status.FAILED, other.get(), 0);
        }
        Optional<JobResult> done = doneResult(job);
        if (done.isPresent()) {
            return done.get();
        }
        Path dir = folder(job);
        Files.createDirectories(dir);
        Optional<String> holder = awaitFolder(dir);
        if (holder.isPresent()) {
            return record(dir, JobResult.notDone(job.id(), JobResult.Status.FAILED, dir + " stayed in use by another training"
                    + " (" + holder.get() + ") for " + folderWait.toSeconds() + " s; stop it, then run the sweep again",
                    trainSeconds(dir)));
        }
        Files.deleteIfExists(dir.resolve(JobResult.FILE)); // a result of another length or evaluation
        Path last = dir.resolve("last.ckpt");
        List<String> args = null;
        if (Files.isRegularFile(last)) {
            TrainingCheckpoint cp;
            try {
                cp = Checkpoints.load(last);
            } catch (CheckpointException e) {
                return record(dir, JobResult.notDone(job.id(), JobResult.Status.FAILED, e.getMessage(), trainSeconds(dir)));
            }
            if (cp.epoch() < spec.epochs()) {
                note(dir, String.format(Locale.ROOT, "resuming from %s at step %d (%d of %d epochs done) on %s",
                        last.getFileName(), cp.step(), cp.epoch(), spec.epochs(), host()));
                args = List.of("train", "--resume", last.toString(), "--epochs", Integer.toString(spec.epochs()), "--quiet");
            }
        } else {
            args = new ArrayList<>(job.trainArgs(dir, spec.epochs()));
            args.add("--overwrite"); // the job's own folder: logs of a run killed before its first checkpoint go
        }
        if (args != null) {
            List<String> command = new ArrayList<>(javaCommand);
            command.addAll(args);
            command.addAll(List.of("--data", dataDir(datasetOrDefault(job)).toString(), "--threads", "1")); // one job per core
            int exit = train(command, dir);
            if (exit != 0 && (stopping || stoppedWithTheSweep(exit))) { // at its checkpoint: not a failure of the job
                throw new InterruptedException("the sweep is stopping: the training in " + dir + " stopped at its checkpoint");
            }
            if (exit != 0) {
                String why = lastError(dir.resolve(LOG));
                return record(dir, JobResult.notDone(job.id(), exit == INVALID_OPTIONS ? JobResult.Status.INVALID
                        : JobResult.Status.FAILED, why, trainSeconds(dir)));
            }
        }
        return record(dir, evaluate(job, last, trainSeconds(dir)));
    }

    private int train(List<String> command, Path dir) throws IOException, InterruptedException {
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(LOG).toFile()));
        builder.environment().putAll(NativeEnvironment.childEnvironment()); // one core; ends when this process does
        Process p;
        synchronized (running) { // with stopAll: a training starts before the stop (and is stopped) or not at all
            if (stopping) {
                throw new InterruptedException("the sweep is stopping: no new training in " + dir);
            }
            p = builder.start();
            running.add(p);
        }
        try {
            return p.waitFor();
        } finally {
            if (p.isAlive()) { // interrupted: the child stops with its last checkpoint kept
                p.destroy();
            }
            try {
                addTrainSeconds(dir, (System.nanoTime() - start) / 1e9);
            } finally {
                running.remove(p); // after the seconds are written: stopAll waits for this
            }
        }
    }

    /** Waits while a training holds {@code dir}; returns its holder if it still does after {@link #folderWait}. */
    private Optional<String> awaitFolder(Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + folderWait.toNanos();
        Optional<String> holder = RunFolder.holder(dir);
        if (holder.isPresent()) {
            note(dir, "waiting for " + holder.get() + " to release this folder (an earlier attempt's training, stopping)");
        }
        while (holder.isPresent() && System.nanoTime() < deadline) {
            Thread.sleep(250);
            holder = RunFolder.holder(dir);
        }
        return holder;
    }

    /** A line of the sweep's own in the job's log, between train's outputs. */
    private static void note(Path dir, String line) throws IOException {
        Files.writeString(dir.resolve(LOG), "sweep: " + line + System.lineSeparator(), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + ", pid " + ProcessHandle.current().pid();
        } catch (java.net.UnknownHostException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }

    /**
     * Whether a training that ended on SIGINT or SIGTERM (exit 130, 143) was stopped with the sweep: Ctrl+C in a
     * terminal reaches the trainings (the sweep's process group) as it reaches the sweep, and one may end before the
     * sweep's hook has set {@link #stopping}; wait a moment for it. A training stopped alone stays a failed job.
     */
    private boolean stoppedWithTheSweep(int exit) throws InterruptedException {
        if (exit != 130 && exit != 143) {
            return false;
        }
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (!stopping && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return stopping;
    }

    /** Whether {@link #stopAll} has been called: a job not started by then never will be. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * Stops every training this runner started (e.g. when the sweep itself is stopped); their checkpoints stay. Waits (up
     * to {@code STOP_WAIT}) until each attempt has added its seconds to its folder's training time: called from a
     * shutdown hook, returning at once let the JVM halt first, and a job resumed after a stop reported only its last
     * attempt's time.
     */
    public void stopAll() {
        synchronized (running) {
            stopping = true; // no job starts after this: the workers' next run() is interrupted
            running.forEach(Process::destroy);
        }
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private JobResult evaluate(SweepJob job, Path last, double trainSeconds) throws IOException {
        TrainingCheckpoint cp;
        try {
            cp = Checkpoints.load(last);
        } catch (CheckpointException e) {
            return JobResult.notDone(job.id(), JobResult.Status.FAILED, e.getMessage(), trainSeconds);
        }
        long start = System.nanoTime();
        VaeModel model = VaeModels.restore(cp.model());
        ImageSet test = data(cp.options().dataset()).test();
        int images = images(test.size());
        Map<String, Double> scores = Evaluation.score(model, test, 0, images, spec.evalK(), 1, 1, done -> { });
        double nll = scores.get("nll");
        double paper = cp.options().dataset() != Datasets.MNIST ? Double.NaN // the paper's figures are MNIST's
                : PaperResults.testNll(cp.options().spec()).orElse(Double.NaN);
        if (!Double.isFinite(nll)) {
            return JobResult.notDone(job.id(), JobResult.Status.FAILED, "the trained model scores a non-finite NLL", trainSeconds);
        }
        return new JobResult(job.id(), JobResult.Status.DONE, cp.options().spec().describe(), nll, paper, spec.evalK(), images,
                cp.epoch(), trainSeconds, (System.nanoTime() - start) / 1e9, "");
    }

    private int images(int available) {
        return spec.evalLimit() == 0 ? available : Math.min(spec.evalLimit(), available);
    }

    private MnistSplits data(Dataset d) {
        return data.computeIfAbsent(d, k -> MnistSplits.load(k, dataDir(k)));
    }

    /** The test images a finished job was scored on: its dataset's test set, without loading it. */
    private static int testSize(SweepJob job) {
        return datasetOrDefault(job).testSize();
    }

    /** A job naming an unknown dataset is train's to refuse (an invalid row): until then it reads as the default. */
    private static Dataset datasetOrDefault(SweepJob job) {
        try {
            return dataset(job);
        } catch (IllegalArgumentException unknown) {
            return Datasets.defaultDataset();
        }
    }

    private static JobResult record(Path dir, JobResult r) throws IOException {
        r.write(dir);
        return r;
    }

    private static double trainSeconds(Path dir) {
        try {
            return Double.parseDouble(Files.readString(dir.resolve(TRAIN_SECONDS)).strip());
        } catch (IOException | NumberFormatException none) {
            return 0;
        }
    }

    private static void addTrainSeconds(Path dir, double seconds) throws IOException {
        double total = trainSeconds(dir) + seconds;
        AtomicFiles.write(dir.resolve(TRAIN_SECONDS), out -> out.write(Double.toString(total).getBytes(StandardCharsets.UTF_8)));
    }

    /** The last "error: …" line train wrote, or the log's last line that is not a stack frame (a crash's exception). */
    private static String lastError(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String lastLine = "";
            String error = null;
            for (String l : lines) {
                if (l.startsWith("error: ")) {
                    error = l.substring(7);
                }
                if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
                    lastLine = l;
                }
            }
            return error != null ? error : lastLine;
        } catch (IOException e) {
            return "train failed; its log " + log + " cannot be read";
        }
    }
}
