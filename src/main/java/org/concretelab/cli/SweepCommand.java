package org.concretelab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.concretelab.data.DataFileException;
import org.concretelab.data.MnistFiles;
import org.concretelab.sweep.JobResult;
import org.concretelab.sweep.JobRunner;
import org.concretelab.sweep.LocalEngine;
import org.concretelab.sweep.ResultsTable;
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
            "epochs, eval-k, eval-limit and seeds. Each job trains in its own folder under",
            "the results root; results.csv and results.md there give each job's test NLL",
            "beside the paper's. Running a sweep again skips finished jobs and resumes",
            "interrupted ones from their checkpoints."})
public final class SweepCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "sweep file (see sweeps/*.sweep)")
    Path specFile;

    @Option(names = "--root", description = "results root (default: runs/sweep-<file name>)")
    Path root;

    @Option(names = "--parallel", description = "jobs at a time, one core each (default: ${DEFAULT-VALUE})")
    int parallel = Math.max(1, Runtime.getRuntime().availableProcessors());

    @Option(names = "--data", description = "MNIST folder (default: ${DEFAULT-VALUE})")
    Path dataDir = MnistFiles.defaultDir();

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
        Path results = root != null ? root : Path.of("runs", "sweep-" + specFile.getFileName().toString().replaceFirst("\\.[^.]*$", ""));
        List<SweepJob> jobs = spec.jobs();
        System.out.printf("Sweep %s: %d jobs (%d epochs each, test NLL at k = %d), %d at a time, into %s%n", specFile,
                jobs.size(), spec.epochs(), spec.evalK(), Math.min(parallel, jobs.size()), results.toAbsolutePath());
        JobRunner runner = new JobRunner(results, spec, dataDir, JobRunner.thisJvm(org.concretelab.Main.class.getName()));
        Thread stop = new Thread(runner::stopAll, "sweep-stop"); // Ctrl+C: the trainings stop at their checkpoints
        Runtime.getRuntime().addShutdownHook(stop);
        List<JobResult> outcome;
        try (SweepLock lock = SweepLock.take(results)) {
            if (lock == null) {
                System.err.println("error: another sweep is running in " + results.toAbsolutePath() + "; wait for it, or"
                        + " give this one its own --root");
                return 1;
            }
            outcome = new LocalEngine(parallel).run(jobs, runner, line -> System.out.println(line));
            ResultsTable.write(results, spec, jobs, outcome);
        } catch (DataFileException e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
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
