package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.MnistFiles;
import org.concretelab.train.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job whose folder a training still holds — an earlier attempt's, stopping after its Spark executor died — waits
 * for it rather than failing on the lock, and gives up with the holder's name when it never lets go.
 */
class JobRunnerTest {
    @TempDir
    Path root;

    private static final SweepSpec SPEC = new SweepSpec(Map.of("units", List.of("8"), "hidden", List.of("16"), "batch",
            List.of("20"), "train-limit", List.of("200"), "val-limit", List.of("40"), "val-samples", List.of("5")), 1, 5, 100,
            List.of(1L));

    private JobRunner runner(Duration wait) {
        return new JobRunner(root, SPEC, MnistFiles.defaultDir(), JobRunner.thisJvm("org.concretelab.Main"), wait);
    }

    @Test
    void aJobWaitsForTheTrainingThatHoldsItsFolder() throws Exception {
        SweepJob job = SPEC.jobs().get(0);
        Path dir = root.resolve(job.id());
        RunFolder held = RunFolder.forNewRun(dir, false);
        CompletableFuture<JobResult> result = CompletableFuture.supplyAsync(() -> {
            try {
                return runner(Duration.ofMinutes(1)).run(job);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(1500);
        assertTrue(!result.isDone(), "still waiting");
        held.close();
        JobResult r = result.get(2, TimeUnit.MINUTES);
        assertEquals(JobResult.Status.DONE, r.status(), r.toString());
        assertTrue(Files.readString(dir.resolve(JobRunner.LOG)).startsWith("sweep: waiting for this process, pid "
                + ProcessHandle.current().pid() + " to release this folder"), Files.readString(dir.resolve(JobRunner.LOG)));
    }

    /**
     * A results root of builds before 2026-12-07 12:50 UTC: its centred jobs' models have the old centring under the same job
     * name. A sweep asking for the paper's neither reuses the finished result nor resumes the checkpoint, and leaves the
     * folder as it was.
     */
    @Test
    void aJobCentredTheOldWayIsNeitherReusedNorResumed() throws Exception {
        // centring asked for by the paper's protocol, not by ema-centring: the folder is refused all the same
        SweepSpec centred = new SweepSpec(Map.of("units", List.of("8"), "hidden", List.of("16"), "protocol",
                List.of("paper")), 1, 5, 100, List.of(1L));
        SweepJob job = centred.jobs().get(0);
        Path dir = root.resolve(job.id());
        Files.createDirectories(dir);
        ResultsRootFixture.oldCentringCheckpoint(dir.resolve("last.ckpt"));
        JobResult old = JobResult.notDone(job.id(), JobResult.Status.DONE, "", 12);
        old.write(dir);
        String before = Files.readString(dir.resolve(JobResult.FILE));
        JobRunner runner = new JobRunner(root, centred, MnistFiles.defaultDir(), JobRunner.thisJvm("org.concretelab.Main"),
                Duration.ofSeconds(1));
        assertTrue(runner.finished(job).isEmpty(), "not reused");
        JobResult r = runner.run(job);
        assertEquals(JobResult.Status.FAILED, r.status());
        assertTrue(r.message().contains("EMA centring of builds before 2026-12-07 12:50 UTC") && r.message().contains("new results root"),
                r.message());
        assertEquals(before, Files.readString(dir.resolve(JobResult.FILE)), "the old result is left as it was");
        Files.move(dir.resolve("last.ckpt"), dir.resolve("previous.ckpt")); // a save killed between its renames
        assertEquals(JobResult.Status.FAILED, runner.run(job).status(), "not overwritten by a fresh run either");
        assertTrue(Files.isRegularFile(dir.resolve("previous.ckpt")) && !Files.exists(dir.resolve("last.ckpt")));
    }

    @Test
    void aJobCutShortCountsTheEpochsItsCheckpointHolds() throws Exception {
        SweepSpec fifty = new SweepSpec(Map.of("units", List.of("8")), 50, 5, 100, List.of(1L));
        SweepJob job = fifty.jobs().get(0);
        JobRunner runner = new JobRunner(root, fifty, MnistFiles.defaultDir(), JobRunner.thisJvm("org.concretelab.Main"),
                Duration.ofSeconds(1));
        assertEquals(0, runner.epochsDone(job), "no folder");
        Path dir = ResultsRootFixture.trained(root, job, ResultsRootFixture.paperSpec(
                org.concretelab.model.Architecture.LINEAR_ONE, 1, "concrete"), 17, 50);
        assertEquals(17, runner.epochsDone(job));
        Files.writeString(dir.resolve("last.ckpt"), "not a checkpoint");
        assertEquals(0, runner.epochsDone(job), "unreadable: the run will say why; the estimate counts it whole");
    }

    @Test
    void stoppingTheRunnerKeepsTheTimeTheStoppedTrainingHadRun() throws Exception {
        SweepSpec longer = new SweepSpec(Map.of("units", List.of("8"), "hidden", List.of("16"), "batch", List.of("20"),
                "train-limit", List.of("200"), "val-limit", List.of("40"), "val-samples", List.of("5")), 10_000, 5, 100,
                List.of(1L));
        SweepJob job = longer.jobs().get(0);
        JobRunner runner = new JobRunner(root, longer, MnistFiles.defaultDir(), JobRunner.thisJvm("org.concretelab.Main"),
                Duration.ofSeconds(1));
        CompletableFuture<JobResult> run = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.run(job);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Path dir = root.resolve(job.id());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(dir.resolve("last.ckpt")) && System.nanoTime() < deadline) {
            Thread.sleep(100); // training, past its first epoch
        }
        assertTrue(Files.isRegularFile(dir.resolve("last.ckpt")), "the training did not start");
        runner.stopAll(); // as the sweep's shutdown hook calls it: the JVM may halt as soon as it returns
        Path seconds = dir.resolve(JobRunner.TRAIN_SECONDS);
        assertTrue(Files.isRegularFile(seconds), "the stopped attempt's seconds were not written before stopAll returned");
        assertTrue(Double.parseDouble(Files.readString(seconds).strip()) > 0);
        try {
            run.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException stopped) {
            // the job reports the stop (an interrupt), or a failed result: either way its checkpoint stays
        }
        SweepJob next = new SweepSpec(Map.of("units", List.of("9")), 1, 5, 100, List.of(1L)).jobs().get(0); // another folder
        JobRunner stopped = runner;
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class, () -> stopped.run(next),
                "a stopped runner starts no job (the sweep's workers would otherwise start the next ones while it stops)");
        assertTrue(!Files.exists(root.resolve(next.id())), "no folder for a job that never started");
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.junit.jupiter.api.Assertions.assertThrows(InterruptedException.class,
                () -> new LocalEngine(2).run(List.of(next), stopped, lines::add),
                "the engine passes the stop on (no failed rows, so the sweep writes no tables of jobs it did not run)");
        assertTrue(lines.stream().noneMatch(l -> l.contains("failed")), lines.toString());
        assertTrue(lines.stream().noneMatch(l -> l.contains("started")),
                "a job queued behind the stop is not announced as started: " + lines);
    }

    @Test
    void aFolderNeverReleasedFailsTheJobNamingItsHolder() throws Exception {
        SweepJob job = SPEC.jobs().get(0);
        try (RunFolder held = RunFolder.forNewRun(root.resolve(job.id()), false)) {
            JobResult r = runner(Duration.ofSeconds(1)).run(job);
            assertEquals(JobResult.Status.FAILED, r.status());
            assertTrue(r.message().contains("stayed in use by another training (this process, pid " + ProcessHandle.current().pid()
                    + ") for 1 s; stop it, then run the sweep again"), r.message());
        }
    }
}
