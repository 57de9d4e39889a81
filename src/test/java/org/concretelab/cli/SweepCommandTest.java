package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.concretelab.sweep.JobResult;
import org.concretelab.train.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny sweep run for real: its jobs train in child JVMs two at a time, an option combination train refuses ends
 * as invalid with train's reason, a second run skips what is done, and a longer sweep resumes each job from its
 * checkpoint instead of starting over.
 */
class SweepCommandTest {
    @TempDir
    Path dir;

    @Test
    void aTinySweepTrainsScoresSkipsAndResumes() throws Exception {
        Path file = dir.resolve("tiny.sweep");
        String grid = """
                units: 8, 16
                estimator: concrete, vimco   # vimco needs m >= 2: invalid here
                """ + CliRun.TINY_JOB + """
                eval-k: 5
                eval-limit: 100
                """;
        Files.writeString(file, grid + "epochs: 1\n");
        Path root = dir.resolve("results");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(4, CliRun.run(log, "sweep", file.toString(), "--root", root.toString(), "--parallel", "2"),
                "exit 4: not every job is done\n" + log);
        String out = log.toString();
        assertTrue(out.contains("Sweep " + file + ": 4 jobs (1 epochs each, test NLL at k = 5), 2 at a time"), out);
        assertTrue(out.contains("Cost estimate (approximate") && out.contains("2 jobs to run, 1 epochs each")
                && out.contains("; 2 that train refuses cost nothing") && out.contains("on this machine at 2 jobs at a time"), out);
        assertTrue(out.indexOf("Cost estimate") < out.indexOf(": started"), "the estimate comes before the jobs start\n" + out);
        List<String> rows = Files.readAllLines(root.resolve("results.csv"));
        assertEquals(5, rows.size(), String.join("\n", rows));
        assertTrue(rows.get(1).startsWith("units=8_estimator=concrete_hidden=16_batch=20_train-limit=200_val-limit=40_val-samples=5"
                + "_seed=1,8,concrete,16,20,200,40,5,1,done,"), rows.get(1));
        assertTrue(rows.get(2).contains(",vimco,") && rows.get(2).contains(",invalid,")
                && rows.get(2).contains("samples must be at least 2 for the vimco estimator"), rows.get(2));
        assertTrue(rows.get(3).contains(",16,concrete,") && rows.get(3).contains(",done,"), rows.get(3));
        Path job = root.resolve("units=16_estimator=concrete_hidden=16_batch=20_train-limit=200_val-limit=40_val-samples=5_seed=1");
        JobResult first = JobResult.read(job).orElseThrow();
        assertEquals(1, first.epochs());
        assertEquals(100, first.images());
        assertTrue(first.nll() > 100 && first.nll() < 800, first.toString());
        assertTrue(Files.readString(job.resolve("train.log")).contains("Training "), "train's own output is kept");
        assertTrue(Files.readString(root.resolve("results.md")).contains("| 16 | concrete | 16 | 20 | 200 | 40 | 5 | 1 | **"));

        ByteArrayOutputStream again = new ByteArrayOutputStream();
        assertEquals(4, CliRun.run(again, "sweep", file.toString(), "--root", root.toString(), "--parallel", "2"), again.toString());
        assertEquals(2, again.toString().split("done before, skipped", -1).length - 1, again.toString());
        assertEquals(first, JobResult.read(job).orElseThrow(), "a finished job is left as it was");

        Files.writeString(file, grid + "epochs: 2\n");
        long stepsBefore = Checkpoints.load(job.resolve("last.ckpt")).step();
        ByteArrayOutputStream longer = new ByteArrayOutputStream();
        assertEquals(4, CliRun.run(longer, "sweep", file.toString(), "--root", root.toString(), "--parallel", "2"), longer.toString());
        JobResult second = JobResult.read(job).orElseThrow();
        assertEquals(2, second.epochs());
        assertEquals(2 * stepsBefore, Checkpoints.load(job.resolve("last.ckpt")).step(), "one more epoch on top of the first");
        assertTrue(second.trainSeconds() > first.trainSeconds(), "training time adds up over the runs");
        String trainLog = Files.readString(job.resolve("train.log"));
        assertEquals(2, trainLog.split("Training ", -1).length - 1, "trained twice: fresh, then resumed\n" + trainLog);
        assertTrue(trainLog.contains("sweep: resuming from last.ckpt at step " + stepsBefore + " (1 of 2 epochs done) on "),
                trainLog);
    }

    /** A wrong --data is said once, before any job starts (on a cluster every task would fail on it, four times). */
    @Test
    void aMissingMnistIsSaidBeforeAnyJobStarts() throws Exception {
        Path file = dir.resolve("one.sweep");
        Files.writeString(file, "units: 8\nepochs: 1\n");
        Path root = dir.resolve("r");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(1, CliRun.run(log, "sweep", file.toString(), "--root", root.toString(), "--data",
                dir.resolve("no-mnist").toString()), log.toString());
        assertTrue(log.toString().contains("error: ") && log.toString().contains(dir.resolve("no-mnist").toString()), log.toString());
        assertFalse(log.toString().contains("started"), log.toString());
        try (var files = Files.list(root)) {
            assertEquals(List.of(root.resolve(".sweep.lock")), files.toList(), "no job folder");
        }
    }

