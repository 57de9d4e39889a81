package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                hidden: 16
                batch: 20
                train-limit: 200
                val-limit: 40
                val-samples: 5
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
