package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.concretelab.data.MnistFiles;
import org.concretelab.sweep.JobRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep stopped as a user (Ctrl+C) or a session's end (SIGTERM) stops it, in a real process: the running training
 * keeps its checkpoint, the queued jobs are neither started nor announced, no job is called failed, no results table is
 * written of a half-run sweep, and the sweep ends with one sentence saying how to continue — not a stack trace.
 */
class SweepStopTest {
    @TempDir
    Path dir;

    @Test
    void aStoppedSweepSaysHowToContinueAndStartsNothingMore() throws Exception {
        Path file = dir.resolve("long.sweep");
        Files.writeString(file, "units: 8, 9, 10\n" + CliRun.TINY_JOB + "eval-k: 5\nepochs: 100000\n");
        Path root = dir.resolve("results");
        Path out = dir.resolve("sweep.out");
        List<String> command = new ArrayList<>(JobRunner.thisJvm("org.concretelab.Main"));
        command.addAll(List.of("sweep", file.toString(), "--root", root.toString(), "--parallel", "1",
                "--data", MnistFiles.defaultDir().toAbsolutePath().toString(), "--progress", "0"));
        Process sweep = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            Path first = root.resolve("units=8_hidden=16_batch=20_train-limit=200_val-limit=40_val-samples=5_seed=1");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.isRegularFile(first.resolve("last.ckpt")) && System.nanoTime() < deadline && sweep.isAlive()) {
                Thread.sleep(100); // the first job is training, past its first epoch
            }
            assertTrue(Files.isRegularFile(first.resolve("last.ckpt")), "the first job did not train:\n" + Files.readString(out));
            sweep.destroy(); // SIGTERM, as Ctrl+C or the end of a session
            assertTrue(sweep.waitFor(90, TimeUnit.SECONDS), "the sweep did not stop");
        } finally {
            sweep.destroyForcibly();
        }
        String log = Files.readString(out);
        assertTrue(log.contains("sweep stopped: the trainings kept their checkpoints; run the same command to continue"), log);
        assertFalse(log.contains("Exception") || log.contains("\tat "), "no stack trace:\n" + log);
        assertFalse(log.contains("failed"), "a stopped training is not a failed job:\n" + log);
        assertEquals(1, log.lines().filter(l -> l.endsWith(": started")).count(), "only the first job started:\n" + log);
        assertFalse(Files.exists(root.resolve("results.csv")), "no table of a half-run sweep");
        try (var folders = Files.list(root)) {
            assertEquals(1, folders.filter(Files::isDirectory).count(), "no folder for a job that never started");
        }
        assertTrue(Files.isRegularFile(root.resolve("units=8_hidden=16_batch=20_train-limit=200_val-limit=40_val-samples=5_seed=1")
                .resolve("train-seconds.txt")), "the stopped training's time is kept");
    }
}
