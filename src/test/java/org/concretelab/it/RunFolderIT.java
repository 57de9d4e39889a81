package org.concretelab.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real training processes: one folder is held by one run at a time; default folders never collide. */
class RunFolderIT {
    @TempDir
    Path dir;

    private static String[] small(String... more) {
        List<String> a = new java.util.ArrayList<>(List.of("train", "--train-limit", "500", "--val-limit", "50",
                "--val-samples", "2", "--quiet", "--data", JarProcess.mnistDir().toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void aSecondRunOnAFolderInUseIsRefusedNamingTheHolder() throws Exception {
        Path run = dir.resolve("run");
        try (JarProcess first = JarProcess.startDirect(dir, small("--epochs", "500", "--out", run.toString()))) {
            while (!Files.exists(run.resolve("training.csv"))) {
                assertTrue(first.process().isAlive(), first.stderr());
                Thread.sleep(20);
            }
            try (JarProcess second = JarProcess.startDirect(dir, small("--epochs", "1", "--out", run.toString(), "--overwrite"))) {
                assertEquals(1, second.waitFor(Duration.ofMinutes(1)), second.stdout() + second.stderr());
                assertTrue(second.stderr().contains("is in use by another training run (process " + first.pid() + ")"),
                        second.stderr());
            }
            assertTrue(first.process().isAlive(), "the first run goes on");
            first.process().destroyForcibly();
            first.waitFor(Duration.ofSeconds(30));
        }
        // a killed holder leaves no stale lock: the OS released it with the process
        try (JarProcess third = JarProcess.startDirect(dir, small("--epochs", "1", "--out", run.toString(), "--overwrite"))) {
            assertEquals(0, third.waitFor(Duration.ofMinutes(2)), third.stdout() + third.stderr());
        }
    }

    @Test
    void runsStartedTogetherWithoutOutGetTheirOwnFolders() throws Exception {
        try (JarProcess a = JarProcess.startDirect(dir, small("--epochs", "1"));
             JarProcess b = JarProcess.startDirect(dir, small("--epochs", "1"))) {
            assertEquals(0, a.waitFor(Duration.ofMinutes(2)), a.stderr());
            assertEquals(0, b.waitFor(Duration.ofMinutes(2)), b.stderr());
            String outA = a.stdout().lines().filter(l -> l.startsWith("Output: ")).findFirst().orElseThrow();
            String outB = b.stdout().lines().filter(l -> l.startsWith("Output: ")).findFirst().orElseThrow();
            assertNotEquals(outA, outB);
        }
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            List<Path> folders = runs.toList();
            assertEquals(2, folders.size(), folders.toString());
            for (Path f : folders) {
                assertTrue(Files.exists(f.resolve("last.ckpt")), f.toString());
            }
        }
    }

    /** Ctrl+C (SIGINT) or SIGTERM: the run stops at the next step, saves, and says where and how to continue. */
    @Test
    void aStoppedProcessSaysWhereItsCheckpointIs() throws Exception {
        Path run = dir.resolve("run");
        try (JarProcess p = JarProcess.startDirect(dir, small("--epochs", "500", "--out", run.toString()))) {
            while (!Files.exists(run.resolve("last.ckpt"))) { // an epoch is 5 steps: soon
                assertTrue(p.process().isAlive(), p.stderr());
                Thread.sleep(20);
            }
            p.process().destroy(); // SIGTERM, as the launcher forwards and as Ctrl+C's SIGINT is handled
            assertEquals(143, p.waitFor(Duration.ofSeconds(60)));
            String said = p.stdout();
            assertTrue(said.contains("interrupted: stopped at step ") && said.contains("last good checkpoint: "
                    + run.resolve("last.ckpt").toAbsolutePath() + "; continue with: train --resume"), said);
            long step = Long.parseLong(said.substring(said.indexOf("stopped at step ") + 16).split(";")[0].trim());
            assertEquals(step, org.concretelab.train.Checkpoints.load(run.resolve("last.ckpt")).step(),
                    "the checkpoint holds the step the message names");
        }
    }
}
