package org.concretelab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainEvalCommandTest {

    @Test
    void trainWritesLogsAndCheckpointThatEvalScores(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CliRun.run(out, "train", "--units", "20", "--hidden", "32", "--epochs", "2", "--batch", "50",
                "--train-limit", "200", "--val-limit", "50", "--val-samples", "5", "--out", dir.toString(), "--quiet");
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("epoch 2/2"), out.toString());
        assertEquals(9, Files.readAllLines(dir.resolve("training.csv")).size());
        ByteArrayOutputStream eval = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(eval, "eval", dir.resolve("last.ckpt").toString(), "-k", "10", "--limit", "30"), eval.toString());
        assertTrue(eval.toString().contains("discrete ELBO") && eval.toString().contains("test NLL (k=10)"), eval.toString());
    }

    @Test
    void aCornerModelTrainsAndIsScoredOnTheDiscreteGraph(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = CliRun.run(out, "train", "--latent", "corners", "-K", "4", "--units", "10", "--hidden", "32", "--epochs", "1",
                "--batch", "50", "--train-limit", "100", "--val-limit", "20", "--val-samples", "5", "--out", dir.toString(), "--quiet");
        assertEquals(0, code, out.toString());
        ByteArrayOutputStream eval = new ByteArrayOutputStream();
        assertEquals(0, CliRun.run(eval, "eval", dir.resolve("last.ckpt").toString(), "-k", "5", "--limit", "10"), eval.toString());
        assertTrue(eval.toString().contains("20H~784V 4-ary corners (10 units)") && eval.toString().contains("test NLL (k=5)"),
                eval.toString());
    }

    @Test
    void badOptionsAreRefusedWithExitCode2(@TempDir Path dir) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(out, "train", "--lambda1", "-1", "--out", dir.toString()));
        assertTrue(out.toString().contains("lambdaPosterior must be positive"), out.toString());
        ByteArrayOutputStream arch = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(arch, "train", "--arch", "300H", "--out", dir.toString()));
        assertTrue(arch.toString().contains("unknown '300H'"), arch.toString());
        ByteArrayOutputStream num = new ByteArrayOutputStream();
        assertEquals(2, CliRun.run(num, "train", "--batch", "many"));
    }

    @Test
    void evalOfADamagedCheckpointExplains(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.ckpt");
        Files.writeString(bad, "not a checkpoint");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(1, CliRun.run(out, "eval", bad.toString()));
        assertTrue(out.toString().contains("bad.ckpt"), out.toString());
    }
}
