package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.concretelab.model.Architecture;
import org.concretelab.train.RunFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results root read back: a finished sweep's (its table gives the grid's order and options), a sweep's still running
 * (no table yet; a job training, one waiting, one stopped), and folders that are no results root, refused by name.
 */
class ResultsRootTest {
    @TempDir
    Path dir;

    /**
     * An earlier build wrote "… EMA-centred" into its results for the centring it had (every network reading a
     * stochastic layer); the tab names the model from its checkpoint, so that centring is not shown as the paper's.
     */
    @Test
    void aJobOfAnEarlierCentringIsNamedFromItsCheckpoint() throws Exception {
        org.concretelab.model.ModelSpec old = ResultsRootFixture.paperSpec(Architecture.NONLINEAR_ONE, 1, "concrete")
                .withCentring(org.concretelab.model.Centring.EVERY_READER);
        SweepJob job = ResultsRootFixture.job(Architecture.NONLINEAR_ONE, 1, "concrete");
        Path folder = ResultsRootFixture.trained(dir, job, old, 2, 2);
        new JobResult(job.id(), JobResult.Status.DONE, "200H~784V binary m=1 EMA-centred", 99, 92.1, 50, 500, 2, 25, 3, "")
                .write(folder);
        ResultsRoot.Job j = ResultsRoot.read(dir).jobs().get(0);
        assertEquals("200H~784V binary m=1 EMA-centred (every reader, before 2026-12-07 12:50 UTC)", j.model());
    }

    @Test
    void aFinishedRootReadsInTheTablesOrderWithEveryState() throws Exception {
        ResultsRootFixture.table1(dir);
        ResultsRoot r = ResultsRoot.read(dir);
        assertTrue(r.tableWritten());
        assertFalse(r.sweepRunning());
        assertEquals(List.of("arch", "samples", "estimator"), r.optionKeys());
        assertEquals(15, r.jobs().size());
        assertEquals(10, r.count(ResultsRoot.State.DONE));
        assertEquals(4, r.count(ResultsRoot.State.INVALID));
        assertEquals(1, r.count(ResultsRoot.State.FAILED));
        ResultsRoot.Job first = r.jobs().get(0);
        assertEquals("arch=200H-784V_samples=1_estimator=concrete_seed=1", first.id());
        assertEquals(Map.of("arch", "200H-784V", "samples", "1", "estimator", "concrete"), first.options());
        assertEquals(1, first.seed());
        assertEquals(ResultsRoot.State.DONE, first.state());
        assertEquals(100, first.nll(), 1e-9);
        assertEquals(107.3, first.paperNll(), 1e-9);
        assertEquals(100 - 107.3, first.difference(), 1e-9);
        assertEquals(50, first.k());
        assertEquals(500, first.images());
        assertEquals(2, first.epochs());
        assertEquals(28, first.wallSeconds(), 1e-9, "training and evaluation");
        assertEquals("200H-784V binary m=1", first.model());
        assertEquals(ResultsRootFixture.paperSpec(Architecture.LINEAR_ONE, 1, "concrete"), first.spec());
        assertTrue(first.checkpoint().isPresent() && first.hasCurves());
        ResultsRoot.Job invalid = r.jobs().get(2);
        assertEquals(ResultsRoot.State.INVALID, invalid.state());
        assertTrue(invalid.note().contains("samples must be at least 2 for the vimco estimator"), invalid.note());
        assertNull(invalid.spec());
        assertTrue(invalid.checkpoint().isEmpty());
        assertTrue(Double.isNaN(invalid.nll()));
        ResultsRoot.Job failed = r.jobs().get(14);
        assertEquals(ResultsRoot.State.FAILED, failed.state());
        assertEquals("arch=200H-784V_samples=5_estimator=vimco_seed=1", failed.id());
        assertEquals("the trained model scores a non-finite NLL", failed.note());
        assertEquals(1, failed.epochs());
        assertEquals(3, failed.epochsAsked());
    }

