package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --estimator disarm}: a run of its own, and a refusal naming the option where it does not apply. */
class DisArmTrainTest {
    @TempDir
    Path dir;

    @Test
    void trainRunsWithDisarm() throws Exception {
        Path out = dir.resolve("run");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(log, "train", "--estimator", "disarm", "--epochs", "1", "--train-limit", "500",
                "--val-limit", "50", "--threads", "2", "--out", out.toString(), "--quiet"), log.toString());
        List<String> rows = Files.readAllLines(out.resolve("training.csv"));
        assertTrue(rows.get(0).contains("discrete_elbo"), rows.get(0));
        assertTrue(rows.size() > 1, "steps were logged");
    }

    @Test
    void categoricalLatentsAreRefusedNamingTheEstimator() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(log, "train", "--estimator", "disarm", "--latent", "categorical", "--classes", "4",
                "--out", dir.resolve("no").toString(), "--quiet"), log.toString());
        assertTrue(log.toString().contains("--estimator") && log.toString().contains("binary latents only"), log.toString());
    }
}