    /** Spark is the Spark build's: this jar says where to get it rather than failing on a missing class. */
    @Test
    void aSparkMasterAsksForTheSparkBuild() throws Exception {
        Path file = dir.resolve("one.sweep");
        Files.writeString(file, "units: 8\nepochs: 1\n");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(log, "sweep", file.toString(), "--root", dir.resolve("r").toString(), "--master", "local[2]"),
                log.toString());
        assertTrue(log.toString().contains("error: --master runs the sweep on Apache Spark, which this jar leaves out")
                && log.toString().contains("spark/target/concrete-explorer-spark.jar"), log.toString());
        assertTrue(Files.notExists(dir.resolve("r")), "nothing was started");
    }

    /** The paper's Table 1 grid, estimated and not run: hours at 100 epochs, far beyond one machine at the paper's length. */
    @Test
    void aDryRunOfTable1ListsItsJobsAndSaysWhatTheyCost() throws Exception {
        Path root = dir.resolve("table1");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "sweep", "sweeps/table1-density.sweep", "--root", root.toString(), "--parallel", "2",
                "--dry-run"), log.toString());
        String out = log.toString();
        assertTrue(out.contains("[36/36] arch=200H~200H~784V_samples=50_estimator=vimco_seed=1: about "), out);
        assertTrue(out.contains("[35/36] arch=200H~200H~784V_samples=50_estimator=nvil_seed=1\n"), "refused by train: no cost");
        String last = out.lines().filter(l -> l.startsWith("[36/36]")).findFirst().orElseThrow();
        String duration = "[\\d.]+ (s|min|hours)";
        assertTrue(last.matches(".*: about " + duration + " of one core \\(training and validation " + duration + ", scoring "
                + duration + "\\)"), last);
        assertTrue(out.contains("24 jobs to run, 100 epochs each") && out.contains("12 that train refuses cost nothing"), out);
        assertTrue(out.contains("At the paper's length (10^7 steps of 64 images) its 24 models here would take")
                && out.contains("far beyond one machine"), out);
        assertTrue(Files.notExists(root), "a dry run runs nothing");
    }

    /** The n-ary rows' sweep: three grids, one job each, every one a run train accepts, 240 wide. */
    @Test
    void theNaryRowsSweepIsThreeRunsTrainAccepts() throws Exception {
        Path root = dir.resolve("nary");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "sweep", "sweeps/nary-240.sweep", "--root", root.toString(), "--dry-run"), log.toString());
        String out = log.toString();
        assertTrue(out.contains("3 jobs (900 epochs each, test NLL at k = 5000)") && out.contains("3 jobs to run, 900 epochs each")
                && !out.contains("refuses"), out);
        assertTrue(out.contains("_units=240_seed=1: about ") && out.contains("_latent=corners_classes=4_units=120_seed=1: about ")
                && out.contains("_latent=corners_classes=8_units=80_seed=1: about "), out);
    }

    /**
     * A root whose folder holds a model with the old EMA centring: the sweep refuses that job, so the dry run neither counts
     * nor costs it, and says so.
     */
    @Test
    void aDryRunSaysWhichFoldersTheSweepRefuses() throws Exception {
        Path file = dir.resolve("centred.sweep");
        Files.writeString(file, "units: 8, 16\nhidden: 16\nema-centring: true\nepochs: 1\neval-k: 5\n");
        Path root = dir.resolve("root");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "sweep", file.toString(), "--root", root.toString(), "--dry-run"), log.toString());
        String job = log.toString().lines().filter(l -> l.startsWith("[1/2] ")).findFirst().orElseThrow().substring(6).split(": ")[0];
        assertTrue(log.toString().contains("2 jobs to run") && !log.toString().contains("refuses"), log.toString());
        Files.createDirectories(root.resolve(job));
        org.concretelab.sweep.ResultsRootFixture.oldCentringCheckpoint(root.resolve(job).resolve("last.ckpt"));
        log.reset();
        assertEquals(0, CliRun.run(log, "sweep", file.toString(), "--root", root.toString(), "--dry-run"), log.toString());
        String out = log.toString();
        assertTrue(out.contains("1 jobs to run") && out.contains("1 of these jobs' folders hold a model trained with the EMA"
                + " centring of builds before 2026-12-07 12:50 UTC: the sweep refuses those jobs"), out);
    }

    /** Two sweeps in one results root would train the same jobs in the same folders: the second is refused. */
    @Test
    void aSecondSweepInTheSameRootIsRefused() throws Exception {
        Path file = dir.resolve("one.sweep");
        Files.writeString(file, "units: 8\nepochs: 1\n");
        Path root = Files.createDirectories(dir.resolve("busy"));
        try (var channel = java.nio.channels.FileChannel.open(root.resolve(".sweep.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = channel.lock()) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            assertEquals(1, CliRun.run(log, "sweep", file.toString(), "--root", root.toString()), log.toString());
            assertTrue(log.toString().contains("error: another sweep is running in " + root.toAbsolutePath()), log.toString());
        }
        try (var files = Files.list(root)) {
            assertEquals(List.of(root.resolve(".sweep.lock")), files.toList(), "nothing was started");
        }
    }
}