    @Test
    void aRootWhoseSweepStillRunsShowsWhatIsThere() throws Exception {
        SweepJob doneJob = ResultsRootFixture.job(Architecture.NONLINEAR_ONE, 1, "concrete");
        SweepJob training = ResultsRootFixture.job(Architecture.NONLINEAR_ONE, 1, "nvil");
        SweepJob stopped = ResultsRootFixture.job(Architecture.NONLINEAR_TWO, 1, "concrete");
        ResultsRootFixture.done(dir, doneJob, ResultsRootFixture.paperSpec(Architecture.NONLINEAR_ONE, 1, "concrete"), 2, 120);
        Path busy = ResultsRootFixture.trained(dir, training, ResultsRootFixture.paperSpec(Architecture.NONLINEAR_ONE, 1, "nvil"), 1, 3);
        Path idle = ResultsRootFixture.trained(dir, stopped, ResultsRootFixture.paperSpec(Architecture.NONLINEAR_TWO, 1, "concrete"), 2, 3);
        ResultsRootFixture.age(idle);
        ResultsRootFixture.age(busy);
        // the job's training holds its run folder's lock, as train does while it runs
        try (FileChannel trainLock = FileChannel.open(busy.resolve(RunFolder.LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var held = trainLock.lock()) {
            ResultsRoot r = ResultsRoot.read(dir);
            assertFalse(r.tableWritten(), "the sweep writes its table at its end");
            assertFalse(r.sweepRunning());
            assertEquals(List.of("arch", "samples", "estimator"), r.optionKeys(), "read from the folders' names");
            ResultsRoot.Job running = find(r, training);
            assertEquals(ResultsRoot.State.RUNNING, running.state(), running.note());
            assertEquals("training (1 of 3 epochs)", running.note());
            assertEquals(1, running.epochs());
            assertEquals(93.8, running.paperNll(), 1e-9, "the paper's figure of the model its checkpoint records");
            assertEquals(12.5, running.wallSeconds(), 1e-9, "training so far");
            ResultsRoot.Job rest = find(r, stopped);
            assertEquals(ResultsRoot.State.STOPPED, rest.state());
            assertTrue(rest.note().startsWith("stopped (2 of 3 epochs); running the sweep again resumes it"), rest.note());
            assertEquals(ResultsRoot.State.DONE, find(r, doneJob).state());
        }
        // the sweep holds its root: a job not training waits for its turn; one trained to its length is being scored
        try (FileChannel c = FileChannel.open(dir.resolve(ResultsRoot.SWEEP_LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = c.lock()) {
            ResultsRoot r = ResultsRoot.read(dir);
            assertTrue(r.sweepRunning());
            ResultsRoot.Job waiting = find(r, stopped);
            assertEquals(ResultsRoot.State.QUEUED, waiting.state());
            assertTrue(waiting.note().startsWith("waiting for its turn in the running sweep (2 of 3 epochs"), waiting.note());
            ResultsRootFixture.trained(dir, stopped, ResultsRootFixture.paperSpec(Architecture.NONLINEAR_TWO, 1, "concrete"), 3, 3);
            ResultsRoot.Job scoring = find(ResultsRoot.read(dir), stopped);
            assertEquals(ResultsRoot.State.RUNNING, scoring.state());
            assertEquals("trained (3 of 3 epochs); being scored on the test set", scoring.note());
        }
        assertEquals(ResultsRoot.State.STOPPED, find(ResultsRoot.read(dir), training).state(), "its lock is gone");
    }

    @Test
    void aCheckpointWhoseHeaderIsAZipBombIsReadAsNoHeaderWithoutTheMemory() throws Exception {
        SweepJob stopped = ResultsRootFixture.job(Architecture.NONLINEAR_TWO, 1, "concrete");
        Path folder = ResultsRootFixture.trained(dir, stopped, ResultsRootFixture.paperSpec(Architecture.NONLINEAR_TWO, 1, "concrete"), 2, 3);
        org.concretelab.train.CheckpointBombTest.bomb(folder.resolve(RunFolder.LAST), "checkpoint.json", null);
        ResultsRootFixture.age(folder);
        ResultsRoot[] r = new ResultsRoot[1];
        long bytes = org.concretelab.train.CheckpointBombTest.allocated(() -> {
            try {
                r[0] = ResultsRoot.read(dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(bytes < 32L << 20, "read after allocating " + (bytes >> 20) + " MB");
        ResultsRoot.Job job = find(r[0], stopped);
        assertNull(job.spec(), "no header read from the bomb");
        assertEquals(ResultsRoot.State.STOPPED, job.state(), job.note());
    }

    @Test
    void aJobWhoseFilesJustChangedCountsAsRunningWithoutALock() throws Exception {
        SweepJob job = ResultsRootFixture.job(Architecture.LINEAR_TWO, 1, "concrete");
        ResultsRootFixture.trained(dir, job, ResultsRootFixture.paperSpec(Architecture.LINEAR_TWO, 1, "concrete"), 1, 4);
        ResultsRoot.Job j = find(ResultsRoot.read(dir), job);
        assertEquals(ResultsRoot.State.RUNNING, j.state(), "e.g. on a cluster's executor, whose lock this machine cannot see");
        assertTrue(j.note().startsWith("active: its files changed"), j.note());
    }

    @Test
    void foldersThatAreNoResultsRootAreRefusedSayingWhatTheyAre() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        String none = assertThrows(ResultsRoot.NotAResultsRootException.class, () -> ResultsRoot.read(empty)).getMessage();
        assertTrue(none.contains("holds no sweep results") && none.contains("--root"), none);
        Path job = Files.createDirectories(dir.resolve("root"));
        ResultsRootFixture.invalid(job, ResultsRootFixture.job(Architecture.LINEAR_ONE, 1, "vimco"), "no");
        Path oneJob = job.resolve(ResultsRootFixture.job(Architecture.LINEAR_ONE, 1, "vimco").id());
        String jobFolder = assertThrows(ResultsRoot.NotAResultsRootException.class, () -> ResultsRoot.read(oneJob)).getMessage();
        assertTrue(jobFolder.contains("is one job's folder") && jobFolder.contains(job.toAbsolutePath().toString()), jobFolder);
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("training.csv"), "step\n");
        String runFolder = assertThrows(ResultsRoot.NotAResultsRootException.class, () -> ResultsRoot.read(run)).getMessage();
        assertTrue(runFolder.contains("a training run's folder") && runFolder.contains("Training tab"), runFolder);
        Path file = Files.writeString(dir.resolve("results.csv"), "x");
        assertTrue(assertThrows(ResultsRoot.NotAResultsRootException.class, () -> ResultsRoot.read(file)).getMessage()
                .contains("is a file"));
        assertTrue(assertThrows(ResultsRoot.NotAResultsRootException.class, () -> ResultsRoot.read(dir.resolve("gone")))
                .getMessage().contains("does not exist"));
        Path badTable = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(badTable.resolve("results.csv"), "name,value\na,1\n");
        assertTrue(assertThrows(ResultsRoot.NotAResultsRootException.class, () -> ResultsRoot.read(badTable)).getMessage()
                .contains("is not a sweep's results table"));
    }

    @Test
    void aJobsOptionsComeFromItsFolderName() {
        assertEquals(Map.of("arch", "200H~784V", "lr", "1e-3", "seed", "2"), ResultsRoot.parseId("arch=200H~784V_lr=1e-3_seed=2"));
        assertEquals(Map.of("note", "a_b", "train-limit", "200", "seed", "1"), ResultsRoot.parseId("note=a_b_train-limit=200_seed=1"),
                "a value may hold '_'");
    }

    @Test
    void theKernelsLockListIsRead() throws Exception {
        Path list = Files.writeString(dir.resolve("locks"), """
                1: POSIX  ADVISORY  WRITE 12719 fe:00:2154690 0 EOF
                2: FLOCK  ADVISORY  WRITE 12698 fe:00:77 0 EOF
                """);
        Path f = Files.writeString(dir.resolve("f"), "");
        long ino = ((Number) Files.getAttribute(f, "unix:ino")).longValue();
        assertEquals(ino == 2154690 || ino == 77, LockTable.from(list).held(f));
        Path mine = Files.writeString(dir.resolve("mine"), "");
        long inode = ((Number) Files.getAttribute(mine, "unix:ino")).longValue();
        Path withMine = Files.writeString(dir.resolve("locks2"), "3: POSIX  ADVISORY  WRITE 1 fe:00:" + inode + " 0 EOF\n");
        assertTrue(LockTable.from(withMine).held(mine));
        assertFalse(LockTable.from(withMine).held(dir.resolve("absent")));
    }

    private static ResultsRoot.Job find(ResultsRoot r, SweepJob job) {
        ResultsRoot.Job j = r.jobs().stream().filter(x -> x.id().equals(job.id())).findFirst().orElse(null);
        assertNotNull(j, job.id());
        return j;
    }
}
