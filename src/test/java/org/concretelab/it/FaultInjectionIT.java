package org.concretelab.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.concretelab.model.ModelState;
import org.concretelab.train.Checkpoints;
import org.concretelab.train.TrainingCheckpoint;
import org.concretelab.train.RunLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training process killed (SIGKILL) at random moments and resumed each time ends exactly where an
 * uninterrupted run ends: same parameters, every step and epoch logged once, no temp files left.
 */
class FaultInjectionIT {
    private static final int EPOCHS = 10;
    private static final int STEPS = EPOCHS * 100; // 10,000 images at batch 100: ≥ 6 s of training on any machine

    @TempDir
    Path dir;

    private List<String> train(String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--epochs", Integer.toString(EPOCHS), "--train-limit", "10000",
                "--val-limit", "100", "--val-samples", "5", "--seed", "5", "--quiet", "--data", JarProcess.mnistDir().toString()));
        a.addAll(List.of(more));
        return a;
    }

    private static long rows(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(csv)) {
            return Math.max(0, lines.count() - 1);
        }
    }

    private static List<Long> firstColumn(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv).stream().filter(l -> !RunLog.isComment(l)).toList(); // run header
        return lines.subList(1, lines.size()).stream().map(l -> Long.parseLong(l.split(",")[0])).toList();
    }

    @Test
    void killedAtRandomAndResumedEqualsAnUninterruptedRun() throws Exception {
        Path run = dir.resolve("run");
        Random random = new Random(20261126L);
        int kills = 0;
        List<String> log = new ArrayList<>();
        while (true) {
            boolean resumable = Files.exists(run.resolve("last.ckpt"));
            List<String> args = resumable ? List.of("train", "--resume", run.resolve("last.ckpt").toString(), "--quiet",
                    "--data", JarProcess.mnistDir().toString())
                    : train("--out", run.toString(), "--overwrite");
            try (JarProcess p = JarProcess.startDirect(dir, args.toArray(String[]::new))) {
                if (kills < 4) {
                    // a random moment of the training proper (the steps are logged in 8 KB bursts, too coarse to aim by)
                    while (p.process().isAlive() && !p.stdout().contains("Output: ")) {
                        Thread.sleep(5);
                    }
                    Thread.sleep(random.nextInt(2000));
                    if (p.process().isAlive()) {
                        p.process().destroyForcibly(); // SIGKILL: no shutdown hook, no final checkpoint
                        p.waitFor(Duration.ofSeconds(30));
                        kills++;
                        log.add("killed after " + rows(run.resolve("training.csv")) + " logged steps"
                                + (resumable ? " (a resumed run)" : ""));
                        continue;
                    }
                }
                int rc = p.waitFor(Duration.ofMinutes(3));
                assertEquals(0, rc, "the last resume finishes: " + p.stdout() + p.stderr() + "\n" + log);
                log.add("finished: " + p.stdout().lines().reduce((a, b) -> b).orElse(""));
                break;
            }
        }
        assertEquals(4, kills, log.toString());
        System.out.println("FaultInjectionIT: " + log);

        Path reference = dir.resolve("reference");
        try (JarProcess p = JarProcess.startDirect(dir, train("--out", reference.toString()).toArray(String[]::new))) {
            assertEquals(0, p.waitFor(Duration.ofMinutes(3)), p.stderr());
        }
        TrainingCheckpoint resumed = Checkpoints.load(run.resolve("last.ckpt"));
        TrainingCheckpoint whole = Checkpoints.load(reference.resolve("last.ckpt"));
        assertEquals(STEPS, resumed.step());
        assertEquals(whole.step(), resumed.step());
        for (var e : whole.model().arrays().entrySet()) {
            ModelState.NamedArray other = resumed.model().arrays().get(e.getKey());
            assertArrayEquals(e.getValue().values(), other.values(), e.getKey() + " differs after " + log);
        }
        assertEquals(LongStream.rangeClosed(1, STEPS).boxed().toList(), firstColumn(run.resolve("training.csv")),
                "one row per step: " + log);
        assertEquals(LongStream.rangeClosed(1, EPOCHS).boxed().toList(), firstColumn(run.resolve("epochs.csv")));
        try (Stream<Path> files = Files.list(run)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temp files left");
        }
    }
}
