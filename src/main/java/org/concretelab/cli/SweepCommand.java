package org.concretelab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.concretelab.data.ChecksumCache;
import org.concretelab.data.DataFileException;
import org.concretelab.data.Dataset;
import org.concretelab.data.Datasets;
import org.concretelab.data.MnistFiles;
import org.concretelab.data.MnistSplits;
import org.concretelab.model.ModelSpec;
import org.concretelab.sweep.CostEstimate;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.JobRunner;
import org.concretelab.sweep.LocalEngine;
import org.concretelab.sweep.ProgressWatch;
import org.concretelab.sweep.ResultsTable;
import org.concretelab.sweep.SweepEngine;
import org.concretelab.sweep.SweepEngineProvider;
import org.concretelab.sweep.SweepJob;
import org.concretelab.sweep.SweepSpec;
import org.concretelab.train.IoProblems;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sweep}: trains and scores every configuration of a grid file, then writes one results table. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Train and evaluate every combination of a grid of train options.",
            "A sweep file has 'key: value, value, ...' lines (keys: train's options), plus",
            "epochs, eval-k, eval-limit and seeds; a line '---' starts another grid (the lines",
            "above the first '---' hold for every grid). Each job trains in its own folder under",
            "the results root; results.csv and results.md there give each job's test NLL",
            "beside the paper's. Running a sweep again skips finished jobs and resumes",
            "interrupted ones from their checkpoints. With the Spark build",
            "(concrete-explorer-spark.jar) the jobs run on Apache Spark: local[N] by default,",
            "a cluster with --master or spark-submit."})
