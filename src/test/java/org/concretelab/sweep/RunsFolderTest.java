package org.concretelab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.concretelab.data.Binarization;
import org.concretelab.model.Architecture;
import org.concretelab.model.ModelSpec;
import org.concretelab.model.VaeModels;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.RunLog;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of training runs (runs/) read as a results root: one row per run, its options from its checkpoint's header. */
public class RunsFolderTest {
    @TempDir
    Path dir;

    /** A run folder as the app or {@code train} leaves it: last.ckpt after {@code trained} of {@code asked} epochs. */
    public static Path run(Path runs, String name, ModelSpec spec, int trained, int asked, long seed) throws IOException {
        Path folder = Files.createDirectories(runs.resolve(name));
        TrainingOptions o = new TrainingOptions(spec, 100, asked, seed, Binarization.DYNAMIC, 500, 100, 5, null, 0);
        Checkpoints.save(folder.resolve("last.ckpt"), new TrainingCheckpoint(o, VaeModels.create(spec, seed).state(),
                5L * trained, trained, 0));
        try (RunLog log = RunLog.open(folder, "relaxed_elbo")) {
            log.step(1, 0, -300, -310, 1000);
        }
        FileTime old = FileTime.from(Instant.now().minusSeconds(3600)); // not being written now
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.setLastModifiedTime(f, old);
            }
        }
        return folder;
    }

    @Test
    void aFolderOfRunsIsOneRowPerRunWithItsCheckpointsOptions() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        run(runs, "2026-12-06T10-00-00", ResultsRootFixture.paperSpec(Architecture.NONLINEAR_ONE, 1, "concrete"), 3, 3, 7);
        run(runs, "cli-vimco", ResultsRootFixture.paperSpec(Architecture.LINEAR_ONE, 5, "vimco"), 1, 4, 2);
        Files.createDirectories(runs.resolve("empty-folder")); // not a run: no row
        ResultsRoot root = ResultsRoot.read(runs);
        List<ResultsRoot.Job> jobs = root.jobs();
        assertEquals(2, jobs.size());
        ResultsRoot.Job done = jobs.get(0);
        assertEquals("2026-12-06T10-00-00", done.id());
        assertEquals(Architecture.NONLINEAR_ONE.label(), done.options().get("arch"));
        assertEquals("1", done.options().get("samples"));
        assertEquals("concrete", done.options().get("estimator"));
        assertEquals("100", done.options().get("batch"));
        assertEquals(7, done.seed());
        assertEquals(3, done.epochs());
        assertEquals(ResultsRoot.State.DONE, done.state(), "all its epochs trained: done, not stopped");
        assertTrue(done.note().startsWith("trained (3 of 3 epochs)"), done.note());
        assertTrue(root.runsFolder(), "read as a folder of runs");
        assertTrue(done.checkpoint().isPresent() && done.spec() != null);
        assertFalse(Double.isNaN(done.paperNll()), "the paper's figure for its model");
        ResultsRoot.Job stopped = jobs.get(1);
        assertEquals("vimco", stopped.options().get("estimator"));
        assertEquals("5", stopped.options().get("samples"));
        assertTrue(stopped.note().startsWith("stopped (1 of 4 epochs)"), stopped.note());
        assertEquals(ResultsRoot.State.STOPPED, stopped.state());
        assertTrue(root.optionKeys().containsAll(List.of("arch", "samples", "estimator", "lambda1", "lr")), root.optionKeys().toString());
        assertFalse(root.sweepRunning());
    }

    @Test
    void aRunBeingWrittenIsRunningAndAnUnreadableCheckpointIsSaid() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path live = run(runs, "live", ResultsRootFixture.paperSpec(Architecture.LINEAR_ONE, 1, "concrete"), 1, 5, 1);
        Files.setLastModifiedTime(live.resolve(RunLog.STEPS), FileTime.from(Instant.now()));
        Path broken = Files.createDirectories(runs.resolve("broken"));
        Files.writeString(broken.resolve("last.ckpt"), "not a checkpoint");
        Files.setLastModifiedTime(broken.resolve("last.ckpt"), FileTime.from(Instant.now().minusSeconds(3600)));
        List<ResultsRoot.Job> jobs = ResultsRoot.read(runs).jobs();
        assertEquals(2, jobs.size());
        assertEquals("broken", jobs.get(0).id());
        assertTrue(jobs.get(0).note().contains("its checkpoint cannot be read"), jobs.get(0).note());
        assertEquals(ResultsRoot.State.RUNNING, jobs.get(1).state());
    }

    @Test
    void aRunThatJustWroteItsLastEpochIsDoneNotRunning() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path finished = run(runs, "finished", ResultsRootFixture.paperSpec(Architecture.LINEAR_ONE, 1, "concrete"), 4, 4, 1);
        for (String f : List.of(RunLog.STEPS, "last.ckpt")) {
            Files.setLastModifiedTime(finished.resolve(f), FileTime.from(Instant.now())); // written a moment ago
        }
        ResultsRoot.Job job = ResultsRoot.read(runs).jobs().get(0);
        assertEquals(ResultsRoot.State.DONE, job.state(), "its last epoch is written and nothing holds its folder: " + job.note());
    }

    @Test
    void aSingleRunFolderIsStillRefusedWithItsAdvice() throws Exception {
        Path one = run(dir, "one", ResultsRootFixture.paperSpec(Architecture.LINEAR_ONE, 1, "concrete"), 1, 1, 1);
        String message = org.junit.jupiter.api.Assertions.assertThrows(ResultsRoot.NotAResultsRootException.class,
                () -> ResultsRoot.read(one)).getMessage();
        assertTrue(message.contains("a training run's folder"), message);
    }
}