public final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "sweep file (see sweeps/*.sweep)")
    Path specFile;

    @Option(names = "--root", description = "results root (default: runs/sweep-<file name>)")
    Path root;

    @Option(names = "--parallel", description = "jobs at a time, one core each (default: ${DEFAULT-VALUE})")
    int parallel = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--data", description = "MNIST folder (default: ${DEFAULT-VALUE}); the other datasets' folders are its"
            + " siblings named after them (data/fashion-mnist beside data/mnist); on a cluster, a path every node sees")
    Path dataDir = MnistFiles.defaultDir();

    @Option(names = "--master", description = "Spark master: local[N], spark://host:port, ... (the Spark build only; default"
            + " there: spark-submit's --master, else local[--parallel])")
    String master;

    @Option(names = "--progress", description = "seconds between progress lines of each running job (0 = none; default:"
            + " ${DEFAULT-VALUE})")
    double progressSeconds = 5;

    @Option(names = "--dry-run", description = "list the jobs and estimate the sweep's cost; run nothing")
    boolean dryRun;

    @Override
    public Integer call() throws InterruptedException {
        if (parallel < 1) {
            System.err.println("error: --parallel must be at least 1, was " + parallel);
            return 2;
        }
        CommandLine.Model.CommandSpec train = new CommandLine(new TrainCommand()).getCommandSpec();
        SweepSpec spec;
        try {
            spec = SweepSpec.read(specFile, name -> train.findOption(name) != null);
        } catch (IOException e) {
            System.err.println("error: cannot read the sweep file " + specFile + ": " + IoProblems.reason(e));
            return 1;
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        SweepEngine engine;
        try {
            engine = engine();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalStateException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        }
        // absolute: a Spark executor works in a folder of its own
        Path results = (root != null ? root : Path.of("runs", "sweep-" + specFile.getFileName().toString()
                .replaceFirst("\\.[^.]*$", ""))).toAbsolutePath();
        if (Files.exists(results) && !Files.isDirectory(results)) {
            System.err.println("error: --root " + results + " is a file, not a folder; give a folder for the sweep's results");
            return 2;
        }
        List<SweepJob> jobs = spec.jobs();
        System.out.printf("Sweep %s: %d jobs (%d epochs each, test NLL at k = %d), %s, into %s%n", specFile,
                jobs.size(), spec.epochs(), spec.evalK(), engine.describe(jobs.size()), results);
        JobRunner runner = new JobRunner(results, spec, dataDir.toAbsolutePath(),
                JobRunner.thisJvm(org.concretelab.Main.class.getName()));
        if (dryRun) {
            try {
                List<SweepJob> refused = refused(jobs, runner);
                CostEstimate cost = estimate(spec, jobs, runner, refused);
                for (int i = 0; i < jobs.size(); i++) {
                    System.out.println(jobs.get(i).tag(i, jobs.size())
                            + cost.jobCost(jobs.get(i).id()).map(c -> ": " + c).orElse(""));
                }
                cost.lines().forEach(System.out::println);
                refusedLine(refused.size()).ifPresent(System.out::println);
                return 0;
            } catch (DataFileException e) {
                System.err.println("error: " + e.getMessage());
                return 1;
            }
        }
        java.util.concurrent.CountDownLatch said = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopSaid = new java.util.concurrent.atomic.AtomicBoolean();
        Runnable sayStopped = () -> {
            if (stopSaid.compareAndSet(false, true)) {
                System.out.println("sweep stopped: the trainings kept their checkpoints; run the same command to continue");
                System.out.flush();
            }
        };
        Thread stop = new Thread(() -> { // Ctrl+C: the trainings stop at their checkpoints
            runner.stopAll();
            try { // the JVM halts when the hook returns: let the sweep say how it ended first
                if (!said.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    sayStopped.run(); // the main thread is busy (scoring a job, checking the data): say it here
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sweep-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        List<JobResult> outcome;
        try (SweepLock lock = SweepLock.take(results)) {
            if (lock == null) {
                System.err.println("error: another sweep is running in " + results.toAbsolutePath() + "; wait for it, or"
                        + " give this one its own --root");
                return 1;
            }
            // here, not in every job: on a cluster a wrong --data would fail each task four times before Spark gave up
            for (Dataset d : JobRunner.datasets(jobs)) {
                MnistFiles.requireVerified(d, runner.dataDir(d), ChecksumCache.standard());
            }
            List<SweepJob> refused = refused(jobs, runner);
            estimate(spec, jobs, runner, refused).lines().forEach(System.out::println);
            refusedLine(refused.size()).ifPresent(System.out::println);
            try (ProgressWatch watch = ProgressWatch.start(results, jobs, spec.epochs(),
                    Duration.ofMillis(Math.round(progressSeconds * 1000)), System.out::println)) {
                outcome = engine.run(jobs, runner, System.out::println);
            }
            ResultsTable.write(results, spec, jobs, outcome);
        } catch (InterruptedException stopped) { // Ctrl+C / SIGTERM: the hook has stopped the trainings at their checkpoints
            sayStopped.run();
            said.countDown();
            return 130; // what an in-process caller sees; a stopped process exits with its signal's status (130, 143)
        } catch (DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("error: cannot write the sweep's results under " + results + ": " + IoProblems.reason(e));
            return 1;
        } catch (IllegalStateException engineFailed) { // e.g. Spark gave up on a job or lost its cluster
            System.err.println("error: " + engineFailed.getMessage());
            return 1;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: nothing to remove
            }
        }
        System.out.println();
        try {
            System.out.print(Files.readString(results.resolve(ResultsTable.MARKDOWN)));
        } catch (IOException e) {
            System.err.println("error: cannot read back " + results.resolve(ResultsTable.MARKDOWN) + ": " + e.getMessage());
            return 1;
        }
        System.out.println("Tables: " + results.resolve(ResultsTable.CSV) + ", " + results.resolve(ResultsTable.MARKDOWN));
        long notDone = outcome.stream().filter(r -> r.status() != JobResult.Status.DONE).count();
        return notDone == 0 ? 0 : 4;
    }

    /** The Spark build's engine when it is on the class path, else this machine's threads. */
    private SweepEngine engine() {
        Optional<SweepEngineProvider> spark = SweepEngineProvider.find();
        if (spark.isPresent()) {
            return spark.get().create(master, parallel);
        }
        if (master != null) {
            throw new IllegalArgumentException("--master runs the sweep on Apache Spark, which this jar leaves out (the app"
                    + " stays small); build the Spark one (see the README, Sweeps) and run the same command with java -jar"
                    + " spark/target/concrete-explorer-spark.jar, or drop --master to run the jobs on this machine");
        }
        return new LocalEngine(parallel);
    }

    /** The jobs whose folders the sweep refuses (models with the old EMA centring): each checkpoint header read once. */
    private static List<SweepJob> refused(List<SweepJob> jobs, JobRunner runner) {
        return jobs.stream().filter(j -> runner.otherCentring(j).isPresent()).toList();
    }

    /** A line on the job folders the sweep refuses, when there are any. */
    private static Optional<String> refusedLine(int refused) {
        return refused == 0 ? Optional.empty() : Optional.of(String.format(Locale.ROOT, "  %d of these jobs' folders hold a"
                + " model trained with the EMA centring of builds before 2026-12-07 12:50 UTC: the sweep refuses those jobs (not"
                + " run, not counted above; the folders stay as they are); run the sweep into a new --root to train them",
                refused));
    }

    /** The cost of the jobs still to run, each read as train reads its options (a combination it refuses: free). */
    private CostEstimate estimate(SweepSpec spec, List<SweepJob> jobs, JobRunner runner, List<SweepJob> refusedJobs) {
        List<CostEstimate.Job> toRun = new ArrayList<>();
        int done = 0;
        for (SweepJob job : jobs) {
            if (refusedJobs.contains(job)) {
                continue; // not run: refusedLine says so
            }
            if (runner.finished(job).isPresent()) {
                done++;
                continue;
            }
            TrainCommand t = new TrainCommand();
            Optional<ModelSpec> model;
            try {
                List<String> args = job.trainArgs(Path.of("."), spec.epochs());
                new CommandLine(t).parseArgs(args.subList(1, args.size()).toArray(String[]::new)); // after "train"
                model = Optional.of(t.model.spec());
            } catch (CommandLine.ParameterException | IllegalArgumentException refused) {
                model = Optional.empty();
            }
            Dataset d = datasetOf(job);
            toRun.add(new CostEstimate.Job(job.id(), model, limit(t.trainLimit, d.trainSize()),
                    limit(t.validationLimit, d.validationSize()), t.validationSamples, runner.epochsDone(job)));
        }
        // the evaluation's images: the first job's dataset's test set (a grid over datasets differs by a few per cent)
        int test = jobs.isEmpty() ? MnistSplits.TEST : datasetOf(jobs.get(0)).testSize();
        return CostEstimate.of(toRun, done, spec.epochs(), spec.evalK(), limit(spec.evalLimit(), test), parallel);
    }

    /** A limit option's images: 0 (or more than there are) means all. */
    /** A job's dataset; one naming no known dataset is train's to refuse, and costs as the default's until then. */
    private static Dataset datasetOf(SweepJob job) {
        try {
            return JobRunner.dataset(job);
        } catch (IllegalArgumentException unknown) {
            return Datasets.defaultDataset();
        }
    }

    private static int limit(int limit, int available) {
        return limit <= 0 ? available : Math.min(limit, available);
    }

    /** One sweep at a time in a results root: two would train the same jobs in the same folders. */
    private static final class SweepLock implements AutoCloseable {
        private final java.nio.channels.FileChannel channel;
        private final java.nio.channels.FileLock lock;

        private SweepLock(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        /** The root's lock, or null when another sweep holds it. */
        static SweepLock take(Path root) throws IOException {
            Files.createDirectories(root);
            var channel = java.nio.channels.FileChannel.open(root.resolve(".sweep.lock"),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
            try {
                var lock = channel.tryLock();
                if (lock != null) {
                    return new SweepLock(channel, lock);
                }
            } catch (java.nio.channels.OverlappingFileLockException heldHere) {
                // another sweep in this JVM holds it
            }
            channel.close();
            return null;
        }

        @Override
        public void close() throws IOException {
            lock.release();
            channel.close();
        }
    }
}
